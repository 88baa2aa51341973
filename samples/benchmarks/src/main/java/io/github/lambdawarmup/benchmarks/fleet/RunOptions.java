package io.github.lambdawarmup.benchmarks.fleet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** What a run simulates, for the report and the planner alike: your own traffic, how long, from which seed. */
final class RunOptions {

	@Option(names = "--days", description = "Simulated days (default: ${DEFAULT-VALUE}).")
	int days = 30;

	@Option(names = "--seed", description = "Seed of every random draw: the same seed gives the same numbers (default: ${DEFAULT-VALUE}).")
	long seed = 1;

	@Option(names = "--request-log", description = "A request log to replay: timestamp,durationMs per line.")
	@Nullable Path requestLog;

	@Option(names = "--cloudwatch", description = "CloudWatch Invocations per minute exported as CSV: timestamp,count.")
	@Nullable Path cloudWatch;

	@Option(names = "--azure-trace", description = "An Azure Functions 2019 file (invocations_per_function_md.anon.dNN.csv).")
	@Nullable Path azureTrace;

	@Option(names = "--azure-function", description = "Its HashFunction to replay (default: the busiest).")
	@Nullable String azureFunction;

	/** One strategy against one trace, for the days and from the seed these options say. */
	FleetRun.Result run(FleetModel model, Traffic traffic, Supplier<Strategy> strategy) {
		return FleetRun.run(model, traffic, strategy, this.days, this.seed);
	}

	/** The traces these options name, in this order: request log, CloudWatch export, Azure trace. */
	List<Traffic> traces() {
		List<Traffic> traces = new ArrayList<>();
		if (this.requestLog != null) {
			traces.add(Traffic.requestLog(this.requestLog));
		}
		if (this.cloudWatch != null) {
			traces.add(Traffic.cloudWatch(this.cloudWatch));
		}
		if (this.azureTrace != null) {
			traces.add(Traffic.azure2019(this.azureTrace, this.azureFunction));
		}
		return traces;
	}

}
