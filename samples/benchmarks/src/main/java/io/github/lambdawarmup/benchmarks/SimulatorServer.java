package io.github.lambdawarmup.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.github.lambdawarmup.fanout.LambdaInvoker;
import io.github.lambdawarmup.local.IdleRouting;
import io.github.lambdawarmup.local.LocalFunction;
import io.github.lambdawarmup.local.LocalLambda;

/**
 * The local Lambda service with a simulated function whose lightweight environments answer warm-ups
 * with the real protocol: thousands of environments on a small machine, for fan-outs at scale. Prints
 * its endpoint on the first line, then runs until it is stopped.
 */
@Command(name = "simulator", mixinStandardHelpOptions = true,
		description = "Runs the local Lambda service with a simulated function of lightweight environments.")
public class SimulatorServer implements Callable<Integer> {

	/** The prefix of the line that announces the endpoint. */
	public static final String READY = "local-lambda listening on ";

	@Option(names = "--function", description = "Function name (default: ${DEFAULT-VALUE}).")
	String function = "orders";

	@Option(names = "--port", description = "Port, 0 for any free one (default: ${DEFAULT-VALUE}).")
	int port;

	@Option(names = "--init-delay", description = "Cold start of an environment (default: ${DEFAULT-VALUE}).")
	Duration initDelay = Duration.ofMillis(200);

	@Option(names = "--work", description = "Time a user invocation takes (default: ${DEFAULT-VALUE}).")
	Duration work = Duration.ofMillis(20);

	@Option(names = "--keep-alive", description = "Idle time before an environment is reclaimed (default: ${DEFAULT-VALUE}).")
	Duration keepAlive = Duration.ofMinutes(6);

	@Option(names = "--reserved-concurrency", description = "Most environments at once (default: ${DEFAULT-VALUE}).")
	int reservedConcurrency = 3000;

	@Option(names = "--routing", description = "Which idle environment takes an invocation: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
	IdleRouting routing = IdleRouting.MOST_RECENT;

	@Option(names = "--alias", paramLabel = "NAME=VERSION",
			description = "An alias of the function and the version it points to, such as live=1; repeatable.")
	Map<String, String> aliases = new LinkedHashMap<>();

	@Option(names = "--https", description = "Also serve HTTPS, with a certificate chain made at start.")
	boolean https;

	@Option(names = "--certificate-file", description = "With --https, where to write the root certificate of its chain (PEM) for clients to trust.")
	@Nullable Path certificateFile;

	@Option(names = "--fan-out", description = "Environments run the fan-out triggers they receive, invoking this service (over HTTPS with --https).")
	boolean fanOut;

	@Option(names = "--verbose", description = "Log every environment and invocation.")
	boolean verbose;

	public static void main(String[] args) {
		System.exit(new CommandLine(new SimulatorServer()).registerConverter(Duration.class, Duration::parse)
			.execute(args));
	}

	@Override
	public Integer call() throws Exception {
		Logger.getLogger("io.github.lambdawarmup.local").setLevel(this.verbose ? Level.INFO : Level.WARNING);
		Logger.getLogger("io.github.lambdawarmup").setLevel(this.verbose ? Level.INFO : Level.WARNING);
		AtomicReference<LocalLambda> started = new AtomicReference<>();
		Supplier<LambdaInvoker> clients = this.fanOut ? () -> {
			LocalLambda service = started.get();
			return this.https ? LocalClients.invoker(service.httpsEndpoint(), service.certificate())
					: LocalClients.invoker(service.endpoint(), null);
		} : null;
		LocalFunction.Builder function = LocalFunction.builder(this.function,
				SimulatedWarmupEnvironments.create(this.initDelay, this.work, Duration.ofSeconds(10), clients))
			.reservedConcurrency(this.reservedConcurrency)
			.keepAlive(this.keepAlive)
			.timeout(Duration.ofSeconds(120))
			.routing(this.routing);
		this.aliases.forEach(function::alias);
		LocalLambda.Builder builder = LocalLambda.builder().port(this.port).function(function.build());
		if (this.https) {
			builder.https();
		}
		LocalLambda lambda = builder.start();
		started.set(lambda);
		if (this.https && this.certificateFile != null) {
			Files.writeString(this.certificateFile, lambda.certificatePem());
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			System.out.println("service summary: " + lambda.summary());
			lambda.close();
			stopped.countDown();
		}));
		System.out.println(READY + lambda.endpoint() + (this.https ? " " + lambda.httpsEndpoint() : ""));
		System.out.flush();
		stopped.await();
		return 0;
	}

}
