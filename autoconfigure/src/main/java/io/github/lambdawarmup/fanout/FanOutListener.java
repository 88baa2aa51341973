package io.github.lambdawarmup.fanout;

/**
 * Told of every fan-out report, for metrics.
 */
@FunctionalInterface
public interface FanOutListener {

	/** A listener that does nothing. */
	FanOutListener NONE = (report) -> {
	};

	void onReport(FanOutReport report);

}
