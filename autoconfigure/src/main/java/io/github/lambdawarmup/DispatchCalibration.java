package io.github.lambdawarmup;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * What a fan-out round measured of its own dispatch: how long its warm-ups took to reach their
 * environments. Every warm-up carries the calibration its round planned with, so whichever environment
 * the next trigger lands on knows it, with no store outside Lambda.
 *
 * @param concurrency the warm-ups of the round that measured it
 * @param spreadMs the time between the first and the last of its warm-ups starting in an environment, or, when
 * {@code arrivalPercent} is set, the time its sender took to send them
 * @param measuredAtMs when it was measured, in milliseconds since the epoch: the newest calibration wins
 * @param arrivalPercent how much longer, in per cent, a round's warm-ups took to arrive than to leave, as a round
 * last measured it (100 to 400), when {@code spreadMs} is a sending time; {@code null} when {@code spreadMs} is
 * an arrival spread already, or nothing is known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DispatchCalibration(int concurrency, long spreadMs, long measuredAtMs, @Nullable Integer arrivalPercent) {

	/** The smallest arrival factor, in per cent: warm-ups never arrive faster than they leave. */
	public static final int MIN_ARRIVAL_PERCENT = 100;

	/** The largest arrival factor, in per cent, so that one odd round cannot make every hold four times too long. */
	public static final int MAX_ARRIVAL_PERCENT = 400;

	public DispatchCalibration {
		if (concurrency < 1 || concurrency > WarmupEvent.MAX_CONCURRENCY) {
			throw new InvalidWarmupEventException("\"calibration.concurrency\" must be from 1 to "
					+ WarmupEvent.MAX_CONCURRENCY + ", was " + concurrency);
		}
		if (spreadMs < 0 || spreadMs > WarmupEvent.MAX_HOLD.toMillis()) {
			throw new InvalidWarmupEventException("\"calibration.spreadMs\" must be from 0 to "
					+ WarmupEvent.MAX_HOLD.toMillis() + ", was " + spreadMs);
		}
		if (measuredAtMs < 0) {
			throw new InvalidWarmupEventException(
					"\"calibration.measuredAtMs\" must not be negative, was " + measuredAtMs);
		}
		if (arrivalPercent != null && (arrivalPercent < MIN_ARRIVAL_PERCENT || arrivalPercent > MAX_ARRIVAL_PERCENT)) {
			throw new InvalidWarmupEventException("\"calibration.arrivalPercent\" must be from " + MIN_ARRIVAL_PERCENT
					+ " to " + MAX_ARRIVAL_PERCENT + ", was " + arrivalPercent);
		}
	}

	/**
	 * A calibration of a measured arrival spread.
	 * @param concurrency the warm-ups of the round that measured it
	 * @param spreadMs the time between the first and the last of its warm-ups starting in an environment
	 * @param measuredAtMs when it was measured, in milliseconds since the epoch
	 */
	public DispatchCalibration(int concurrency, long spreadMs, long measuredAtMs) {
		this(concurrency, spreadMs, measuredAtMs, null);
	}

	/**
	 * The spread to expect for another number of warm-ups: dispatch is paced by the sender, so the
	 * spread grows with the number of warm-ups it sends.
	 * @param warmups the warm-ups of the round to come
	 * @return the expected spread in milliseconds
	 */
	public long spreadMsFor(int warmups) {
		return (long) Math.ceil((double) this.spreadMs * warmups / this.concurrency);
	}

	/**
	 * The arrival spread to expect for another number of warm-ups: the spread for that many, times the arrival
	 * factor when this calibration is a sending time.
	 * @param warmups the warm-ups of the round to come
	 * @return the expected arrival spread in milliseconds
	 */
	public long expectedArrivalMsFor(int warmups) {
		long spread = spreadMsFor(warmups);
		return (this.arrivalPercent != null) ? (long) Math.ceil(spread * this.arrivalPercent / 100.0) : spread;
	}

	/**
	 * The arrival factor, in per cent, of a pass that took {@code dispatchMs} to send and {@code spreadMs} to
	 * arrive, kept within its bounds; {@code null} when the pass was too quick to tell.
	 * @param dispatchMs how long its sender took to send it
	 * @param spreadMs the time between its first and its last warm-up starting in an environment
	 * @return the factor, or {@code null}
	 */
	public static @Nullable Integer arrivalPercent(long dispatchMs, long spreadMs) {
		if (dispatchMs < MIN_MEASURABLE_DISPATCH_MS) {
			return null;
		}
		long percent = Math.round(100.0 * spreadMs / dispatchMs);
		return (int) Math.max(MIN_ARRIVAL_PERCENT, Math.min(MAX_ARRIVAL_PERCENT, percent));
	}

	// Below this, the ratio of two times a few milliseconds apart is noise.
	private static final long MIN_MEASURABLE_DISPATCH_MS = 20;

	/** Whether this calibration was measured after another one. */
	boolean isNewerThan(DispatchCalibration other) {
		return this.measuredAtMs > other.measuredAtMs;
	}

}
