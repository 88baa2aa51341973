package io.github.lambdawarmup;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Bounds the hold a warm-up asks for by a configured maximum and by the time the invocation has left,
 * keeping a margin for the answer so that a hold never turns into a timeout.
 *
 * @param maxHold the longest hold granted, whatever the warm-up asks for
 * @param answerMargin the time kept free before the invocation's deadline
 */
public record HoldPolicy(Duration maxHold, Duration answerMargin) {

	/** One second of hold at most, and 200 ms kept for the answer. */
	public static final HoldPolicy DEFAULT = new HoldPolicy(Duration.ofSeconds(1), Duration.ofMillis(200));

	public HoldPolicy {
		if (maxHold.isNegative() || answerMargin.isNegative()) {
			throw new IllegalArgumentException("maxHold and answerMargin must not be negative");
		}
	}

	/**
	 * The hold to grant.
	 * @param requested what the warm-up asked for
	 * @param remainingTime what the invocation has left, or {@code null} when unknown
	 * @return the bounded hold, never negative
	 */
	public Duration bound(Duration requested, @Nullable Duration remainingTime) {
		Duration hold = min(requested, this.maxHold);
		if (remainingTime != null) {
			hold = min(hold, remainingTime.minus(this.answerMargin));
		}
		return hold.isNegative() ? Duration.ZERO : hold;
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
