package io.github.lambdawarmup.fanout;

import java.time.Duration;

/**
 * The hold of each warm-up of a pass, decided as the warm-up leaves.
 * <p>
 * A pass needs every environment it reaches to stay busy until its last warm-up has arrived, and no
 * longer: each hold ends a margin after the moment the last warm-up is expected to leave. The first
 * warm-ups of a pass expect it from the calibration; the others from the pace the pass itself has kept
 * so far, so a calibration that was too generous costs only the first tenth of the holds.
 */
abstract sealed class HoldSchedule permits HoldSchedule.Fixed, HoldSchedule.Projected {

	/** Kept beyond the expected spread, for the jitter of the last warm-ups' arrival. */
	static final long MARGIN_MS = 120;

	/**
	 * The share of the expected spread added to the margin: a pace measured on part of a pass varies
	 * (a garbage collection, the event loop taking the warmer's only core).
	 */
	static final double MARGIN_SHARE = 0.25;

	/** The shortest hold a warm-up asks for, however late it leaves. */
	static final long MIN_HOLD_MS = 50;

	/** The warm-ups that go by the calibration before the pass's own pace is known: fewer say little. */
	static final int MIN_PACED = 5;

	/**
	 * The hold of one warm-up.
	 * @param index its index in the pass
	 * @param nowNanos {@link System#nanoTime()} as it leaves
	 * @return its hold
	 */
	abstract Duration holdFor(int index, long nowNanos);

	/**
	 * The first warm-up of a pass whose hold, and whose carried calibration, follow the pass's own pace:
	 * the first tenth, and at least {@value #MIN_PACED}, go by the calibration.
	 */
	static int firstPaced(int warmups) {
		return Math.max(MIN_PACED, warmups / 10);
	}

	/** The same hold for every warm-up, as {@code warmup.fan-out.hold} asks. */
	static HoldSchedule fixed(Duration hold) {
		return new Fixed(hold);
	}

	/**
	 * Holds that end together, a margin after the last warm-up leaves.
	 * @param expectedSpreadMs how long the calibration says the pass takes to send
	 * @param warmups the warm-ups of the pass
	 * @param maxHold the longest hold
	 */
	static HoldSchedule projected(long expectedSpreadMs, int warmups, Duration maxHold) {
		return projected(expectedSpreadMs, warmups, maxHold, 0);
	}

	/**
	 * Holds that end together, a margin after the last warm-up leaves, for a pass whose first warm-ups
	 * are handed over before the client has to write any ({@link LambdaInvoker.Pass#handedOverAhead()}):
	 * how fast those leave says nothing of the pace, which is measured from the next one on.
	 * @param expectedSpreadMs how long the calibration says the pass takes to send
	 * @param warmups the warm-ups of the pass
	 * @param maxHold the longest hold
	 * @param ahead the warm-ups handed over ahead, fewer than {@link #firstPaced}
	 */
	static HoldSchedule projected(long expectedSpreadMs, int warmups, Duration maxHold, int ahead) {
		return new Projected(expectedSpreadMs, warmups, maxHold.toMillis(), ahead);
	}

	/**
	 * Holds that all end at one deadline, the expected spread and a margin after the first warm-up
	 * leaves, whatever pace the pass keeps: for a second pass, which runs because the first one's
	 * holds proved too short, and must not trust a pace again.
	 * @param expectedSpreadMs how long the pass is expected to take to send
	 * @param maxHold the longest hold
	 */
	static HoldSchedule deadline(long expectedSpreadMs, Duration maxHold) {
		return new Projected(expectedSpreadMs, Integer.MAX_VALUE, maxHold.toMillis(), 0);
	}

	/** The longest hold a pass planned for this spread asks for. */
	static long windowMs(long spreadMs) {
		return spreadMs + MARGIN_MS + Math.round(MARGIN_SHARE * spreadMs);
	}

	static final class Fixed extends HoldSchedule {

		private final Duration hold;

		Fixed(Duration hold) {
			this.hold = hold;
		}

		@Override
		Duration holdFor(int index, long nowNanos) {
			return this.hold;
		}

	}

	static final class Projected extends HoldSchedule {

		private final long expectedSpreadMs;

		private final int warmups;

		private final long maxHoldMs;

		private final int paced;

		private final int ahead;

		private long startNanos = Long.MIN_VALUE;

		// When the warm-up after those handed over ahead left: the pace is measured from there.
		private long paceStartNanos = Long.MIN_VALUE;

		Projected(long expectedSpreadMs, int warmups, long maxHoldMs, int ahead) {
			this.expectedSpreadMs = expectedSpreadMs;
			this.warmups = warmups;
			this.maxHoldMs = maxHoldMs;
			this.paced = (warmups == Integer.MAX_VALUE) ? Integer.MAX_VALUE : firstPaced(warmups);
			this.ahead = Math.max(0, Math.min(ahead, this.paced - 1));
		}

		@Override
		Duration holdFor(int index, long nowNanos) {
			if (this.startNanos == Long.MIN_VALUE) {
				this.startNanos = nowNanos;
			}
			if (this.paceStartNanos == Long.MIN_VALUE && index >= this.ahead) {
				this.paceStartNanos = nowNanos;
			}
			long elapsedMs = (nowNanos - this.startNanos) / 1_000_000;
			long spreadMs = (index < this.paced) ? this.expectedSpreadMs
					: (this.paceStartNanos - this.startNanos) / 1_000_000 + (long) Math.ceil((double) (nowNanos
							- this.paceStartNanos) * (this.warmups - this.ahead) / (index - this.ahead) / 1_000_000);
			long holdMs = windowMs(spreadMs) - elapsedMs;
			return Duration.ofMillis(Math.min(this.maxHoldMs, Math.max(MIN_HOLD_MS, holdMs)));
		}

	}

}
