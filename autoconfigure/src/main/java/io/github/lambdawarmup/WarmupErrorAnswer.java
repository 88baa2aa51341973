package io.github.lambdawarmup;

/**
 * What an environment answers to a warm-up it cannot honour, in the shape of a Lambda error.
 *
 * @param protocol the protocol version, {@value WarmupEvent#PROTOCOL_VERSION}
 * @param status {@code "invalid"} for a malformed warm-up, {@code "refused"} for one not allowed here
 * @param errorType a short name of the error
 * @param errorMessage what is wrong, naming the field
 */
public record WarmupErrorAnswer(int protocol, String status, String errorType, String errorMessage)
		implements FanOutAnswer {

	/**
	 * The answer to an event that was marked as a warm-up but is not one.
	 * @param message what is wrong with it
	 * @return the answer
	 */
	public static WarmupErrorAnswer invalid(String message) {
		return new WarmupErrorAnswer(WarmupEvent.PROTOCOL_VERSION, "invalid", "InvalidWarmupEvent", message);
	}

	static WarmupErrorAnswer invalid(InvalidWarmupEventException ex) {
		return invalid(ex.getMessage());
	}

	static WarmupErrorAnswer fanOutFailed(RuntimeException ex) {
		return new WarmupErrorAnswer(WarmupEvent.PROTOCOL_VERSION, "failed", "FanOutFailed",
				"the fan-out handler failed: " + ex);
	}

	static WarmupErrorAnswer fanOutUntrusted() {
		return new WarmupErrorAnswer(WarmupEvent.PROTOCOL_VERSION, "refused", "FanOutRefused",
				"a fan-out trigger needs proof: the trigger secret (warmup.trigger-secret), or a synchronous "
						+ "invocation through the Invoke API");
	}

	static WarmupErrorAnswer statusUntrusted() {
		return new WarmupErrorAnswer(WarmupEvent.PROTOCOL_VERSION, "refused", "StatusRefused",
				"a status request needs proof: the trigger secret (warmup.trigger-secret), or a synchronous "
						+ "invocation through the Invoke API, never over HTTP");
	}

	static WarmupErrorAnswer fanOutRefused() {
		return new WarmupErrorAnswer(WarmupEvent.PROTOCOL_VERSION, "refused", "FanOutRefused",
				"a fan-out is never triggered where anyone can send events (over HTTP); send the trigger as a "
						+ "direct invocation");
	}

}
