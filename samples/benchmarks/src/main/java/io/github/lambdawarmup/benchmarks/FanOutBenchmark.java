package io.github.lambdawarmup.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;

import io.github.lambdawarmup.LambdaPlatform;
import io.github.lambdawarmup.fanout.FanOutInvocationType;
import io.github.lambdawarmup.fanout.FanOutListener;
import io.github.lambdawarmup.fanout.FanOutReport;
import io.github.lambdawarmup.fanout.FanOutSettings;
import io.github.lambdawarmup.fanout.WarmupFanOut;

/**
 * Runs fan-out rounds against the local Lambda service, through the real SDK client and HTTP, and
 * measures what a round costs the warmer: time to dispatch, time to complete, and heap growth.
 */
@Command(name = "fan-out-benchmark", mixinStandardHelpOptions = true,
		description = "Measures fan-out rounds of N warm-ups against the local Lambda service.")
public class FanOutBenchmark implements Callable<Integer> {

	@Option(names = "--concurrency", description = "Warm-ups per round (default: ${DEFAULT-VALUE}).")
	int concurrency = 1000;

	@Option(names = "--rounds", description = "Measured rounds, after one round that starts the environments (default: ${DEFAULT-VALUE}).")
	int rounds = 5;

	@Option(names = "--hold", description = "Hold each warm-up asks for, or 0 to derive it (default: ${DEFAULT-VALUE}).")
	Duration hold = Duration.ZERO;

	@Option(names = "--init-delay", description = "Cold start of a simulated environment (default: ${DEFAULT-VALUE}).")
	Duration initDelay = Duration.ofMillis(200);

	public static void main(String[] args) {
		System.exit(new CommandLine(new FanOutBenchmark()).registerConverter(Duration.class, Duration::parse)
			.execute(args));
	}

	@Override
	public Integer call() {
		Duration maxHold = Duration.ofSeconds(10);
		try (SimulatorProcess simulator = SimulatorProcess.start("--init-delay", this.initDelay.toString(),
				"--reserved-concurrency", Integer.toString(this.concurrency + 100));
				LambdaAsyncClient client = client(simulator)) {
			WarmupFanOut fanOut = new WarmupFanOut(() -> client,
					new FanOutSettings("orders", null, FanOutInvocationType.REQUEST_RESPONSE, this.concurrency, List.of(),
							ZoneId.of("UTC"), this.concurrency, this.hold.isZero() ? null : this.hold, maxHold,
							Duration.ofSeconds(30)),
					LambdaPlatform.from(Map.of()), Clock.systemUTC(), FanOutListener.NONE);
			MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
			com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
			FanOutReport first = fanOut.fanOut(this.concurrency);
			System.out.printf("round 0 (cold): reached %d of %d, %d cold, hold %d ms, took %d ms%n",
					first.distinctEnvironments(), this.concurrency, first.coldEnvironments(), first.holdMs(),
					first.durationMs());
			Histogram duration = new Histogram(3);
			Histogram spread = new Histogram(3);
			Histogram heap = new Histogram(3);
			Histogram allocated = new Histogram(3);
			int minReached = Integer.MAX_VALUE;
			for (int round = 1; round <= this.rounds; round++) {
				System.gc();
				long before = memory.getHeapMemoryUsage().getUsed();
				long allocatedBefore = allocatedBytes(threads);
				FanOutReport report = fanOut.fanOut(this.concurrency);
				long allocatedKib = (allocatedBytes(threads) - allocatedBefore) / 1024;
				System.gc();
				long retainedKib = Math.max(0, memory.getHeapMemoryUsage().getUsed() - before) / 1024;
				duration.recordValue(report.durationMs());
				if (report.dispatchSpreadMs() != null) {
					spread.recordValue(report.dispatchSpreadMs());
				}
				heap.recordValue(retainedKib);
				allocated.recordValue(Math.max(0, allocatedKib));
				minReached = Math.min(minReached, report.distinctEnvironments());
				System.out.printf("round %d (warm): reached %d of %d, %d cold, hold %d ms, spread %d ms, took %d ms, "
						+ "allocated %d KiB, retained %d KiB%n", round, report.distinctEnvironments(), this.concurrency,
						report.coldEnvironments(), report.holdMs(), report.dispatchSpreadMs(), report.durationMs(),
						allocatedKib, retainedKib);
			}
			System.out.printf("%nfan-out of %d, %d warm rounds: reached at least %d; dispatch spread p50 %d ms, "
					+ "max %d ms; round p50 %d ms, max %d ms; allocated per round p50 %d KiB, max %d KiB; "
					+ "retained after a round p50 %d KiB, max %d KiB%n", this.concurrency, this.rounds, minReached,
					spread.getValueAtPercentile(50), spread.getMaxValue(), duration.getValueAtPercentile(50),
					duration.getMaxValue(), allocated.getValueAtPercentile(50), allocated.getMaxValue(),
					heap.getValueAtPercentile(50), heap.getMaxValue());
		}
		return 0;
	}

	// Every live thread's allocation: the client's event loop threads allocate as much as the caller.
	private static long allocatedBytes(com.sun.management.ThreadMXBean threads) {
		long total = 0;
		for (long allocated : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
			total += Math.max(0, allocated);
		}
		return total;
	}

	private LambdaAsyncClient client(SimulatorProcess simulator) {
		return LambdaAsyncClient.builder()
			.endpointOverride(simulator.endpoint())
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
			.httpClientBuilder(NettyNioAsyncHttpClient.builder()
				.maxConcurrency(this.concurrency)
				.maxPendingConnectionAcquires(20_000))
			.build();
	}

}
