package io.github.lambdawarmup.local;

/**
 * Which idle environment takes the next invocation. Lambda publishes no rule, so tests and benchmarks
 * choose: the one that matters most to a warmer is where its next trigger lands.
 */
public enum IdleRouting {

	/** The environment that was busy last: the rule this service used before it had a choice. */
	MOST_RECENT,

	/** Any idle environment, at random. */
	RANDOM,

	/**
	 * The environment idle longest: after a fan-out round, the next invocation lands on an environment
	 * the round reached first, which never ran a round itself.
	 */
	LEAST_RECENT

}
