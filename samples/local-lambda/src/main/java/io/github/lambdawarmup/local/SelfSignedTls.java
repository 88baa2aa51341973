package io.github.lambdawarmup.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate for the loopback interface, made when the service starts with the JDK's own
 * {@code keytool}, and the trust in it that a client needs: each connection to the service then pays a
 * real TLS handshake, as it does against Lambda. RSA 2048, as Amazon's certificates are.
 */
final class SelfSignedTls {

	private static final char[] PASSWORD = "local-lambda".toCharArray();

	private final SSLContext serverContext;

	private final Certificate certificate;

	private SelfSignedTls(SSLContext serverContext, Certificate certificate) {
		this.serverContext = serverContext;
		this.certificate = certificate;
	}

	static SelfSignedTls create() {
		Path directory = null;
		try {
			directory = Files.createTempDirectory("local-lambda-tls");
			Path keyStoreFile = directory.resolve("local-lambda.p12");
			Process keytool = new ProcessBuilder(List.of(
					Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias",
					"local-lambda", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname",
					"CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-keystore", keyStoreFile.toString(),
					"-storetype", "PKCS12", "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
				.redirectErrorStream(true)
				.start();
			String output = new String(keytool.getInputStream().readAllBytes());
			if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
				throw new IllegalStateException("keytool could not make the local certificate: " + output);
			}
			KeyStore keys = KeyStore.getInstance("PKCS12");
			try (InputStream in = Files.newInputStream(keyStoreFile)) {
				keys.load(in, PASSWORD);
			}
			KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(keys, PASSWORD);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keyManagers.getKeyManagers(), null, null);
			return new SelfSignedTls(context, keys.getCertificate("local-lambda"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		finally {
			deleteQuietly(directory);
		}
	}

	SSLContext serverContext() {
		return this.serverContext;
	}

	Certificate certificate() {
		return this.certificate;
	}

	/** Trust managers that trust this certificate and no other. */
	TrustManager[] trustManagers() {
		return trustManagersFor(this.certificate);
	}

	static TrustManager[] trustManagersFor(Certificate certificate) {
		return trustFor(certificate).getTrustManagers();
	}

	static TrustManagerFactory trustFor(Certificate certificate) {
		try {
			KeyStore trusted = KeyStore.getInstance("PKCS12");
			trusted.load(null, null);
			trusted.setCertificateEntry("local-lambda", certificate);
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(trusted);
			return factory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void deleteQuietly(Path directory) {
		if (directory == null) {
			return;
		}
		try (var files = Files.list(directory)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				Files.deleteIfExists(file);
			}
			Files.deleteIfExists(directory);
		}
		catch (IOException ex) {
			// A temporary directory left behind is harmless.
		}
	}

}
