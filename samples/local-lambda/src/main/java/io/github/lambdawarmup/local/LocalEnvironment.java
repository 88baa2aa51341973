package io.github.lambdawarmup.local;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One execution environment: serves one invocation at a time.
 */
public interface LocalEnvironment extends AutoCloseable {

	/** The service's id of this environment. */
	String id();

	/** How long the environment took from its start to being ready for its first invocation. */
	Duration initDuration();

	/**
	 * Runs one invocation.
	 * @param event the event
	 * @param invocation the invocation's runtime headers
	 * @param timeout how long the function may run
	 * @return the outcome
	 */
	InvocationOutcome invoke(byte[] event, RuntimeInvocation invocation, Duration timeout);

	/** Whether the environment can take another invocation; a crashed one cannot. */
	boolean isUsable();

	/** Stops the environment. */
	@Override
	void close();

	/**
	 * Completes once the environment has stopped after {@link #close()}: {@code true} when all its work
	 * ended, {@code false} when some of it could not be stopped and was abandoned.
	 */
	default CompletableFuture<Boolean> stopped() {
		return CompletableFuture.completedFuture(true);
	}

}
