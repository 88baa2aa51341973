package io.github.lambdawarmup;

/**
 * Answers a {@link WarmupEvent.StatusRequest} that carried its proof: what this environment is and does,
 * serialised as JSON. The auto-configuration's answers what {@code /actuator/warmup} shows; without it,
 * an environment says what it knows of itself ({@link EnvironmentStatus}).
 */
@FunctionalInterface
public interface StatusHandler {

	/**
	 * The status.
	 * @param invocation the invocation that asked
	 * @return the status, serialised as JSON
	 */
	Object status(Invocation invocation);

}
