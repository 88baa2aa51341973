package io.github.lambdawarmup.local;

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
		byte[] json = Json.write(new java.util.LinkedHashMap<>(java.util.Map.of("errorMessage", errorMessage, "errorType",
				errorType)));
		return new InvocationOutcome(json, UNHANDLED, log);
	}

}
