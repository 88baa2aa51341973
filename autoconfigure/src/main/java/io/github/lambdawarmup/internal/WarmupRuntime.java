package io.github.lambdawarmup.internal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import io.github.lambdawarmup.WarmupInterceptor;

/**
 * Where an application publishes its configured {@link WarmupInterceptor} once it is ready, for
 * handlers that Lambda instantiates itself, before and outside the application context. Not API.
 */
public final class WarmupRuntime {

	private static final CountDownLatch READY = new CountDownLatch(1);

	private static volatile @Nullable WarmupInterceptor installed;

	private static volatile boolean httpWarmups;

	private WarmupRuntime() {
	}

	/** Publishes the interceptor of the application that has just become ready. */
	public static void install(WarmupInterceptor interceptor) {
		install(interceptor, false);
	}

	/**
	 * Publishes the interceptor of the application that has just become ready.
	 * @param interceptor its interceptor
	 * @param answerHttpWarmups whether HTTP requests marked as warm-ups are answered (off unless
	 * {@code warmup.http-warmups.enabled})
	 */
	public static void install(WarmupInterceptor interceptor, boolean answerHttpWarmups) {
		httpWarmups = answerHttpWarmups;
		installed = interceptor;
		READY.countDown();
	}

	/** Whether HTTP requests marked as warm-ups are answered, once the application is ready. */
	public static boolean answersHttpWarmups() {
		return httpWarmups;
	}

	/** The published interceptor, or {@code null} while the application is not ready. */
	public static @Nullable WarmupInterceptor installed() {
		return installed;
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
