package io.github.lambdawarmup.actuate;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import io.github.lambdawarmup.ExecutionEnvironment;
import io.github.lambdawarmup.fanout.FanOutListener;
import io.github.lambdawarmup.fanout.FanOutReport;

/**
 * Writes each fan-out report and each user cold start as a log line in CloudWatch's Embedded Metric
 * Format. On Lambda, what a function writes reaches CloudWatch Logs, which turns these lines into metrics:
 * no API call, nothing to flush before a freeze, and every environment's figures in one place, where each
 * environment's Micrometer registry holds only its own.
 * <p>
 * Metrics, in namespace {@code warmup.metrics.emf.namespace}, dimensions {@code FunctionName} and, where
 * known, {@code Qualifier} (the alias or version warmed, or the version that paid a cold start):
 * <ul>
 * <li>per round: {@code Asked}, {@code Reached}, {@code ReachedPercent}, {@code ColdEnvironments},
 * {@code KeptEnvironments}, {@code RetentionPercent}, {@code UserInvocations}, {@code UserColdStarts}
 * (the user's, since the previous round, in the environments reached), {@code Throttled}, {@code Failed},
 * {@code BilledHoldMs}, {@code DurationMs};</li>
 * <li>per user cold start: {@code UserColdStart} (1) and {@code InitDurationMs}.</li>
 * </ul>
 */
public class WarmupEmfPublisher implements FanOutListener, ExecutionEnvironment.Listener, AutoCloseable {

	/** The namespace unless configured. */
	public static final String DEFAULT_NAMESPACE = "LambdaWarmup";

	private final String namespace;

	private final ExecutionEnvironment environment;

	private final PrintStream out;

	private final Clock clock;

	/**
	 * Creates a publisher that writes to standard output, which Lambda sends to CloudWatch Logs. It listens
	 * to the environment's cold starts until closed.
	 * @param namespace the CloudWatch namespace of the metrics
	 * @param environment this environment
	 */
	public WarmupEmfPublisher(String namespace, ExecutionEnvironment environment) {
		this(namespace, environment, System.out, Clock.systemUTC());
	}

	WarmupEmfPublisher(String namespace, ExecutionEnvironment environment, PrintStream out, Clock clock) {
		this.namespace = namespace;
		this.environment = environment;
		this.out = out;
		this.clock = clock;
		environment.addListener(this);
	}

	/** Stops listening to the environment. */
	@Override
	public void close() {
		this.environment.removeListener(this);
	}

	@Override
	public void onReport(FanOutReport report) {
		FanOutReport.Reach reached = report.reached();
		FanOutReport.Retention retention = report.retention();
		FanOutReport.Users users = report.users();
		FanOutReport.Target target = report.target();
		EmfLine line = line()
			.dimension("FunctionName", (target != null) ? target.functionName() : functionName())
			.dimension("Qualifier", (target != null) ? target.qualifier() : null)
			.metric("Asked", report.asked(), "Count")
			.metric("Reached", (reached != null) ? reached.distinctEnvironments() : null, "Count")
			.metric("ReachedPercent", (reached != null) ? reached.percent() : null, "Percent")
			.metric("ColdEnvironments", (reached != null) ? reached.coldEnvironments() : null, "Count")
			.metric("KeptEnvironments", (retention != null) ? retention.kept() : null, "Count")
			.metric("RetentionPercent", (retention != null) ? retention.percent() : null, "Percent")
			.metric("UserInvocations", (users != null) ? users.invocations() : null, "Count")
			.metric("UserColdStarts", (users != null) ? users.coldStarts() : null, "Count")
			.metric("Throttled", report.failures().throttled(), "Count")
			.metric("Failed", report.failures().total() - report.failures().throttled(), "Count")
			.metric("BilledHoldMs", (report.holds() != null) ? report.holds().billedMs() : null, "Milliseconds")
			.metric("DurationMs", report.timing().durationMs(), "Milliseconds")
			.property("event", "lambda-warmup.round")
			.property("status", report.status())
			.property("round", report.round())
			.property("reason", report.reason())
			.property("environment", this.environment.id());
		this.out.println(line.toJson());
	}

	@Override
	public void userColdStart(Duration initDuration) {
		EmfLine line = line().dimension("FunctionName", functionName())
			.dimension("Qualifier", this.environment.platform().functionVersion())
			.metric("UserColdStart", 1, "Count")
			.metric("InitDurationMs", initDuration.toMillis(), "Milliseconds")
			.property("event", "lambda-warmup.user-cold-start")
			.property("environment", this.environment.id());
		this.out.println(line.toJson());
	}

	private EmfLine line() {
		return new EmfLine(this.namespace, this.clock.millis());
	}

	private @Nullable String functionName() {
		return this.environment.platform().functionName();
	}

}
