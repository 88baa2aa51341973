package io.github.lambdawarmup.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import io.netty.handler.ssl.SslProvider;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.crt.AwsCrtAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;

import io.github.lambdawarmup.fanout.BenchmarkInvokers;
import io.github.lambdawarmup.fanout.FanOutHttpClientCustomizer;
import io.github.lambdawarmup.fanout.LambdaInvoker;
import io.github.lambdawarmup.local.LocalLambda;
import io.github.lambdawarmup.local.LocalLambdaClients;

/**
 * The AWS SDK's Lambda client pointed at local-lambda, as the starter's auto-configuration builds it:
 * a connection per warm-up in flight, no retries, and over HTTPS the trust of local-lambda's
 * certificate.
 */
final class LocalClients {

	// The starter's default warmup.fan-out.invocation-timeout, which it also gives a connection to open.
	private static final Duration INVOCATION_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Credentials like those of a Lambda function's execution role, which a warmer in Lambda signs with:
	 * temporary, with a session token of about a thousand characters that every warm-up carries in its
	 * {@code X-Amz-Security-Token} header and every signature covers. Keys without a token would make each
	 * request a kilobyte shorter to sign, encrypt and send than in Lambda. The values are made up; the
	 * simulator checks no signature.
	 */
	static final AwsCredentialsProvider ROLE_CREDENTIALS = StaticCredentialsProvider
		.create(AwsSessionCredentials.create("ASIABENCHMARKEXAMPLE", "benchmark/secret/access/key/of/40/chars.",
				sessionToken(1040)));

	private LocalClients() {
	}

	/** The SDK's service client, for calls other than a fan-out's. */
	static LambdaAsyncClient lambda(URI endpoint, TrustManager @Nullable [] trust, int maxConcurrency) {
		return LocalLambdaClients.asyncClient(endpoint)
			.overrideConfiguration((o) -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
			.httpClientBuilder(http(trust, maxConcurrency))
			.build();
	}

	/**
	 * What the starter sends a fan-out's warm-ups with: signed requests over its own connections, with the
	 * JDK's TLS, which an application without netty-tcnative gets.
	 */
	static LambdaInvoker invoker(URI endpoint, @Nullable Certificate certificate) {
		return ownConnections(endpoint, certificate, SslProvider.JDK);
	}

	/** The same, with a choice of TLS implementation: the JDK's, or BoringSSL through netty-tcnative. */
	static LambdaInvoker ownConnections(URI endpoint, @Nullable Certificate certificate, SslProvider tls) {
		return BenchmarkInvokers.ownConnections(ROLE_CREDENTIALS, Region.US_EAST_1, endpoint,
				INVOCATION_TIMEOUT, trust(certificate), tls);
	}

	/**
	 * What the starter sends with when the application customizes the SDK's HTTP client: signed requests through
	 * the SDK's Netty client, with the JDK's TLS or BoringSSL.
	 */
	static LambdaInvoker sdkNettyInvoker(URI endpoint, Certificate certificate, int maxConcurrency, SslProvider tls) {
		NettyNioAsyncHttpClient.Builder http = http(null, maxConcurrency).sslProvider(tls);
		// The trust the starter gives that client.
		FanOutHttpClientCustomizer.rememberingTrust(trust(certificate)).customize(http);
		return LambdaInvoker.signedRequests(http.build(), ROLE_CREDENTIALS, Region.US_EAST_1, endpoint);
	}

	// Base64, as an STS session token is; the same in every run.
	private static String sessionToken(int length) {
		byte[] bytes = new byte[length * 3 / 4];
		new Random(length).nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes).substring(0, length);
	}

	// Trust in one certificate, or the JVM's own when there is none.
	private static @Nullable TrustManagerFactory trust(@Nullable Certificate certificate) {
		return (certificate != null) ? LocalLambda.trustFor(certificate) : null;
	}

	/**
	 * The same through the AWS CRT-based HTTP client (TLS by s2n, HTTP in native code), trusting the certificate
	 * through the JVM's trust store properties, the only trust the CRT client takes.
	 */
	static LambdaInvoker crtInvoker(URI endpoint, Certificate certificate, int maxConcurrency) {
		trustThroughSystemProperties(certificate);
		return LambdaInvoker.signedRequests(AwsCrtAsyncHttpClient.builder()
			.maxConcurrency(Math.max(maxConcurrency, 50))
			.connectionAcquisitionTimeout(Duration.ofSeconds(60))
			.useTrustStoreSystemProperties(true)
			.build(), ROLE_CREDENTIALS, Region.US_EAST_1, endpoint);
	}

	private static void trustThroughSystemProperties(Certificate certificate) {
		try {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			store.setCertificateEntry("simulator", certificate);
			Path file = Files.createTempFile("simulator-trust", ".p12");
			file.toFile().deleteOnExit();
			char[] password = "benchmark".toCharArray();
			try (OutputStream out = Files.newOutputStream(file)) {
				store.store(out, password);
			}
			System.setProperty("javax.net.ssl.trustStore", file.toString());
			System.setProperty("javax.net.ssl.trustStorePassword", new String(password));
			System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("Cannot write a trust store for the CRT client", ex);
		}
	}

	private static NettyNioAsyncHttpClient.Builder http(TrustManager @Nullable [] trust, int maxConcurrency) {
		NettyNioAsyncHttpClient.Builder http = NettyNioAsyncHttpClient.builder()
			.maxConcurrency(Math.max(maxConcurrency, 50))
			.maxPendingConnectionAcquires(20_000)
			.connectionMaxIdleTime(Duration.ofSeconds(60))
			.connectionTimeout(INVOCATION_TIMEOUT)
			.tlsNegotiationTimeout(INVOCATION_TIMEOUT);
		if (trust != null) {
			http.tlsTrustManagersProvider(() -> trust);
		}
		return http;
	}

}
