package io.github.lambdawarmup.local;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A lightweight environment inside the service's process: a thread that runs a handler, after an init
 * delay that stands for the runtime's start. Hundreds fit on a small machine, so fan-outs at scale run
 * through the real HTTP path.
 */
public final class InProcessEnvironment implements LocalEnvironment {

	private static final byte[] NULL = "null".getBytes(java.nio.charset.StandardCharsets.UTF_8);

	private static final System.Logger logger = System.getLogger(InProcessEnvironment.class.getName());

	// How long a stopped environment's handler has to notice its interrupt.
	private static final Duration STOP_GRACE = Duration.ofSeconds(1);

	private final CompletableFuture<Boolean> stopped = new CompletableFuture<>();

	private final EnvironmentSpec spec;

	private final EnvironmentHandler handler;

	private final Duration initDuration;

	private final ExecutorService thread;

	private volatile boolean usable = true;

	private InProcessEnvironment(EnvironmentSpec spec, EnvironmentHandler handler, Duration initDuration) {
		this.spec = spec;
		this.handler = handler;
		this.initDuration = initDuration;
		this.thread = Executors.newSingleThreadExecutor(DaemonThreads.named("local-lambda-" + spec.environmentId()));
	}

	/**
	 * A factory of in-process environments.
	 * @param initDelay how long each environment takes to start
	 * @param handlers creates the handler of each environment
	 * @return the factory
	 */
	public static EnvironmentFactory factory(Duration initDelay, Function<EnvironmentSpec, EnvironmentHandler> handlers) {
		return (spec) -> {
			long start = System.nanoTime();
			Thread.sleep(initDelay.toMillis());
			EnvironmentHandler handler = handlers.apply(spec);
			return new InProcessEnvironment(spec, handler, Duration.ofNanos(System.nanoTime() - start));
		};
	}

	@Override
	public String id() {
		return this.spec.environmentId();
	}

	@Override
	public Duration initDuration() {
		return this.initDuration;
	}

	@Override
	public InvocationOutcome invoke(byte[] event, RuntimeInvocation invocation, Duration timeout) {
		Future<byte[]> result = this.thread.submit(() -> this.handler.handle(event, invocation));
		try {
			byte[] answer = result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			// A handler that returns nothing answers JSON null, as the runtime interface client writes it.
			return InvocationOutcome.success((answer != null) ? answer : NULL, "");
		}
		catch (TimeoutException ex) {
			// Lambda resets an environment whose function timed out.
			result.cancel(true);
			this.usable = false;
			return InvocationOutcome.timedOut(invocation.requestId(), timeout, "");
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			StringWriter trace = new StringWriter();
			cause.printStackTrace(new PrintWriter(trace));
			return InvocationOutcome.error(cause.getClass().getName(), String.valueOf(cause.getMessage()),
					trace.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.usable = false;
			return InvocationOutcome.error("Runtime.Interrupted", "the service was interrupted", "");
		}
	}

	@Override
	public boolean isUsable() {
		return this.usable;
	}

	@Override
	public void close() {
		this.usable = false;
		this.thread.shutdownNow();
		// A handler that ignores the interrupt cannot be stopped from outside: it is left to run on its
		// daemon thread, and reported.
		DaemonThreads.start(() -> {
			boolean ended = false;
			try {
				ended = this.thread.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			if (!ended) {
				logger.log(System.Logger.Level.WARNING, "environment {0}: its handler ignored the interrupt and "
						+ "still runs {1} after the environment stopped; abandoned", this.spec.environmentId(), STOP_GRACE);
			}
			this.stopped.complete(ended);
		}, "local-lambda-stop-" + this.spec.environmentId());
	}

	@Override
	public CompletableFuture<Boolean> stopped() {
		return this.stopped;
	}

}
