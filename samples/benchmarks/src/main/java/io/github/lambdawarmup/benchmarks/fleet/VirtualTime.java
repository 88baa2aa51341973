package io.github.lambdawarmup.benchmarks.fleet;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;

/**
 * Virtual time in milliseconds and the events due in it, run in order: a month passes in seconds. The same
 * seed and the same inputs give the same run, since nothing depends on the machine's clock.
 */
final class VirtualTime {

	/** Monday 2026-11-02 00:00 UTC: virtual time 0, so that the traces' weekdays are real weekdays. */
	static final Instant EPOCH = Instant.parse("2026-11-02T00:00:00Z");

	private final PriorityQueue<Scheduled> queue = new PriorityQueue<>();

	private long now;

	private long sequence;

	long now() {
		return this.now;
	}

	void at(long time, Runnable action) {
		this.queue.add(new Scheduled(Math.max(time, this.now), this.sequence++, action));
	}

	/**
	 * Moves time forward to {@code time}, running first every event due until then, in order: a run goes to its
	 * end this way, and a fan-out round, which runs inside one event, moves time itself as it sends its warm-ups.
	 */
	void advanceTo(long time) {
		while (!this.queue.isEmpty() && this.queue.peek().time() <= time) {
			Scheduled next = this.queue.poll();
			this.now = Math.max(this.now, next.time());
			next.action().run();
		}
		this.now = Math.max(this.now, time);
	}

	/** A clock that reads virtual time, for the policy code that reads a clock. */
	Clock clock() {
		return new Clock() {

			@Override
			public ZoneId getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(ZoneId zone) {
				return this;
			}

			@Override
			public Instant instant() {
				return EPOCH.plusMillis(VirtualTime.this.now);
			}

		};
	}

	/** Virtual time in nanoseconds, for the policy code that paces itself with a monotonic time. */
	long nanos() {
		return this.now * 1_000_000L;
	}

	private record Scheduled(long time, long sequence, Runnable action) implements Comparable<Scheduled> {

		@Override
		public int compareTo(Scheduled other) {
			int byTime = Long.compare(this.time, other.time);
			return (byTime != 0) ? byTime : Long.compare(this.sequence, other.sequence);
		}

	}

}
