package io.github.lambdawarmup.function;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.lambdawarmup.Invocation;
import io.github.lambdawarmup.function.app.RecordingFunctionApplication;
import io.github.lambdawarmup.local.HandlerProperties;
import io.github.lambdawarmup.local.LocalContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several invocations at once in one JVM, as Lambda Managed Instances and local emulators run them: through
 * {@link WarmupFunctionInvoker}, no warm-up reaches the function and every user event does, unchanged.
 */
class ConcurrentInvocationsTests {


	private static WarmupFunctionInvoker invoker;

	@BeforeAll
	static void startInvoker() {
		invoker = HandlerProperties.start(Map.of("MAIN_CLASS", RecordingFunctionApplication.class.getName(),
				"warmup.lambda-detection", "force-on"), WarmupFunctionInvoker::new);
	}

	@Test
	void concurrentWarmupsNeverReachTheFunctionAndUserEventsAlwaysDo() throws Exception {
		RecordingFunctionApplication.received.clear();
		int threads = 4;
		int each = 50;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<List<String>>> results = new ArrayList<>();
		try {
			for (int t = 0; t < threads; t++) {
				int thread = t;
				results.add(pool.submit(() -> {
					start.await();
					List<String> answers = new ArrayList<>();
					for (int i = 0; i < each; i++) {
						boolean warmUp = (i + thread) % 2 == 0;
						String event = warmUp ? "{\"lambda-warmup\":{\"holdMs\":2}}"
								: "{\"orderId\":\"" + thread + "-" + i + "\"}";
						LocalContext context = LocalContext.of("orders").withClientContext(Map.of(Invocation.WARMER_KEY, "1"));
						ByteArrayOutputStream output = new ByteArrayOutputStream();
						invoker.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), output,
								context);
						answers.add((warmUp ? "warm-up " : "user ") + output.toString(StandardCharsets.UTF_8));
					}
					return answers;
				}));
			}
			start.countDown();
			List<String> answers = new ArrayList<>();
			for (Future<List<String>> result : results) {
				answers.addAll(result.get());
			}
			assertThat(answers.stream().filter((a) -> a.startsWith("warm-up ")))
				.hasSize(threads * each / 2)
				.allMatch((a) -> a.contains("\"status\":\"warm\""));
			assertThat(RecordingFunctionApplication.received).hasSize(threads * each / 2)
				.allMatch((event) -> !new String(event, StandardCharsets.UTF_8).contains("lambda-warmup"));
		}
		finally {
			pool.shutdownNow();
		}
	}

}
