package io.github.lambdawarmup.local;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads that never keep the JVM alive: a test or a benchmark that forgets to close the service still
 * ends.
 */
final class DaemonThreads {

	private DaemonThreads() {
	}

	/** Threads named {@code name-1}, {@code name-2}, and so on. */
	static ThreadFactory named(String name) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> start(task, name + "-" + count.incrementAndGet(), false);
	}

	/** A thread with the given name, started. */
	static Thread start(Runnable task, String name) {
		return start(task, name, true);
	}

	private static Thread start(Runnable task, String name, boolean start) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		if (start) {
			thread.start();
		}
		return thread;
	}

}
