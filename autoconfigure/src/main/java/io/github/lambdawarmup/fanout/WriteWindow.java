package io.github.lambdawarmup.fanout;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * The warm-ups of a pass the HTTP client has not begun to write. A pass waits for room for one
 * invocation timeout in all, at most: a client that writes nothing, because no connection opens, then
 * takes the rest at once and fails them in one timeout, not in one timeout per window.
 */
final class WriteWindow {

	private final Semaphore room;

	private long waitUntilNanos;

	private boolean waited;

	WriteWindow(int size) {
		this.room = new Semaphore(size);
	}

	/**
	 * Takes room for one warm-up, waiting for it.
	 * @param timeout the invocation timeout
	 * @return the room taken, to be released once the warm-up is written or failed; empty when there is
	 * none and no more time to wait for it
	 */
	Room awaitRoom(Duration timeout) {
		return new Room(take(timeout));
	}

	private synchronized @Nullable Semaphore take(Duration timeout) {
		long now = System.nanoTime();
		if (!this.waited) {
			this.waited = true;
			this.waitUntilNanos = now + timeout.toNanos();
		}
		try {
			return this.room.tryAcquire(Math.max(0, this.waitUntilNanos - now), TimeUnit.NANOSECONDS) ? this.room
					: null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/** The room one request took, given back once: when it is written, fails or times out. */
	static final class Room {

		private static final Room NONE = new Room(null);

		private final AtomicReference<@Nullable Semaphore> taken;

		private Room(@Nullable Semaphore taken) {
			this.taken = new AtomicReference<>(taken);
		}

		/**
		 * No room, for a request that does not wait for the writes.
		 * @return the room of no window
		 */
		static Room none() {
			return NONE;
		}

		void release() {
			Semaphore window = this.taken.getAndSet(null);
			if (window != null) {
				window.release();
			}
		}

	}

}
