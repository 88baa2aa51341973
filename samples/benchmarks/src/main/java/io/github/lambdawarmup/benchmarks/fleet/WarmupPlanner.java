package io.github.lambdawarmup.benchmarks.fleet;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.github.lambdawarmup.local.IdleRouting;

/**
 * Recommends, for a trace, the concurrency to keep warm, its weekday window, the trigger's rate and
 * {@code max-hold}, and prints them as {@code application.yml} takes them, with the expected share of user
 * requests that still pay a cold start and the monthly cost beside provisioned concurrency at the same N.
 */
@Command(name = "warmup-planner", mixinStandardHelpOptions = true,
		description = "Sizes lambda-warmup for your traffic, and prints the settings for application.yml.")
public class WarmupPlanner implements Callable<Integer> {

	@Option(names = "--trace", description = "A bundled trace, when none of yours is given: diurnal, bursty, steady or azure-public (default: ${DEFAULT-VALUE}).")
	String trace = "diurnal";

	@Mixin
	RunOptions run = new RunOptions();

	@Option(names = "--memory", description = "The function's memory in MB (default: ${DEFAULT-VALUE}).")
	int memoryMb = 1536;

	@Option(names = "--cold-start", description = "The function's cold start in ms, p50 (default: ${DEFAULT-VALUE}).")
	long coldStartMs = 5300;

	public static void main(String[] args) {
		System.exit(new CommandLine(new WarmupPlanner()).execute(args));
	}

	@Override
	public Integer call() {
		FleetReport.quietStarterLogs();
		FleetModel base = FleetModel.springBoot().withInit(this.coldStartMs);
		FleetModel model = new FleetModel(IdleRouting.MOST_RECENT, base.initMedianMs(), base.initSigma(),
				base.keepAliveMin(), base.keepAliveMax(), base.recycleAfter(), base.reservedConcurrency(),
				base.scalePer10s(), this.memoryMb, false, base.userDurationMedianMs());
		List<Traffic> yours = this.run.traces();
		Traffic traffic = yours.isEmpty() ? FleetReport.bundledTrace(this.trace) : yours.get(0);
		FleetRun.Result none = this.run.run(model, traffic, Strategy::none);
		Plan plan = Plan.from(none.peakPerMinute(), model.keepAliveMin());
		FleetRun.Result warmed = this.run.run(model, traffic,
				() -> new LambdaWarmupStrategy(plan.concurrency(), plan.windows(), plan.rate(), plan.maxHold()));
		FleetRun.Result provisioned = this.run.run(model, traffic, () -> Strategy.provisioned(plan.peakConcurrency()));
		System.out.print(plan.toYaml());
		System.out.printf(Locale.ROOT, "%n# %s, %d MB, cold start %d ms, %d simulated days:%n", traffic.name(),
				this.memoryMb, this.coldStartMs, this.run.days);
		print("no warming", none);
		print("this plan", warmed);
		print("provisioned concurrency " + plan.peakConcurrency() + ", always on", provisioned);
		return 0;
	}

	private static void print(String what, FleetRun.Result result) {
		System.out.printf(Locale.ROOT, "#   %-40s %7.3f %% of user requests pay a cold start, %,10.2f USD a month%n", what,
				result.coldShare(), result.monthlyUsd());
	}

	/** The plan for a trace: sized on the peak concurrency a month of it reaches with no warming. */
	static Plan plan(FleetModel model, Traffic traffic, int days, long seed) {
		return Plan.from(FleetRun.run(model, traffic, Strategy::none, days, seed).peakPerMinute(), model.keepAliveMin());
	}

}
