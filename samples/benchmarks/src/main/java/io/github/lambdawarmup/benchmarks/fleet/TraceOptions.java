package io.github.lambdawarmup.benchmarks.fleet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The user's own traffic, for the report and the planner alike. */
final class TraceOptions {

	@Option(names = "--request-log", description = "A request log to replay: timestamp,durationMs per line.")
	@Nullable Path requestLog;

	@Option(names = "--cloudwatch", description = "CloudWatch Invocations per minute exported as CSV: timestamp,count.")
	@Nullable Path cloudWatch;

	@Option(names = "--azure-trace", description = "An Azure Functions 2019 file (invocations_per_function_md.anon.dNN.csv).")
	@Nullable Path azureTrace;

	@Option(names = "--azure-function", description = "Its HashFunction to replay (default: the busiest).")
	@Nullable String azureFunction;

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
