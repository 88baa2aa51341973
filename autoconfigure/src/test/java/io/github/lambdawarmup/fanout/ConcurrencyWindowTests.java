package io.github.lambdawarmup.fanout;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ConcurrencyWindowTests {

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	// 2026-11-27 is a Friday.
	private static ZonedDateTime friday(String time) {
		return ZonedDateTime.of(2026, 11, 27, 0, 0, 0, 0, PARIS).with(LocalTime.parse(time));
	}

	@Test
	void aDaytimeWindowIncludesItsStartAndExcludesItsEnd() {
		ConcurrencyWindow hours = new ConcurrencyWindow(Set.of(), LocalTime.of(8, 0), LocalTime.of(19, 0), 30);
		assertThat(hours.contains(friday("07:59:59"))).isFalse();
		assertThat(hours.contains(friday("08:00"))).isTrue();
		assertThat(hours.contains(friday("18:59:59"))).isTrue();
		assertThat(hours.contains(friday("19:00"))).isFalse();
	}

	@Test
	void aWindowAcrossMidnightBelongsToTheDayItStartedOn() {
		ConcurrencyWindow fridayNight = new ConcurrencyWindow(Set.of(DayOfWeek.FRIDAY), LocalTime.of(22, 0),
				LocalTime.of(2, 0), 50);
		assertThat(fridayNight.contains(friday("21:59"))).isFalse();
		assertThat(fridayNight.contains(friday("22:00"))).isTrue();
		assertThat(fridayNight.contains(friday("23:59:59"))).isTrue();
		// Saturday morning is still Friday night.
		assertThat(fridayNight.contains(friday("01:59").plusDays(1))).isTrue();
		assertThat(fridayNight.contains(friday("02:00").plusDays(1))).isFalse();
		// Friday morning belongs to Thursday night, which is not in the window.
		assertThat(fridayNight.contains(friday("01:00"))).isFalse();
	}

	@Test
	void aWindowAcrossMidnightOnSundayEndsOnMonday() {
		ConcurrencyWindow sundayNight = new ConcurrencyWindow(Set.of(DayOfWeek.SUNDAY), LocalTime.of(23, 0),
				LocalTime.of(1, 0), 5);
		ZonedDateTime mondayAtHalfPastMidnight = ZonedDateTime.of(2026, 11, 30, 0, 30, 0, 0, PARIS);
		assertThat(sundayNight.contains(mondayAtHalfPastMidnight)).isTrue();
		assertThat(sundayNight.contains(mondayAtHalfPastMidnight.plusDays(1))).isFalse();
	}

	@Test
	void refusesANegativeConcurrency() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ConcurrencyWindow(Set.of(), LocalTime.NOON, LocalTime.MIDNIGHT, -1))
			.withMessageContaining("-1");
	}

	@Test
	void theSettingsApplyTheFirstWindowThatContainsTheTimeInTheirZone() {
		FanOutSettings settings = new FanOutSettings("orders", null, FanOutInvocationType.REQUEST_RESPONSE, 10,
				List.of(new ConcurrencyWindow(Set.of(DayOfWeek.FRIDAY), LocalTime.of(8, 0), LocalTime.of(19, 0), 30),
						new ConcurrencyWindow(Set.of(), LocalTime.of(7, 0), LocalTime.of(20, 0), 20)),
				PARIS, 100, null, Duration.ofSeconds(2), Duration.ofSeconds(10), true);
		// 07:30 UTC is 08:30 in Paris in November.
		assertThat(settings.concurrencyAt(ZonedDateTime.of(2026, 11, 27, 7, 30, 0, 0, ZoneId.of("UTC")))).isEqualTo(30);
		assertThat(settings.concurrencyAt(friday("07:30"))).isEqualTo(20);
		assertThat(settings.concurrencyAt(friday("07:30").plusDays(1))).isEqualTo(20);
		assertThat(settings.concurrencyAt(friday("21:00"))).isEqualTo(10);
	}

}
