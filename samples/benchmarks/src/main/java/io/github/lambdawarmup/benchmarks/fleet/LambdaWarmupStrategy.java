package io.github.lambdawarmup.benchmarks.fleet;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.lambdawarmup.HoldPolicy;
import io.github.lambdawarmup.Invocation;
import io.github.lambdawarmup.LambdaPlatform;
import io.github.lambdawarmup.WarmupEvent;
import io.github.lambdawarmup.fanout.ConcurrencyWindow;
import io.github.lambdawarmup.fanout.FanOutInvocationType;
import io.github.lambdawarmup.fanout.FanOutReport;
import io.github.lambdawarmup.fanout.FanOutSettings;
import io.github.lambdawarmup.fanout.LambdaInvoker;
import io.github.lambdawarmup.fanout.WarmupFanOut;

/**
 * This project's fan-out, driven by the starter's own code: an EventBridge trigger every {@code rate} lands
 * on whichever environment the routing rule picks (a cold one, if none is idle), and that environment runs a
 * real {@link WarmupFanOut} (its holds, its calibration carried by warm-ups and remembered per environment,
 * its windows, its second pass) against the simulated Invoke API, in virtual time.
 */
final class LambdaWarmupStrategy extends Strategy {

	/** The fan-out's dispatch on one pinned core over HTTPS with the JDK's TLS, per warm-up (README: 141 ms at 1,000). */
	static final double DISPATCH_MS_PER_WARMUP = 0.141;

	/** Opening a connection per warm-up first (DryRun), per warm-up (README: 707 ms at 200, end to end). */
	static final double PRE_CONNECT_MS_PER_WARMUP = 3.5;

	private final int concurrency;

	private final List<ConcurrencyWindow> windows;

	private final Duration rate;

	private final Duration maxHold;

	private @Nullable Duration fixedHold;

	private long firstAtMs;

	private final Map<Integer, WarmupFanOut> fanOuts = new HashMap<>();

	private final List<FanOutReport> reports = new java.util.ArrayList<>();

	LambdaWarmupStrategy(int concurrency, List<ConcurrencyWindow> windows, Duration rate, Duration maxHold) {
		super("lambda-warmup fan-out");
		this.concurrency = concurrency;
		this.windows = windows;
		this.rate = rate;
		this.maxHold = maxHold;
	}

	List<FanOutReport> reports() {
		return this.reports;
	}

	/** Every warm-up holds this long, as {@code warmup.fan-out.hold} asks, instead of the derived holds. */
	LambdaWarmupStrategy fixedHold(Duration hold) {
		this.fixedHold = hold;
		return this;
	}

	/** The first trigger comes at this virtual time, instead of at 0. */
	LambdaWarmupStrategy firstAt(long ms) {
		this.firstAtMs = ms;
		return this;
	}

	@Override
	void start(Fleet fleet, long endMs) {
		LambdaPlatform platform = new LambdaPlatform("orders", "$LATEST", null, "on-demand", "us-east-1",
				fleet.model().memoryMb());
		FanOutSettings settings = new FanOutSettings(null, null, FanOutInvocationType.REQUEST_RESPONSE, this.concurrency,
				this.windows, ZoneOffset.UTC, WarmupEvent.MAX_CONCURRENCY, this.fixedHold, this.maxHold,
				Duration.ofSeconds(10), true);
		SimulatedLambda lambda = new SimulatedLambda(fleet, platform, new HoldPolicy(this.maxHold, Duration.ofMillis(100)),
				DISPATCH_MS_PER_WARMUP, PRE_CONNECT_MS_PER_WARMUP, this.rounds);
		LambdaInvoker invoker = LambdaInvoker.of(lambda);
		fleet.time().at(this.firstAtMs, () -> every(fleet, endMs, this.rate.toMillis(), () -> {
			// The schedule invokes asynchronously: the trigger takes an environment like any invocation.
			Fleet.Placement trigger = fleet.place();
			if (trigger == null) {
				return;
			}
			fleet.time().at(trigger.startsAt(), () -> {
				Fleet.Env env = trigger.env();
				WarmupFanOut fanOut = this.fanOuts.computeIfAbsent(env.id,
						(id) -> WarmupFanOut.builder(invoker, settings)
							.platform(platform)
							.environment(env.execution(platform))
							.clock(fleet.time().clock())
							.ticker(fleet.time()::nanos)
							.build());
				long started = fleet.time().now();
				this.rounds.begin(settings.concurrencyAt(java.time.ZonedDateTime.now(fleet.time().clock())));
				FanOutReport report = fanOut.handle(new WarmupEvent.FanOutTrigger(WarmupEvent.Source.LAMBDA_WARMUP, null,
						null), new Invocation(null, Duration.ofSeconds(60), null));
				this.reports.add(report);
				long longest = (report.holds() != null) ? report.holds().longestMs() : 0;
				// The trigger's own environment waits for the answers: busy until the longest hold ends.
				fleet.run(new Fleet.Placement(env, started, false), fleet.time().now() - started + longest + 5);
			});
		}));
	}

}
