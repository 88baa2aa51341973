package io.github.lambdawarmup.fanout;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

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
		return answeringWarmups(initDelay, (environment) -> {
		});
	}

	/** Environments that answer warm-ups and hand each new {@link ExecutionEnvironment} to a consumer. */
	static EnvironmentFactory answeringWarmups(Duration initDelay, Consumer<ExecutionEnvironment> started) {
		return create(initDelay, FanOutTriggerHandler.NOT_CONFIGURED, started);
	}

	static EnvironmentFactory withFanOut(Duration initDelay, FanOutTriggerHandler fanOut) {
		return create(initDelay, fanOut, (environment) -> {
		});
	}

	private static EnvironmentFactory create(Duration initDelay, FanOutTriggerHandler fanOut,
			Consumer<ExecutionEnvironment> started) {
		return InProcessEnvironment.factory(initDelay, (spec) -> {
			ExecutionEnvironment environment = new ExecutionEnvironment(Clock.systemUTC(), Instant.now(),
					LambdaPlatform.from(spec.variables()));
			started.accept(environment);
			WarmupInterceptor interceptor = new WarmupInterceptor(environment, HOLD_POLICY, fanOut);
			return (event, invocation) -> interceptor.handle(event,
					new Invocation(invocation.requestId(), invocation.remainingTime(), invocation.invokedFunctionArn(),
							invocation.clientContextCustom()),
					(userEvent) -> ("\"user function ran on " + userEvent.length + " bytes\"")
						.getBytes(StandardCharsets.UTF_8));
		});
	}

}
