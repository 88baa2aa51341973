package io.github.lambdawarmup.local;

/**
 * The code an in-process execution environment runs for each invocation.
 */
@FunctionalInterface
public interface EnvironmentHandler {

	/**
	 * Handles one invocation.
	 * @param event the event bytes
	 * @param invocation what the Runtime API would tell the runtime about it
	 * @return the response bytes
	 * @throws Exception a function error, reported as {@code X-Amz-Function-Error: Unhandled}
	 */
	byte[] handle(byte[] event, RuntimeInvocation invocation) throws Exception;

}
