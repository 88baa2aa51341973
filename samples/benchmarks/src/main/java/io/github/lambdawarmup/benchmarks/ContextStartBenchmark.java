package io.github.lambdawarmup.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;

import io.github.lambdawarmup.local.InvocationRecord;
import io.github.lambdawarmup.local.LocalFunction;
import io.github.lambdawarmup.local.LocalLambda;
import io.github.lambdawarmup.local.ProcessEnvironment;

/**
 * What the starter adds to a user-facing cold start: the function sample started in real JVM
 * environments under local-lambda, alternately with the starter active and with
 * {@code warmup.enabled=false}, each start timed from the process's start to its first poll for an
 * invocation (the JVM, the runtime interface client and the Spring context), and with the first invocation
 * added: what the user who waits for the cold start waits for, so that work moved from the start into the
 * first invocation is not counted as saved.
 */
@Command(name = "context-start", mixinStandardHelpOptions = true,
		description = "Times the function sample's cold start with the starter active and switched off.")
public class ContextStartBenchmark implements Callable<Integer> {


	private static final String ORDER = "{\"orderId\":\"A-1\",\"country\":\"DE\",\"lines\":[{\"sku\":\"MUG\",\"quantity\":2}]}";

	@Option(names = "--jar", required = true, description = "The function sample's deployment jar (*-aws.jar).")
	Path jar;

	@Option(names = "--starts", description = "Process starts of each variant (default: ${DEFAULT-VALUE}).")
	int starts = 6;

	@Option(names = "--java-tool-options", description = "JVM options for both variants, as JAVA_TOOL_OPTIONS "
			+ "(e.g. -XX:MetaspaceSize=128m); none by default, as on Lambda.")
	@Nullable String javaToolOptions;

	public static void main(String[] args) {
		System.exit(new CommandLine(new ContextStartBenchmark()).execute(args));
	}

	@Override
	public Integer call() {
		if (!FunctionSample.isBuilt(this.jar)) {
			return 2;
		}
		Logger.getLogger("io.github.lambdawarmup.local").setLevel(Level.WARNING);
		Histogram on = new Histogram(3);
		Histogram off = new Histogram(3);
		double[] pairRatios = new double[this.starts];
		double[] firstAnswerRatios = new double[this.starts];
		try (LocalLambda lambda = LocalLambda.builder().start();
				LambdaAsyncClient client = LocalClients.lambda(lambda.endpoint(), null, 4)) {
			// One start first, not counted: the page cache and the JIT of the service itself.
			start(lambda, client, "warm-up-run", true);
			// In pairs, each variant first in every other pair: a drift of the machine then weighs on both
			// alike, and the ratio of each pair cancels it.
			for (int i = 0; i < this.starts; i++) {
				InvocationRecord withIt;
				InvocationRecord withoutIt;
				if (i % 2 == 0) {
					withIt = start(lambda, client, "on-" + i, true);
					withoutIt = start(lambda, client, "off-" + i, false);
				}
				else {
					withoutIt = start(lambda, client, "off-" + i, false);
					withIt = start(lambda, client, "on-" + i, true);
				}
				long withItMs = withIt.initDuration().toMillis();
				long withoutItMs = withoutIt.initDuration().toMillis();
				on.recordValue(withItMs);
				off.recordValue(withoutItMs);
				pairRatios[i] = (double) withItMs / withoutItMs;
				firstAnswerRatios[i] = (double) firstAnswerMs(withIt) / firstAnswerMs(withoutIt);
			}
		}
		long withStarter = on.getValueAtPercentile(50);
		long without = off.getValueAtPercentile(50);
		System.out.printf("cold start of the function sample (process start to first poll), %d starts each%s:%n",
				this.starts, (this.javaToolOptions != null) ? ", JAVA_TOOL_OPTIONS=" + this.javaToolOptions : "");
		System.out.printf("  starter active          p50 %5d ms  min %5d ms  max %5d ms%n", withStarter, on.getMinValue(),
				on.getMaxValue());
		System.out.printf("  warmup.enabled=false    p50 %5d ms  min %5d ms  max %5d ms%n", without, off.getMinValue(),
				off.getMaxValue());
		System.out.printf("  ratio (p50)             %.3f%n", (double) withStarter / without);
		double[] interval = bootstrapMedianInterval(pairRatios);
		System.out.printf("  paired ratio, median    %.3f  (95 %% bootstrap interval %.3f to %.3f)%n", median(pairRatios),
				interval[0], interval[1]);
		double[] firstAnswer = bootstrapMedianInterval(firstAnswerRatios);
		System.out.printf("  with the first invocation (the user's whole cold start): paired ratio, median %.3f  "
				+ "(95 %% bootstrap interval %.3f to %.3f)%n", median(firstAnswerRatios), firstAnswer[0], firstAnswer[1]);
		return 0;
	}

	// The interval in which the median of the pairs' ratios falls in 95 % of resamples of the pairs.
	static double[] bootstrapMedianInterval(double[] ratios) {
		Random random = new Random(1);
		double[] medians = new double[2000];
		double[] sample = new double[ratios.length];
		for (int b = 0; b < medians.length; b++) {
			for (int i = 0; i < sample.length; i++) {
				sample[i] = ratios[random.nextInt(ratios.length)];
			}
			medians[b] = median(sample);
		}
		Arrays.sort(medians);
		return new double[] { medians[(int) (0.025 * medians.length)], medians[(int) (0.975 * medians.length) - 1] };
	}

	static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private static long firstAnswerMs(InvocationRecord record) {
		return record.initDuration().toMillis() + record.duration().toMillis();
	}

	private InvocationRecord start(LocalLambda lambda, LambdaAsyncClient client, String name, boolean starter) {
		LocalFunction.Builder function = LocalFunction.builder(name,
				ProcessEnvironment.factory(List.of(this.jar), FunctionSample.HANDLER, Duration.ofSeconds(120)))
			.timeout(Duration.ofSeconds(120))
			.memoryMb(512)
			.variable("MAIN_CLASS", FunctionSample.MAIN_CLASS);
		if (!starter) {
			function.variable("WARMUP_ENABLED", "false");
		}
		if (this.javaToolOptions != null) {
			function.variable("JAVA_TOOL_OPTIONS", this.javaToolOptions);
		}
		lambda.deploy(function.build());
		client.invoke((r) -> r.functionName(name).payload(SdkBytes.fromUtf8String(ORDER))).join();
		InvocationRecord record = lambda.invocations(name).get(0);
		lambda.expireIdleEnvironments(name);
		return record;
	}

}
