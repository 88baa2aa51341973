package io.github.lambdawarmup.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.github.lambdawarmup.WarmupEvent;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.scheduling.support.CronExpression;

/**
 * Refuses, at start-up, settings that would start silently and then break every round or switch
 * warming off. Each failure names the property, and Spring Boot's failure analysis prints it.
 */
final class WarmupPropertiesValidator {

	/** Lambda's longest timeout, so the longest hold an environment can grant. */
	static final Duration LONGEST_HOLD = WarmupEvent.MAX_HOLD;

	/** EventBridge schedules fire at most once a minute; a faster built-in schedule is a mistake. */
	static final Duration SHORTEST_RATE = Duration.ofMinutes(1);

	/** A trigger secret shorter than this can be guessed. */
	static final int MIN_SECRET_LENGTH = 16;

	private WarmupPropertiesValidator() {
	}

	static void validate(WarmupProperties properties) {
		between("warmup.max-hold", properties.getMaxHold(), Duration.ZERO, LONGEST_HOLD);
		between("warmup.answer-margin", properties.getAnswerMargin(), Duration.ZERO, LONGEST_HOLD);
		String secret = properties.getTriggerSecret();
		if (secret != null && (secret.length() < MIN_SECRET_LENGTH || secret.length() > 256)) {
			// The value itself is never repeated in a message.
			throw invalid("warmup.trigger-secret", "(hidden)",
					"must be from " + MIN_SECRET_LENGTH + " to 256 characters, was " + secret.length());
		}
		between("warmup.dialects.serverless-plugin-warmup.hold",
				properties.getDialects().getServerlessPluginWarmup().getHold(), Duration.ZERO, properties.getMaxHold());
		WarmupProperties.FanOut fanOut = properties.getFanOut();
		concurrency("warmup.fan-out.concurrency", fanOut.getConcurrency());
		if (!(fanOut.getMinRetentionPercent() >= 0 && fanOut.getMinRetentionPercent() <= 100)) {
			throw invalid("warmup.fan-out.min-retention-percent", fanOut.getMinRetentionPercent(),
					"must be from 0 to 100");
		}
		int max = fanOut.getMaxConcurrency();
		if (max < 1 || max > WarmupEvent.MAX_CONCURRENCY) {
			throw invalid("warmup.fan-out.max-concurrency", max, "must be from 1 to " + WarmupEvent.MAX_CONCURRENCY);
		}
		if (max < fanOut.getConcurrency()) {
			throw invalid("warmup.fan-out.max-concurrency", max,
					"must not be below warmup.fan-out.concurrency (" + fanOut.getConcurrency() + "), which it caps");
		}
		List<WarmupProperties.Window> windows = fanOut.getWindows();
		for (int i = 0; i < windows.size(); i++) {
			String name = "warmup.fan-out.windows[" + i + "].concurrency";
			Integer concurrency = windows.get(i).getConcurrency();
			if (concurrency == null) {
				throw invalid(name, null, "is required: a window without it would keep 0 environments warm");
			}
			concurrency(name, concurrency);
			if (concurrency > max) {
				throw invalid(name, concurrency, "must not be above warmup.fan-out.max-concurrency (" + max + "), which caps it");
			}
		}
		Duration timeout = fanOut.getInvocationTimeout();
		if (timeout.isNegative() || timeout.isZero()) {
			throw invalid("warmup.fan-out.invocation-timeout", timeout, "must be positive");
		}
		Duration hold = fanOut.getHold();
		if (hold != null) {
			between("warmup.fan-out.hold", hold, Duration.ZERO, properties.getMaxHold());
			if (hold.compareTo(timeout) >= 0) {
				throw invalid("warmup.fan-out.hold", hold, "must be shorter than warmup.fan-out.invocation-timeout ("
						+ timeout + "): every warm-up would time out while it is still billed");
			}
		}
		schedule(fanOut.getSchedule());
	}

	private static void schedule(WarmupProperties.Schedule schedule) {
		Duration rate = schedule.getRate();
		if (rate != null && schedule.getCron() != null) {
			throw invalid("warmup.fan-out.schedule.cron", schedule.getCron(),
					"must not be set with warmup.fan-out.schedule.rate: choose one");
		}
		if (rate != null && rate.compareTo(SHORTEST_RATE) < 0) {
			throw invalid("warmup.fan-out.schedule.rate", rate,
					"must be at least " + SHORTEST_RATE + ": environments stay warm for minutes, and each round is billed");
		}
		if (schedule.getCron() != null) {
			try {
				CronExpression.parse(schedule.getCron());
			}
			catch (IllegalArgumentException ex) {
				throw invalid("warmup.fan-out.schedule.cron", schedule.getCron(), ex.getMessage());
			}
		}
	}

	private static void concurrency(String name, int value) {
		if (value < 0 || value > WarmupEvent.MAX_CONCURRENCY) {
			throw invalid(name, value, "must be from 0 to " + WarmupEvent.MAX_CONCURRENCY);
		}
	}

	private static void between(String name, Duration value, Duration min, Duration max) {
		if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
			throw invalid(name, value, "must be from " + min + " to " + max);
		}
	}

	private static InvalidConfigurationPropertyValueException invalid(String name, Object value, String reason) {
		return new InvalidConfigurationPropertyValueException(name, value, reason);
	}

}
