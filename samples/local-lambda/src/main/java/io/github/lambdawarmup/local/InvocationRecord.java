package io.github.lambdawarmup.local;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One invocation as the service saw it: the ground truth the benchmarks and tests count from.
 *
 * @param requestId the request id
 * @param functionName the function
 * @param environmentId the environment that ran it, or {@code null} when it was throttled
 * @param coldStart whether it started a new environment
 * @param warmup whether its payload was a lambda-warmup warm-up (by a look at the bytes; a statistic
 * only)
 * @param duration how long the environment took to answer, cold start excluded
 * @param initDuration the cold start's duration, zero when warm
 * @param outcome {@code ok}, {@code function-error}, {@code throttled}, {@code init-error} or {@code crashed}
 * @param receivedAt when the service received it
 */
public record InvocationRecord(String requestId, String functionName, @Nullable String environmentId, boolean coldStart,
		boolean warmup, Duration duration, Duration initDuration, String outcome, Instant receivedAt) {
}
