package io.github.lambdawarmup.fanout;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * One round of a fan-out, decided.
 *
 * @param round the round's id, carried by each warm-up
 * @param functionName the function to invoke
 * @param qualifier its alias or version, or {@code null} for the unqualified function
 * @param invocationType how to invoke
 * @param asked the concurrency asked for
 * @param concurrency the concurrency sent, after the cap
 * @param hold how long each warm-up asks its environment to stay busy
 * @param invocationTimeout how long one invocation may take before it counts as timed out
 */
public record FanOutPlan(String round, String functionName, @Nullable String qualifier,
		FanOutInvocationType invocationType, int asked, int concurrency, Duration hold, Duration invocationTimeout) {
}
