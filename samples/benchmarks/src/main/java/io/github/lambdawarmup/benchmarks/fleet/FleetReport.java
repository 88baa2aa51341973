package io.github.lambdawarmup.benchmarks.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.github.lambdawarmup.local.IdleRouting;

/**
 * Every warming strategy against the same traffic for a simulated month, in virtual time: the share of user
 * requests that still pay a cold start, the latency that adds, what the warmer's rounds reach, and the monthly
 * bill. Each trace is run at the concurrency the planner recommends for it. Same seed, same numbers.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
		description = "Compares warming strategies on a simulated month of traffic: cold starts and cost.")
public class FleetReport implements Callable<Integer> {

	@Option(names = "--traces", split = ",", description = "Bundled traces: diurnal, bursty, steady (synthetic), azure-public (a function of the Azure Functions 2019 trace) (default: ${DEFAULT-VALUE}).")
	List<String> traces = new ArrayList<>(List.of("diurnal", "bursty", "azure-public"));

	@Mixin
	RunOptions run = new RunOptions();

	@Option(names = "--routing", description = "Lambda's routing of idle environments, unpublished: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
	IdleRouting routing = IdleRouting.MOST_RECENT;

	@Option(names = "--keep-alive", description = "Idle keep-alive range in minutes, min-max (default: ${DEFAULT-VALUE}).")
	String keepAlive = "5-7";

	@Option(names = "--concurrency", description = "N for every warmer, instead of the planner's per trace.")
	@Nullable Integer concurrency;

	@Option(names = "--report", description = "The HTML report (default: ${DEFAULT-VALUE}).")
	Path report = Path.of("target/fleet-report.html");

	public static void main(String[] args) {
		System.exit(new CommandLine(new FleetReport()).execute(args));
	}

	@Override
	public Integer call() {
		quietStarterLogs();
		FleetModel model = model(this.routing, this.keepAlive);
		List<Traffic> traffic = new ArrayList<>();
		for (String trace : this.traces) {
			traffic.add(bundledTrace(trace));
		}
		traffic.addAll(this.run.traces());
		List<List<FleetRun.Result>> byTrace = new ArrayList<>();
		for (Traffic trace : traffic) {
			// No warming comes first: the planner sizes the others from the peaks it saw.
			FleetRun.Result none = this.run.run(model, trace, Strategy::none);
			Plan plan = Plan.from(none.peakPerMinute(), model.keepAliveMin());
			if (this.concurrency != null) {
				plan = new Plan(this.concurrency, List.of(), plan.rate(), plan.maxHold());
			}
			System.out.printf("%n%s: N = %d outside windows, %s; rate %s; max-hold %s%n", trace.name(),
					plan.concurrency(), plan.windows().isEmpty() ? "no windows" : "weekdays "
							+ plan.windows().get(0).from() + "-" + plan.windows().get(0).to() + " UTC: "
							+ plan.peakConcurrency(), plan.rate(), plan.maxHold());
			List<FleetRun.Result> results = new ArrayList<>(List.of(none));
			for (Supplier<Strategy> strategy : warmers(plan)) {
				results.add(this.run.run(model, trace, strategy));
			}
			System.out.print(table(results, false));
			byTrace.add(results);
		}
		String settings = String.format(Locale.ROOT,
				"%d simulated days, seed %d, routing %s, keep-alive %s min, cold start p50 %.1f s, %d MB x86, "
						+ "us-east-1 prices; fan-out dispatch %.3f ms a warm-up (measured over HTTPS)",
				this.run.days, this.run.seed, this.routing, this.keepAlive, model.initMedianMs() / 1000.0, model.memoryMb(),
				LambdaWarmupStrategy.DISPATCH_MS_PER_WARMUP);
		HtmlReport.write(this.report, "Warming strategies compared", settings, byTrace);
		System.out.println("\n" + settings + "\nreport: " + this.report.toAbsolutePath());
		return 0;
	}

	static FleetModel model(IdleRouting routing, String keepAlive) {
		String[] range = keepAlive.split("-");
		Duration min = Duration.ofMinutes(Long.parseLong(range[0].strip()));
		Duration max = Duration.ofMinutes(Long.parseLong(range[range.length - 1].strip()));
		return FleetModel.springBoot().withRouting(routing).withKeepAlive(min, max);
	}

	static Traffic bundledTrace(String name) {
		return switch (name) {
			case "diurnal" -> Traffic.diurnal(8.0, 0.2);
			case "bursty" -> Traffic.bursty(0.02, 3.0, 60);
			case "steady" -> Traffic.steady(2.0);
			case "azure-public" -> Traffic.publicAzureFunction();
			default -> throw new CommandLine.ParameterException(new CommandLine(new FleetReport()),
					"unknown trace " + name + ": diurnal, bursty, steady or azure-public");
		};
	}

	// Every strategy but no warming, at the plan's N.
	static List<Supplier<Strategy>> warmers(Plan plan) {
		int n = plan.peakConcurrency();
		return List.of(Strategy::zappaKeepWarm, () -> Strategy.asyncSelfInvocation(5, 20, 30, 100),
				() -> Strategy.serverlessPluginWarmup(n, 25), () -> Strategy.lambdaWarmer(n),
				() -> Strategy.provisioned(n), () -> Strategy.provisionedBusinessHours(n), () -> Strategy.snapStart(1_000),
				() -> new LambdaWarmupStrategy(plan.concurrency(), plan.windows(), plan.rate(), plan.maxHold()));
	}

	static String table(List<FleetRun.Result> results, boolean html) {
		FleetRun.Result none = results.get(0);
		StringBuilder out = new StringBuilder();
		String[] header = { "strategy", "user requests", "cold starts", "cold %", "vs none", "added p50 ms",
				"added p99 ms", "added p99.9 ms", "reached/asked", "kept", "throttled", "USD/month", "simulated in s" };
		if (html) {
			out.append("<table><tr>");
			for (String h : header) {
				out.append("<th>").append(h).append("</th>");
			}
			out.append("</tr>");
		}
		else {
			out.append(String.format(Locale.ROOT, "%-42s %13s %11s %8s %8s %12s %12s %14s %13s %6s %9s %11s %15s%n",
					(Object[]) header));
		}
		for (FleetRun.Result r : results) {
			String vsNone = (none.users().coldStarts == 0) ? "-"
					: String.format(Locale.ROOT, "%.1f%%", 100.0 * r.users().coldStarts / none.users().coldStarts);
			String reached = (r.rounds().rounds == 0) ? "-"
					: String.format(Locale.ROOT, "%.1f%%", r.rounds().reachedPercent());
			String kept = (r.rounds().rounds == 0) ? "-" : String.format(Locale.ROOT, "%.0f%%", r.rounds().keptPercent());
			Object[] row = { r.strategy(), r.users().requests, r.users().coldStarts,
					String.format(Locale.ROOT, "%.3f", r.coldShare()), vsNone, r.addedLatencyMs(50), r.addedLatencyMs(99),
					r.addedLatencyMs(99.9), reached, kept, r.users().throttled,
					String.format(Locale.ROOT, "%,.2f", r.monthlyUsd()),
					String.format(Locale.ROOT, "%.1f", r.wallMs() / 1000.0) };
			if (html) {
				out.append("<tr>");
				for (Object cell : row) {
					out.append("<td>").append(HtmlReport.escape(String.valueOf(cell))).append("</td>");
				}
				out.append("</tr>");
			}
			else {
				out.append(String.format(Locale.ROOT, "%-42s %13d %11d %8s %8s %12d %12d %14d %13s %6s %9d %11s %15s%n",
						row));
			}
		}
		if (html) {
			out.append("</table>");
		}
		return out.toString();
	}

	// Each round of the real fan-out logs its report; a month of rounds would flood the terminal.
	static void quietStarterLogs() {
		((Logger) LoggerFactory.getLogger("io.github.lambdawarmup")).setLevel(Level.OFF);
	}

}
