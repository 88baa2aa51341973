package io.github.lambdawarmup;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrimingTests {

	private static final Invocation FROM_WARMER = new Invocation("r-1", Duration.ofSeconds(30), null,
			Map.of(Invocation.WARMER_KEY, "1"));

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));

	private final List<String> ran = new ArrayList<>();

	@Test
	void runsEveryEventOnceInOrderAndAFailureStopsNothing() {
		Priming priming = new Priming(events("a", "b", "c"), (event) -> {
			this.ran.add(event.name());
			if (event.name().equals("b")) {
				throw new IllegalStateException("b is broken");
			}
		}, this.clock);
		Priming.Report report = priming.prime(Priming.Phase.BEFORE_CHECKPOINT, null);
		assertThat(this.ran).containsExactly("a", "b", "c");
		assertThat(report).isEqualTo(new Priming.Report(Priming.Phase.BEFORE_CHECKPOINT, 3, 1, 0, 0));
		assertThat(priming.isDone()).isTrue();
		assertThat(priming.prime(Priming.Phase.IN_WARM_UP, null)).isNull();
		assertThat(this.ran).hasSize(3);
	}

	@Test
	void startsNoEventAfterTheDeadlineAndLeavesTheRestForTheNextWarmUp() {
		Priming priming = new Priming(events("a", "b", "c"), (event) -> {
			this.ran.add(event.name());
			this.clock.advance(Duration.ofMillis(60));
		}, this.clock);
		Priming.Report first = priming.prime(Priming.Phase.IN_WARM_UP, this.clock.instant().plusMillis(100));
		assertThat(first.ran()).isEqualTo(2);
		assertThat(first.remaining()).isEqualTo(1);
		assertThat(first.durationMs()).isEqualTo(120);
		// A deadline already past still runs one event, or a short hold would never prime anything.
		Priming.Report second = priming.prime(Priming.Phase.IN_WARM_UP, this.clock.instant().minusMillis(1));
		assertThat(second.ran()).isEqualTo(1);
		assertThat(this.ran).containsExactly("a", "b", "c");
	}

	@Test
	void theInterceptorPrimesInTheFirstTrustedWarmUpWithinItsHold() {
		ExecutionEnvironment environment = new ExecutionEnvironment(this.clock, this.clock.instant(),
				LambdaPlatform.from(Map.of("AWS_LAMBDA_FUNCTION_NAME", "orders")));
		Priming priming = new Priming(events("order"), (event) -> {
			this.ran.add(event.name());
			this.clock.advance(Duration.ofMillis(40));
		}, this.clock);
		WarmupInterceptor interceptor = new WarmupInterceptor(environment, HoldPolicy.DEFAULT,
				FanOutTriggerHandler.NOT_CONFIGURED).withPriming(priming);
		// Anyone's warm-up primes nothing.
		interceptor.intercept(utf8("{\"lambda-warmup\":{\"holdMs\":100}}"), new Invocation("r-0", null, null));
		assertThat(this.ran).isEmpty();
		interceptor.intercept(utf8("{\"lambda-warmup\":{\"holdMs\":100}}"), FROM_WARMER);
		interceptor.intercept(utf8("{\"lambda-warmup\":{\"holdMs\":100}}"), FROM_WARMER);
		assertThat(this.ran).containsExactly("order");
		assertThat(priming.lastReport().phase()).isEqualTo(Priming.Phase.IN_WARM_UP);
		assertThat(environment.userInvocations()).isZero();
	}

	private static List<Priming.Event> events(String... names) {
		return java.util.Arrays.stream(names).map((name) -> new Priming.Event(name, utf8("{}"))).toList();
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
