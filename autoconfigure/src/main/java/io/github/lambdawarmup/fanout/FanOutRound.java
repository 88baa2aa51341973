package io.github.lambdawarmup.fanout;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import io.github.lambdawarmup.DispatchCalibration;
import io.github.lambdawarmup.WarmupAnswer;
import io.github.lambdawarmup.WarmupEvent;

/**
 * Runs one round: opens the connections, sends every warm-up at once through the asynchronous client
 * with holds that end at a common deadline, counts what came back, and runs a second pass when the
 * answers show that the holds ended before the last warm-ups arrived.
 */
final class FanOutRound {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The share of the concurrency below which a pass whose holds proved too short is run again. */
	static final double CORRECTED_BELOW = 0.99;

	/** The expected spread per warm-up before any was measured. */
	static final long GUESSED_SPREAD_MS_PER_WARMUP = 1;

	private static final int MAX_MESSAGE = 200;

	private static final String REQUEST_RESPONSE = "RequestResponse";

	private static final String EVENT = "Event";

	private static final String DRY_RUN = "DryRun";

	// us-east-1 list prices, per GB-second of duration and per request.
	private static final double X86_GB_SECOND = 0.0000166667;

	private static final double ARM64_GB_SECOND = 0.0000133334;

	private static final double REQUEST = 0.20 / 1_000_000;

	private FanOutRound() {
	}

	static FanOutReport run(LambdaInvoker invoker, FanOutPlan plan, Clock clock, LongSupplier ticker) {
		long start = ticker.getAsLong();
		return run(invoker.prepare(plan), plan, clock, ticker, start);
	}

	static FanOutReport run(LambdaInvoker.Pass client, FanOutPlan plan, Clock clock, LongSupplier ticker,
			long start) {
		Long preConnectMs = plan.preConnect() ? preConnect(client, plan, ticker) : null;
		long expected = expectedSpreadMs(plan);
		List<Pass> passes = new ArrayList<>(2);
		// Fewer than the calibrated first tenth, so that the pace has warm-ups to count.
		int ahead = Math.min(client.handedOverAhead(), HoldSchedule.firstPaced(plan.concurrency()) - 1);
		// A first pass that falls behind its holds stops, when a second pass can follow: see Pass#send.
		StopRule stop = (plan.fixedHold() == null && plan.counted())
				? (nowNanos, projectedMs, firstHoldMs, longestHoldMs) -> secondPassFits(plan,
						expectedAgain(expected, projectedMs), firstHoldMs, (nowNanos - start) / 1_000_000 + longestHoldMs)
				: null;
		Pass first = Pass.send(client, plan, holds(plan, expected, ahead), plan.calibration(), clock, ticker, stop);
		passes.add(first);
		String reason = null;
		if (first.stoppedAfter != null || needsSecondPass(plan, first)) {
			long measuredMs = Math.max((first.tally.spreadMs() != null) ? first.tally.spreadMs() : 0,
					first.projectedSpreadMs);
			long expectedAgain = expectedAgain(expected, measuredMs);
			long longest = longestHold(plan, expectedAgain);
			long elapsedMs = (ticker.getAsLong() - start) / 1_000_000;
			// Against the hold the first pass planned, its first warm-up's: a pass that fell behind holds its
			// late warm-ups far longer (they hold for the pace they met), which says nothing of what a second
			// pass may hold, and once hid that one was needed.
			if (longest <= first.firstHoldMs) {
				reason = "the holds ended before the last warm-ups arrived (" + first.tally.reusedAnswers()
						+ " answers came from environments that had already answered) and warmup.max-hold ("
						+ plan.maxHold().toMillis() + " ms) leaves no longer hold: raise warmup.max-hold";
			}
			else if (plan.timeLeft() != null
					&& plan.timeLeft().toMillis() - elapsedMs < elapsedMs + longest) {
				reason = "the holds ended before the last warm-ups arrived, and this invocation has too little time "
						+ "left for a second pass: raise the function's timeout";
			}
			else {
				DispatchCalibration measured = calibration(first, clock);
				passes.add(Pass.send(client, plan, HoldSchedule.deadline(expectedAgain, plan.maxHold(), ahead),
						(measured != null) ? measured : plan.calibration(), clock, ticker, null));
				reason = (first.stoppedAfter != null)
						? "the first pass fell behind its holds: its first environments' holds ended when "
								+ first.stoppedAfter + " of " + plan.concurrency() + " warm-ups had left, and the "
								+ "others would have found those environments idle; it stopped there, and a second "
								+ "pass held for the spread it projected"
						: "the first pass's holds ended before its last warm-ups arrived (" + first.tally.reusedAnswers()
								+ " answers came from environments that had already answered): a second pass held "
								+ "for the measured spread";
			}
		}
		else if (plan.fixedHold() != null && first.tally.spreadMs() != null
				&& first.tally.spreadMs() >= plan.fixedHold().toMillis()) {
			reason = "the round took " + first.tally.spreadMs() + " ms to reach its environments but held them only "
					+ plan.fixedHold().toMillis() + " ms: raise warmup.fan-out.hold or let the hold be derived";
		}
		return report(plan, passes, reason, preConnectMs, expected, (ticker.getAsLong() - start) / 1_000_000, clock);
	}

	// Half again the spread a pass measured or projected, and never less than the calibration expected.
	private static long expectedAgain(long expectedMs, long measuredMs) {
		return Math.max(expectedMs, measuredMs) * 3 / 2;
	}

	// Whether a second pass could hold longer than the first planned and has the time the first took and
	// its own holds: what the decision after the first pass requires too. The second pass starts once the
	// first one's answers are in, after its longest hold.
	private static boolean secondPassFits(FanOutPlan plan, long expectedAgainMs, long firstHoldMs, long elapsedMs) {
		long longest = longestHold(plan, expectedAgainMs);
		return longest > firstHoldMs
				&& (plan.timeLeft() == null || plan.timeLeft().toMillis() - elapsedMs >= elapsedMs + longest);
	}

	// The service routes each request to an idle environment or starts one; opening the connections
	// first takes the TLS handshakes out of the spread. DryRun only checks the caller's permission: it
	// runs no environment and is not billed.
	private static long preConnect(LambdaInvoker.Pass client, FanOutPlan plan, LongSupplier ticker) {
		long start = ticker.getAsLong();
		List<CompletableFuture<?>> pending = new ArrayList<>(plan.concurrency());
		byte[] empty = new byte[0];
		// An answer is read only once every DryRun is on its way: a connection whose answer came back
		// early would otherwise be reused, and a warm-up would pay a handshake in the middle of the pass.
		CompletableFuture<Void> allSent = new CompletableFuture<>();
		for (int index = 0; index < plan.concurrency(); index++) {
			// A failure here is counted, with its kind, when the warm-ups fail the same way.
			pending.add(client.invoke(DRY_RUN, empty, plan.invocationTimeout(), allSent));
		}
		allSent.complete(null);
		pending.forEach(CompletableFuture::join);
		return (ticker.getAsLong() - start) / 1_000_000;
	}

	static long expectedSpreadMs(FanOutPlan plan) {
		DispatchCalibration calibration = plan.calibration();
		return (calibration != null) ? calibration.expectedArrivalMsFor(plan.concurrency())
				: GUESSED_SPREAD_MS_PER_WARMUP * plan.concurrency();
	}

	// A second pass costs as much as the first: it runs when the first one's holds ended before its last
	// warm-ups arrived and left more than a hundredth of the environments unreached.
	private static boolean needsSecondPass(FanOutPlan plan, Pass first) {
		return plan.fixedHold() == null && plan.counted() && first.tally.reusedAnswers() > 0
				&& first.tally.environments.size() < reachTarget(plan.concurrency());
	}

	// The environments below which a pass is corrected by a second one.
	private static int reachTarget(int concurrency) {
		return (int) Math.ceil(CORRECTED_BELOW * concurrency);
	}

	static HoldSchedule holds(FanOutPlan plan, long expectedSpreadMs, int handedOverAhead) {
		return (plan.fixedHold() != null) ? HoldSchedule.fixed(min(plan.fixedHold(), plan.maxHold()), handedOverAhead)
				: HoldSchedule.projected(expectedSpreadMs, plan.concurrency(), plan.maxHold(), handedOverAhead);
	}

	private static long longestHold(FanOutPlan plan, long expectedSpreadMs) {
		return Math.min(plan.maxHold().toMillis(), HoldSchedule.windowMs(expectedSpreadMs));
	}

	private static @Nullable DispatchCalibration calibration(Pass pass, Clock clock) {
		Long spread = pass.tally.spreadMs();
		if (spread == null) {
			return null;
		}
		return new DispatchCalibration(pass.tally.invoked, Math.min(spread, WarmupEvent.MAX_HOLD.toMillis()),
				clock.millis());
	}

	private static FanOutReport report(FanOutPlan plan, List<Pass> passes, @Nullable String reason,
			@Nullable Long preConnectMs, long expectedSpreadMs, long durationMs, Clock clock) {
		Tally total = new Tally(plan.counted());
		passes.forEach((pass) -> total.merge(pass.tally));
		Pass last = passes.get(passes.size() - 1);

		FanOutReport.Reach reach = plan.counted()
				? new FanOutReport.Reach(total.answered, total.environments.size(), total.coldEnvironments.size(),
						Math.round(1000.0 * total.environments.size() / plan.asked()) / 10.0)
				: null;
		long longest = passes.stream().mapToLong((pass) -> pass.longestHoldMs).max().orElse(0);
		Double gbSeconds = (plan.memorySizeMb() != null) ? total.billedHoldMs / 1000.0 * plan.memorySizeMb() / 1024.0
				: null;
		Double usd = (gbSeconds != null)
				? Math.round((gbSeconds * (plan.arm64() ? ARM64_GB_SECOND : X86_GB_SECOND) + total.invoked * REQUEST)
						* 1e8) / 1e8
				: null;
		FanOutReport.Holds holds = new FanOutReport.Holds(
				(plan.fixedHold() != null) ? FanOutReport.Holds.FIXED : FanOutReport.Holds.DEADLINE, longest,
				total.billedHoldMs, (gbSeconds != null) ? Math.round(gbSeconds * 1000) / 1000.0 : null, usd);
		Long spread = null;
		for (Pass pass : passes) {
			spread = (pass.tally.spreadMs() != null) ? pass.tally.spreadMs() : spread;
		}
		FanOutReport.Timing timing = new FanOutReport.Timing(preConnectMs,
				(plan.fixedHold() != null) ? null : expectedSpreadMs, last.dispatchMs, spread, durationMs);
		FanOutReport.@Nullable Retention retention = plan.counted() ? total.retention(plan, clock) : null;
		if (retention != null && retention.belowMinimum()) {
			String warning = (retention.previousRound() != null)
					? "only " + retention.kept() + " of the " + plan.asked() + " environments asked for ("
							+ retention.percent() + " %) were kept from round " + retention.previousRound() + ", "
							+ retention.previousRoundAgeMs() / 1000 + " s earlier: the rate is likely slower than the "
							+ "time Lambda keeps idle environments; send the trigger more often"
					: "every environment this round reached was new: unless this is the first round, none was kept "
							+ "since the last one, and the rate is likely slower than the time Lambda keeps idle "
							+ "environments; send the trigger more often";
			reason = (reason != null) ? reason + "; " + warning : warning;
		}
		return new FanOutReport(FanOutReport.COMPLETED, reason, plan.round(), plan.target(), plan.asked(),
				total.invoked, reach, total.failures(), holds, timing,
				passes.stream().map(Pass::summary).toList(), last.carried, retention,
				plan.counted() ? new FanOutReport.Users(total.userInvocations, total.userColdStarts) : null);
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/** One pass: every warm-up sent at once, and what came back. */
	private static final class Pass {

		final Tally tally;

		final long longestHoldMs;

		// The hold of the pass's first warm-up: the whole window it planned.
		final long firstHoldMs;

		final long dispatchMs;

		final @Nullable DispatchCalibration carried;

		// The warm-ups sent before the pass stopped, or null when it sent them all.
		final @Nullable Integer stoppedAfter;

		// The spread the pass's own pace projected for all its warm-ups when it stopped, or 0.
		final long projectedSpreadMs;

		private Pass(Tally tally, long longestHoldMs, long firstHoldMs, long dispatchMs,
				@Nullable DispatchCalibration carried, @Nullable Integer stoppedAfter, long projectedSpreadMs) {
			this.tally = tally;
			this.longestHoldMs = longestHoldMs;
			this.firstHoldMs = firstHoldMs;
			this.dispatchMs = dispatchMs;
			this.carried = carried;
			this.stoppedAfter = stoppedAfter;
			this.projectedSpreadMs = projectedSpreadMs;
		}

		/**
		 * Sends a pass. An answer that comes back while the pass is still sending says its environment is idle
		 * again, and the service routes the warm-ups still to leave to such environments first: each would be
		 * answered twice and hold an environment already counted. Once more than a hundredth of the pass has
		 * come back so (a pause of the sender, a pace far slower than calibrated) with at least as many
		 * warm-ups still to leave, the pass can no longer reach 99 %, and a first pass stops there when
		 * {@code stop} says a second pass can follow, which reaches those environments again and the others;
		 * otherwise it goes on as before.
		 */
		static Pass send(LambdaInvoker.Pass client, FanOutPlan plan, HoldSchedule holds,
				@Nullable DispatchCalibration calibration, Clock clock, LongSupplier ticker, @Nullable StopRule stop) {
			String type = (plan.target().invocationType() == FanOutInvocationType.EVENT) ? EVENT : REQUEST_RESPONSE;
			long start = ticker.getAsLong();
			long longest = 0;
			long firstHold = 0;
			int concurrency = plan.concurrency();
			DispatchCalibration carried = calibration;
			int firstPaced = HoldSchedule.firstPaced(concurrency);
			List<CompletableFuture<InvokeOutcome>> pending = new ArrayList<>(concurrency);
			Integer stoppedAfter = null;
			long projectedMs = 0;
			// Counted as the answers come back, on the client's threads.
			AtomicInteger idleAgain = new AtomicInteger();
			// The environments a pass may lose and still need no second: it has lost more once more of them
			// are idle again than that, with at least as many warm-ups still to leave.
			int mayLose = concurrency - reachTarget(concurrency);
			for (int index = 0; index < concurrency; index++) {
				long now = ticker.getAsLong();
				if (stop != null && concurrency - index > mayLose && idleAgain.get() > mayLose) {
					long projected = holds.projectedSpreadMsSoFar(index, concurrency, now);
					if (stop.allows(now, projected, firstHold, longest)) {
						stoppedAfter = index;
						projectedMs = projected;
						break;
					}
					// Decided once: with no second pass to follow, the pass sends every warm-up.
					stop = null;
				}
				// The hold is decided as the warm-up leaves, so that a slow dispatch shortens the holds of the
				// late warm-ups instead of lengthening the round.
				Duration hold = holds.holdFor(index, now);
				longest = Math.max(longest, hold.toMillis());
				if (index == 0) {
					firstHold = hold.toMillis();
				}
				// All but the first tenth of a pass carry the pace of this very dispatch: the next trigger
				// most likely lands on an environment this round reached, which then plans with it.
				DispatchCalibration pace = (index >= firstPaced)
						? holds.paceSoFar(index, now, clock.millis(), plan.arrivalPercent()) : null;
				if (pace != null) {
					carried = pace;
				}
				byte[] payload = new WarmupEvent.WarmUp(WarmupEvent.Source.LAMBDA_WARMUP, plan.round(), index,
						concurrency, hold, carried)
					.toJson();
				CompletableFuture<InvokeOutcome> outcome = client.invoke(type, payload, plan.invocationTimeout());
				if (stop != null) {
					// Any answer of the function, a warm-up's or not: its environment is idle either way.
					outcome.thenAccept((answered) -> {
						if (answered.status() == 200 && answered.functionError() == null && answered.errorCode() == null) {
							idleAgain.incrementAndGet();
						}
					});
				}
				pending.add(outcome);
			}
			long dispatchMs = (ticker.getAsLong() - start) / 1_000_000;
			Tally tally = new Tally(plan.counted());
			for (CompletableFuture<InvokeOutcome> outcome : pending) {
				tally.add(outcome.join());
			}
			return new Pass(tally, longest, firstHold, dispatchMs, carried, stoppedAfter, projectedMs);
		}

		FanOutReport.Pass summary() {
			return new FanOutReport.Pass(this.longestHoldMs, this.tally.answered, this.tally.environments.size(),
					this.tally.reusedAnswers(), this.dispatchMs, this.tally.spreadMs(), this.stoppedAfter);
		}

	}

	/** Whether a first pass that fell behind its holds may stop for a second pass. */
	@FunctionalInterface
	interface StopRule {

		boolean allows(long nowNanos, long projectedSpreadMs, long firstHoldMs, long longestHoldMs);

	}

	/** Adds up the outcomes of a pass, or of a whole round. */
	private static final class Tally {

		// Whether the answers are awaited (RequestResponse), or only queued (Event, 202).
		private final boolean counted;

		private int invoked;

		private int answered;

		private int unrecognised;

		private int functionErrors;

		private int throttled;

		private long billedHoldMs;

		private final Map<String, Integer> throttleReasons = new TreeMap<>();

		private final Map<String, Integer> failures = new TreeMap<>();

		private final Set<String> environments = new HashSet<>();

		private final Set<String> coldEnvironments = new HashSet<>();

		// The round each environment answered before this one, as it first answered this one.
		private final Map<String, PreviousRound> previousRounds = new HashMap<>();

		private long userInvocations;

		private int userColdStarts;

		private long firstStart = Long.MAX_VALUE;

		private long lastStart = Long.MIN_VALUE;

		private @Nullable String firstFailure;

		Tally(boolean counted) {
			this.counted = counted;
		}

		void add(InvokeOutcome outcome) {
			this.invoked++;
			if (outcome.isThrottle()) {
				this.throttled++;
				this.throttleReasons.merge(String.valueOf(outcome.throttleReason()), 1, Integer::sum);
				noteFailure("throttled: " + outcome.throttleReason());
				return;
			}
			if (outcome.errorCode() != null) {
				this.failures.merge(outcome.errorCode(), 1, Integer::sum);
				noteFailure(outcome.errorCode() + ": " + abbreviate(String.valueOf(outcome.message())));
				return;
			}
			if (outcome.functionError() != null) {
				this.functionErrors++;
				noteFailure("function error: " + text(outcome.payload()));
				return;
			}
			if (outcome.status() == 202 && !this.counted) {
				return;
			}
			// A 202 to a RequestResponse warm-up says nothing of the environment: it is no warm-up answer.
			WarmupAnswer answer = outcome.truncated() ? null : parse(outcome.payload());
			if (answer == null) {
				this.unrecognised++;
				noteFailure("not a warm-up answer: " + text(outcome.payload()));
				return;
			}
			this.answered++;
			this.billedHoldMs += Math.max(0, answer.heldMs());
			if (this.environments.add(answer.environmentId())) {
				this.userInvocations += answer.userInvocations();
				this.userColdStarts += answer.userColdStart() ? 1 : 0;
				if (answer.previousRound() != null && answer.previousRoundAtMs() != null) {
					this.previousRounds.put(answer.environmentId(),
							new PreviousRound(answer.previousRound(), answer.previousRoundAtMs()));
				}
			}
			if (answer.coldStart()) {
				this.coldEnvironments.add(answer.environmentId());
				// A cold environment starts its warm-up only after its init: its start says when the init
				// ended, not when the warm-up arrived.
				return;
			}
			this.firstStart = Math.min(this.firstStart, answer.startedAtMs());
			this.lastStart = Math.max(this.lastStart, answer.startedAtMs());
		}

		void merge(Tally pass) {
			this.invoked += pass.invoked;
			this.answered += pass.answered;
			this.unrecognised += pass.unrecognised;
			this.functionErrors += pass.functionErrors;
			this.throttled += pass.throttled;
			this.billedHoldMs += pass.billedHoldMs;
			pass.throttleReasons.forEach((k, v) -> this.throttleReasons.merge(k, v, Integer::sum));
			pass.failures.forEach((k, v) -> this.failures.merge(k, v, Integer::sum));
			for (String environment : pass.environments) {
				if (this.environments.add(environment)) {
					PreviousRound previous = pass.previousRounds.get(environment);
					if (previous != null) {
						this.previousRounds.put(environment, previous);
					}
				}
			}
			this.userInvocations += pass.userInvocations;
			this.userColdStarts += pass.userColdStarts;
			this.coldEnvironments.addAll(pass.coldEnvironments);
			if (this.firstFailure == null) {
				this.firstFailure = pass.firstFailure;
			}
		}

		int reusedAnswers() {
			return this.answered - this.environments.size();
		}

		// The previous round is the newest that an answer names, other than this one (a second pass's
		// answers name the first pass's round), or that the environment running this one knows of: when
		// no environment was kept, no answer names it.
		FanOutReport.@Nullable Retention retention(FanOutPlan plan, Clock clock) {
			PreviousRound newest = (plan.knownPreviousRound() != null && plan.knownPreviousRoundAtMs() != null)
					? new PreviousRound(plan.knownPreviousRound(), plan.knownPreviousRoundAtMs()) : null;
			for (PreviousRound previous : this.previousRounds.values()) {
				if (!previous.round().equals(plan.round()) && (newest == null || previous.atMs() > newest.atMs())) {
					newest = previous;
				}
			}
			if (newest == null) {
				// Nothing names an earlier round, and every environment reached was started by this one: none was
				// kept. That is every first round, and every round when the rate is slower than the keep-alive,
				// since each trigger then lands on a new environment that knows no earlier round either.
				boolean noneKept = !this.environments.isEmpty() && this.coldEnvironments.size() == this.environments.size();
				return noneKept ? new FanOutReport.Retention(null, null, 0, 0.0, plan.minRetentionPercent()) : null;
			}
			String round = newest.round();
			int kept = (int) this.previousRounds.values().stream().filter((p) -> p.round().equals(round)).count();
			return new FanOutReport.Retention(round, Math.max(0, clock.millis() - newest.atMs()), kept,
					Math.round(1000.0 * kept / plan.asked()) / 10.0, plan.minRetentionPercent());
		}

		@Nullable Long spreadMs() {
			if (this.firstStart > this.lastStart) {
				return null;
			}
			try {
				return Math.subtractExact(this.lastStart, this.firstStart);
			}
			catch (ArithmeticException ex) {
				return null;
			}
		}

		FanOutReport.Failures failures() {
			return new FanOutReport.Failures(this.throttled, this.throttleReasons, this.functionErrors, this.failures,
					this.unrecognised, this.firstFailure);
		}

		private void noteFailure(String message) {
			if (this.firstFailure == null) {
				this.firstFailure = message;
			}
		}

		private static @Nullable WarmupAnswer parse(byte[] payload) {
			try {
				// Read straight into the answer, with no tree between: a thousand of them come in a round.
				WarmupAnswer answer = JSON.readValue(payload, WarmupAnswer.class);
				return (answer != null && WarmupAnswer.WARM.equals(answer.status()) && answer.environmentId() != null)
						? answer : null;
			}
			catch (JacksonException ex) {
				return null;
			}
		}

		// An answer is anything the function returned: decoded leniently and cut short for the report.
		private static String text(byte[] bytes) {
			return abbreviate(new String(bytes, 0, Math.min(bytes.length, 4 * MAX_MESSAGE), StandardCharsets.UTF_8));
		}

		private static String abbreviate(String text) {
			return (text.length() <= MAX_MESSAGE) ? text : text.substring(0, MAX_MESSAGE) + "...";
		}

	}

	private record PreviousRound(String round, long atMs) {
	}

}
