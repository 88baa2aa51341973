package io.github.lambdawarmup.autoconfigure;

import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.github.lambdawarmup.LambdaPlatform;
import io.github.lambdawarmup.fanout.ConcurrencyWindow;
import io.github.lambdawarmup.fanout.FanOutSettings;

import org.springframework.core.env.Environment;

/**
 * The one line that says, at start-up, what the starter will do: whether it is active and why, what the
 * fan-out warms, at which concurrency now and in each window, and what triggers it.
 */
final class WarmupStartupLine {

	private WarmupStartupLine() {
	}

	/** What an application processed ahead of time says when it runs off Lambda. */
	static final String INACTIVE = "lambda-warmup inactive: not on Lambda (no AWS_LAMBDA_FUNCTION_NAME or "
			+ "AWS_LAMBDA_RUNTIME_API), so warm-ups are not answered and every event goes to the application";

	/**
	 * The line.
	 * @param properties the settings
	 * @param settings the fan-out's settings, or {@code null} without a fan-out
	 * @param environment where Lambda's variables are
	 * @return the line
	 */
	static String describe(WarmupProperties properties, @Nullable FanOutSettings settings, Environment environment) {
		LambdaPlatform platform = LambdaPlatform.from(environment::getProperty);
		StringBuilder line = new StringBuilder("lambda-warmup active (");
		line.append(detection(properties, platform)).append(')');
		line.append("; warm-ups held up to ").append(properties.getMaxHold().toMillis()).append(" ms");
		line.append("; fan-out ");
		if (settings == null) {
			line.append("off");
		}
		else {
			String target = (settings.functionName() != null) ? settings.functionName() : platform.functionName();
			line.append("of ").append((target != null) ? target : "(no function: set warmup.fan-out.function-name)");
			if (settings.qualifier() != null) {
				line.append(':').append(settings.qualifier());
			}
			line.append(", concurrency now ").append(settings.concurrencyAt(ZonedDateTime.now()));
			line.append(" (").append(settings.concurrency()).append(" outside windows");
			if (!settings.windows().isEmpty()) {
				line.append(", ").append(settings.windows().stream().map(WarmupStartupLine::window)
					.collect(Collectors.joining(", ")));
				line.append(' ').append(settings.zone().getId());
			}
			line.append("), at most ").append(settings.maxConcurrency());
			line.append(", ").append(trigger(properties));
		}
		line.append("; HTTP warm-ups ").append(properties.getHttpWarmups().isEnabled() ? "on" : "off");
		line.append("; EMF metrics ").append(properties.getMetrics().getEmf().isEnabled()
				? "on (namespace " + properties.getMetrics().getEmf().getNamespace() + ")" : "off");
		return line.toString();
	}

	private static String detection(WarmupProperties properties, LambdaPlatform platform) {
		return switch (properties.getLambdaDetection()) {
			case FORCE_ON -> "warmup.lambda-detection=force-on";
			case FORCE_OFF -> "warmup.lambda-detection=force-off";
			case AUTO -> "on Lambda: " + ((platform.functionName() != null)
					? LambdaPlatform.FUNCTION_NAME + "=" + platform.functionName() : LambdaPlatform.RUNTIME_API);
		};
	}

	private static String window(ConcurrencyWindow window) {
		String days = window.days().isEmpty() ? "every day"
				: window.days().stream().map((day) -> day.name().substring(0, 3).toLowerCase(Locale.ROOT))
					.collect(Collectors.joining("/"));
		return days + " " + window.from() + "-" + window.to() + ": " + window.concurrency();
	}

	private static String trigger(WarmupProperties properties) {
		WarmupProperties.Schedule schedule = properties.getFanOut().getSchedule();
		if (schedule.getRate() != null) {
			return "built-in schedule every " + schedule.getRate();
		}
		if (schedule.getCron() != null) {
			return "built-in schedule cron \"" + schedule.getCron() + "\"";
		}
		return "on trigger (an EventBridge schedule; trigger secret "
				+ ((properties.getTriggerSecret() != null) ? "set" : "not set: IAM callers only") + ")";
	}

}
