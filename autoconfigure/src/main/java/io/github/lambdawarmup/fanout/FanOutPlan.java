package io.github.lambdawarmup.fanout;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import io.github.lambdawarmup.DispatchCalibration;

/**
 * One round of a fan-out, decided.
 *
 * @param round the round's id, carried by each warm-up
 * @param target the function to invoke, and how
 * @param asked the concurrency asked for
 * @param concurrency the concurrency sent, after the cap
 * @param fixedHold the hold every warm-up asks for, or {@code null} to end every hold of a pass at a
 * deadline derived from the expected dispatch spread
 * @param maxHold the longest hold ever asked for
 * @param invocationTimeout how long one invocation may take before it counts as timed out
 * @param calibration what is known of the dispatch, or {@code null} for a first guess
 * @param timeLeft the time the triggering invocation has left, or {@code null} when unbounded
 * @param memorySizeMb the memory the target is billed at, or {@code null} when unknown
 * @param arm64 whether the target is billed at arm64 prices
 * @param preConnect whether to open the connections with {@code DryRun} invocations first
 * @param minRetentionPercent below this share of the concurrency found again, the round warns
 * @param knownPreviousRound the newest round the environment running this one knows of (it ran it, or
 * answered one of its warm-ups), or {@code null}
 * @param knownPreviousRoundAtMs when that round began, in milliseconds since the epoch, or {@code null}
 * @param arrivalPercent the arrival factor the environment running this round knows, carried by its warm-ups,
 * or {@code null}
 */
record FanOutPlan(String round, FanOutReport.Target target, int asked, int concurrency, @Nullable Duration fixedHold,
		Duration maxHold, Duration invocationTimeout, @Nullable DispatchCalibration calibration,
		@Nullable Duration timeLeft, @Nullable Integer memorySizeMb, boolean arm64, boolean preConnect,
		double minRetentionPercent, @Nullable String knownPreviousRound, @Nullable Long knownPreviousRoundAtMs,
		@Nullable Integer arrivalPercent) {

	boolean counted() {
		return this.target.invocationType() == FanOutInvocationType.REQUEST_RESPONSE;
	}

}
