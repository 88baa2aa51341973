package io.github.lambdawarmup.fanout;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import io.github.lambdawarmup.DispatchCalibration;
import io.github.lambdawarmup.ExecutionEnvironment;
import io.github.lambdawarmup.FanOutTriggerHandler;
import io.github.lambdawarmup.Invocation;
import io.github.lambdawarmup.LambdaPlatform;
import io.github.lambdawarmup.WarmupEvent;

/**
 * Keeps N execution environments warm: invokes the function N times at once with warm-ups that hold
 * each environment long enough for all N to overlap, and reports how many distinct environments were
 * reached.
 * <p>
 * Call {@link #run()} from a {@code @Scheduled} method or register the bean itself as a task (it is a
 * {@link Runnable}) where a scheduler runs, for a warmer outside Lambda. Inside Lambda, where
 * environments are frozen between invocations and schedulers never fire, an EventBridge schedule sends
 * the fan-out trigger and the environment that receives it runs the round
 * ({@link #handle(WarmupEvent.FanOutTrigger, Invocation)}). A round never throws: failures are counted in its
 * report.
 * <p>
 * The auto-configuration defines one; to build one yourself, use {@link #builder(LambdaInvoker, FanOutSettings)}.
 */
public final class WarmupFanOut implements FanOutTriggerHandler, Runnable {

	private static final Log logger = LogFactory.getLog(WarmupFanOut.class);

	// Built when first needed, not at start-up: a user's cold start does not pay for it.
	private static final class Json {

		static final JsonMapper MAPPER = JsonMapper.builder().build();

	}

	private final Supplier<@Nullable LambdaInvoker> invoker;

	private final FanOutSettings settings;

	private final LambdaPlatform platform;

	private final ExecutionEnvironment environment;

	private final Clock clock;

	private final FanOutListener listener;

	private final LongSupplier ticker;

	private volatile @Nullable FanOutReport lastReport;

	private volatile KnownRound lastRun = KnownRound.NONE;

	private WarmupFanOut(Builder builder) {
		this.invoker = builder.invoker;
		this.settings = builder.settings;
		this.platform = builder.platform;
		this.environment = builder.environment;
		this.clock = builder.clock;
		this.listener = builder.listener;
		this.ticker = builder.ticker;
	}

	/**
	 * Starts building a fan-out.
	 * @param invoker how to invoke the function
	 * @param settings how to fan out
	 * @return a builder, with this process's environment and platform, the system clock and no listener
	 */
	public static Builder builder(LambdaInvoker invoker, FanOutSettings settings) {
		return new Builder(() -> invoker, settings);
	}

	/**
	 * Starts building a fan-out whose invoker is built when a round first needs it: only the environment
	 * a trigger lands on needs one, and building it costs a cold start time.
	 * @param invoker asked for the invoker when a round first needs it; returns {@code null} when none
	 * could be configured, and rounds then report {@code unavailable}
	 * @param settings how to fan out
	 * @return a builder, with this process's environment and platform, the system clock and no listener
	 */
	public static Builder builder(Supplier<@Nullable LambdaInvoker> invoker, FanOutSettings settings) {
		return new Builder(invoker, settings);
	}

	/** Runs a round at the concurrency that applies now. For schedulers. */
	@Override
	public void run() {
		fanOut();
	}

	/** Runs a round at the concurrency that applies now, and returns its report. */
	public FanOutReport fanOut() {
		return fanOut(this.settings.concurrencyAt(ZonedDateTime.now(this.clock)));
	}

	/**
	 * Runs a round at the given concurrency, capped by the maximum, and returns its report.
	 * @param concurrency how many environments to warm
	 * @return the report
	 */
	public FanOutReport fanOut(int concurrency) {
		return fanOut(concurrency, this.settings.qualifier(), null);
	}

	@Override
	public FanOutReport handle(WarmupEvent.FanOutTrigger trigger, Invocation invocation) {
		int concurrency = (trigger.concurrency() != null) ? trigger.concurrency()
				: this.settings.concurrencyAt(ZonedDateTime.now(this.clock));
		String qualifier = (this.settings.qualifier() != null) ? this.settings.qualifier()
				: qualifierOf(invocation.invokedFunctionArn());
		return fanOut(concurrency, qualifier, invocation.remainingTime());
	}

	/** The report of the last round, or {@code null} before the first. */
	public @Nullable FanOutReport lastReport() {
		return this.lastReport;
	}

	/** How this fan-out is configured. */
	public FanOutSettings settings() {
		return this.settings;
	}

	private FanOutReport fanOut(int asked, @Nullable String qualifier, @Nullable Duration timeLeft) {
		FanOutReport report;
		try {
			report = round(asked, qualifier, timeLeft);
		}
		catch (RuntimeException ex) {
			report = FanOutReport.notRun(FanOutReport.UNAVAILABLE, "the fan-out failed: " + ex, asked);
		}
		this.lastReport = report;
		boolean fellShort = !FanOutReport.COMPLETED.equals(report.status())
				|| (report.distinctEnvironments() != null && report.distinctEnvironments() < report.asked())
				|| (report.retention() != null && report.retention().belowMinimum());
		if (fellShort && !FanOutReport.SKIPPED.equals(report.status())) {
			logger.warn(Json.MAPPER.writeValueAsString(report));
		}
		else {
			logger.info(Json.MAPPER.writeValueAsString(report));
		}
		this.listener.onReport(report);
		return report;
	}

	private FanOutReport round(int asked, @Nullable String qualifier, @Nullable Duration timeLeft) {
		if (this.platform.isProvisionedConcurrency()) {
			return FanOutReport.notRun(FanOutReport.SKIPPED,
					"this environment runs as provisioned concurrency, which needs no warming", asked);
		}
		if (asked < 1) {
			return FanOutReport.notRun(FanOutReport.SKIPPED, "the concurrency that applies now is 0", asked);
		}
		String functionName = (this.settings.functionName() != null) ? this.settings.functionName()
				: this.platform.functionName();
		if (functionName == null) {
			return FanOutReport.notRun(FanOutReport.UNAVAILABLE,
					"no function to warm: set warmup.fan-out.function-name (off Lambda there is no AWS_LAMBDA_FUNCTION_NAME)",
					asked);
		}
		LambdaInvoker lambda = this.invoker.get();
		if (lambda == null) {
			return FanOutReport.notRun(FanOutReport.UNAVAILABLE,
					"no Lambda client: set warmup.fan-out.client.region or AWS_REGION, or define a LambdaAsyncClient bean",
					asked);
		}
		int concurrency = Math.min(asked, this.settings.maxConcurrency());
		KnownRound previous = previousRound();
		long startedAtMs = this.clock.millis();
		FanOutPlan plan = new FanOutPlan(UUID.randomUUID().toString(),
				new FanOutReport.Target(functionName, qualifier, this.settings.invocationType()), asked, concurrency,
				this.settings.hold(), this.settings.maxHold(), this.settings.invocationTimeout(),
				this.environment.calibration(), timeLeft, targetMemory(functionName), isArm64(),
				this.settings.preConnect(), this.settings.minRetentionPercent(), previous.round(), previous.atMs(),
				this.environment.arrivalPercent());
		FanOutReport report = FanOutRound.run(lambda, plan, this.clock, this.ticker);
		this.lastRun = new KnownRound(plan.round(), startedAtMs);
		if (report.calibration() != null) {
			this.environment.learn(report.calibration());
		}
		// The spread the answers measured is the truth the pace of sending approximates: this environment,
		// which saw it, plans with it if the next trigger lands here again.
		Long spread = report.timing().dispatchSpreadMs();
		if (spread != null && spread <= WarmupEvent.MAX_HOLD.toMillis()) {
			this.environment.learn(new DispatchCalibration(concurrency, spread, this.clock.millis()));
		}
		// How much longer the first pass took to arrive than to leave: the next rounds' warm-ups carry it, so
		// that an environment that only knows a sending pace plans for the arrival spread.
		if (!report.passes().isEmpty()) {
			FanOutReport.Pass first = report.passes().get(0);
			Integer arrival = (first.dispatchSpreadMs() != null)
					? DispatchCalibration.arrivalPercent(first.dispatchMs(), first.dispatchSpreadMs()) : null;
			if (arrival != null) {
				this.environment.learnArrival(arrival);
			}
		}
		return report;
	}

	// The newest round this environment knows of: one it ran, or one whose warm-up it answered.
	private KnownRound previousRound() {
		KnownRound ran = this.lastRun;
		String answered = this.environment.lastRound();
		Long answeredAt = this.environment.lastRoundAtMs();
		if (answered != null && answeredAt != null && (ran.atMs() == null || answeredAt > ran.atMs())) {
			return new KnownRound(answered, answeredAt);
		}
		return ran;
	}

	private record KnownRound(@Nullable String round, @Nullable Long atMs) {

		static final KnownRound NONE = new KnownRound(null, null);

	}

	// The memory the holds are billed at is this function's when it warms itself, else unknown.
	private @Nullable Integer targetMemory(String functionName) {
		return (functionName.equals(this.platform.functionName())
				|| functionName.endsWith(":function:" + this.platform.functionName())) ? this.platform.memorySizeMb()
						: null;
	}

	private static boolean isArm64() {
		return "aarch64".equals(System.getProperty("os.arch"));
	}

	static @Nullable String qualifierOf(@Nullable String invokedFunctionArn) {
		if (invokedFunctionArn == null) {
			return null;
		}
		String[] parts = invokedFunctionArn.split(":");
		return (parts.length == 8) ? parts[7] : null;
	}

	/** Builds a {@link WarmupFanOut}. */
	public static final class Builder {

		private final Supplier<@Nullable LambdaInvoker> invoker;

		private final FanOutSettings settings;

		private LambdaPlatform platform;

		private ExecutionEnvironment environment = ExecutionEnvironment.current();

		private Clock clock = Clock.systemUTC();

		private FanOutListener listener = FanOutListener.NONE;

		private LongSupplier ticker = System::nanoTime;

		private Builder(Supplier<@Nullable LambdaInvoker> invoker, FanOutSettings settings) {
			this.invoker = invoker;
			this.settings = settings;
			this.platform = this.environment.platform();
		}

		/**
		 * What Lambda says about the environment that runs the rounds: its function (the default
		 * target), memory (what holds are billed at) and whether it is provisioned. By default, the
		 * environment's.
		 * @param platform the platform
		 * @return this builder
		 */
		public Builder platform(LambdaPlatform platform) {
			this.platform = platform;
			return this;
		}

		/**
		 * The environment that runs the rounds, which remembers the dispatch calibration warm-ups carry and
		 * rounds measure. By default, this process's.
		 * @param environment the environment
		 * @return this builder
		 */
		public Builder environment(ExecutionEnvironment environment) {
			this.environment = environment;
			return this;
		}

		/**
		 * The clock of the concurrency windows and of calibrations. By default, the system's, in UTC.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * Told of every report. By default, no one.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(FanOutListener listener) {
			this.listener = listener;
			return this;
		}

		/**
		 * The monotonic time, in nanoseconds, a round paces its holds and measures its dispatch with. By
		 * default, {@link System#nanoTime()}; a simulation in virtual time passes its own, with a clock to
		 * match.
		 * @param ticker the monotonic time
		 * @return this builder
		 */
		public Builder ticker(LongSupplier ticker) {
			this.ticker = ticker;
			return this;
		}

		/** Builds the fan-out. */
		public WarmupFanOut build() {
			return new WarmupFanOut(this);
		}

	}

}
