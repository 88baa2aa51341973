package io.github.lambdawarmup.fanout;

import java.time.Duration;
import java.util.function.LongFunction;

import org.junit.jupiter.api.Test;

import io.github.lambdawarmup.DispatchCalibration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The holds of a pass, decided as each warm-up leaves: they end at a common deadline, so the
 * environments reached first hold longest and the last ones barely at all.
 */
class DeadlineHoldsTests {

	private static final long MS = 1_000_000;

	@Test
	void everyHoldEndsAtTheDeadlineSetByTheFirstWarmup() {
		FanOutPlan plan = plan(null, Duration.ofSeconds(10), new DispatchCalibration(100, 400, 1));
		long expected = FanOutRound.expectedSpreadMs(plan);
		assertThat(expected).isEqualTo(800);
		LongFunction<Duration> holds = FanOutRound.holds(plan, expected);
		long window = 800 + FanOutRound.DEADLINE_MARGIN_MS + 80;
		long start = 5_000 * MS;
		assertThat(holds.apply(start)).isEqualTo(Duration.ofMillis(window));
		assertThat(holds.apply(start + 300 * MS)).isEqualTo(Duration.ofMillis(window - 300));
		assertThat(holds.apply(start + 800 * MS)).isEqualTo(Duration.ofMillis(window - 800));
	}

	@Test
	void aLateWarmupStillHoldsAMinimum() {
		FanOutPlan plan = plan(null, Duration.ofSeconds(10), null);
		LongFunction<Duration> holds = FanOutRound.holds(plan, FanOutRound.expectedSpreadMs(plan));
		holds.apply(0);
		assertThat(holds.apply(60_000 * MS)).isEqualTo(Duration.ofMillis(FanOutRound.MIN_HOLD_MS));
	}

	@Test
	void neverHoldsLongerThanTheMaximum() {
		FanOutPlan plan = plan(null, Duration.ofMillis(300), new DispatchCalibration(200, 5_000, 1));
		LongFunction<Duration> holds = FanOutRound.holds(plan, FanOutRound.expectedSpreadMs(plan));
		assertThat(holds.apply(0)).isEqualTo(Duration.ofMillis(300));
	}

	@Test
	void aFixedHoldIsTheSameForEveryWarmupWithinTheMaximum() {
		LongFunction<Duration> holds = FanOutRound.holds(plan(Duration.ofSeconds(5), Duration.ofSeconds(2), null), 0);
		assertThat(holds.apply(0)).isEqualTo(Duration.ofSeconds(2));
		assertThat(holds.apply(10_000 * MS)).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void guessesAMillisecondPerWarmupWithoutACalibration() {
		assertThat(FanOutRound.expectedSpreadMs(plan(null, Duration.ofSeconds(1), null))).isEqualTo(200);
	}

	private static FanOutPlan plan(Duration fixedHold, Duration maxHold, DispatchCalibration calibration) {
		return new FanOutPlan("r", new FanOutReport.Target("orders", null, FanOutInvocationType.REQUEST_RESPONSE), 200,
				200, fixedHold, maxHold, Duration.ofSeconds(10), calibration, null, null, false, true);
	}

}
