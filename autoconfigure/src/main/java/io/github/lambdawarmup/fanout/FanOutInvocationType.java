package io.github.lambdawarmup.fanout;

/**
 * How the fan-out invokes the function.
 */
public enum FanOutInvocationType {

	/**
	 * Synchronous invocations: each answer names the environment that served it, so the report counts
	 * distinct environments. The default.
	 */
	REQUEST_RESPONSE,

	/**
	 * Asynchronous invocations, fire and forget: the fan-out returns as soon as Lambda has queued them,
	 * and cannot tell which environments they reached.
	 */
	EVENT

}
