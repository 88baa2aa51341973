package io.github.lambdawarmup.benchmarks.fleet;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.lambdawarmup.fanout.ConcurrencyWindow;

/**
 * What the planner recommends for a trace: the concurrency to keep warm outside and inside a weekday window,
 * the rate, and {@code max-hold}, sized from the peak concurrency a month of the trace reaches with no warming.
 *
 * @param concurrency outside the window
 * @param windows the weekday window, if the trace has busy weekdays
 * @param rate between rounds
 * @param maxHold the longest hold
 */
record Plan(int concurrency, List<ConcurrencyWindow> windows, Duration rate, Duration maxHold) {

	private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

	/** The concurrency in force at its busiest. */
	int peakConcurrency() {
		return this.windows.stream().mapToInt(ConcurrencyWindow::concurrency).max().orElse(this.concurrency);
	}

	/**
	 * Sizes a plan from the peak concurrency of each minute: N covers the 99.9th percentile of the per-minute peaks
	 * (bursts are rare minutes, and a warm environment costs little) of nights and weekends, and a weekday window
	 * spans the hours whose own 99.9th percentile needs more; the rate stays below the shortest
	 * keep-alive; max-hold covers the dispatch of the busiest round with room to spare.
	 * @param peakPerMinute the most environments busy at once, minute by minute from a Monday 00:00 UTC
	 * @param keepAliveMin the shortest time Lambda keeps an idle environment
	 */
	static Plan from(int[] peakPerMinute, Duration keepAliveMin) {
		int[][] byHour = new int[24 * 7][];
		for (int hour = 0; hour < byHour.length; hour++) {
			byHour[hour] = minutesOf(peakPerMinute, hour);
		}
		// The weekday hours whose peaks need more than the rest of the week: the window spans them.
		int quiet = percentile(weekendAndNight(byHour), 99.9);
		int outside = Math.max(1, quiet);
		int first = 24;
		int last = -1;
		int busyP99 = 0;
		for (int hour = 0; hour < 24; hour++) {
			int[] weekdays = weekdayHour(byHour, hour);
			int p = percentile(weekdays, 99.9);
			if (p > outside) {
				first = Math.min(first, hour);
				last = Math.max(last, hour);
				busyP99 = Math.max(busyP99, p);
			}
		}
		List<ConcurrencyWindow> windows = (last >= first)
				? List.of(new ConcurrencyWindow(WEEKDAYS, LocalTime.of(first, 0),
						(last == 23) ? LocalTime.MIDNIGHT : LocalTime.of(last + 1, 0), busyP99))
				: List.of();
		int peak = Math.max(outside, busyP99);
		// Below the shortest keep-alive, with a minute to spare, and no more often than each minute.
		Duration rate = Duration.ofMinutes(Math.max(1, Math.min(4, keepAliveMin.toMinutes() - 1)));
		long spreadMs = Math.round(LambdaWarmupStrategy.DISPATCH_MS_PER_WARMUP * peak);
		long window = spreadMs + 120 + Math.round(0.25 * spreadMs);
		Duration maxHold = Duration.ofMillis(Math.max(2_000, ((2 * window + 499) / 500) * 500));
		return new Plan(outside, windows, rate, maxHold);
	}

	/** The plan as {@code application.yml} takes it. */
	String toYaml() {
		StringBuilder yaml = new StringBuilder();
		yaml.append("warmup:\n");
		yaml.append("  max-hold: ").append(this.maxHold.toMillis()).append("ms\n");
		yaml.append("  fan-out:\n");
		yaml.append("    concurrency: ").append(this.concurrency).append('\n');
		yaml.append("    max-concurrency: ").append(Math.max(200, peakConcurrency())).append('\n');
		if (!this.windows.isEmpty()) {
			yaml.append("    zone: UTC\n");
			yaml.append("    windows:\n");
			for (ConcurrencyWindow window : this.windows) {
				yaml.append("      - days: [")
					.append(String.join(", ", window.days().stream().map((d) -> d.name().toLowerCase(Locale.ROOT)).toList()))
					.append("]\n");
				yaml.append("        from: \"").append(window.from()).append("\"\n");
				yaml.append("        to: \"").append(window.to()).append("\"\n");
				yaml.append("        concurrency: ").append(window.concurrency()).append('\n');
			}
		}
		yaml.append("# and the trigger's schedule: rate(").append(this.rate.toMinutes()).append(" minutes)\n");
		return yaml.toString();
	}

	private static int[] minutesOf(int[] peakPerMinute, int hourOfWeek) {
		int weeks = (peakPerMinute.length + 7 * 24 * 60 - 1) / (7 * 24 * 60);
		int[] values = new int[weeks * 60];
		int n = 0;
		for (int week = 0; week < weeks; week++) {
			for (int minute = 0; minute < 60; minute++) {
				int index = week * 7 * 24 * 60 + hourOfWeek * 60 + minute;
				if (index < peakPerMinute.length) {
					values[n++] = peakPerMinute[index];
				}
			}
		}
		return Arrays.copyOf(values, n);
	}

	// Every hour of the weekend and the weekday hours before 06:00 and from 22:00: what the rest of the week
	// needs at least.
	private static int[] weekendAndNight(int[][] byHour) {
		return concat(byHour, (hourOfWeek) -> hourOfWeek / 24 >= 5 || hourOfWeek % 24 < 6 || hourOfWeek % 24 >= 22);
	}

	private static int[] weekdayHour(int[][] byHour, int hour) {
		return concat(byHour, (hourOfWeek) -> hourOfWeek / 24 < 5 && hourOfWeek % 24 == hour);
	}

	private static int[] concat(int[][] byHour, java.util.function.IntPredicate hours) {
		int total = 0;
		for (int hour = 0; hour < byHour.length; hour++) {
			if (hours.test(hour)) {
				total += byHour[hour].length;
			}
		}
		int[] all = new int[total];
		int n = 0;
		for (int hour = 0; hour < byHour.length; hour++) {
			if (hours.test(hour)) {
				System.arraycopy(byHour[hour], 0, all, n, byHour[hour].length);
				n += byHour[hour].length;
			}
		}
		return all;
	}

	private static int percentile(int[] values, double percentile) {
		if (values.length == 0) {
			return 0;
		}
		int[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[(int) Math.min(sorted.length - 1, Math.ceil(percentile / 100.0 * sorted.length) - 1)];
	}

}
