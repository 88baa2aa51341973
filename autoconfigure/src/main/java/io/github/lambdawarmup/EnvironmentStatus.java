package io.github.lambdawarmup;

import org.jspecify.annotations.Nullable;

/**
 * What an execution environment knows of itself.
 *
 * @param id its random id
 * @param ageMs milliseconds since it started (or was restored)
 * @param initDurationMs milliseconds from its start to its first invocation, or {@code null} before it
 * @param userColdStart whether a user's invocation paid its cold start, or {@code null} before its first
 * invocation
 * @param invocations invocations it served, of every kind
 * @param userInvocations invocations of the user's it served
 * @param warmUps warm-ups it answered
 * @param lastRound the round of the last warm-up it answered, if any
 * @param functionName the function's name, when known
 * @param functionVersion the version it runs, when known
 */
public record EnvironmentStatus(String id, long ageMs, @Nullable Long initDurationMs, @Nullable Boolean userColdStart,
		long invocations, long userInvocations, long warmUps, @Nullable String lastRound, @Nullable String functionName,
		@Nullable String functionVersion) {

	/**
	 * What an environment knows of itself now.
	 * @param environment the environment
	 * @return its status
	 */
	public static EnvironmentStatus of(ExecutionEnvironment environment) {
		return new EnvironmentStatus(environment.id(), environment.age().toMillis(),
				(environment.initDuration() != null) ? environment.initDuration().toMillis() : null,
				environment.userColdStart(), environment.invocations(), environment.userInvocations(),
				environment.warmUps(), environment.lastRound(), environment.platform().functionName(),
				environment.platform().functionVersion());
	}

}
