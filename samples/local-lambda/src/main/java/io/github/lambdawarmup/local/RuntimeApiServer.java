package io.github.lambdawarmup.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * The Runtime API of one execution environment, {@code /2018-06-01/runtime/...} at
 * {@code AWS_LAMBDA_RUNTIME_API}: the runtime asks for the next invocation and posts its response or
 * error. Each environment has its own, as each Lambda sandbox does.
 */
final class RuntimeApiServer implements AutoCloseable {

	private static final String PREFIX = "/2018-06-01/runtime/";

	private final HttpServer server;

	private final ExecutorService threads;

	private final SynchronousQueue<Pending> next = new SynchronousQueue<>();

	private final CountDownLatch ready = new CountDownLatch(1);

	private volatile boolean restored;

	private final CompletableFuture<String> initError = new CompletableFuture<>();

	private volatile @Nullable Pending current;

	RuntimeApiServer(String environmentId) {
		this.threads = Executors.newCachedThreadPool(DaemonThreads.named("runtime-api-" + environmentId));
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(this.threads);
		this.server.createContext(PREFIX, this::handle);
		this.server.start();
	}

	/** The value of {@code AWS_LAMBDA_RUNTIME_API}. */
	String address() {
		return "127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** Counted down when the runtime first asks for an invocation: its init is over. */
	CountDownLatch ready() {
		return this.ready;
	}

	/** Completed when the runtime reports an init error. */
	CompletableFuture<String> initError() {
		return this.initError;
	}

	/**
	 * Hands an invocation to the runtime, which must be waiting for it.
	 * @return the invocation's pending result
	 */
	@Nullable Pending offer(byte[] event, RuntimeInvocation invocation, long waitMillis) throws InterruptedException {
		Pending pending = new Pending(event, invocation, new CompletableFuture<>());
		if (!this.next.offer(pending, waitMillis, TimeUnit.MILLISECONDS)) {
			return null;
		}
		this.current = pending;
		return pending;
	}

	/** Whether the runtime asked to be restored, as a SnapStart runtime does once its init is done. */
	boolean restored() {
		return this.restored;
	}

	/** The invocation the runtime is working on, if any. */
	@Nullable Pending current() {
		return this.current;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
			if ("GET".equals(exchange.getRequestMethod()) && path.equals("invocation/next")) {
				next(exchange);
			}
			else if ("POST".equals(exchange.getRequestMethod()) && path.startsWith("invocation/")
					&& (path.endsWith("/response") || path.endsWith("/error"))) {
				complete(exchange, path.substring("invocation/".length(), path.lastIndexOf('/')), path.endsWith("/error"));
			}
			else if ("POST".equals(exchange.getRequestMethod()) && (path.equals("init/error") || path.equals("restore/error"))) {
				this.initError.complete(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
				accepted(exchange);
			}
			else if ("GET".equals(exchange.getRequestMethod()) && path.equals("restore/next")) {
				// SnapStart: the runtime ran its beforeCheckpoint hooks and waits to be restored. A local JVM cannot
				// be snapshotted, so it is "restored" at once, as itself: its afterRestore hooks run next.
				this.restored = true;
				exchange.sendResponseHeaders(200, -1);
			}
			else {
				error(exchange, 404, "InvalidRequest", "unknown path");
			}
		}
	}

	// The runtime waits here, with no client timeout, until an invocation arrives.
	private void next(HttpExchange exchange) throws IOException {
		this.ready.countDown();
		Pending pending;
		try {
			pending = this.next.take();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		this.current = pending;
		RuntimeInvocation invocation = pending.invocation();
		exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
		exchange.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadline().toEpochMilli()));
		exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn", invocation.invokedFunctionArn());
		exchange.getResponseHeaders().set("Lambda-Runtime-Trace-Id", invocation.traceId());
		if (invocation.clientContext() != null) {
			exchange.getResponseHeaders().set("Lambda-Runtime-Client-Context", invocation.clientContext());
		}
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, (pending.event().length == 0) ? -1 : pending.event().length);
		exchange.getResponseBody().write(pending.event());
	}

	private void complete(HttpExchange exchange, String requestId, boolean error) throws IOException {
		Pending pending = this.current;
		byte[] body = exchange.getRequestBody().readNBytes(InvokeApi.MAX_SYNC_PAYLOAD + 1);
		if (pending == null || !pending.invocation().requestId().equals(requestId)) {
			error(exchange, 400, "InvalidRequestID", "no invocation " + requestId + " in progress");
			return;
		}
		if (body.length > InvokeApi.MAX_SYNC_PAYLOAD) {
			pending.result().complete(InvocationOutcome.error("Function.ResponseSizeTooLarge",
					"Response payload size exceeded maximum allowed payload size (6291556 bytes).", ""));
			error(exchange, 413, "RequestEntityTooLarge", "Payload too large");
			return;
		}
		this.current = null;
		pending.result().complete(error ? new InvocationOutcome(body, InvocationOutcome.UNHANDLED, "")
				: InvocationOutcome.success(body, ""));
		accepted(exchange);
	}

	private static void accepted(HttpExchange exchange) throws IOException {
		send(exchange, 202, Json.write(Map.of("status", "OK")));
	}

	// The Runtime API's error document.
	private static void error(HttpExchange exchange, int status, String errorType, String errorMessage)
			throws IOException {
		send(exchange, status, Json.error(errorType, errorMessage));
	}

	private static void send(HttpExchange exchange, int status, byte[] bytes) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.threads.shutdownNow();
	}

	/**
	 * An invocation handed to the runtime.
	 * @param event the event
	 * @param invocation its runtime headers
	 * @param result completed by the runtime's response or error
	 */
	record Pending(byte[] event, RuntimeInvocation invocation, CompletableFuture<InvocationOutcome> result) {
	}

}
