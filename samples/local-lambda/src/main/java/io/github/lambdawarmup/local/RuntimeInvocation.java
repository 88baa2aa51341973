package io.github.lambdawarmup.local;

import java.time.Duration;
import java.time.Instant;

/**
 * What the Runtime API tells a runtime about an invocation: the headers of
 * {@code GET /2018-06-01/runtime/invocation/next}.
 *
 * @param requestId {@code Lambda-Runtime-Aws-Request-Id}
 * @param deadline {@code Lambda-Runtime-Deadline-Ms}
 * @param invokedFunctionArn {@code Lambda-Runtime-Invoked-Function-Arn}
 * @param traceId {@code Lambda-Runtime-Trace-Id}
 */
public record RuntimeInvocation(String requestId, Instant deadline, String invokedFunctionArn, String traceId) {

	/** The time left before the deadline, as a runtime's context reports it. */
	public Duration remainingTime() {
		return Duration.between(Instant.now(), this.deadline);
	}

}
