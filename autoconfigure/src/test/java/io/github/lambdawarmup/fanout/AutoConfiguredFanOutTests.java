package io.github.lambdawarmup.fanout;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import io.github.lambdawarmup.autoconfigure.WarmupAutoConfiguration;
import io.github.lambdawarmup.autoconfigure.WarmupFanOutAutoConfiguration;
import io.github.lambdawarmup.local.LocalFunction;
import io.github.lambdawarmup.local.LocalLambda;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fan-out as the auto-configuration builds it, client included, against the local Lambda service.
 */
class AutoConfiguredFanOutTests {

	@Test
	void theClientOpensAsManyConnectionsAsTheRoundNeeds() {
		try (LocalLambda lambda = LocalLambda.builder()
			.function(LocalFunction.builder("orders", WarmupEnvironments.answeringWarmups(Duration.ofMillis(10))).build())
			.start()) {
			new ApplicationContextRunner()
				.withConfiguration(
						AutoConfigurations.of(WarmupFanOutAutoConfiguration.class, WarmupAutoConfiguration.class))
				.withPropertyValues("warmup.fan-out.client.region=us-east-1",
						"warmup.fan-out.client.endpoint=" + lambda.endpoint(), "warmup.fan-out.function-name=orders",
						"warmup.fan-out.max-concurrency=150", "warmup.max-hold=2s", "warmup.fan-out.hold=1500ms")
				.withBean(AwsCredentialsProvider.class,
						() -> StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
				.run((context) -> {
					FanOutReport report = context.getBean(WarmupFanOut.class).fanOut(150);
					// With fewer connections than warm-ups, the last ones would wait for the first to
					// finish and land on environments already counted.
					assertThat(report.distinctEnvironments()).isGreaterThanOrEqualTo(147);
					assertThat(report.failures().total()).isZero();
				});
		}
	}

}
