package io.github.lambdawarmup.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.github.lambdawarmup.ExecutionEnvironment;
import io.github.lambdawarmup.FanOutTriggerHandler;
import io.github.lambdawarmup.HoldPolicy;
import io.github.lambdawarmup.Invocation;
import io.github.lambdawarmup.LambdaPlatform;
import io.github.lambdawarmup.WarmupDialects;
import io.github.lambdawarmup.WarmupInterceptor;
import io.github.lambdawarmup.WarmupTrust;
import io.github.lambdawarmup.fanout.FanOutInvocationType;
import io.github.lambdawarmup.fanout.FanOutSettings;
import io.github.lambdawarmup.fanout.LambdaInvoker;
import io.github.lambdawarmup.fanout.WarmupFanOut;
import io.github.lambdawarmup.local.EnvironmentFactory;
import io.github.lambdawarmup.local.InProcessEnvironment;

/**
 * Lightweight environments for the local Lambda service that answer warm-ups with the real
 * {@link WarmupInterceptor}, each with an identity of its own, after a configurable init delay; any
 * other event gets a trivial answer after a configurable amount of work. With a client factory, each
 * environment also runs the fan-out triggers it receives through a {@link WarmupFanOut} of its own,
 * whose client it builds when its first round needs one, as the starter does in Lambda.
 */
final class SimulatedWarmupEnvironments {

	private SimulatedWarmupEnvironments() {
	}

	static EnvironmentFactory create(Duration initDelay, Duration work, Duration maxHold) {
		return create(initDelay, work, maxHold, null);
	}

	static EnvironmentFactory create(Duration initDelay, Duration work, Duration maxHold,
			@Nullable Supplier<LambdaInvoker> clients) {
		return create(initDelay, work, maxHold, clients, WarmupDialects.NONE);
	}

	static EnvironmentFactory create(Duration initDelay, Duration work, Duration maxHold,
			@Nullable Supplier<LambdaInvoker> clients, WarmupDialects dialects) {
		HoldPolicy holdPolicy = new HoldPolicy(maxHold, Duration.ofMillis(100));
		return InProcessEnvironment.factory(initDelay, (spec) -> {
			LambdaPlatform platform = LambdaPlatform.from(spec.variables());
			ExecutionEnvironment environment = new ExecutionEnvironment(Clock.systemUTC(), Instant.now(), platform);
			FanOutTriggerHandler fanOut = (clients != null) ? WarmupFanOut.builder(new LazyClient(clients),
					new FanOutSettings(null, null, FanOutInvocationType.REQUEST_RESPONSE, 1, List.of(), ZoneId.of("UTC"),
							10_000, null, maxHold, Duration.ofSeconds(60), true))
				.platform(platform)
				.environment(environment)
				.build() : FanOutTriggerHandler.NOT_CONFIGURED;
			WarmupInterceptor interceptor = new WarmupInterceptor(environment, holdPolicy, fanOut, WarmupTrust.IAM_ONLY,
					dialects);
			byte[] answer = ("{\"environment\":\"" + environment.id() + "\"}").getBytes(StandardCharsets.UTF_8);
			return (event, invocation) -> interceptor.handle(event,
					new Invocation(invocation.requestId(), invocation.remainingTime(), invocation.invokedFunctionArn(),
							invocation.clientContextCustom()),
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

	/** An environment's own client, built when its first round needs it. */
	private static final class LazyClient implements Supplier<@Nullable LambdaInvoker> {

		private final Supplier<LambdaInvoker> factory;

		private @Nullable LambdaInvoker client;

		LazyClient(Supplier<LambdaInvoker> factory) {
			this.factory = factory;
		}

		@Override
		public synchronized LambdaInvoker get() {
			if (this.client == null) {
				this.client = this.factory.get();
			}
			return this.client;
		}

	}

}
