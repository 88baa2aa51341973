package io.github.lambdawarmup.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The HTTPS endpoint's certificates, made in the process when the service starts: a root that clients
 * trust, an intermediate CA it signed, and the service's own certificate for the loopback interface, which
 * the intermediate signed. The service sends its certificate and the intermediate, so that a client checks
 * a path of two signatures on each connection, as it does against Lambda's endpoint, whose certificate
 * Amazon Trust Services issues from an intermediate under one of its roots. RSA 2048, as Amazon's are.
 */
final class ServiceCertificates {

	private static final char[] PASSWORD = "local-lambda".toCharArray();

	// Longer than any test or benchmark runs.
	private static final Duration VALIDITY = Duration.ofDays(2);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SSLContext serverContext;

	private final Certificate root;

	private ServiceCertificates(SSLContext serverContext, Certificate root) {
		this.serverContext = serverContext;
		this.root = root;
	}

	static ServiceCertificates create() {
		try {
			KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
			rsa.initialize(2048, RANDOM);
			KeyPair rootKeys = rsa.generateKeyPair();
			KeyPair intermediateKeys = rsa.generateKeyPair();
			KeyPair serviceKeys = rsa.generateKeyPair();
			Instant now = Instant.now();
			X500Name rootName = new X500Name("CN=local-lambda root CA,O=lambda-warmup");
			X500Name intermediateName = new X500Name("CN=local-lambda intermediate CA,O=lambda-warmup");
			X509Certificate root = sign(ca(rootName, rootKeys.getPublic(), rootName, rootKeys.getPublic(), now, 1),
					rootKeys.getPrivate());
			X509Certificate intermediate = sign(ca(intermediateName, intermediateKeys.getPublic(), rootName,
					rootKeys.getPublic(), now, 0), rootKeys.getPrivate());
			X509Certificate service = sign(service(intermediateName, intermediateKeys.getPublic(), serviceKeys.getPublic(),
					now), intermediateKeys.getPrivate());
			KeyStore keys = KeyStore.getInstance("PKCS12");
			keys.load(null, null);
			keys.setKeyEntry("local-lambda", serviceKeys.getPrivate(), PASSWORD,
					new Certificate[] { service, intermediate });
			KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(keys, PASSWORD);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keyManagers.getKeyManagers(), null, null);
			return new ServiceCertificates(context, root);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException | OperatorCreationException ex) {
			throw new IllegalStateException("Cannot make the local service's certificates", ex);
		}
	}

	private static X509v3CertificateBuilder ca(X500Name subject, PublicKey key, X500Name issuer, PublicKey issuerKey,
			Instant now, int pathLength) throws IOException, GeneralSecurityException {
		return builder(issuer, issuerKey, subject, key, now)
			.addExtension(Extension.basicConstraints, true, new BasicConstraints(pathLength))
			.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
	}

	private static X509v3CertificateBuilder service(X500Name issuer, PublicKey issuerKey, PublicKey key, Instant now)
			throws IOException, GeneralSecurityException {
		return builder(issuer, issuerKey, new X500Name("CN=localhost"), key, now)
			.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
			.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
			.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
			.addExtension(Extension.subjectAlternativeName, false,
					new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
							new GeneralName(GeneralName.dNSName, "localhost") }));
	}

	// What every certificate of the chain has: a serial number, two days of validity, and the key identifiers
	// that strict path validation (Python's OpenSSL with VERIFY_X509_STRICT among them) asks for.
	private static X509v3CertificateBuilder builder(X500Name issuer, PublicKey issuerKey, X500Name subject,
			PublicKey key, Instant now) throws IOException, GeneralSecurityException {
		JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
		return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).add(BigInteger.ONE),
				Date.from(now.minus(Duration.ofMinutes(1))), Date.from(now.plus(VALIDITY)), subject, key)
			.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(key))
			.addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(issuerKey));
	}

	private static X509Certificate sign(X509v3CertificateBuilder certificate, PrivateKey issuerKey)
			throws OperatorCreationException, GeneralSecurityException {
		return new JcaX509CertificateConverter()
			.getCertificate(certificate.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
	}

	SSLContext serverContext() {
		return this.serverContext;
	}

	/** The root of the chain: what a client trusts. */
	Certificate root() {
		return this.root;
	}

	/** Trust managers that trust the root of this chain and no other. */
	TrustManager[] trustManagers() {
		return trustManagersFor(this.root);
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

}
