package io.github.lambdawarmup.fanout;

import java.time.Clock;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;

import io.github.lambdawarmup.internal.RememberedServerTrust;

/**
 * Customizes the HTTP client the auto-configured fan-out sends its warm-ups through (proxy, TLS
 * trust, timeouts) before it is built. Customizers run in their {@code @Order}.
 */
@FunctionalInterface
public interface FanOutHttpClientCustomizer {

	void customize(NettyNioAsyncHttpClient.Builder builder);

	/**
	 * Gives the client the trust of the starter's own connections: the given trust, or the JVM's, asked
	 * to validate the first certificate chain a round's connections show, the others' compared with it
	 * byte for byte (for the same host, within the certificates' validity, for a minute at most). The
	 * auto-configured fan-out applies it before any customizer, so that a customizer's own trust
	 * replaces it; outside Spring, apply it to the builder of the client given to
	 * {@link LambdaInvoker#signedRequests(software.amazon.awssdk.http.async.SdkAsyncHttpClient,
	 * software.amazon.awssdk.auth.credentials.AwsCredentialsProvider, software.amazon.awssdk.regions.Region,
	 * java.net.URI)}.
	 * @param trust the trust, or {@code null} for the JVM's
	 * @return the customizer
	 */
	static FanOutHttpClientCustomizer rememberingTrust(@Nullable TrustManagerFactory trust) {
		return (builder) -> builder
			.tlsTrustManagersProvider(() -> new TrustManager[] { RememberedServerTrust.of(trust, Clock.systemUTC()) });
	}

}
