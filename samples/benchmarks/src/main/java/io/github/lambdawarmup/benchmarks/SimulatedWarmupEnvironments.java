package io.github.lambdawarmup.benchmarks;

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
 * Lightweight environments for the local Lambda service that answer warm-ups with the real
 * {@link WarmupInterceptor}, each with an identity of its own, after a configurable init delay; any
 * other event gets a trivial answer after a configurable amount of work.
 */
final class SimulatedWarmupEnvironments {

	private SimulatedWarmupEnvironments() {
	}

	static EnvironmentFactory create(Duration initDelay, Duration work, Duration maxHold) {
		HoldPolicy holdPolicy = new HoldPolicy(maxHold, Duration.ofMillis(100));
		return InProcessEnvironment.factory(initDelay, (spec) -> {
			ExecutionEnvironment environment = new ExecutionEnvironment(Clock.systemUTC(), Instant.now(),
					LambdaPlatform.from(spec.variables()));
			WarmupInterceptor interceptor = new WarmupInterceptor(environment, holdPolicy,
					FanOutTriggerHandler.NOT_CONFIGURED);
			byte[] answer = ("{\"environment\":\"" + environment.id() + "\"}").getBytes(StandardCharsets.UTF_8);
			return (event, invocation) -> interceptor.handle(event,
					new Invocation(invocation.requestId(), invocation.remainingTime(), invocation.invokedFunctionArn()),
					(userEvent) -> {
						sleep(work);
						return answer;
					});
		});
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
