package io.github.lambdawarmup.fanout;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import io.github.lambdawarmup.DispatchCalibration;
import io.github.lambdawarmup.FanOutAnswer;

/**
 * What a fan-out round did. Logged as one JSON line and returned to whoever triggered it.
 *
 * @param status {@code completed}, {@code skipped} (nothing to do, or provisioned concurrency) or
 * {@code unavailable} (no client, no function name)
 * @param reason why the round was skipped or unavailable, or a warning about a completed one
 * @param round the round's id
 * @param target what was invoked, and how
 * @param asked the concurrency asked for
 * @param invoked the warm-ups sent over all passes (each pass sends the asked concurrency, capped by
 * {@code warmup.fan-out.max-concurrency})
 * @param reached the environments the round reached, or {@code null} when it could not count them (not
 * run, or {@code Event} invocations)
 * @param failures what failed, by kind
 * @param holds how long the warm-ups held their environments, and what that is billed
 * @param timing where the round's time went
 * @param passes each pass of the round: a second pass runs when the first one's holds proved too short
 * @param calibration the pace of dispatch the round's last warm-ups carried: what the environments it
 * reached know, and most likely what the next round plans with, or {@code null}
 * @param retention how many of the environments it reached the previous round had reached too, or
 * {@code null} when no answer named a previous round
 * @param users what the user's invocations did in the environments the round reached, since their previous
 * warm-up, or {@code null} when it counted no answers
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FanOutReport(String status, @Nullable String reason, @Nullable String round, @Nullable Target target,
		int asked, int invoked, @Nullable Reach reached, Failures failures, @Nullable Holds holds, Timing timing,
		List<Pass> passes, @Nullable DispatchCalibration calibration, @Nullable Retention retention,
		@Nullable Users users) implements FanOutAnswer {

	/** The status of a round that ran. */
	public static final String COMPLETED = "completed";

	/** The status of a round with nothing to do. */
	public static final String SKIPPED = "skipped";

	/** The status of a round that could not run. */
	public static final String UNAVAILABLE = "unavailable";

	public FanOutReport {
		passes = List.copyOf(passes);
	}

	static FanOutReport notRun(String status, String reason, int asked) {
		return new FanOutReport(status, reason, null, null, asked, 0, null, Failures.NONE, null, Timing.NONE,
				List.of(), null, null, null);
	}

	/** The distinct environments reached, or {@code null} when they could not be counted. */
	public @Nullable Integer distinctEnvironments() {
		return (this.reached != null) ? this.reached.distinctEnvironments() : null;
	}

	/**
	 * What was invoked.
	 * @param functionName the function
	 * @param qualifier the alias or version, or {@code null} for the unqualified function
	 * @param invocationType how
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Target(String functionName, @Nullable String qualifier, FanOutInvocationType invocationType) {
	}

	/**
	 * The environments a round reached.
	 * @param answered warm-ups answered with a warm-up answer
	 * @param distinctEnvironments distinct environment ids among the answers: how many environments the
	 * round reached
	 * @param coldEnvironments how many of those the round started
	 * @param percent distinct environments as a share of the concurrency asked for
	 */
	public record Reach(int answered, int distinctEnvironments, int coldEnvironments, double percent) {
	}

	/**
	 * What failed.
	 * @param throttled warm-ups refused with 429, never retried
	 * @param throttleReasons throttles by the service's {@code Reason}
	 * @param functionErrors warm-ups that ended in a function error
	 * @param byKind warm-ups that failed otherwise, by kind (timed out, connection failed, not found, access
	 * denied, ...)
	 * @param unrecognisedAnswers answers that were not warm-up answers (a version without lambda-warmup?)
	 * @param firstFailure the message of one failure, to say why without reading logs
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Failures(int throttled, Map<String, Integer> throttleReasons, int functionErrors,
			Map<String, Integer> byKind, int unrecognisedAnswers, @Nullable String firstFailure) {

		static final Failures NONE = new Failures(0, Map.of(), 0, Map.of(), 0, null);

		public Failures {
			throttleReasons = Map.copyOf(throttleReasons);
			byKind = Map.copyOf(byKind);
		}

		/** The warm-ups that failed in any way. */
		public int total() {
			return this.throttled + this.functionErrors + other();
		}

		/** The warm-ups that failed other than by a throttle or a function error. */
		public int other() {
			return this.byKind.values().stream().mapToInt(Integer::intValue).sum();
		}

	}

	/**
	 * How long the warm-ups held their environments.
	 * @param mode {@code deadline} (derived: every hold of a pass ends at one instant, so the first
	 * environments reached hold longest and the last barely at all) or {@code fixed}
	 * ({@code warmup.fan-out.hold})
	 * @param longestMs the longest hold a warm-up asked for
	 * @param billedMs the holds the environments report, added up: what the round is billed for beyond
	 * the requests themselves
	 * @param gbSeconds that, at the function's memory size, or {@code null} when it is unknown
	 * @param usd that, at us-east-1 list prices for this environment's architecture, or {@code null}
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Holds(String mode, long longestMs, long billedMs, @Nullable Double gbSeconds,
			@Nullable Double usd) {

		/** Holds derived from the expected dispatch spread, ending at a common instant. */
		public static final String DEADLINE = "deadline";

		/** A fixed hold for every warm-up. */
		public static final String FIXED = "fixed";

	}

	/**
	 * Where a round's time went.
	 * @param preConnectMs opening the connections with {@code DryRun} invocations before the warm-ups,
	 * or {@code null} when none were opened
	 * @param expectedSpreadMs the dispatch spread the first pass planned its holds for
	 * @param dispatchMs sending every warm-up of the last pass, as the sender saw it
	 * @param dispatchSpreadMs the time between the first and the last warm-up of the last pass that
	 * measured one starting in an environment that was already warm (a cold one starts its warm-up after
	 * its init), or {@code null} when none was
	 * @param durationMs the whole round
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Timing(@Nullable Long preConnectMs, @Nullable Long expectedSpreadMs, long dispatchMs,
			@Nullable Long dispatchSpreadMs, long durationMs) {

		static final Timing NONE = new Timing(null, null, 0, null, 0);

	}

	/**
	 * One pass of a round: every warm-up sent at once.
	 * @param holdMs the longest hold a warm-up of the pass asked for
	 * @param answered warm-ups answered
	 * @param distinctEnvironments distinct environments among them
	 * @param reusedAnswers answers from an environment that had already answered in the pass: the holds
	 * ended before the last warm-ups arrived
	 * @param dispatchMs sending every warm-up of the pass
	 * @param dispatchSpreadMs the spread the pass measured on warm environments, or {@code null}
	 * @param stoppedAfter the warm-ups a first pass sent before it stopped, or {@code null} when it sent them
	 * all: once more than a hundredth of its warm-ups were answered while at least as many were still to
	 * leave, their environments were idle again and the warm-ups still to leave would have been answered by
	 * them a second time, so it stopped and a second pass followed
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Pass(long holdMs, int answered, int distinctEnvironments, int reusedAnswers, long dispatchMs,
			@Nullable Long dispatchSpreadMs, @Nullable Integer stoppedAfter) {
	}

	/**
	 * The environments a round found again from the round before: those Lambda kept alive between them.
	 * @param previousRound the newest round before this one that an answer named, or {@code null} when none
	 * did and every environment reached was new (kept is then 0)
	 * @param previousRoundAgeMs how long before this round that round's warm-ups began, or {@code null}
	 * @param kept the distinct environments this round reached that the previous round had reached too
	 * @param percent those as a share of the concurrency asked for
	 * @param minimumPercent below this share, the round warns
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Retention(@Nullable String previousRound, @Nullable Long previousRoundAgeMs, int kept,
			double percent, double minimumPercent) {

		/**
		 * Whether too few environments were kept: the rate between rounds is likely longer than the
		 * keep-alive Lambda gives idle environments.
		 */
		public boolean belowMinimum() {
			return this.percent < this.minimumPercent;
		}

	}

	/**
	 * The user's invocations in the environments a round reached, since each one's previous warm-up.
	 * @param invocations user invocations they served
	 * @param coldStarts those among them that paid their environment's cold start: each counted by the
	 * first round that reaches the environment afterwards
	 */
	public record Users(long invocations, int coldStarts) {
	}

}
