package io.github.lambdawarmup.fanout;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.github.lambdawarmup.ExecutionEnvironment;
import io.github.lambdawarmup.FanOutTriggerHandler;
import io.github.lambdawarmup.HoldPolicy;
import io.github.lambdawarmup.Invocation;
import io.github.lambdawarmup.LambdaPlatform;
import io.github.lambdawarmup.WarmupInterceptor;
import io.github.lambdawarmup.local.EnvironmentFactory;
import io.github.lambdawarmup.local.InProcessEnvironment;

/**
 * In-process environments of the local Lambda service that run the real {@link WarmupInterceptor},
 * each with an identity of its own, in front of a trivial user function.
 */
final class WarmupEnvironments {

	static final HoldPolicy HOLD_POLICY = new HoldPolicy(Duration.ofSeconds(5), Duration.ofMillis(100));

	private WarmupEnvironments() {
	}

	static EnvironmentFactory answeringWarmups(Duration initDelay) {
		return withFanOut(initDelay, FanOutTriggerHandler.NOT_CONFIGURED);
	}

	static EnvironmentFactory withFanOut(Duration initDelay, FanOutTriggerHandler fanOut) {
		return InProcessEnvironment.factory(initDelay, (spec) -> {
			WarmupInterceptor interceptor = new WarmupInterceptor(new ExecutionEnvironment(Clock.systemUTC(),
					Instant.now(), LambdaPlatform.from(spec.variables())), HOLD_POLICY, fanOut);
			return (event, invocation) -> interceptor.handle(event,
					new Invocation(invocation.requestId(), invocation.remainingTime(), invocation.invokedFunctionArn()),
					(userEvent) -> ("\"user function ran on " + userEvent.length + " bytes\"")
						.getBytes(StandardCharsets.UTF_8));
		});
	}

}
