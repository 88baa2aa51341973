package io.github.lambdawarmup.autoconfigure;

import java.time.Duration;
import java.util.List;

import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;

import io.github.lambdawarmup.fanout.FanOutHttpClientCustomizer;
import io.github.lambdawarmup.fanout.LambdaInvoker;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.env.Environment;

/**
 * Builds the fan-out's invoker, when a round first needs it. Kept out of
 * {@link WarmupFanOutAutoConfiguration}: Spring reads a configuration's methods at start-up, and the SDK and
 * TLS types these name would load in every environment, most of which never run a round.
 */
final class FanOutInvokers {

	// For the SDK's Netty client, when the application customizes it: enough pending connection
	// acquisitions for the largest round to queue rather than fail.
	private static final int MAX_PENDING_ACQUIRES = 20_000;

	// A round opens its connections first, then hands its warm-ups over at the pace the client writes
	// them: on a slow core the last connection waits in the pool for as long as the pass takes. The
	// client's own default (5 s) would close it, and its warm-up would pay a handshake mid-pass.
	private static final Duration CONNECTION_MAX_IDLE = Duration.ofSeconds(60);

	private FanOutInvokers() {
	}

	/**
	 * The application's own client when it has one; otherwise the starter's own connections, or the SDK's
	 * Netty client when the application customizes it; {@code null} when no region can be known (only
	 * under AOT).
	 */
	static @Nullable LambdaInvoker invoker(WarmupProperties properties, Environment environment,
			ObjectProvider<LambdaAsyncClient> client, ObjectProvider<AwsRegionProvider> regionProvider,
			ObjectProvider<AwsCredentialsProvider> credentials, ObjectProvider<FanOutHttpClientCustomizer> customizers,
			ObjectProvider<SslBundles> sslBundles) {
		LambdaAsyncClient own = client.getIfUnique();
		if (own != null) {
			return LambdaInvoker.of(own);
		}
		WarmupProperties.FanOut fanOut = properties.getFanOut();
		Region region = region(fanOut.getClient(), environment, regionProvider);
		if (region == null) {
			// Only under AOT, where the condition was decided at build time: no invoker, and the fan-out
			// reports 'unavailable' with the reason.
			return null;
		}
		TrustManagerFactory trust = trust(fanOut.getClient(), sslBundles);
		AwsCredentialsProvider signer = credentials.getIfAvailable(() -> DefaultCredentialsProvider.builder().build());
		List<FanOutHttpClientCustomizer> customizing = customizers.orderedStream().toList();
		if (customizing.isEmpty()) {
			return LambdaInvoker.signedRequests(signer, region, fanOut.getClient().getEndpoint(),
					fanOut.getInvocationTimeout(), trust);
		}
		// A connection per warm-up in flight: fewer would serialise the round and break the overlap.
		NettyNioAsyncHttpClient.Builder http = NettyNioAsyncHttpClient.builder()
			.maxConcurrency(Math.max(fanOut.getMaxConcurrency(), 50))
			.maxPendingConnectionAcquires(MAX_PENDING_ACQUIRES)
			.connectionAcquisitionTimeout(fanOut.getInvocationTimeout())
			// A fresh environment opens a connection per warm-up at once, and on a fraction of a vCPU the last
			// handshakes end seconds later: the client's defaults (2 s to connect, 5 s to negotiate TLS) closed
			// them, and their warm-ups failed. Opening a connection may take as long as an invocation.
			.connectionTimeout(fanOut.getInvocationTimeout())
			.tlsNegotiationTimeout(fanOut.getInvocationTimeout())
			.connectionMaxIdleTime(CONNECTION_MAX_IDLE);
		// The same trust as the starter's own connections; a customizer's own replaces it.
		FanOutHttpClientCustomizer.rememberingTrust(trust).customize(http);
		customizing.forEach((customizer) -> customizer.customize(http));
		return LambdaInvoker.signedRequests(http.build(), signer, region, fanOut.getClient().getEndpoint());
	}

	private static @Nullable TrustManagerFactory trust(WarmupProperties.Client client,
			ObjectProvider<SslBundles> sslBundles) {
		SslBundle bundle = WarmupFanOutAutoConfiguration.sslBundle(client, sslBundles);
		return (bundle != null) ? bundle.getManagers().getTrustManagerFactory() : null;
	}

	private static @Nullable Region region(WarmupProperties.Client client, Environment environment,
			ObjectProvider<AwsRegionProvider> regionProvider) {
		@Nullable String configured = client.getRegion();
		if (WarmupFanOutAutoConfiguration.isSet(configured)) {
			return Region.of(configured);
		}
		AwsRegionProvider provider = regionProvider.getIfAvailable();
		if (provider != null) {
			return provider.getRegion();
		}
		String name = WarmupFanOutAutoConfiguration.firstSet(environment,
				WarmupFanOutAutoConfiguration.InvokerAvailableCondition.REGION_VARIABLES);
		return (name != null) ? Region.of(environment.getRequiredProperty(name)) : null;
	}

}
