package io.github.lambdawarmup.fanout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.github.lambdawarmup.DispatchCalibration;
import io.github.lambdawarmup.WarmupAnswer;
import io.github.lambdawarmup.WarmupEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a round stops its first pass and runs a second: a service in virtual time whose environments stay busy
 * for exactly the hold each warm-up asks, and a sender that stalls once in the middle of its first pass (a
 * collection of its heap, the core taken away), which on the pinned benchmark left a round at 811 of 1,000 with
 * no second pass, or that sends far slower than its calibration said.
 */
class FanOutRoundTests {

	private static final long MS = 1_000_000;

	@Test
	void aFirstPassThatStallsStopsOnceItsFirstHoldsHaveEndedAndASecondPassReachesEveryEnvironment() {
		VirtualService service = new VirtualService(500, 300 * MS);
		FanOutReport report = service.run(plan(Duration.ofSeconds(10), null));

		FanOutReport.Pass first = report.passes().get(0);
		// Before the stall it sent 500; the next warm-up left when the first environments' holds had ended,
		// and would have been answered by one of them again.
		assertThat(first.stoppedAfter()).isEqualTo(500);
		assertThat(first.answered()).isEqualTo(500);
		assertThat(first.reusedAnswers()).isZero();
		assertThat(report.passes()).hasSize(2);
		assertThat(report.reason()).contains("stopped there, and a second pass held for the spread it projected");
		// The second pass found the first pass's environments idle again and reached them and 500 more.
		assertThat(report.distinctEnvironments()).isEqualTo(1000);
		assertThat(service.environmentsStarted()).isEqualTo(1000);
		assertThat(report.passes().get(1).reusedAnswers()).isZero();
	}

	@Test
	void aFirstPassFarSlowerThanCalibratedStopsAndTheSecondPassHoldsForTheSpreadItProjected() {
		// 1,000 warm-ups that take 400 ms to leave, where the calibration said 100.
		VirtualService service = new VirtualService(Integer.MAX_VALUE, 0, 400_000);
		FanOutReport report = service.run(plan(Duration.ofSeconds(10), null));

		assertThat(report.passes().get(0).stoppedAfter()).isBetween(500, 700);
		assertThat(report.passes()).hasSize(2);
		// Held for the whole pass's projected spread, not for the part the first pass measured.
		assertThat(report.passes().get(1).reusedAnswers()).isZero();
		assertThat(report.distinctEnvironments()).isEqualTo(1000);
		assertThat(service.environmentsStarted()).isEqualTo(1000);
	}

	// 5 warm-ups left when the 995 environments reached are idle again: at most 5 lost, 995 of 1,000 reached,
	// and no second pass of 1,000 for that.
	@Test
	void aFirstPassNearItsEndDoesNotStopForEnvironmentsItCanLoseAndStillReach99Percent() {
		VirtualService service = new VirtualService(995, 300 * MS);
		FanOutReport report = service.run(plan(Duration.ofSeconds(10), null));

		assertThat(report.passes()).hasSize(1);
		assertThat(report.passes().get(0).stoppedAfter()).isNull();
		assertThat(report.passes().get(0).reusedAnswers()).isEqualTo(5);
		assertThat(report.distinctEnvironments()).isEqualTo(995);
	}

	@Test
	void aFirstPassSendsEveryWarmupWhenNoSecondPassCouldFollowIt() {
		// Too little time left for a second pass: the first goes on, as it did before passes could stop.
		VirtualService service = new VirtualService(500, 300 * MS);
		FanOutReport report = service.run(plan(Duration.ofSeconds(10), Duration.ofMillis(600)));

		FanOutReport.Pass first = report.passes().get(0);
		assertThat(first.stoppedAfter()).isNull();
		assertThat(first.answered()).isEqualTo(1000);
		// The warm-ups after the stall found the environments reached before it idle, and held long for the
		// pace they met, longer than a second pass would.
		assertThat(first.reusedAnswers()).isPositive();
		assertThat(first.holdMs()).isGreaterThan(HoldSchedule.windowMs(service.expectedSpreadMs()));
		assertThat(report.passes()).hasSize(1);
		assertThat(report.reason()).contains("too little time left for a second pass");
	}

	@Test
	void noSecondPassWhenTheMaximumHoldLeavesItNoLongerHoldThanTheFirst() {
		VirtualService service = new VirtualService(500, 300 * MS);
		// The first pass already planned the longest hold warmup.max-hold allows.
		Duration maxHold = Duration.ofMillis(HoldSchedule.windowMs(service.expectedSpreadMs()));
		FanOutReport report = service.run(plan(maxHold, null));

		assertThat(report.passes()).hasSize(1);
		assertThat(report.passes().get(0).stoppedAfter()).isNull();
		assertThat(report.distinctEnvironments()).isLessThan(990);
		assertThat(report.reason()).contains("warmup.max-hold (" + maxHold.toMillis() + " ms) leaves no longer hold");
	}

	@Test
	void aFirstPassWithoutAStallReachesEveryEnvironmentAlone() {
		VirtualService service = new VirtualService(Integer.MAX_VALUE, 0);
		FanOutReport report = service.run(plan(Duration.ofSeconds(10), null));

		assertThat(report.passes()).hasSize(1);
		assertThat(report.passes().get(0).stoppedAfter()).isNull();
		assertThat(report.distinctEnvironments()).isEqualTo(1000);
		assertThat(report.reason()).isNull();
	}

	private static FanOutPlan plan(Duration maxHold, @Nullable Duration timeLeft) {
		// Calibrated for the pace the service keeps: 1,000 warm-ups in 100 ms.
		return new FanOutPlan("r", new FanOutReport.Target("orders", null, FanOutInvocationType.REQUEST_RESPONSE),
				1000, 1000, null, maxHold, Duration.ofSeconds(10), new DispatchCalibration(1000, 100, 1), timeLeft,
				null, false, false, FanOutSettings.DEFAULT_MIN_RETENTION_PERCENT, null, null, null);
	}

	/**
	 * The Lambda service in virtual time: each warm-up takes 0.1 ms to send (or as long as given), goes to the
	 * environment freed last among the idle ones (Lambda's own preference) or to a new one, keeps it busy for
	 * its hold and is answered when the hold ends; waiting for an answer lets time pass until then. Once,
	 * before the warm-up at {@code stallAt} of the first pass, the sender stalls for {@code stallNanos}.
	 */
	private static final class VirtualService implements LambdaInvoker.Pass {

		private static final JsonMapper JSON = JsonMapper.builder().build();

		private final int stallAt;

		private final long stallNanos;

		private final long sendNanos;

		private final List<long[]> environments = new ArrayList<>();

		private final PriorityQueue<Answer> unanswered = new PriorityQueue<>(Comparator.comparingLong(Answer::at));

		private long nanoTime;

		private int sent;

		VirtualService(int stallAt, long stallNanos) {
			this(stallAt, stallNanos, 100_000);
		}

		VirtualService(int stallAt, long stallNanos, long sendNanos) {
			this.stallAt = stallAt;
			this.stallNanos = stallNanos;
			this.sendNanos = sendNanos;
		}

		int environmentsStarted() {
			return this.environments.size();
		}

		long expectedSpreadMs() {
			return 100;
		}

		FanOutReport run(FanOutPlan plan) {
			return FanOutRound.run(this, plan, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), this::nanoTime, 0);
		}

		long nanoTime() {
			answerUntil(this.nanoTime);
			return this.nanoTime;
		}

		@Override
		public CompletableFuture<InvokeOutcome> invoke(String type, byte[] payload, Duration timeout,
				CompletableFuture<Void> gate) {
			WarmupEvent.WarmUp warmUp = (WarmupEvent.WarmUp) WarmupEvent.detect(payload).orElseThrow();
			long arrived = this.nanoTime;
			long[] environment = idleEnvironment(arrived);
			environment[1] = arrived + warmUp.hold().toNanos();
			WarmupAnswer answer = new WarmupAnswer(1, WarmupAnswer.WARM, "environment-" + environment[0], false, 0, 0,
					1, "orders", "$LATEST", warmUp.round(), warmUp.index(), warmUp.hold().toMillis(), arrived / MS, 0,
					false, null, null);
			Answer pending = new Answer(environment[1],
					new InvokeOutcome(200, null, null, null, null, JSON.writeValueAsBytes(answer), false));
			this.unanswered.add(pending);
			this.nanoTime += this.sendNanos;
			if (++this.sent == this.stallAt) {
				// The sender pauses before its next warm-up.
				this.nanoTime += this.stallNanos;
			}
			return pending;
		}

		// Every answer whose hold has ended by then comes back, in the order they end.
		private void answerUntil(long nanos) {
			while (!this.unanswered.isEmpty() && this.unanswered.peek().at() <= nanos) {
				Answer answer = this.unanswered.poll();
				answer.complete(answer.outcome);
			}
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

		/** An answer that comes back when its hold ends: waiting for it lets virtual time pass until then. */
		private final class Answer extends CompletableFuture<InvokeOutcome> {

			private final long at;

			private final InvokeOutcome outcome;

			Answer(long at, InvokeOutcome outcome) {
				this.at = at;
				this.outcome = outcome;
			}

			long at() {
				return this.at;
			}

			@Override
			public InvokeOutcome join() {
				if (!isDone()) {
					VirtualService.this.nanoTime = Math.max(VirtualService.this.nanoTime, this.at);
					answerUntil(this.at);
				}
				return super.join();
			}

		}

	}

}
