package io.github.lambdawarmup.local;

import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What an environment produced for an invocation.
 *
 * @param payload the response, or the error document of a function error
 * @param functionError the function error kind ({@code Unhandled}), or {@code null} on success
 * @param log what the invocation logged
 */
public record InvocationOutcome(byte[] payload, @Nullable String functionError, String log) {

	/** The function error kind of an error the function did not handle. */
	public static final String UNHANDLED = "Unhandled";

	public static InvocationOutcome success(byte[] payload, String log) {
		return new InvocationOutcome(payload, null, log);
	}

	public static InvocationOutcome error(String errorType, String errorMessage, String log) {
		return new InvocationOutcome(Json.error(errorType, errorMessage), UNHANDLED, log);
	}

	/**
	 * What Lambda answers when the function runs past its timeout.
	 * @param requestId the invocation's request id
	 * @param timeout the function's timeout
	 * @param log the log of the invocation
	 * @return the outcome
	 */
	public static InvocationOutcome timedOut(String requestId, Duration timeout, String log) {
		return error("Sandbox.Timedout", "RequestId: " + requestId + " Error: Task timed out after "
				+ String.format(Locale.ROOT, "%.2f", timeout.toMillis() / 1000.0) + " seconds", log);
	}

}
