package io.github.lambdawarmup.fanout;

import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;

/**
 * Customizes the HTTP client the auto-configured fan-out sends its warm-ups through (proxy, TLS
 * trust, timeouts) before it is built. Customizers run in their {@code @Order}.
 */
@FunctionalInterface
public interface FanOutHttpClientCustomizer {

	void customize(NettyNioAsyncHttpClient.Builder builder);

}
