package io.github.lambdawarmup.fanout;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A concurrency that applies on some days between two times of day, in the spirit of scheduled
 * provisioned-concurrency scaling: 30 on weekday business hours, the default at night.
 *
 * @param days the days it applies on; empty for every day
 * @param from the time of day it starts, inclusive
 * @param to the time of day it ends, exclusive; before {@code from} for a window across midnight
 * @param concurrency the concurrency in the window
 */
public record ConcurrencyWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to, int concurrency) {

	public ConcurrencyWindow {
		// In week order, as a person reads them.
		EnumSet<DayOfWeek> ordered = EnumSet.noneOf(DayOfWeek.class);
		ordered.addAll(days);
		days = Collections.unmodifiableSet(ordered);
		if (concurrency < 0) {
			throw new IllegalArgumentException("concurrency must not be negative, was " + concurrency);
		}
	}

	/** Whether the window applies at the given time. */
	public boolean contains(ZonedDateTime time) {
		LocalTime clock = time.toLocalTime();
		boolean inHours = this.from.isBefore(this.to) ? !clock.isBefore(this.from) && clock.isBefore(this.to)
				: !clock.isBefore(this.from) || clock.isBefore(this.to);
		// A window across midnight belongs to the day it started on.
		DayOfWeek day = (this.from.isAfter(this.to) && clock.isBefore(this.to)) ? time.getDayOfWeek().minus(1)
				: time.getDayOfWeek();
		return inHours && (this.days.isEmpty() || this.days.contains(day));
	}

}
