package io.github.lambdawarmup.fanout;

import java.time.Duration;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import io.github.lambdawarmup.DispatchCalibration;

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
	 * The fewest warm-ups whose pace a warm-up carries to the next round: a pace over a few, counted in
	 * milliseconds, said 0 ms, and every later round planned its first tenth for no spread.
	 */
	static final int MIN_CARRIED_PACE = 16;

	/**
	 * The warm-ups over which a pace is measured once that many have left: a pause of the sender (a
	 * collection of its heap) then weighs on the holds of the next {@value} only, not on the rest of the
	 * pass. Twice the most a client takes at once, so that the batches its writes come in even out.
	 */
	static final int PACE_WINDOW = 128;

	// The warm-ups handed over before the client had to write any (LambdaInvoker.Pass#handedOverAhead)
	// left in no time and say nothing of the pace, which is counted from the first one after them.
	private final int ahead;

	private long startNanos = Long.MIN_VALUE;

	private long paceStartNanos = Long.MIN_VALUE;

	// When each of the last PACE_WINDOW paced warm-ups left, and which it was.
	private final long[] leftNanos = new long[PACE_WINDOW];

	private final int[] leftIndex = new int[PACE_WINDOW];

	HoldSchedule(int ahead) {
		this.ahead = ahead;
		Arrays.fill(this.leftIndex, -1);
	}

	/**
	 * The hold of one warm-up, which also marks it as leaving for the pace of the pass.
	 * @param index its index in the pass
	 * @param nowNanos {@link System#nanoTime()} as it leaves
	 * @return its hold
	 */
	final Duration holdFor(int index, long nowNanos) {
		if (this.startNanos == Long.MIN_VALUE) {
			this.startNanos = nowNanos;
		}
		if (this.paceStartNanos == Long.MIN_VALUE && index >= this.ahead) {
			this.paceStartNanos = nowNanos;
		}
		Duration hold = hold(index, nowNanos);
		if (index >= this.ahead) {
			int slot = (index - this.ahead) % PACE_WINDOW;
			this.leftNanos[slot] = nowNanos;
			this.leftIndex[slot] = index;
		}
		return hold;
	}

	abstract Duration hold(int index, long nowNanos);

	/**
	 * The pace of the pass so far, as the warm-up leaving now carries it.
	 * @param index the warm-up's index, after those handed over ahead
	 * @param nowNanos {@link System#nanoTime()} as it leaves
	 * @param measuredAtMs the time, in milliseconds since the epoch
	 * @param arrivalPercent the arrival factor the environment knows, or {@code null}
	 * @return the calibration it carries, or {@code null} while fewer than {@value #MIN_CARRIED_PACE}
	 * warm-ups have measured it
	 */
	@Nullable DispatchCalibration paceSoFar(int index, long nowNanos, long measuredAtMs,
			@Nullable Integer arrivalPercent) {
		int measured = index - this.ahead;
		if (measured < MIN_CARRIED_PACE) {
			return null;
		}
		// Rounded, and never zero: a handful of warm-ups can leave within a millisecond, and a pace of 0 ms
		// would plan the next round's first tenth for no spread at all.
		long spreadMs = Math.max(1, Math.round((nowNanos - this.paceStartNanos) / 1_000_000.0));
		return new DispatchCalibration(measured, spreadMs, measuredAtMs, arrivalPercent);
	}

	long elapsedMs(long nowNanos) {
		return (nowNanos - this.startNanos) / 1_000_000;
	}

	// The spread the pace so far projects for the whole pass: what has elapsed, and the warm-ups still to
	// leave at the pace of the last PACE_WINDOW (of all so far, until that many have left).
	long projectedSpreadMs(int index, int warmups, long nowNanos) {
		int slot = (index - this.ahead) % PACE_WINDOW;
		boolean windowed = index - this.ahead >= PACE_WINDOW && this.leftIndex[slot] == index - PACE_WINDOW;
		long sinceNanos = windowed ? this.leftNanos[slot] : this.paceStartNanos;
		int since = windowed ? PACE_WINDOW : index - this.ahead;
		return (long) Math.ceil(((double) (nowNanos - this.startNanos)
				+ (double) (nowNanos - sinceNanos) * (warmups - index) / since) / 1_000_000);
	}

	/**
	 * The spread the pace so far projects for the whole pass, as {@link #projectedSpreadMs} gives it once a
	 * warm-up has measured the pace, and from the elapsed time alone before.
	 * @param index the warm-up about to leave, after the first
	 * @param warmups the warm-ups of the pass
	 * @param nowNanos {@link System#nanoTime()} now
	 * @return the projected spread
	 */
	long projectedSpreadMsSoFar(int index, int warmups, long nowNanos) {
		if (this.paceStartNanos == Long.MIN_VALUE || index - this.ahead < 1) {
			return (long) Math.ceil((double) (nowNanos - this.startNanos) * warmups / index / 1_000_000);
		}
		return projectedSpreadMs(index, warmups, nowNanos);
	}

	/**
	 * The first warm-up of a pass whose hold, and whose carried calibration, follow the pass's own pace:
	 * the first tenth, and at least {@value #MIN_PACED}, go by the calibration.
	 */
	static int firstPaced(int warmups) {
		return Math.max(MIN_PACED, warmups / 10);
	}

	/**
	 * The same hold for every warm-up, as {@code warmup.fan-out.hold} asks.
	 * @param hold the hold
	 * @param ahead the warm-ups handed over ahead of the client's writes, fewer than {@link #firstPaced}
	 */
	static HoldSchedule fixed(Duration hold, int ahead) {
		return new Fixed(hold, ahead);
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
	 * @param ahead the warm-ups handed over ahead of the client's writes
	 */
	static HoldSchedule deadline(long expectedSpreadMs, Duration maxHold, int ahead) {
		return new Projected(expectedSpreadMs, Integer.MAX_VALUE, maxHold.toMillis(), ahead);
	}

	/** The longest hold a pass planned for this spread asks for. */
	static long windowMs(long spreadMs) {
		return spreadMs + MARGIN_MS + Math.round(MARGIN_SHARE * spreadMs);
	}

	static final class Fixed extends HoldSchedule {

		private final Duration hold;

		Fixed(Duration hold, int ahead) {
			super(ahead);
			this.hold = hold;
		}

		@Override
		Duration hold(int index, long nowNanos) {
			return this.hold;
		}

	}

	static final class Projected extends HoldSchedule {

		private final long expectedSpreadMs;

		private final int warmups;

		private final long maxHoldMs;

		private final int paced;

		Projected(long expectedSpreadMs, int warmups, long maxHoldMs, int ahead) {
			super(ahead);
			this.expectedSpreadMs = expectedSpreadMs;
			this.warmups = warmups;
			this.maxHoldMs = maxHoldMs;
			this.paced = (warmups == Integer.MAX_VALUE) ? Integer.MAX_VALUE : firstPaced(warmups);
		}

		@Override
		Duration hold(int index, long nowNanos) {
			long spreadMs = (index < this.paced) ? this.expectedSpreadMs
					: projectedSpreadMs(index, this.warmups, nowNanos);
			long holdMs = windowMs(spreadMs) - elapsedMs(nowNanos);
			return Duration.ofMillis(Math.min(this.maxHoldMs, Math.max(MIN_HOLD_MS, holdMs)));
		}

	}

}
