package io.github.lambdawarmup.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults the service must survive as Lambda does: clients that stall, runtimes that die while idle,
 * functions that fail asynchronously, handlers that ignore their timeout.
 */
class ServiceFaultTests {

	@AutoClose
	private final LocalLambda lambda = LocalLambda.builder()
		.asyncRetryDelay(Duration.ofMillis(50))
		.reclaimInterval(Duration.ofMillis(100))
		.start();

	@AutoClose
	private final LambdaClient client = this.lambda.clientBuilder()
		.overrideConfiguration((o) -> o.retryStrategy(RetryMode.STANDARD).retryStrategy((b) -> b.maxAttempts(1))
			.apiCallTimeout(Duration.ofSeconds(120)))
		.build();

	@TempDir
	Path directory;

	// The build sets the JDK server's request limit to 2 s for this module's tests (30 s otherwise).
	@Test
	void aClientThatStallsMidRequestIsCutOffAndHoldsNoThread() throws Exception {
		this.lambda.deploy(LocalFunction.builder("echo", InProcessEnvironment.factory(Duration.ZERO,
				(spec) -> (event, invocation) -> event)).build());
		List<Socket> stalled = new ArrayList<>();
		try {
			for (int i = 0; i < 20; i++) {
				Socket socket = new Socket(this.lambda.endpoint().getHost(), this.lambda.endpoint().getPort());
				OutputStream out = socket.getOutputStream();
				String head = (i % 2 == 0)
						? "POST /2015-03-31/functions/echo/invocations HTTP/1.1\r\nHost: local\r\nContent-Length: 100\r\n\r\n{\"a\""
						: "POST /2015-03-31/functions/echo/invocations HTTP/1.1\r\nHost: loc";
				out.write(head.getBytes(StandardCharsets.US_ASCII));
				out.flush();
				socket.setSoTimeout(30_000);
				stalled.add(socket);
			}
			for (Socket socket : stalled) {
				assertThat(closedByServer(socket)).isTrue();
			}
		}
		finally {
			for (Socket socket : stalled) {
				socket.close();
			}
		}
		InvokeResponse response = this.client.invoke((r) -> r.functionName("echo").payload(SdkBytes.fromUtf8String("1")));
		assertThat(response.payload().asUtf8String()).isEqualTo("1");
	}

	@Test
	void aPlainHandlerRunsInARealJvmWithOnlyItsOwnClasses() throws Exception {
		Path jar = handlerJar();
		this.lambda.deploy(LocalFunction.builder("plain",
				ProcessEnvironment.factory(List.of(jar), EchoStreamHandler.class.getName() + "::handleRequest",
						Duration.ofSeconds(60)))
			.timeout(Duration.ofSeconds(60))
			.memoryMb(256)
			.build());
		for (String payload : new String[] { "{\"n\":1}", "{\"n\":2}" }) {
			InvokeResponse response = this.client
				.invoke((r) -> r.functionName("plain").payload(SdkBytes.fromUtf8String(payload)));
			assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
			assertThat(response.payload().asUtf8String()).isEqualTo(payload);
		}
		// A runtime that dies while idle is replaced when the next invocation comes, not after a timeout.
		ProcessEnvironment idle = (ProcessEnvironment) this.lambda.liveEnvironments("plain").get(0);
		idle.process().destroyForcibly().waitFor();
		long crashedBefore = this.lambda.summary().environmentsCrashed();
		InvokeResponse replaced = this.client
			.invoke((r) -> r.functionName("plain").payload(SdkBytes.fromUtf8String("{\"n\":3}")));
		assertThat(replaced.payload().asUtf8String()).isEqualTo("{\"n\":3}");
		assertThat(this.lambda.invocations("plain")).last().matches(InvocationRecord::coldStart);
		assertThat(this.lambda.summary().environmentsCrashed()).isEqualTo(crashedBefore + 1);
		assertThat(this.lambda.liveEnvironments("plain")).hasSize(1).doesNotContain(idle);
	}

	// Lambda's default is two more tries; an EventInvokeConfig of 0 retries tries once.
	@ParameterizedTest
	@CsvSource({ "2, 3", "0, 1" })
	void anEventThatFailsIsTriedAgainAsItsEventInvokeConfigSays(int retries, int tries) {
		AtomicInteger ran = new AtomicInteger();
		String name = "failing-" + retries;
		this.lambda.deploy(LocalFunction.builder(name, InProcessEnvironment.factory(Duration.ZERO, (spec) -> (e, i) -> {
			ran.incrementAndGet();
			throw new IllegalStateException("always fails");
		})).eventInvokeConfig(retries, Duration.ofSeconds(60)).build());
		this.client.invoke((r) -> r.functionName(name).invocationType(InvocationType.EVENT)
			.payload(SdkBytes.fromUtf8String("{}")));
		await().atMost(Duration.ofSeconds(30)).until(() -> ran.get() == tries);
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> ran.get() == tries);
	}

	@Test
	void aThrottledEventOlderThanTheMaximumEventAgeIsDropped() {
		AtomicInteger runs = new AtomicInteger();
		this.lambda.deploy(LocalFunction.builder("aged", InProcessEnvironment.factory(Duration.ZERO, (spec) -> (e, i) -> {
			runs.incrementAndGet();
			return e;
		})).eventInvokeConfig(2, Duration.ofSeconds(5)).build());
		this.lambda.throttleNext("aged", 100, ThrottleReason.ConcurrentInvocationLimitExceeded);
		this.client.invoke((r) -> r.functionName("aged").invocationType(InvocationType.EVENT)
			.payload(SdkBytes.fromUtf8String("{}")));
		// Throttles are tried again after 1 s, then 2 s more, then 4 s more: the fourth try would come after
		// 7 s, past the 5 s age. Seconds of slack either way, so a busy machine does not change the count.
		await().atMost(Duration.ofSeconds(20)).until(() -> this.lambda.invocations("aged").size() == 3);
		await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(20))
			.until(() -> this.lambda.invocations("aged").size() == 3);
		assertThat(runs).hasValue(0);
	}

	@Test
	void aHandlerThatIgnoresItsTimeoutIsAbandonedAndReported() {
		Runaway runaway = new Runaway();
		this.lambda.deploy(LocalFunction.builder("stubborn", InProcessEnvironment.factory(Duration.ZERO,
				(spec) -> (e, i) -> runaway.run(e))).timeout(Duration.ofMillis(300)).build());
		try {
			InvokeResponse timedOut = this.client
				.invoke((r) -> r.functionName("stubborn").payload(SdkBytes.fromUtf8String("1")));
			assertThat(timedOut.payload().asUtf8String()).contains("Task timed out");
			await().atMost(Duration.ofSeconds(10)).until(() -> this.lambda.summary().handlersAbandoned() == 1);
			assertThat(this.lambda.summary().environmentsCrashed()).isEqualTo(1);
		}
		finally {
			runaway.stop();
		}
	}

	// Reads what the server sends until it closes the connection: true when it closed it.
	private static boolean closedByServer(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		try {
			while (in.read() != -1) {
				// a 4xx the server may send before closing
			}
			return true;
		}
		catch (SocketException ex) {
			return true;
		}
	}

	private Path handlerJar() throws IOException {
		Path jar = this.directory.resolve("plain-handler.jar");
		String entry = EchoStreamHandler.class.getName().replace('.', '/') + ".class";
		try (InputStream in = EchoStreamHandler.class.getClassLoader().getResourceAsStream(entry);
				java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
			out.putNextEntry(new java.util.jar.JarEntry(entry));
			in.transferTo(out);
			out.closeEntry();
		}
		return jar;
	}

	/** A handler that ignores interrupts until the test stops it. */
	static final class Runaway {

		private volatile boolean stopped;

		byte[] run(byte[] event) {
			while (!this.stopped) {
				try {
					Thread.sleep(20);
				}
				catch (InterruptedException ex) {
					// ignored, as a careless handler does
				}
			}
			return event;
		}

		void stop() {
			this.stopped = true;
		}

	}

}
