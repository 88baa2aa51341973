package io.github.lambdawarmup.actuate;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import io.github.lambdawarmup.ExecutionEnvironment;
import io.github.lambdawarmup.fanout.FanOutListener;
import io.github.lambdawarmup.fanout.FanOutReport;

/**
 * The fan-out's meters. Every meter exists from the start, at zero:
 * <ul>
 * <li>{@value #ROUNDS} (counter, tag {@code status}): rounds run, by status</li>
 * <li>{@value #INVOCATIONS} (counter, tag {@code outcome}): warm-ups sent, by outcome: {@code answered},
 * {@code throttled}, {@code function-error}, {@code failed}, {@code unrecognised}</li>
 * <li>{@value #ENVIRONMENTS} (gauge): distinct environments the last round reached</li>
 * <li>{@value #COLD_ENVIRONMENTS} (gauge): environments the last round had to start</li>
 * <li>{@value #ASKED} (gauge): the concurrency the last round asked for</li>
 * <li>{@value #DURATION} (timer): how long rounds take</li>
 * <li>{@value #KEPT_ENVIRONMENTS} (gauge): environments the last round found again from the round before</li>
 * <li>{@value #USER_INVOCATIONS} (counter, tag {@code cold}): this environment's user invocations, by whether
 * they paid its cold start</li>
 * <li>{@value #WARM_UPS} (counter): warm-ups this environment answered</li>
 * </ul>
 * Each environment's registry sees its own invocations and the rounds it ran: on Lambda, the EMF lines
 * ({@link WarmupEmfPublisher}) carry them to CloudWatch.
 */
public class WarmupMetrics implements MeterBinder, FanOutListener {

	public static final String ROUNDS = "warmup.fanout.rounds";

	public static final String INVOCATIONS = "warmup.fanout.invocations";

	public static final String ENVIRONMENTS = "warmup.fanout.environments";

	public static final String COLD_ENVIRONMENTS = "warmup.fanout.environments.cold";

	public static final String ASKED = "warmup.fanout.asked";

	public static final String DURATION = "warmup.fanout.duration";

	public static final String KEPT_ENVIRONMENTS = "warmup.fanout.environments.kept";

	public static final String USER_INVOCATIONS = "warmup.invocations.user";

	public static final String WARM_UPS = "warmup.invocations.warmup";

	private final @Nullable ExecutionEnvironment environment;

	private final AtomicInteger keptEnvironments = new AtomicInteger();

	private final AtomicInteger environments = new AtomicInteger();

	private final AtomicInteger coldEnvironments = new AtomicInteger();

	private final AtomicInteger asked = new AtomicInteger();

	private volatile @Nullable MeterRegistry registry;

	/** Meters of the fan-out only. */
	public WarmupMetrics() {
		this(null);
	}

	/**
	 * Meters of the fan-out and of this environment's invocations.
	 * @param environment this environment, or {@code null} where the warm-up path is not active
	 */
	public WarmupMetrics(@Nullable ExecutionEnvironment environment) {
		this.environment = environment;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String status : new String[] { FanOutReport.COMPLETED, FanOutReport.SKIPPED, FanOutReport.UNAVAILABLE }) {
			rounds(registry, status);
		}
		for (String outcome : new String[] { "answered", "throttled", "function-error", "failed", "unrecognised" }) {
			invocations(registry, outcome);
		}
		Gauge.builder(ENVIRONMENTS, this.environments, AtomicInteger::get)
			.description("Distinct environments the last fan-out round reached")
			.register(registry);
		Gauge.builder(COLD_ENVIRONMENTS, this.coldEnvironments, AtomicInteger::get)
			.description("Environments the last fan-out round had to start")
			.register(registry);
		Gauge.builder(ASKED, this.asked, AtomicInteger::get)
			.description("Concurrency the last fan-out round asked for")
			.register(registry);
		Gauge.builder(KEPT_ENVIRONMENTS, this.keptEnvironments, AtomicInteger::get)
			.description("Environments the last fan-out round found again from the round before")
			.register(registry);
		duration(registry);
		ExecutionEnvironment environment = this.environment;
		if (environment != null) {
			FunctionCounter.builder(USER_INVOCATIONS, environment, (e) -> Boolean.TRUE.equals(e.userColdStart()) ? 1 : 0)
				.description("User invocations of this environment")
				.tag("cold", "true")
				.register(registry);
			FunctionCounter
				.builder(USER_INVOCATIONS, environment,
						(e) -> e.userInvocations() - (Boolean.TRUE.equals(e.userColdStart()) ? 1 : 0))
				.description("User invocations of this environment")
				.tag("cold", "false")
				.register(registry);
			FunctionCounter.builder(WARM_UPS, environment, ExecutionEnvironment::warmUps)
				.description("Warm-ups this environment answered")
				.register(registry);
		}
		this.registry = registry;
	}

	@Override
	public void onReport(FanOutReport report) {
		MeterRegistry registry = this.registry;
		this.asked.set(report.asked());
		FanOutReport.Reach reached = report.reached();
		if (reached != null) {
			this.environments.set(reached.distinctEnvironments());
			this.coldEnvironments.set(reached.coldEnvironments());
		}
		this.keptEnvironments.set((report.retention() != null) ? report.retention().kept() : 0);
		if (registry == null) {
			return;
		}
		rounds(registry, report.status()).increment();
		FanOutReport.Failures failures = report.failures();
		invocations(registry, "answered").increment((reached != null) ? reached.answered() : 0);
		invocations(registry, "throttled").increment(failures.throttled());
		invocations(registry, "function-error").increment(failures.functionErrors());
		invocations(registry, "failed").increment(failures.other());
		invocations(registry, "unrecognised").increment(failures.unrecognisedAnswers());
		duration(registry).record(Duration.ofMillis(report.timing().durationMs()));
	}

	private static Counter rounds(MeterRegistry registry, String status) {
		return Counter.builder(ROUNDS).description("Fan-out rounds").tag("status", status).register(registry);
	}

	private static Counter invocations(MeterRegistry registry, String outcome) {
		return Counter.builder(INVOCATIONS)
			.description("Warm-up invocations sent by fan-out rounds")
			.tag("outcome", outcome)
			.register(registry);
	}

	private static Timer duration(MeterRegistry registry) {
		return Timer.builder(DURATION).description("How long fan-out rounds take").register(registry);
	}

}
