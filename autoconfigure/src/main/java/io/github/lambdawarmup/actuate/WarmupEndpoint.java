package io.github.lambdawarmup.actuate;

import org.jspecify.annotations.Nullable;

import io.github.lambdawarmup.ExecutionEnvironment;
import io.github.lambdawarmup.fanout.FanOutReport;
import io.github.lambdawarmup.fanout.FanOutSettings;
import io.github.lambdawarmup.fanout.WarmupFanOut;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/warmup}: this environment's identity, the fan-out's settings and its last report.
 */
@Endpoint(id = "warmup")
public class WarmupEndpoint {

	private final @Nullable ExecutionEnvironment environment;

	private final @Nullable WarmupFanOut fanOut;

	public WarmupEndpoint(@Nullable ExecutionEnvironment environment, @Nullable WarmupFanOut fanOut) {
		this.environment = environment;
		this.fanOut = fanOut;
	}

	@ReadOperation
	public WarmupDescriptor warmup() {
		EnvironmentDescriptor environment = (this.environment != null) ? new EnvironmentDescriptor(
				this.environment.id(), this.environment.age().toMillis(), this.environment.invocations(),
				(this.environment.initDuration() != null) ? this.environment.initDuration().toMillis() : null,
				this.environment.platform().functionName(), this.environment.platform().functionVersion()) : null;
		return new WarmupDescriptor(environment, (this.fanOut != null) ? this.fanOut.settings() : null,
				(this.fanOut != null) ? this.fanOut.lastReport() : null);
	}

	/**
	 * What the endpoint shows.
	 * @param environment this environment, when the warm-up path is active
	 * @param fanOut the fan-out's settings, when configured
	 * @param lastReport the last fan-out report, if a round ran
	 */
	public record WarmupDescriptor(@Nullable EnvironmentDescriptor environment, @Nullable FanOutSettings fanOut,
			@Nullable FanOutReport lastReport) {
	}

	/**
	 * This environment.
	 * @param id its random id
	 * @param ageMs milliseconds since it started
	 * @param invocations invocations it served
	 * @param initDurationMs milliseconds from its start to its first invocation
	 * @param functionName the function's name
	 * @param functionVersion the version it runs
	 */
	public record EnvironmentDescriptor(String id, long ageMs, long invocations, @Nullable Long initDurationMs,
			@Nullable String functionName, @Nullable String functionVersion) {
	}

}
