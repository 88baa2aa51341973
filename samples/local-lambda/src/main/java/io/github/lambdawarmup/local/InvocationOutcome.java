package io.github.lambdawarmup.local;

import java.util.LinkedHashMap;
import java.util.Map;

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
		Map<String, String> document = new LinkedHashMap<>();
		document.put("errorMessage", errorMessage);
		document.put("errorType", errorType);
		return new InvocationOutcome(Json.write(document), UNHANDLED, log);
	}

}
