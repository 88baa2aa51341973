package io.github.lambdawarmup.fanout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.github.lambdawarmup.DispatchCalibration;
import io.github.lambdawarmup.WarmupAnswer;
import io.github.lambdawarmup.WarmupEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a round runs its second pass: a service in virtual time whose environments stay busy for exactly the
 * hold each warm-up asks, and a sender that stalls once in the middle of its first pass (a collection of its
 * heap, the core taken away), which on the pinned benchmark left a round at 811 of 1,000 with no second pass.
 */
class FanOutRoundTests {

	private static final long MS = 1_000_000;

	@Test
	void aFirstPassThatStalledRunsASecondPassThoughItsLateWarmupsHeldLong() {
		VirtualService service = new VirtualService(500, 300 * MS);
		FanOutReport report = service.run(plan(Duration.ofSeconds(10)));

		FanOutReport.Pass first = report.passes().get(0);
		// The warm-ups before the stall were released at the deadline they planned, before the late ones
		// arrived, which found their environments idle; the late ones held long for the pace they met.
		assertThat(first.reusedAnswers()).isPositive();
		assertThat(first.distinctEnvironments()).isLessThan(990);
		assertThat(first.holdMs()).isGreaterThan(HoldSchedule.windowMs(service.expectedSpreadMs()));
		assertThat(report.passes()).hasSize(2);
		assertThat(report.reason()).contains("a second pass held for the measured spread");
		assertThat(report.distinctEnvironments()).isGreaterThanOrEqualTo(1000);
	}

	@Test
	void noSecondPassWhenTheMaximumHoldLeavesItNoLongerHoldThanTheFirst() {
		VirtualService service = new VirtualService(500, 300 * MS);
		// The first pass already planned the longest hold warmup.max-hold allows.
		Duration maxHold = Duration.ofMillis(HoldSchedule.windowMs(service.expectedSpreadMs()));
		FanOutReport report = service.run(plan(maxHold));

		assertThat(report.passes()).hasSize(1);
		assertThat(report.distinctEnvironments()).isLessThan(990);
		assertThat(report.reason()).contains("warmup.max-hold (" + maxHold.toMillis() + " ms) leaves no longer hold");
	}

	@Test
	void aFirstPassWithoutAStallReachesEveryEnvironmentAlone() {
		VirtualService service = new VirtualService(Integer.MAX_VALUE, 0);
		FanOutReport report = service.run(plan(Duration.ofSeconds(10)));

		assertThat(report.passes()).hasSize(1);
		assertThat(report.distinctEnvironments()).isEqualTo(1000);
		assertThat(report.reason()).isNull();
	}

	private static FanOutPlan plan(Duration maxHold) {
		// Calibrated for the pace the service keeps: 1,000 warm-ups in 100 ms.
		return new FanOutPlan("r", new FanOutReport.Target("orders", null, FanOutInvocationType.REQUEST_RESPONSE),
				1000, 1000, null, maxHold, Duration.ofSeconds(10), new DispatchCalibration(1000, 100, 1), null, null,
				false, false, FanOutSettings.DEFAULT_MIN_RETENTION_PERCENT, null, null, null);
	}

	/**
	 * The Lambda service in virtual time: each warm-up takes 0.1 ms to send, goes to the environment freed
	 * last among the idle ones (Lambda's own preference) or to a new one, and keeps it busy for its hold.
	 * Once, before the warm-up at {@code stallAt} of the first pass, the sender stalls for {@code stallNanos}.
	 */
	private static final class VirtualService implements LambdaInvoker.Pass {

		private static final JsonMapper JSON = JsonMapper.builder().build();

		private static final long SEND_NANOS = 100_000;

		private final int stallAt;

		private final long stallNanos;

		private final List<long[]> environments = new ArrayList<>();

		private long nanoTime;

		private int sent;

		VirtualService(int stallAt, long stallNanos) {
			this.stallAt = stallAt;
			this.stallNanos = stallNanos;
		}

		long nanoTime() {
			return this.nanoTime;
		}

		long expectedSpreadMs() {
			return 100;
		}

		FanOutReport run(FanOutPlan plan) {
			return FanOutRound.run(this, plan, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), this::nanoTime, 0);
		}

		@Override
		public CompletableFuture<InvokeOutcome> invoke(String type, byte[] payload, Duration timeout,
				CompletableFuture<Void> gate) {
			if (this.sent++ == this.stallAt) {
				this.nanoTime += this.stallNanos;
			}
			WarmupEvent.WarmUp warmUp = (WarmupEvent.WarmUp) WarmupEvent.detect(payload).orElseThrow();
			long arrived = this.nanoTime;
			long[] environment = idleEnvironment(arrived);
			environment[1] = arrived + warmUp.hold().toNanos();
			this.nanoTime += SEND_NANOS;
			WarmupAnswer answer = new WarmupAnswer(1, WarmupAnswer.WARM, "environment-" + environment[0], false, 0, 0,
					1, "orders", "$LATEST", warmUp.round(), warmUp.index(), warmUp.hold().toMillis(), arrived / MS, 0,
					false, null, null);
			return CompletableFuture
				.completedFuture(new InvokeOutcome(200, null, null, null, null, JSON.writeValueAsBytes(answer), false));
		}

		// {id, busy until}: the idle one freed last, or a new one.
		private long[] idleEnvironment(long now) {
			long[] chosen = null;
			for (long[] environment : this.environments) {
				if (environment[1] <= now && (chosen == null || environment[1] > chosen[1])) {
					chosen = environment;
				}
			}
			if (chosen == null) {
				chosen = new long[] { this.environments.size(), 0 };
				this.environments.add(chosen);
			}
			return chosen;
		}

	}

}
