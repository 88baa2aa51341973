package io.github.lambdawarmup.local;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Lambda's internal queue of {@code Event} invocations: pollers take events and invoke the function;
 * a throttled event is retried with a growing delay until it is older than the maximum event age,
 * as Lambda does.
 */
final class AsyncQueue implements AutoCloseable {

	private static final System.Logger logger = System.getLogger(AsyncQueue.class.getName());

	private final ExecutorService pollers;

	private final ScheduledExecutorService retries;

	private final Duration maxEventAge;

	AsyncQueue(int pollers, Duration maxEventAge) {
		this.pollers = Executors.newFixedThreadPool(pollers, DaemonThreads.named("local-lambda-poller"));
		this.retries = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("local-lambda-retries"));
		this.maxEventAge = maxEventAge;
	}

	void submit(FunctionRuntime runtime, byte[] payload, String version, String requestId, String arn) {
		long deadline = System.nanoTime() + this.maxEventAge.toNanos();
		this.pollers.execute(() -> dispatch(runtime, payload, version, requestId, arn, deadline, 1));
	}

	private void dispatch(FunctionRuntime runtime, byte[] payload, String version, String requestId, String arn,
			long deadline, int attempt) {
		// Lambda passes a client context on synchronous invocations only.
		FunctionRuntime.Result result = runtime.invoke(payload, version, requestId, arn, null);
		if (result.throttle() == null) {
			return;
		}
		long delayMillis = Math.min(1000L << Math.min(attempt - 1, 6), 60_000);
		if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis) > deadline) {
			logger.log(System.Logger.Level.WARNING, "event {0} dropped: throttled past the maximum event age",
					requestId);
			return;
		}
		this.retries.schedule(
				() -> this.pollers.execute(() -> dispatch(runtime, payload, version, requestId, arn, deadline, attempt + 1)),
				delayMillis, TimeUnit.MILLISECONDS);
	}

	@Override
	public void close() {
		this.retries.shutdownNow();
		this.pollers.shutdownNow();
	}

}
