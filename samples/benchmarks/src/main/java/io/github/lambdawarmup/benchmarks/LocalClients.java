package io.github.lambdawarmup.benchmarks;

import java.net.URI;

import javax.net.ssl.TrustManager;

import io.netty.handler.ssl.SslProvider;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;

import io.github.lambdawarmup.local.LocalLambdaClients;
import io.github.lambdawarmup.fanout.LambdaInvoker;

/**
 * The AWS SDK's Lambda client pointed at local-lambda, as the starter's auto-configuration builds it:
 * a connection per warm-up in flight, no retries, and over HTTPS the trust of local-lambda's
 * certificate.
 */
final class LocalClients {

	private LocalClients() {
	}

	/** The SDK's service client, for calls other than a fan-out's. */
	static LambdaAsyncClient lambda(URI endpoint, TrustManager @Nullable [] trust, int maxConcurrency) {
		return LocalLambdaClients.asyncClient(endpoint)
			.overrideConfiguration((o) -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
			.httpClientBuilder(http(trust, maxConcurrency))
			.build();
	}

	/** What the starter sends a fan-out's warm-ups with: signed requests through the SDK's HTTP client. */
	static LambdaInvoker invoker(URI endpoint, TrustManager @Nullable [] trust, int maxConcurrency) {
		return invoker(endpoint, trust, maxConcurrency, SslProvider.JDK);
	}

	/** The same, with a choice of TLS implementation: the JDK's, or BoringSSL through netty-tcnative. */
	static LambdaInvoker invoker(URI endpoint, TrustManager @Nullable [] trust, int maxConcurrency, SslProvider tls) {
		return LambdaInvoker.signedRequests(http(trust, maxConcurrency).sslProvider(tls).build(), LocalLambdaClients.CREDENTIALS,
				Region.US_EAST_1, endpoint);
	}

	private static NettyNioAsyncHttpClient.Builder http(TrustManager @Nullable [] trust, int maxConcurrency) {
		NettyNioAsyncHttpClient.Builder http = NettyNioAsyncHttpClient.builder()
			.maxConcurrency(Math.max(maxConcurrency, 50))
			.maxPendingConnectionAcquires(20_000);
		if (trust != null) {
			http.tlsTrustManagersProvider(() -> trust);
		}
		return http;
	}

}
