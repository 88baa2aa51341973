package io.github.lambdawarmup.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.lambdawarmup.local.InvocationRecord;
import io.github.lambdawarmup.local.LocalFunction;
import io.github.lambdawarmup.local.LocalLambda;
import io.github.lambdawarmup.local.ProcessEnvironment;

/**
 * The point of the project, on a laptop: the order-pricing sample in local-lambda, each environment a
 * real JVM run by AWS's runtime interface client. A burst of user requests against the cold function
 * pays cold starts; after a warm-up fan-out the same burst pays none.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
		description = "Shows cold starts, then a warm-up fan-out preventing them, in local-lambda.")
public class LocalLambdaDemo implements Callable<Integer> {

	private static final String FUNCTION = "price-order";

	private static final int STEADY_BURSTS = 10;

	private static final String ORDER = "{\"orderId\":\"A-%d\",\"country\":\"DE\",\"lines\":[{\"sku\":\"COFFEE-250G\","
			+ "\"quantity\":12},{\"sku\":\"MUG\",\"quantity\":2}]}";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	// What the schedule's input carries and the function's environment knows, as the SAM template sets.
	private static final String TRIGGER_SECRET = "demo-secret-" + java.util.UUID.randomUUID();

	@Option(names = "--jar", required = true, description = "The function sample's deployment jar (*-aws.jar).")
	Path jar;

	@Option(names = "--concurrency", description = "Concurrent user requests, and environments to warm (default: ${DEFAULT-VALUE}).")
	int concurrency = 3;

	@Option(names = "--hold", description = "Hold of each warm-up (default: ${DEFAULT-VALUE}).")
	Duration hold = Duration.ofSeconds(2);

	public static void main(String[] args) {
		System.exit(new CommandLine(new LocalLambdaDemo()).registerConverter(Duration.class, Duration::parse)
			.execute(args));
	}

	@Override
	public Integer call() {
		if (!FunctionSample.isBuilt(this.jar)) {
			return 2;
		}
		Logger.getLogger("io.github.lambdawarmup.local").setLevel(Level.WARNING);
		try (LocalLambda lambda = LocalLambda.builder().start(); LambdaAsyncClient client = client(lambda)) {
			System.out.printf("local-lambda at %s; %s runs %s in real JVMs (runtime interface client)%n%n",
					lambda.endpoint(), FUNCTION, this.jar.getFileName());
			Scenario plain = scenario(lambda, client, FUNCTION, false);
			Scenario primed = scenario(lambda, client, FUNCTION + "-primed", true);
			System.out.printf("%-40s %9s %12s %9s %9s %9s%n", "", "requests", "cold starts", "p50 ms", "p99 ms", "max ms");
			plain.print(FUNCTION);
			primed.print(FUNCTION + " with warmup.priming.events");
			System.out.printf("%nlocal-lambda: %d environments started, %d reclaimed, %d cold starts paid by user requests%n",
					lambda.summary().environmentsStarted(), lambda.summary().environmentsReclaimed(),
					plain.userColdStarts() + primed.userColdStarts());
			long steady = primed.steady().latency().getValueAtPercentile(50);
			long first = primed.after().latency().getValueAtPercentile(50);
			System.out.printf("primed: first requests after the fan-out p50 %d ms, %.1f x the steady warm p50 (%d ms); "
					+ "without priming %.1f x%n", first, (double) first / Math.max(1, steady), steady,
					(double) plain.after().latency().getValueAtPercentile(50)
							/ Math.max(1, plain.steady().latency().getValueAtPercentile(50)));
			return (plain.ok() && primed.ok()) ? 0 : 1;
		}
	}

	// One function: a burst when cold, every environment reclaimed, a fan-out, the same burst, then steady bursts.
	private Scenario scenario(LocalLambda lambda, LambdaAsyncClient client, String function, boolean priming) {
		LocalFunction.Builder builder = LocalFunction.builder(function, ProcessEnvironment.factory(List.of(this.jar),
				FunctionSample.HANDLER, Duration.ofSeconds(120)))
			.timeout(Duration.ofSeconds(120))
			.memoryMb(512)
			.reservedConcurrency(this.concurrency * 2 + 1)
			.variable("MAIN_CLASS", FunctionSample.MAIN_CLASS)
			.variable("WARMUP_FANOUT_CLIENT_ENDPOINT", lambda.endpoint().toString())
			.variable("WARMUP_FANOUT_INVOCATIONTIMEOUT", "120s")
			.variable("WARMUP_FANOUT_HOLD", this.hold.toMillis() + "ms")
			.variable("WARMUP_MAXHOLD", this.hold.toMillis() + "ms")
			.variable("WARMUP_TRIGGERSECRET", TRIGGER_SECRET);
		if (priming) {
			builder.variable("WARMUP_PRIMING_EVENTS", "classpath:priming/*.json");
		}
		lambda.deploy(builder.build());
		System.out.printf("%s%s%n", function, priming ? " (priming events: classpath:priming/*.json)" : "");
		System.out.printf("1. %d concurrent user requests against the cold function...%n", this.concurrency);
		Burst before = burst(lambda, client, function);
		System.out.println("2. Later, every idle environment has been reclaimed (the keep-alive has passed).");
		lambda.expireIdleEnvironments(function);
		System.out.printf("3. The schedule sends the fan-out trigger, asking for %d environments...%n", this.concurrency);
		lambda.clearInvocations();
		JsonNode report = JSON.readTree(client
			.invoke((r) -> r.functionName(function)
				.payload(SdkBytes.fromUtf8String("{\"lambda-warmup\":{\"action\":\"fan-out\",\"concurrency\":"
						+ this.concurrency + ",\"secret\":\"" + TRIGGER_SECRET + "\"}}")))
			.join()
			.payload()
			.asByteArray());
		System.out.printf("   reached %d distinct environments (%d started by it), hold %d ms%n",
				report.path("reached").path("distinctEnvironments").asInt(),
				report.path("reached").path("coldEnvironments").asInt(), report.path("holds").path("longestMs").asLong());
		System.out.printf("4. The same %d concurrent user requests...%n", this.concurrency);
		Burst after = burst(lambda, client, function);
		System.out.printf("5. %d more bursts, for the steady warm latency...%n%n", STEADY_BURSTS);
		Burst steady = burst(lambda, client, function);
		for (int i = 1; i < STEADY_BURSTS; i++) {
			steady = steady.plus(burst(lambda, client, function));
		}
		lambda.expireIdleEnvironments(function);
		return new Scenario(before, after, steady,
				report.path("reached").path("distinctEnvironments").asInt() >= this.concurrency);
	}

	// A burst of concurrent user requests, measured.
	private Burst burst(LocalLambda lambda, LambdaAsyncClient client, String function) {
		lambda.clearInvocations();
		Histogram latency = new Histogram(3);
		List<CompletableFuture<InvokeResponse>> responses = new ArrayList<>();
		List<Long> starts = new ArrayList<>();
		for (int i = 0; i < this.concurrency; i++) {
			String order = String.format(ORDER, i);
			starts.add(System.nanoTime());
			responses.add(client.invoke((r) -> r.functionName(function).payload(SdkBytes.fromUtf8String(order))));
		}
		int errors = 0;
		for (int i = 0; i < responses.size(); i++) {
			InvokeResponse response = responses.get(i).join();
			latency.recordValue(Math.max(1, (System.nanoTime() - starts.get(i)) / 1_000_000));
			if (response.functionError() != null) {
				errors++;
			}
		}
		long cold = lambda.invocations(function).stream().filter(InvocationRecord::coldStart).count();
		return new Burst(this.concurrency, cold, errors, latency);
	}

	private static LambdaAsyncClient client(LocalLambda lambda) {
		return lambda.asyncClientBuilder()
			.overrideConfiguration((o) -> o.apiCallTimeout(Duration.ofMinutes(3)))
			.httpClientBuilder(NettyNioAsyncHttpClient.builder().readTimeout(Duration.ofMinutes(3)))
			.build();
	}

	/** A burst of user requests, measured. */
	private record Burst(int requests, long coldStarts, int errors, Histogram latency) {

		Burst plus(Burst other) {
			Histogram both = this.latency.copy();
			both.add(other.latency);
			return new Burst(this.requests + other.requests, this.coldStarts + other.coldStarts,
					this.errors + other.errors, both);
		}

		void print(String label) {
			System.out.printf("%-40s %9d %12d %9d %9d %9d%s%n", label, this.requests, this.coldStarts,
					this.latency.getValueAtPercentile(50), this.latency.getValueAtPercentile(99),
					this.latency.getMaxValue(), (this.errors > 0) ? "  (" + this.errors + " errors)" : "");
		}

	}

	/** One function's bursts: cold, right after a fan-out, and warm. */
	private record Scenario(Burst before, Burst after, Burst steady, boolean reached) {

		void print(String function) {
			System.out.println(function);
			this.before.print("  before the warm-up");
			this.after.print("  first requests after the warm-up");
			this.steady.print("  steady, warm (" + STEADY_BURSTS + " more bursts)");
		}

		long userColdStarts() {
			return this.before.coldStarts() + this.after.coldStarts() + this.steady.coldStarts();
		}

		boolean ok() {
			return this.reached && this.after.coldStarts() == 0;
		}

	}

}
