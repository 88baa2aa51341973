package io.github.lambdawarmup.fanout;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * What a fan-out round did. Logged as one JSON line and returned to whoever triggered it.
 *
 * @param status {@code completed}, {@code skipped} (nothing to do, or provisioned concurrency) or
 * {@code unavailable} (no client, no function name)
 * @param reason why the round was skipped or unavailable, or a warning about a completed one
 * @param round the round's id
 * @param functionName the function invoked
 * @param qualifier the alias or version invoked
 * @param invocationType how it was invoked
 * @param asked the concurrency asked for
 * @param invoked the invocations sent (asked, capped by {@code warmup.fan-out.max-concurrency})
 * @param answered the invocations answered with a warm-up answer
 * @param distinctEnvironments the distinct environment ids among the answers: how many environments
 * the round reached
 * @param coldEnvironments how many of those were started by this round
 * @param throttled invocations refused with 429, never retried
 * @param throttleReasons throttles by the service's {@code Reason}
 * @param functionErrors invocations that ended in a function error
 * @param failures invocations that failed otherwise, by kind (timed out, connection failed, not
 * found, access denied, ...)
 * @param unrecognisedAnswers answers that were not warm-up answers (a version without lambda-warmup?)
 * @param holdMs the hold each warm-up asked for
 * @param dispatchSpreadMs the time between the first and the last warm-up starting in an environment that
 * was already warm (a cold one starts its warm-up after its init), or {@code null} when none was: the
 * round reaches all its environments only when this is shorter than the hold
 * @param durationMs how long the round took
 * @param reachedPercent distinct environments as a share of the concurrency asked for
 * @param firstFailure the message of one failure, to say why without reading logs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FanOutReport(String status, @Nullable String reason, @Nullable String round,
		@Nullable String functionName, @Nullable String qualifier, @Nullable FanOutInvocationType invocationType,
		int asked, int invoked, int answered, @Nullable Integer distinctEnvironments,
		@Nullable Integer coldEnvironments, int throttled, Map<String, Integer> throttleReasons, int functionErrors,
		Map<String, Integer> failures, int unrecognisedAnswers, long holdMs, @Nullable Long dispatchSpreadMs,
		long durationMs, @Nullable Double reachedPercent, @Nullable String firstFailure) {

	/** The status of a round that ran. */
	public static final String COMPLETED = "completed";

	/** The status of a round with nothing to do. */
	public static final String SKIPPED = "skipped";

	/** The status of a round that could not run. */
	public static final String UNAVAILABLE = "unavailable";

	static FanOutReport notRun(String status, String reason, int asked) {
		return new FanOutReport(status, reason, null, null, null, null, asked, 0, 0, null, null, 0, Map.of(), 0,
				Map.of(), 0, 0, null, 0, null, null);
	}

	/** The invocations that failed in any way. */
	public int failed() {
		return this.throttled + this.functionErrors + otherFailures();
	}

	/** The invocations that failed other than by a throttle or a function error. */
	public int otherFailures() {
		return this.failures.values().stream().mapToInt(Integer::intValue).sum();
	}

}
