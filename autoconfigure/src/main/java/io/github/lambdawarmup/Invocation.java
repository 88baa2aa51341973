package io.github.lambdawarmup;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What an interception path knows of the invocation at hand.
 *
 * @param requestId the Lambda request id, or {@code null} when unknown
 * @param remainingTime the time left before Lambda times the invocation out, or {@code null} when
 * unknown
 * @param invokedFunctionArn the ARN the function was invoked with (it names the alias or version), or
 * {@code null} when unknown
 */
public record Invocation(@Nullable String requestId, @Nullable Duration remainingTime,
		@Nullable String invokedFunctionArn) {

	/** An invocation of which nothing is known, as in a local run. */
	public static Invocation unknown() {
		return new Invocation(null, null, null);
	}

	/**
	 * What serving an invocation meant to the environment.
	 * @param coldStart whether it was the environment's first invocation
	 * @param number how many invocations the environment has served, this one included
	 */
	public record Served(boolean coldStart, long number) {
	}

}
