package io.github.lambdawarmup.actuate;

import java.time.Duration;
import java.time.ZonedDateTime;

import org.jspecify.annotations.Nullable;

import io.github.lambdawarmup.EnvironmentStatus;
import io.github.lambdawarmup.ExecutionEnvironment;
import io.github.lambdawarmup.Invocation;
import io.github.lambdawarmup.StatusHandler;
import io.github.lambdawarmup.fanout.FanOutReport;
import io.github.lambdawarmup.fanout.FanOutSettings;
import io.github.lambdawarmup.fanout.WarmupFanOut;

/**
 * Assembles a {@link WarmupStatus}: for {@code /actuator/warmup}, and for a trusted status request over the
 * Invoke API, where no HTTP server runs.
 */
public class WarmupStatusHandler implements StatusHandler {

	// Provisioned concurrency, us-east-1 list prices per GB-second, always on (30 days).
	private static final double PROVISIONED_X86_GB_SECOND = 0.0000041667;

	private static final double PROVISIONED_ARM64_GB_SECOND = 0.0000033334;

	private static final long SECONDS_A_MONTH = 30L * 24 * 3600;

	// The rate of the sample's schedule, assumed when the application does not say.
	private static final Duration ASSUMED_RATE = Duration.ofMinutes(4);

	private final ExecutionEnvironment environment;

	private final WarmupStatus.Activation activation;

	private final @Nullable WarmupFanOut fanOut;

	private final @Nullable String schedule;

	private final @Nullable Duration rate;

	private final boolean client;

	private final @Nullable String clientRegion;

	/**
	 * Creates a handler.
	 * @param environment this environment
	 * @param activation whether and why the starter is active
	 * @param fanOut the fan-out, or {@code null} when none is configured
	 * @param schedule the built-in schedule, as configured, or {@code null}
	 * @param rate the time between rounds, when the application knows it, for the cost estimate
	 * @param client whether a Lambda client can be built
	 * @param clientRegion the client's region, when configured
	 */
	public WarmupStatusHandler(ExecutionEnvironment environment, WarmupStatus.Activation activation,
			@Nullable WarmupFanOut fanOut, @Nullable String schedule, @Nullable Duration rate, boolean client,
			@Nullable String clientRegion) {
		this.environment = environment;
		this.activation = activation;
		this.fanOut = fanOut;
		this.schedule = schedule;
		this.rate = rate;
		this.client = client;
		this.clientRegion = clientRegion;
	}

	@Override
	public WarmupStatus status(Invocation invocation) {
		return status();
	}

	/** The status now. */
	public WarmupStatus status() {
		WarmupStatus.FanOut fanOut = (this.fanOut != null) ? fanOutStatus(this.fanOut) : null;
		FanOutReport lastReport = (this.fanOut != null) ? this.fanOut.lastReport() : null;
		return new WarmupStatus(EnvironmentStatus.of(this.environment), this.activation, fanOut, lastReport,
				cost(fanOut, lastReport));
	}

	private WarmupStatus.FanOut fanOutStatus(WarmupFanOut fanOut) {
		FanOutSettings settings = fanOut.settings();
		String target = (settings.functionName() != null) ? settings.functionName()
				: this.environment.platform().functionName();
		return new WarmupStatus.FanOut(target, settings.concurrencyAt(ZonedDateTime.now()), settings.concurrency(),
				settings.maxConcurrency(), settings.windows(), settings.zone().getId(), this.schedule, this.client,
				this.clientRegion);
	}

	private WarmupStatus.@Nullable Cost cost(WarmupStatus.@Nullable FanOut fanOut, @Nullable FanOutReport lastReport) {
		Integer memoryMb = this.environment.platform().memorySizeMb();
		if (fanOut == null || memoryMb == null) {
			return null;
		}
		Duration rate = (this.rate != null) ? this.rate : ASSUMED_RATE;
		String basis = (this.rate != null) ? "warmup.fan-out.schedule.rate"
				: "assumed: one round every 4 minutes, as the sample's EventBridge schedule";
		long rounds = SECONDS_A_MONTH / Math.max(1, rate.toSeconds());
		Double perRound = (lastReport != null && lastReport.holds() != null) ? lastReport.holds().usd() : null;
		Double warming = (perRound != null) ? Math.round(perRound * rounds * 100) / 100.0 : null;
		double gbSecondPrice = "aarch64".equals(System.getProperty("os.arch")) ? PROVISIONED_ARM64_GB_SECOND
				: PROVISIONED_X86_GB_SECOND;
		double provisioned = Math.round(fanOut.concurrencyNow() * memoryMb / 1024.0 * SECONDS_A_MONTH * gbSecondPrice
				* 100) / 100.0;
		return new WarmupStatus.Cost(fanOut.concurrencyNow(), memoryMb, rounds, basis, warming, provisioned);
	}

}
