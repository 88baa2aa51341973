package io.github.lambdawarmup.fanout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

import io.github.lambdawarmup.ExecutionEnvironment;
import io.github.lambdawarmup.LambdaPlatform;
import io.github.lambdawarmup.MutableClock;
import io.github.lambdawarmup.local.LocalFunction;
import io.github.lambdawarmup.local.LocalLambda;
import io.github.lambdawarmup.local.LocalLambdaClients;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's own connections, against the local Lambda service over HTTPS through a relay that counts
 * the connections opened.
 */
class NettyTransportTests {

	// Lambda freezes an environment between invocations and closes connections idle that long: a connection
	// idle for more than a minute of wall-clock time is opened again rather than taken.
	@Test
	void connectionsIdleForMoreThanAMinuteAreOpenedAgain() throws Exception {
		MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
		try (LocalLambda lambda = LocalLambda.builder()
			.https()
			.function(LocalFunction.builder("orders", WarmupEnvironments.answeringWarmups(Duration.ofMillis(10))).build())
			.start();
				SlowHandshakeRelay relay = SlowHandshakeRelay.start(lambda.httpsEndpoint(), Duration.ZERO);
				LambdaInvoker invoker = new SignedRequestInvoker(
						new NettyTransport(Duration.ofSeconds(10), LocalLambda.trustFor(lambda.certificate()), null, clock),
						LocalLambdaClients.CREDENTIALS, Region.US_EAST_1, relay.endpoint())) {
			WarmupFanOut fanOut = WarmupFanOut.builder(invoker, WarmupFanOutTests.settings("orders").build())
				.platform(LambdaPlatform.from(Map.of()))
				.environment(new ExecutionEnvironment(Clock.systemUTC(), Instant.now(), LambdaPlatform.from(Map.of())))
				.build();
			assertThat(fanOut.fanOut(5).distinctEnvironments()).isEqualTo(5);
			assertThat(relay.accepted()).isEqualTo(5);
			clock.advance(Duration.ofSeconds(59));
			assertThat(fanOut.fanOut(5).distinctEnvironments()).isEqualTo(5);
			assertThat(relay.accepted()).isEqualTo(5);
			clock.advance(Duration.ofSeconds(61));
			FanOutReport afterAFreeze = fanOut.fanOut(5);
			assertThat(afterAFreeze.distinctEnvironments()).isEqualTo(5);
			assertThat(afterAFreeze.failures().total()).isZero();
			assertThat(relay.accepted()).isEqualTo(10);
		}
	}

}
