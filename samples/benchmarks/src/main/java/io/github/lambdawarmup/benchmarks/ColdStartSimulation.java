package io.github.lambdawarmup.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;

import io.github.lambdawarmup.LambdaPlatform;
import io.github.lambdawarmup.fanout.FanOutInvocationType;
import io.github.lambdawarmup.fanout.FanOutReport;
import io.github.lambdawarmup.fanout.FanOutSettings;
import io.github.lambdawarmup.fanout.LambdaInvoker;
import io.github.lambdawarmup.fanout.WarmupFanOut;
import io.github.lambdawarmup.local.InvocationRecord;
import io.github.lambdawarmup.local.LocalFunction;
import io.github.lambdawarmup.local.LocalLambda;

/**
 * How many user requests still pay a cold start: the same seeded traffic (sparse requests and
 * occasional bursts) replayed against the local Lambda service twice, once without warming and once with
 * a fan-out round every few minutes, in compressed time (one simulated minute a second).
 */
@Command(name = "cold-start-simulation", mixinStandardHelpOptions = true,
		description = "Counts the cold starts user requests pay, with and without lambda-warmup, under the same traffic.")
public class ColdStartSimulation implements Callable<Integer> {

	private static final Duration MINUTE = Duration.ofSeconds(1);

	@Option(names = "--minutes", description = "Simulated minutes of traffic (default: ${DEFAULT-VALUE}).")
	int minutes = 60;

	@Option(names = "--concurrency", description = "Environments the warmer keeps warm (default: ${DEFAULT-VALUE}).")
	int concurrency = 10;

	@Option(names = "--rate-minutes", description = "Simulated minutes between fan-out rounds (default: ${DEFAULT-VALUE}).")
	int rateMinutes = 4;

	@Option(names = "--keep-alive-minutes", description = "Simulated idle minutes before Lambda reclaims an environment (default: ${DEFAULT-VALUE}).")
	int keepAliveMinutes = 6;

	@Option(names = "--requests-per-minute", description = "Mean of the sparse traffic (default: ${DEFAULT-VALUE}).")
	double requestsPerMinute = 1;

	@Option(names = "--bursts", description = "Bursts in the whole run (default: ${DEFAULT-VALUE}).")
	int bursts = 8;

	@Option(names = "--burst-max", description = "Largest burst, in concurrent requests (default: ${DEFAULT-VALUE}).")
	int burstMax = 12;

	@Option(names = "--seed", description = "Seed of the traffic (default: ${DEFAULT-VALUE}).")
	long seed = 42;

	public static void main(String[] args) {
		System.exit(new CommandLine(new ColdStartSimulation()).execute(args));
	}

	@Override
	public Integer call() throws InterruptedException {
		Logger.getLogger("io.github.lambdawarmup.local").setLevel(Level.WARNING);
		Logger.getLogger("io.github.lambdawarmup.fanout").setLevel(Level.WARNING);
		List<Long> traffic = traffic();
		System.out.printf("%d user requests over %d simulated minutes (%d bursts of up to %d), keep-alive %d min, "
				+ "one simulated minute a second%n%n", traffic.size(), this.minutes, this.bursts, this.burstMax,
				this.keepAliveMinutes);
		Outcome cold = run("no warming", traffic, false);
		Outcome warm = run("lambda-warmup, N=" + this.concurrency + " every " + this.rateMinutes + " min", traffic, true);
		System.out.printf("%n%-34s %9s %12s %7s %14s %13s %9s %14s%n", "", "requests", "cold starts", "share",
				"during rounds", "environments", "warm-ups", "reached (min)");
		cold.print();
		warm.print();
		return 0;
	}

	// Request times in milliseconds from the start: Poisson arrivals plus bursts at random minutes.
	private List<Long> traffic() {
		Random random = new Random(this.seed);
		List<Long> times = new ArrayList<>();
		double meanGapMillis = MINUTE.toMillis() / this.requestsPerMinute;
		for (double t = -Math.log(1 - random.nextDouble()) * meanGapMillis; t < this.minutes * MINUTE.toMillis();
				t += -Math.log(1 - random.nextDouble()) * meanGapMillis) {
			times.add((long) t);
		}
		for (int i = 0; i < this.bursts; i++) {
			long at = (long) (random.nextDouble() * this.minutes * MINUTE.toMillis());
			int size = 2 + random.nextInt(this.burstMax - 1);
			for (int j = 0; j < size; j++) {
				times.add(at);
			}
		}
		times.sort(Long::compare);
		return times;
	}

	private Outcome run(String label, List<Long> traffic, boolean warming) throws InterruptedException {
		String function = warming ? "warmed" : "cold";
		try (LocalLambda lambda = LocalLambda.builder()
			.reclaimInterval(Duration.ofMillis(100))
			.function(LocalFunction.builder(function,
					SimulatedWarmupEnvironments.create(Duration.ofMillis(100), Duration.ofMillis(50), Duration.ofSeconds(2)))
				.keepAlive(MINUTE.multipliedBy(this.keepAliveMinutes))
				.build())
			.start(); LambdaAsyncClient client = client(lambda)) {
			ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
			AtomicInteger minReached = new AtomicInteger(Integer.MAX_VALUE);
			List<Instant[]> rounds = new java.util.concurrent.CopyOnWriteArrayList<>();
			if (warming) {
				LambdaInvoker invoker = LambdaInvoker.of(client);
				WarmupFanOut fanOut = WarmupFanOut.builder(invoker,
						new FanOutSettings(function, null, FanOutInvocationType.REQUEST_RESPONSE, this.concurrency,
								List.of(), ZoneId.of("UTC"), this.concurrency, null, Duration.ofSeconds(2),
								Duration.ofSeconds(10), true))
					.platform(LambdaPlatform.from(Map.of()))
					.build();
				scheduler.scheduleAtFixedRate(() -> {
					Instant roundStart = Instant.now();
					FanOutReport report = fanOut.fanOut();
					rounds.add(new Instant[] { roundStart, Instant.now() });
					if (report.distinctEnvironments() != null) {
						minReached.accumulateAndGet(report.distinctEnvironments(), Math::min);
					}
				}, 0, MINUTE.toMillis() * this.rateMinutes, TimeUnit.MILLISECONDS);
			}
			System.out.printf("%s: replaying %d simulated minutes...%n", label, this.minutes);
			long start = System.nanoTime();
			List<CompletableFuture<?>> requests = new ArrayList<>();
			for (long at : traffic) {
				long wait = at - (System.nanoTime() - start) / 1_000_000;
				if (wait > 0) {
					Thread.sleep(wait);
				}
				requests.add(client.invoke((r) -> r.functionName(function).payload(SdkBytes.fromUtf8String("{\"order\":1}"))));
			}
			requests.forEach(CompletableFuture::join);
			// Let a round in flight finish: stopping the service under it would count as its failure.
			scheduler.shutdown();
			scheduler.awaitTermination(30, TimeUnit.SECONDS);
			List<InvocationRecord> records = lambda.invocations(function);
			long users = records.stream().filter((r) -> !r.warmup()).count();
			long userColdStarts = records.stream().filter((r) -> !r.warmup() && r.coldStart()).count();
			long warmups = records.stream().filter(InvocationRecord::warmup).count();
			// A user request that arrives while a round holds every warm environment takes a new one.
			long duringRounds = records.stream()
				.filter((r) -> !r.warmup() && r.coldStart())
				.filter((r) -> rounds.stream().anyMatch((round) -> !r.receivedAt().isBefore(round[0])
						&& !r.receivedAt().isAfter(round[1])))
				.count();
			return new Outcome(label, users, userColdStarts, duringRounds, lambda.summary().environmentsStarted(),
					warmups, (minReached.get() != Integer.MAX_VALUE) ? Integer.toString(minReached.get()) : "-");
		}
	}

	private static LambdaAsyncClient client(LocalLambda lambda) {
		return LocalClients.lambda(lambda.endpoint(), null, 200);
	}

	/** What one replay came to. */
	private record Outcome(String label, long requests, long coldStarts, long duringRounds, long environments,
			long warmups, String minReached) {

		void print() {
			System.out.printf("%-34s %9d %12d %6.1f%% %14d %13d %9d %14s%n", this.label, this.requests,
					this.coldStarts, 100.0 * this.coldStarts / this.requests, this.duringRounds, this.environments,
					this.warmups, this.minReached);
		}

	}

}
