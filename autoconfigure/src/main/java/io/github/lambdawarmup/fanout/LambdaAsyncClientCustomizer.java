package io.github.lambdawarmup.fanout;

import software.amazon.awssdk.services.lambda.LambdaAsyncClientBuilder;

/**
 * Customizes the auto-configured Lambda client of the fan-out before it is built. Customizers run in
 * their {@code @Order}.
 */
@FunctionalInterface
public interface LambdaAsyncClientCustomizer {

	void customize(LambdaAsyncClientBuilder builder);

}
