package io.github.lambdawarmup;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * The other warmers whose payloads are warm-ups here. Each is off unless switched on: their payloads
 * are made of common words ({@code "warmer"}, {@code "source"}, {@code "concurrency"}) that a user's
 * own events may carry.
 *
 * @param serverlessPluginWarmup whether {@code {"source":"serverless-plugin-warmup"}} is a warm-up
 * @param serverlessPluginWarmupHold how long such a ping holds its environment: that warmer sends its
 * N pings at once and asks for no hold, so without one they would not overlap
 * @param lambdaWarmer whether lambda-warmer's {@code {"warmer":true}} payloads are warm-ups and triggers
 */
public record WarmupDialects(boolean serverlessPluginWarmup, Duration serverlessPluginWarmupHold, boolean lambdaWarmer) {

	/** This project's protocol alone. */
	public static final WarmupDialects NONE = new WarmupDialects(false, Duration.ZERO, false);

	/** The sources whose payloads are warm-ups. */
	public Set<WarmupEvent.Source> sources() {
		Set<WarmupEvent.Source> sources = EnumSet.of(WarmupEvent.Source.LAMBDA_WARMUP);
		if (this.serverlessPluginWarmup) {
			sources.add(WarmupEvent.Source.SERVERLESS_PLUGIN_WARMUP);
		}
		if (this.lambdaWarmer) {
			sources.add(WarmupEvent.Source.LAMBDA_WARMER);
		}
		return sources;
	}

	/** The hold a warm-up asks for, once its warmer's habits are known. */
	Duration requestedHold(WarmupEvent.WarmUp warmUp) {
		return (warmUp.source() == WarmupEvent.Source.SERVERLESS_PLUGIN_WARMUP) ? this.serverlessPluginWarmupHold
				: warmUp.hold();
	}

}
