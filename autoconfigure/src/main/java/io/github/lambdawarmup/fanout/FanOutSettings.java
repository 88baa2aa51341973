package io.github.lambdawarmup.fanout;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How the fan-out runs.
 *
 * @param functionName the function to warm, or {@code null} for this function
 * @param qualifier the alias or version to warm, or {@code null} for the one this environment was
 * invoked as
 * @param invocationType how to invoke
 * @param concurrency the concurrency outside every window
 * @param windows concurrencies for some days and hours; the first that applies wins
 * @param zone the time zone of the windows
 * @param maxConcurrency the hard cap on any concurrency, configured or carried by a trigger
 * @param hold the hold each warm-up asks for, or {@code null} to derive it from the concurrency and
 * the measured dispatch spread
 * @param maxHold the longest hold ever asked for
 * @param invocationTimeout how long one invocation may take
 * @param preConnect whether to open the connections with {@code DryRun} invocations, which are not
 * billed, before the warm-ups go
 * @param minRetentionPercent below this share of the concurrency found again from the previous round, a
 * round warns that the rate is too slow for the keep-alive Lambda gives
 */
public record FanOutSettings(@Nullable String functionName, @Nullable String qualifier,
		FanOutInvocationType invocationType, int concurrency, List<ConcurrencyWindow> windows, ZoneId zone,
		int maxConcurrency, @Nullable Duration hold, Duration maxHold, Duration invocationTimeout, boolean preConnect,
		double minRetentionPercent) {

	/** The share of the concurrency below which a round's retention warns, unless set. */
	public static final double DEFAULT_MIN_RETENTION_PERCENT = 80;

	public FanOutSettings {
		windows = List.copyOf(windows);
		if (maxConcurrency < 1) {
			throw new IllegalArgumentException("maxConcurrency must be at least 1, was " + maxConcurrency);
		}
		if (concurrency < 0) {
			throw new IllegalArgumentException("concurrency must not be negative, was " + concurrency);
		}
		if (minRetentionPercent < 0 || minRetentionPercent > 100) {
			throw new IllegalArgumentException("minRetentionPercent must be from 0 to 100, was " + minRetentionPercent);
		}
	}

	/** Settings that warn below {@value #DEFAULT_MIN_RETENTION_PERCENT} % retention. */
	public FanOutSettings(@Nullable String functionName, @Nullable String qualifier,
			FanOutInvocationType invocationType, int concurrency, List<ConcurrencyWindow> windows, ZoneId zone,
			int maxConcurrency, @Nullable Duration hold, Duration maxHold, Duration invocationTimeout,
			boolean preConnect) {
		this(functionName, qualifier, invocationType, concurrency, windows, zone, maxConcurrency, hold, maxHold,
				invocationTimeout, preConnect, DEFAULT_MIN_RETENTION_PERCENT);
	}

	/** The concurrency that applies at a given time. */
	public int concurrencyAt(ZonedDateTime time) {
		ZonedDateTime local = time.withZoneSameInstant(this.zone);
		return this.windows.stream()
			.filter((window) -> window.contains(local))
			.findFirst()
			.map(ConcurrencyWindow::concurrency)
			.orElse(this.concurrency);
	}

}
