package io.github.lambdawarmup.actuate;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import io.github.lambdawarmup.EnvironmentStatus;
import io.github.lambdawarmup.fanout.ConcurrencyWindow;
import io.github.lambdawarmup.fanout.FanOutReport;

/**
 * What {@code /actuator/warmup} shows, and what a trusted status request over the Invoke API answers.
 *
 * @param environment the environment that answered
 * @param activation whether and why the starter is active, and where
 * @param fanOut the fan-out in force, or {@code null} when none is configured
 * @param lastReport the last report this environment saw (of a round it ran), if any
 * @param cost what warming costs a month against provisioned concurrency, or {@code null} when the
 * function's memory is unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WarmupStatus(EnvironmentStatus environment, Activation activation, @Nullable FanOut fanOut,
		@Nullable FanOutReport lastReport, @Nullable Cost cost) {

	/**
	 * Whether the starter is active.
	 * @param active whether warm-ups are answered here
	 * @param detection {@code warmup.lambda-detection}
	 * @param lambda whether Lambda's variables say this process is a Lambda environment
	 * @param functionName the function, when known
	 * @param region the region, when known
	 * @param httpWarmups whether warm-ups over HTTP are answered
	 * @param triggerSecret whether a trigger secret is configured (never the secret)
	 */
	public record Activation(boolean active, String detection, boolean lambda, @Nullable String functionName, @Nullable String region,
			boolean httpWarmups, boolean triggerSecret) {
	}

	/**
	 * The fan-out in force.
	 * @param target the function warmed, when known
	 * @param concurrencyNow the concurrency that applies now, after the windows
	 * @param concurrency the concurrency outside the windows
	 * @param maxConcurrency the cap
	 * @param windows the windows, days in week order
	 * @param zone the windows' time zone
	 * @param schedule the built-in schedule ({@code warmup.fan-out.schedule}), or {@code null} when the trigger
	 * comes from outside (EventBridge)
	 * @param client whether a Lambda client can be built (a region is known, or one is defined)
	 * @param clientRegion the client's region, when configured
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record FanOut(@Nullable String target, int concurrencyNow, int concurrency, int maxConcurrency,
			List<ConcurrencyWindow> windows, String zone, @Nullable String schedule, boolean client,
			@Nullable String clientRegion) {
	}

	/**
	 * What warming costs, at us-east-1 list prices.
	 * @param concurrency the concurrency it is estimated at: the one in force now
	 * @param memoryMb the function's memory
	 * @param roundsPerMonth rounds a month at the rate the estimate assumes
	 * @param rateBasis where that rate comes from
	 * @param warmingUsdPerMonth the last round's cost (requests and billed holds) times the rounds a month,
	 * or {@code null} before a round
	 * @param provisionedConcurrencyUsdPerMonth provisioned concurrency at the same concurrency, always on
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Cost(int concurrency, int memoryMb, long roundsPerMonth, String rateBasis,
			@Nullable Double warmingUsdPerMonth, double provisionedConcurrencyUsdPerMonth) {
	}

}
