package io.github.lambdawarmup;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Where an application publishes its configured {@link WarmupInterceptor} once it is ready, for
 * handlers that Lambda instantiates itself, before and outside the application context.
 */
public final class WarmupRuntime {

	private static final CountDownLatch READY = new CountDownLatch(1);

	private static volatile @Nullable WarmupInterceptor installed;

	private WarmupRuntime() {
	}

	/** Publishes the interceptor of the application that has just become ready. */
	public static void install(WarmupInterceptor interceptor) {
		installed = interceptor;
		READY.countDown();
	}

	/**
	 * The published interceptor, waiting for the application to become ready.
	 * @param timeout how long to wait at most
	 * @return the published interceptor, or {@code null} if none was published in time
	 */
	public static @Nullable WarmupInterceptor await(Duration timeout) {
		try {
			READY.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return installed;
	}

}
