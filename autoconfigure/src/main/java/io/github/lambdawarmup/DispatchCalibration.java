package io.github.lambdawarmup;

/**
 * What a fan-out round measured of its own dispatch: how long its warm-ups took to reach their
 * environments. Every warm-up carries the calibration its round planned with, so whichever environment
 * the next trigger lands on knows it, with no store outside Lambda.
 *
 * @param concurrency the warm-ups of the round that measured it
 * @param spreadMs the time between the first and the last of its warm-ups starting in an environment
 * @param measuredAtMs when it was measured, in milliseconds since the epoch: the newest calibration wins
 */
public record DispatchCalibration(int concurrency, long spreadMs, long measuredAtMs) {

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

	/** Whether this calibration was measured after another one. */
	boolean isNewerThan(DispatchCalibration other) {
		return this.measuredAtMs > other.measuredAtMs;
	}

}
