package io.github.lambdawarmup.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What writing CloudWatch metrics as EMF lines adds to a cold start, and to the deployment jar: the starter's
 * own writer (Jackson 3, which Spring Boot already ships) against the two AWS libraries for it. Each variant
 * writes its first line in fresh JVMs, alternately, on one core.
 */
@Command(name = "emf-cost", mixinStandardHelpOptions = true,
		description = "Times the first EMF line in fresh JVMs for each writer, and sizes what each adds to a jar.")
public class EmfCostBenchmark implements Callable<Integer> {

	private static final List<String> VARIANTS = List.of("none", "lambda-warmup", "aws-embedded-metrics",
			"powertools");

	// What each library brings that a Spring Boot 4 application does not have: Boot 4 ships Jackson 3.
	private static final Map<String, List<String>> ADDED_JARS = Map.of("lambda-warmup", List.of(),
			"aws-embedded-metrics",
			List.of("aws-embedded-metrics-", "jackson-databind-2.", "jackson-core-2.", "jackson-datatype-jsr310-2.",
					"javatuples-", "commons-lang3-"),
			"powertools", List.of("powertools-metrics-", "powertools-common-", "jackson-databind-2.",
					"jackson-core-2.", "jackson-datatype-jsr310-2."));

	@Option(names = "--runs", description = "Fresh JVMs per variant (default: ${DEFAULT-VALUE}).")
	int runs = 10;

	@Option(names = "--cpu", description = "The core each JVM is pinned to with taskset, or -1 not to pin (default: ${DEFAULT-VALUE}).")
	int cpu = 1;

	public static void main(String[] args) {
		System.exit(new CommandLine(new EmfCostBenchmark()).execute(args));
	}

	@Override
	public Integer call() throws Exception {
		Map<String, Histogram> timings = new LinkedHashMap<>();
		VARIANTS.forEach((variant) -> timings.put(variant, new Histogram(3)));
		for (String variant : VARIANTS) {
			probe(variant);
		}
		for (int run = 0; run < this.runs; run++) {
			for (String variant : VARIANTS) {
				timings.get(variant).recordValue(probe(variant));
			}
		}
		long none = timings.get("none").getValueAtPercentile(50);
		System.out.printf("%-22s %10s %10s %14s %12s%n", "writer", "p50 us", "max us", "added p50 ms", "added jar KB");
		for (String variant : VARIANTS) {
			Histogram histogram = timings.get(variant);
			long p50 = histogram.getValueAtPercentile(50);
			String jar = "none".equals(variant) ? "" : Long.toString(addedJarBytes(variant) / 1024);
			System.out.printf("%-22s %10d %10d %14.1f %12s%n", variant, p50, histogram.getMaxValue(),
					(p50 - none) / 1000.0, jar);
		}
		System.out.printf("(%d fresh JVMs per writer%s; Jackson 3 loaded before the clock starts, as in a Spring Boot application)%n",
				this.runs, (this.cpu >= 0) ? ", each pinned to core " + this.cpu : "");
		return 0;
	}

	private long probe(String variant) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		if (this.cpu >= 0) {
			command.addAll(List.of("taskset", "-c", Integer.toString(this.cpu)));
		}
		command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
				"-cp", System.getProperty("java.class.path"), EmfProbe.class.getName(), variant));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("AWS_LAMBDA_FUNCTION_NAME", "orders");
		builder.environment().put("AWS_LAMBDA_FUNCTION_VERSION", "7");
		builder.environment().put("AWS_REGION", "us-east-1");
		builder.environment().put("POWERTOOLS_METRICS_NAMESPACE", "LambdaWarmup");
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException(variant + " failed:\n" + output);
		}
		String[] lines = output.strip().split("\n");
		if (lines.length < 2 || !lines[lines.length - 2].contains("UserColdStart")) {
			throw new IllegalStateException(variant + " wrote no EMF line:\n" + output);
		}
		return Long.parseLong(lines[lines.length - 1].strip());
	}

	private static long addedJarBytes(String variant) {
		long total = 0;
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			String name = Path.of(entry).getFileName().toString();
			if (ADDED_JARS.get(variant).stream().anyMatch(name::startsWith)) {
				try {
					total += Files.size(Path.of(entry));
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
		return total;
	}

}
