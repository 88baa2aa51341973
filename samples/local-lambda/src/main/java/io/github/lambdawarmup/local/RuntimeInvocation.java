package io.github.lambdawarmup.local;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the Runtime API tells a runtime about an invocation: the headers of
 * {@code GET /2018-06-01/runtime/invocation/next}.
 *
 * @param requestId {@code Lambda-Runtime-Aws-Request-Id}
 * @param deadline {@code Lambda-Runtime-Deadline-Ms}
 * @param invokedFunctionArn {@code Lambda-Runtime-Invoked-Function-Arn}
 * @param traceId {@code Lambda-Runtime-Trace-Id}
 * @param clientContext {@code Lambda-Runtime-Client-Context}: the JSON client context a synchronous
 * caller of the Invoke API set, or {@code null}
 */
public record RuntimeInvocation(String requestId, Instant deadline, String invokedFunctionArn, String traceId,
		@Nullable String clientContext) {

	public RuntimeInvocation(String requestId, Instant deadline, String invokedFunctionArn, String traceId) {
		this(requestId, deadline, invokedFunctionArn, traceId, null);
	}

	/**
	 * The {@code custom} entries of the client context, as the runtime's context reports them; empty
	 * without a client context.
	 */
	public Map<String, String> clientContextCustom() {
		if (this.clientContext == null) {
			return Map.of();
		}
		Map<String, String> custom = new LinkedHashMap<>();
		Json.MAPPER.readTree(this.clientContext)
			.path("custom")
			.properties()
			.forEach((entry) -> custom.put(entry.getKey(), entry.getValue().asString(entry.getValue().toString())));
		return custom;
	}

	/** The time left before the deadline, as a runtime's context reports it. */
	public Duration remainingTime() {
		return Duration.between(Instant.now(), this.deadline);
	}

}
