package io.github.lambdawarmup.local;

/**
 * Starts execution environments for a function.
 */
@FunctionalInterface
public interface EnvironmentFactory {

	/**
	 * Starts an environment and returns once it is ready for its first invocation: the time this takes
	 * is the cold start.
	 * @param spec what to start
	 * @return the ready environment
	 * @throws Exception if the environment fails to initialise (an init error)
	 */
	LocalEnvironment start(EnvironmentSpec spec) throws Exception;

}
