package io.github.lambdawarmup.local;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which idle environment takes the next invocation, under each routing rule.
 */
class IdleRoutingTests {

	@Test
	void mostRecentReusesTheEnvironmentThatWasBusyLast() throws Exception {
		List<String> order = threeEnvironmentsReleasedInOrder(IdleRouting.MOST_RECENT);
		assertThat(order.get(3)).isEqualTo(order.get(2));
	}

	@Test
	void leastRecentReusesTheEnvironmentIdleLongest() throws Exception {
		List<String> order = threeEnvironmentsReleasedInOrder(IdleRouting.LEAST_RECENT);
		assertThat(order.get(3)).isEqualTo(order.get(0));
	}

	@Test
	void randomSpreadsInvocationsOverTheIdleEnvironments() {
		try (LocalLambda lambda = lambda(IdleRouting.RANDOM)) {
			startEnvironments(lambda, 3);
			Set<String> seen = new HashSet<>();
			for (int i = 0; i < 60; i++) {
				seen.add(invoke(lambda, 0));
			}
			// Sixty sequential invocations under most-recent routing would all take one environment.
			assertThat(seen).hasSize(3);
			assertThat(lambda.environments("f")).isEqualTo(3);
		}
	}

	// Starts three environments, releases them in a known order (held 1, 1.3 and 1.6 s), then invokes
	// once more: the first three ids in release order, and the one the next invocation took.
	private static List<String> threeEnvironmentsReleasedInOrder(IdleRouting routing) throws Exception {
		try (LocalLambda lambda = lambda(routing)) {
			ExecutorService callers = Executors.newFixedThreadPool(3);
			try {
				List<Future<String>> pending = new ArrayList<>();
				for (int i = 0; i < 3; i++) {
					int holdMs = 1000 + 300 * i;
					pending.add(callers.submit(() -> invoke(lambda, holdMs)));
				}
				List<String> order = new ArrayList<>();
				for (Future<String> result : pending) {
					order.add(result.get());
				}
				assertThat(new HashSet<>(order)).hasSize(3);
				order.add(invoke(lambda, 0));
				return order;
			}
			finally {
				callers.shutdownNow();
			}
		}
	}

	private static void startEnvironments(LocalLambda lambda, int count) {
		ExecutorService callers = Executors.newFixedThreadPool(count);
		try {
			List<Future<String>> pending = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				pending.add(callers.submit(() -> invoke(lambda, 500)));
			}
			for (Future<String> result : pending) {
				result.get();
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			callers.shutdownNow();
		}
	}

	private static LocalLambda lambda(IdleRouting routing) {
		return LocalLambda.builder()
			.function(LocalFunction.builder("f", InProcessEnvironment.factory(Duration.ZERO, (spec) -> (event, invocation) -> {
				Thread.sleep(Long.parseLong(new String(event, StandardCharsets.UTF_8)));
				return spec.environmentId().getBytes(StandardCharsets.UTF_8);
			})).routing(routing).build())
			.start();
	}

	private static String invoke(LocalLambda lambda, int holdMs) {
		try (LambdaClient client = lambda.clientBuilder()
			.build()) {
			return client.invoke((r) -> r.functionName("f").payload(SdkBytes.fromUtf8String(Integer.toString(holdMs))))
				.payload()
				.asUtf8String();
		}
	}

}
