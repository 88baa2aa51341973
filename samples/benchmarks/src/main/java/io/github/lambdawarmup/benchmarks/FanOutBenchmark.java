package io.github.lambdawarmup.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.netty.handler.ssl.SslProvider;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import tools.jackson.databind.json.JsonMapper;

import io.github.lambdawarmup.DispatchCalibration;
import io.github.lambdawarmup.ExecutionEnvironment;
import io.github.lambdawarmup.Invocation;
import io.github.lambdawarmup.LambdaPlatform;
import io.github.lambdawarmup.fanout.FanOutInvocationType;
import io.github.lambdawarmup.fanout.FanOutReport;
import io.github.lambdawarmup.fanout.FanOutSettings;
import io.github.lambdawarmup.fanout.LambdaInvoker;
import io.github.lambdawarmup.fanout.WarmupFanOut;

/**
 * Measures fan-out rounds over HTTPS against a simulator process of lightweight environments that run
 * the real warm-up protocol.
 * <ol>
 * <li><b>Rounds</b>: the whole schedule end to end. A trigger goes to the simulator, which routes it to
 * the environment idle longest (one the previous round reached, which never ran a round itself); that
 * environment runs the round with its own fan-out and its own client, knowing only what the warm-ups it
 * answered told it.</li>
 * <li><b>Dispatch</b>: the warmer in this process, pinned to one core and the simulator to the other.
 * The environments are started first; each round runs in a fresh environment with a fresh client (new
 * TLS connections), beside a bare baseline that sends the same signed requests over pre-opened TLS
 * connections with no SDK client: this machine's limit.</li>
 * </ol>
 */
@Command(name = "fan-out-benchmark", mixinStandardHelpOptions = true,
		description = "Measures fan-out rounds of N warm-ups against the local Lambda service over HTTPS.")
public class FanOutBenchmark implements Callable<Integer> {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Option(names = "--concurrency", split = ",", description = "Warm-ups per round, one run each, for the end-to-end rounds (default: ${DEFAULT-VALUE}).")
	List<Integer> concurrency = List.of(10, 200, 1000);

	@Option(names = "--rounds", description = "Rounds after the cold one (default: ${DEFAULT-VALUE}).")
	int rounds = 5;

	@Option(names = "--dispatch-concurrency", split = ",", description = "Warm-ups per round for the pinned dispatch measurement, one run each, 0 to skip it (default: ${DEFAULT-VALUE}).")
	List<Integer> dispatchConcurrency = List.of(10, 200, 1000);

	@Option(names = "--clients", split = ",", description = "HTTP clients of the warmer to measure: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
	List<WarmerClient> clients = List.of(WarmerClient.OWN_JDK_TLS, WarmerClient.OWN_BORINGSSL, WarmerClient.NETTY_JDK_TLS,
			WarmerClient.NETTY_BORINGSSL);

	@Option(names = "--init-delay", description = "Cold start of a simulated environment (default: ${DEFAULT-VALUE}).")
	Duration initDelay = Duration.ofMillis(200);

	public static void main(String[] args) {
		System.exit(new CommandLine(new FanOutBenchmark()).registerConverter(Duration.class, Duration::parse)
			.execute(args));
	}

	// Decided once: once this process is pinned to a core, it sees one core and could no longer pin.
	private boolean pin;

	@Override
	public Integer call() throws Exception {
		this.pin = SimulatorProcess.canPin();
		System.out.printf("%d cores; warmer and simulator %s; warmer's JVM options %s%n%n",
				Runtime.getRuntime().availableProcessors(),
				this.pin ? "pinned to a core each for the dispatch measurement"
						: "unpinned (no taskset)",
				ManagementFactory.getRuntimeMXBean().getInputArguments());
		System.out.println("End-to-end rounds over HTTPS: trigger -> the environment idle longest -> its fan-out");
		System.out.println("   N  round  reached  cold  passes  expected ms  spread ms  longest hold ms  billed hold s");
		boolean allReached = true;
		for (int n : this.concurrency) {
			allReached &= endToEnd(n);
		}
		if (this.pin) {
			SimulatorProcess.pinThisProcess(0);
		}
		for (int n : this.dispatchConcurrency) {
			if (n > 0) {
				allReached &= dispatch(n);
			}
		}
		System.out.println();
		System.out.println(allReached ? "every round reached at least 98 % of N" : "SOME ROUND REACHED LESS THAN 98 % OF N");
		return 0;
	}

	private boolean endToEnd(int n) throws Exception {
		boolean allReached = true;
		try (SimulatorProcess simulator = SimulatorProcess.start(null, "--https", "--fan-out", "--routing",
				"LEAST_RECENT", "--init-delay", this.initDelay.toString(), "--reserved-concurrency",
				Integer.toString(n + 50));
				LambdaAsyncClient trigger = LocalClients.lambda(simulator.httpsEndpoint(), simulator.trustManagers(), 4)) {
			for (int round = 0; round <= this.rounds; round++) {
				String answer = trigger
					.invoke((r) -> r.functionName("orders")
						.clientContext(Invocation.WARMER_CLIENT_CONTEXT)
						.payload(SdkBytes.fromUtf8String(
								"{\"lambda-warmup\":{\"action\":\"fan-out\",\"concurrency\":" + n + "}}")))
					.join()
					.payload()
					.asUtf8String();
				FanOutReport report = JSON.readValue(answer, FanOutReport.class);
				int reached = (report.distinctEnvironments() != null) ? report.distinctEnvironments() : 0;
				allReached &= round == 0 || reached >= Math.ceil(0.98 * n);
				System.out.printf("%4d  %5s  %7d  %4d  %6d  %11s  %9s  %15d  %13.1f%n", n,
						(round == 0) ? "cold" : Integer.toString(round), reached,
						(report.reached() != null) ? report.reached().coldEnvironments() : 0, report.passes().size(),
						report.timing().expectedSpreadMs(), report.timing().dispatchSpreadMs(),
						report.holds().longestMs(), report.holds().billedMs() / 1000.0);
			}
		}
		return allReached;
	}

	private boolean dispatch(int n) throws Exception {
		System.out.printf("%nDispatch of %d warm-ups over HTTPS, warmer %s; the environments started first; each round "
				+ "from a fresh environment (new client, %d TLS handshakes), then again on its open connections%n", n,
				this.pin ? "on core 0, simulator on core 1" : "and simulator sharing the cores", n);
		try (SimulatorProcess simulator = SimulatorProcess.start(this.pin ? 1 : null, "--https", "--init-delay",
				this.initDelay.toString(), "--reserved-concurrency", Integer.toString(n + 50))) {
			// Every client's rounds start from the same service: environments started and a simulator whose JVM
			// has run a round. Without this the first client alone started them, on a simulator whose JIT was
			// cold and read requests slowly, and its next round planned from the pace that made (2 to 4.5 s
			// for 1,000), which the Lambda service, starting environments elsewhere, never imposes on a sender.
			for (int start = 0; start < 2; start++) {
				BareDispatch.spreadMs(simulator.httpsEndpoint(), simulator.trustManagers(), n, Duration.ofSeconds(1));
			}
			boolean allReached = true;
			for (WarmerClient client : this.clients) {
				allReached &= dispatch(simulator, n, client);
			}
			return allReached;
		}
	}

	// Whether every round after the first, which plans from no calibration, reached at least 98 % of N.
	private boolean dispatch(SimulatorProcess simulator, int n, WarmerClient tls) throws Exception {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		DispatchCalibration carried = null;
		Histogram spread = new Histogram(3);
		Histogram baselineSpread = new Histogram(3);
		// Each round's spread over the baseline's right after it: the simulator's own pace moves between rounds
		// (the baseline's by 60 to 160 ms at N = 1,000), and a round is best judged against its neighbour.
		List<Double> pairedRatios = new ArrayList<>();
		Histogram billed = new Histogram(3);
		Histogram allocatedFresh = new Histogram(3);
		Histogram allocatedOpen = new Histogram(3);
		Histogram preConnect = new Histogram(3);
		boolean withinBilling = true;
		int minReached = Integer.MAX_VALUE;
		System.out.printf("%nwarmer's HTTP client: %s%nround  reached  passes  failed  pre-connect ms  expected ms  dispatch ms  spread ms  "
				+ "baseline ms  billed hold s  limit s  MB fresh  MB open%n", tls);
		for (int round = 0; round <= this.rounds; round++) {
			simulator.collectGarbage();
			ExecutionEnvironment environment = new ExecutionEnvironment(Clock.systemUTC(), Instant.now(),
					LambdaPlatform.from(Map.of()));
			if (carried != null) {
				environment.learn(carried);
			}
			FanOutReport report;
			long freshKib;
			long openKib;
			try (LambdaInvoker invoker = tls.invoker(simulator, n)) {
				WarmupFanOut fanOut = WarmupFanOut.builder(invoker,
						new FanOutSettings("orders", null, FanOutInvocationType.REQUEST_RESPONSE, n, List.of(),
								ZoneId.of("UTC"), n, null, Duration.ofSeconds(10), Duration.ofSeconds(60), true))
					.platform(LambdaPlatform.from(Map.of()))
					.environment(environment)
					.build();
				long before = allocatedBytes(threads);
				report = fanOut.fanOut(n);
				freshKib = (allocatedBytes(threads) - before) / 1024;
				before = allocatedBytes(threads);
				fanOut.fanOut(n);
				openKib = (allocatedBytes(threads) - before) / 1024;
			}
			// The next environment knows what the warm-ups it answered carried: nothing, if none was answered.
			if (report.distinctEnvironments() != null && report.distinctEnvironments() > 0) {
				carried = report.calibration();
			}
			if (round == 0) {
				System.out.printf(" cold  %7d  %6d  %6d  (plans from nothing: not counted)%n", report.distinctEnvironments(),
						report.passes().size(), report.failures().total());
				continue;
			}
			// After the invoker is closed: both hold a connection per warm-up.
			long baseline = Math.max(0, BareDispatch.spreadMs(simulator.httpsEndpoint(), simulator.trustManagers(), n,
					Duration.ofSeconds(3)));
			baselineSpread.recordValue(baseline);
			Long roundSpread = report.timing().dispatchSpreadMs();
			long billedMs = report.holds().billedMs();
			double limitMs = (roundSpread != null) ? n * (0.75 * roundSpread + 150) : Double.NaN;
			if (roundSpread != null) {
				spread.recordValue(roundSpread);
				pairedRatios.add((double) roundSpread / Math.max(1, baseline));
			}
			withinBilling &= billedMs <= limitMs;
			minReached = Math.min(minReached, (report.distinctEnvironments() != null) ? report.distinctEnvironments() : 0);
			billed.recordValue(billedMs);
			allocatedFresh.recordValue(Math.max(0, freshKib));
			allocatedOpen.recordValue(Math.max(0, openKib));
			preConnect.recordValue(report.timing().preConnectMs());
			System.out.printf("%5d  %7d  %6d  %6d  %14d  %11d  %11d  %9s  %11d  %13.1f  %7.1f  %8.1f  %7.1f%n", round,
					report.distinctEnvironments(), report.passes().size(), report.failures().total(),
					report.timing().preConnectMs(), report.timing().expectedSpreadMs(), report.timing().dispatchMs(),
					roundSpread, baseline, billedMs / 1000.0, limitMs / 1000.0, freshKib / 1024.0, openKib / 1024.0);
		}
		System.out.printf("%s: reached at least %d of %d; spread p50 %d ms against the bare baseline's %d ms (%.2f x; "
				+ "median of the rounds' own ratios %.2f x); billed hold p50 %.1f s, %s N x (0.75 x spread + 150 ms) every round; pre-connect p50 %d ms; "
				+ "allocated p50 %.1f MB from a fresh environment, %.1f MB on open connections%n", tls, minReached, n,
				spread.getValueAtPercentile(50), baselineSpread.getValueAtPercentile(50),
				(double) spread.getValueAtPercentile(50) / Math.max(1, baselineSpread.getValueAtPercentile(50)),
				pairedRatios.isEmpty() ? Double.NaN
						: ContextStartBenchmark.median(pairedRatios.stream().mapToDouble(Double::doubleValue).toArray()),
				billed.getValueAtPercentile(50) / 1000.0, withinBilling ? "within" : "NOT within",
				preConnect.getValueAtPercentile(50), allocatedFresh.getValueAtPercentile(50) / 1024.0,
				allocatedOpen.getValueAtPercentile(50) / 1024.0);
		return minReached >= Math.ceil(0.98 * n);
	}

	// Every live thread's allocation: the client's event loop threads allocate as much as the caller.
	private static long allocatedBytes(com.sun.management.ThreadMXBean threads) {
		long total = 0;
		for (long allocated : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
			total += Math.max(0, allocated);
		}
		return total;
	}

	/**
	 * The warmer's HTTP client: the starter's own connections (its default) or the SDK's Netty client (when the
	 * application customizes it), each with the JDK's TLS or BoringSSL, or the AWS CRT client.
	 */
	enum WarmerClient {

		OWN_JDK_TLS, OWN_BORINGSSL, NETTY_JDK_TLS, NETTY_BORINGSSL, CRT;

		LambdaInvoker invoker(SimulatorProcess simulator, int n) {
			return switch (this) {
				case OWN_JDK_TLS -> LocalClients.ownConnections(simulator.httpsEndpoint(), simulator.certificate(),
						SslProvider.JDK);
				case OWN_BORINGSSL -> LocalClients.ownConnections(simulator.httpsEndpoint(), simulator.certificate(),
						SslProvider.OPENSSL);
				case NETTY_JDK_TLS -> LocalClients.sdkNettyInvoker(simulator.httpsEndpoint(), simulator.certificate(), n,
						SslProvider.JDK);
				case NETTY_BORINGSSL -> LocalClients.sdkNettyInvoker(simulator.httpsEndpoint(), simulator.certificate(), n,
						SslProvider.OPENSSL);
				case CRT -> LocalClients.crtInvoker(simulator.httpsEndpoint(), simulator.certificate(), n);
			};
		}

	}

}
