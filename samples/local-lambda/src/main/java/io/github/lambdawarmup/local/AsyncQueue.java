package io.github.lambdawarmup.local;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Lambda's internal queue of {@code Event} invocations: pollers take events and invoke the function. As
 * Lambda does, a throttled event is tried again with a growing delay while it is younger than the function's
 * maximum event age, and one that ends in a function error is tried again up to the function's maximum retry
 * attempts (twice unless configured), after a delay (about one minute, then two, in Lambda).
 */
final class AsyncQueue implements AutoCloseable {

	private static final System.Logger logger = System.getLogger(AsyncQueue.class.getName());

	private final ExecutorService pollers;

	private final ScheduledExecutorService retries;

	private final Duration retryDelay;

	AsyncQueue(int pollers, Duration retryDelay) {
		this.pollers = Executors.newFixedThreadPool(pollers, DaemonThreads.named("local-lambda-poller"));
		this.retries = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("local-lambda-retries"));
		this.retryDelay = retryDelay;
	}

	void submit(FunctionRuntime runtime, byte[] payload, String version, String requestId, String arn) {
		long deadline = System.nanoTime() + runtime.function().maximumEventAge().toNanos();
		this.pollers.execute(() -> dispatch(new Event(runtime, payload, version, requestId, arn, deadline), 1, 0));
	}

	private void dispatch(Event event, int attempt, int functionErrors) {
		// Lambda passes a client context on synchronous invocations only.
		FunctionRuntime.Result result = event.runtime().invoke(event.payload(), event.version(), event.requestId(),
				event.arn(), null);
		if (result.throttle() != null) {
			retry(event, attempt, functionErrors, Math.min(1000L << Math.min(attempt - 1, 6), 60_000), "throttled");
			return;
		}
		boolean failed = result.outcome() == null || result.outcome().functionError() != null;
		if (!failed) {
			return;
		}
		if (functionErrors >= event.runtime().function().maximumRetryAttempts()) {
			logger.log(System.Logger.Level.WARNING, "event {0} dropped: a function error after {1} retries",
					event.requestId(), functionErrors);
			return;
		}
		retry(event, attempt, functionErrors + 1, this.retryDelay.toMillis() * (functionErrors + 1), "failed");
	}

	private void retry(Event event, int attempt, int functionErrors, long delayMillis, String why) {
		if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis) > event.deadline()) {
			logger.log(System.Logger.Level.WARNING, "event {0} dropped: {1} past the maximum event age",
					event.requestId(), why);
			return;
		}
		this.retries.schedule(() -> this.pollers.execute(() -> dispatch(event, attempt + 1, functionErrors)),
				delayMillis, TimeUnit.MILLISECONDS);
	}

	@Override
	public void close() {
		this.retries.shutdownNow();
		this.pollers.shutdownNow();
	}

	private record Event(FunctionRuntime runtime, byte[] payload, String version, String requestId, String arn,
			long deadline) {
	}

}
