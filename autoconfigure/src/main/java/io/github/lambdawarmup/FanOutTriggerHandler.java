package io.github.lambdawarmup;

/**
 * Runs the fan-out a {@link WarmupEvent.FanOutTrigger} asks for and returns what the triggering
 * invocation answers with. Implementations report failures in their answer and never throw: a trigger
 * is usually sent asynchronously by a schedule, and Lambda retries an asynchronous invocation that
 * fails.
 */
@FunctionalInterface
public interface FanOutTriggerHandler {

	/** Answers every trigger with a note that no fan-out is configured in this application. */
	FanOutTriggerHandler NOT_CONFIGURED = (trigger, invocation) -> new WarmupErrorAnswer(
			WarmupEvent.PROTOCOL_VERSION, "fan-out-not-configured", "FanOutNotConfigured",
			"this function received a fan-out trigger but has no fan-out configured (see warmup.fan-out.*)");

	/**
	 * Runs a fan-out.
	 * @param trigger the trigger
	 * @param invocation the invocation that carried it
	 * @return the answer, serialised as JSON
	 */
	FanOutAnswer handle(WarmupEvent.FanOutTrigger trigger, Invocation invocation);

}
