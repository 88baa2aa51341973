package io.github.lambdawarmup.fanout;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.github.lambdawarmup.DispatchCalibration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The holds of a pass, decided as each warm-up leaves: they end together a margin after the last
 * warm-up is expected to leave, first by the calibration, then by the pace the pass keeps.
 */
class HoldScheduleTests {

	private static final long MS = 1_000_000;

	@Test
	void theFirstWarmupsHoldForTheSpreadTheCalibrationExpects() {
		FanOutPlan plan = plan(null, Duration.ofSeconds(10), new DispatchCalibration(100, 400, 1));
		long expected = FanOutRound.expectedSpreadMs(plan);
		assertThat(expected).isEqualTo(800);
		HoldSchedule holds = FanOutRound.holds(plan, expected, 0);
		long window = 800 + HoldSchedule.MARGIN_MS + 200;
		long start = 5_000 * MS;
		assertThat(holds.holdFor(0, start)).isEqualTo(Duration.ofMillis(window));
		assertThat(holds.holdFor(10, start + 30 * MS)).isEqualTo(Duration.ofMillis(window - 30));
	}

	@Test
	void laterWarmupsHoldUntilThePacePassKeepsSaysTheLastOneLeaves() {
		HoldSchedule holds = HoldSchedule.projected(800, 200, Duration.ofSeconds(10), 0);
		long start = 0;
		holds.holdFor(0, start);
		// 100 warm-ups in 50 ms: the last of 200 leaves at 100 ms, not at the 800 ms the calibration said.
		long window = HoldSchedule.windowMs(100);
		assertThat(holds.holdFor(100, start + 50 * MS)).isEqualTo(Duration.ofMillis(window - 50));
		// The last one: 199 sent in 100 ms, so 200 take 101 ms; it holds the margin and that one millisecond.
		assertThat(holds.holdFor(199, start + 100 * MS)).isEqualTo(Duration.ofMillis(HoldSchedule.windowMs(101) - 100));
	}

	// The client took the first 64 at once and wrote the others at 0.15 ms each: the 100th leaves 5.4 ms in,
	// and 1,000 take about 5.4 + 936 x 0.15 = 146 ms, not the 54 that 100 in 5.4 ms would say.
	@Test
	void theWarmupsHandedOverAheadOfTheWritesSayNothingOfThePace() {
		HoldSchedule holds = HoldSchedule.projected(800, 1000, Duration.ofSeconds(10), 64);
		for (int index = 0; index < 100; index++) {
			holds.holdFor(index, Math.max(0, index - 64) * 150_000L);
		}
		assertThat(holds.holdFor(100, 36 * 150_000L)).isEqualTo(Duration.ofMillis(HoldSchedule.windowMs(141) - 5));
		// The pace the warm-up carries is counted alike: 36 warm-ups in 5.4 ms, not 100.
		assertThat(holds.paceSoFar(100, 36 * 150_000L, 7, 120)).isEqualTo(new DispatchCalibration(36, 5, 7, 120));
	}

	// Ten warm-ups that left within 0.9 ms said a pace of 0 ms, which every later round then planned from.
	@Test
	void carriesAPaceOnlyOnceEnoughWarmupsMeasuredItAndNeverAPaceOfNothing() {
		HoldSchedule holds = HoldSchedule.projected(20, 200, Duration.ofSeconds(10), 10);
		for (int index = 0; index < 40; index++) {
			holds.holdFor(index, Math.max(0, index - 10) * 30_000L);
		}
		assertThat(holds.paceSoFar(20, 10 * 30_000L, 7, null)).isNull();
		assertThat(holds.paceSoFar(25, 15 * 30_000L, 7, null)).isNull();
		assertThat(holds.paceSoFar(26, 16 * 30_000L, 7, null)).isEqualTo(new DispatchCalibration(16, 1, 7, null));
		assertThat(holds.paceSoFar(39, 29 * 30_000L, 7, null)).isEqualTo(new DispatchCalibration(29, 1, 7, null));
	}

	@Test
	void aSlowPassHoldsItsLaterEnvironmentsLonger() {
		HoldSchedule holds = HoldSchedule.projected(100, 200, Duration.ofSeconds(10), 0);
		holds.holdFor(0, 0);
		// Half the warm-ups took 300 ms: the rest will take as long again.
		assertThat(holds.holdFor(100, 300 * MS)).isEqualTo(Duration.ofMillis(HoldSchedule.windowMs(600) - 300));
	}

	// 1,000 warm-ups at 0.2 ms each, the first 50 handed over at once, and the sender paused 50 ms (a
	// collection of its heap) after the 120th: the pass takes 250 ms in all. Counted over the whole pass so
	// far, the pause looked like the pace and the 400th warm-up projected 336 ms.
	@Test
	void aPauseOfTheSenderWeighsOnTheHoldsOfTheNextWindowOnly() {
		HoldSchedule holds = HoldSchedule.projected(250, 1000, Duration.ofSeconds(10), 50);
		for (int index = 0; index < 400; index++) {
			holds.holdFor(index, leaves(index, 0.2, 120, 50));
		}
		long last = leaves(999, 0.2, 120, 50) / MS;
		assertThat(holds.projectedSpreadMs(400, 1000, leaves(400, 0.2, 120, 50))).isBetween(last, last + 2);
	}

	// 1,000 warm-ups at 0.2 ms each for the first 300, then at 0.4 ms: the client fell behind. The pace of
	// the whole pass so far would project 304 ms at the 600th; the last leaves at 340.
	@Test
	void aPassThatSlowsDownHoldsForItsNewPace() {
		HoldSchedule holds = HoldSchedule.projected(200, 1000, Duration.ofSeconds(10), 50);
		for (int index = 0; index < 600; index++) {
			holds.holdFor(index, slowing(index));
		}
		long last = slowing(999) / MS;
		assertThat(holds.projectedSpreadMs(600, 1000, slowing(600))).isBetween(last, last + 2);
	}

	@Test
	void aSecondPassTrustsNoPaceAndHoldsEveryEnvironmentUntilOneDeadline() {
		HoldSchedule holds = HoldSchedule.deadline(600, Duration.ofSeconds(10), 0);
		holds.holdFor(0, 0);
		assertThat(holds.holdFor(150, 100 * MS)).isEqualTo(Duration.ofMillis(HoldSchedule.windowMs(600) - 100));
	}

	@Test
	void aLateWarmupStillHoldsAMinimum() {
		HoldSchedule holds = HoldSchedule.projected(100, 10, Duration.ofSeconds(10), 0);
		holds.holdFor(0, 0);
		assertThat(holds.holdFor(1, 60_000 * MS)).isEqualTo(Duration.ofMillis(HoldSchedule.MIN_HOLD_MS));
	}

	@Test
	void neverHoldsLongerThanTheMaximum() {
		FanOutPlan plan = plan(null, Duration.ofMillis(300), new DispatchCalibration(200, 5_000, 1));
		assertThat(FanOutRound.holds(plan, FanOutRound.expectedSpreadMs(plan), 0).holdFor(0, 0))
			.isEqualTo(Duration.ofMillis(300));
	}

	@Test
	void aFixedHoldIsTheSameForEveryWarmupWithinTheMaximum() {
		HoldSchedule holds = FanOutRound.holds(plan(Duration.ofSeconds(5), Duration.ofSeconds(2), null), 0, 0);
		assertThat(holds.holdFor(0, 0)).isEqualTo(Duration.ofSeconds(2));
		assertThat(holds.holdFor(150, 10_000 * MS)).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void guessesAMillisecondPerWarmupWithoutACalibration() {
		assertThat(FanOutRound.expectedSpreadMs(plan(null, Duration.ofSeconds(1), null))).isEqualTo(200);
	}

	// When a warm-up leaves: the first 50 at once, then one every paceMs, and pauseMs more after the pauseAfter-th.
	private static long leaves(int index, double paceMs, int pauseAfter, int pauseMs) {
		double ms = Math.max(0, index - 50) * paceMs + ((index > pauseAfter) ? pauseMs : 0);
		return (long) (ms * MS);
	}

	private static long slowing(int index) {
		double ms = (index <= 300) ? index * 0.2 : 60 + (index - 300) * 0.4;
		return (long) (ms * MS);
	}

	private static FanOutPlan plan(Duration fixedHold, Duration maxHold, DispatchCalibration calibration) {
		return new FanOutPlan("r", new FanOutReport.Target("orders", null, FanOutInvocationType.REQUEST_RESPONSE), 200,
				200, fixedHold, maxHold, Duration.ofSeconds(10), calibration, null, null, false, true,
				FanOutSettings.DEFAULT_MIN_RETENTION_PERCENT, null, null, null);
	}

}
