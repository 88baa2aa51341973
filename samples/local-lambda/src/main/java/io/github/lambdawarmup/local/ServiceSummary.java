package io.github.lambdawarmup.local;

/**
 * What the local service saw, in numbers.
 *
 * @param environmentsStarted environments started (each one a cold start)
 * @param environmentsReclaimed idle environments stopped after the keep-alive
 * @param environmentsCrashed environments stopped after a crash or a timeout
 * @param invocations invocations received (throttled ones included)
 * @param coldStarts invocations that had to wait for a new environment
 * @param userColdStarts cold starts suffered by invocations that were not warm-ups
 * @param throttled invocations answered with 429
 * @param functionErrors invocations whose function failed
 * @param handlersAbandoned in-process handlers that kept running after their environment was stopped (they
 * ignored the interrupt), left to run on a daemon thread and reported in the log
 */
public record ServiceSummary(long environmentsStarted, long environmentsReclaimed, long environmentsCrashed,
		long invocations, long coldStarts, long userColdStarts, long throttled, long functionErrors,
		long handlersAbandoned) {
}
