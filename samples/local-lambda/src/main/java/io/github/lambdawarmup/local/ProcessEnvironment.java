package io.github.lambdawarmup.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An execution environment that is a real JVM process: the function's jar run by AWS's runtime
 * interface client (the one Lambda's container images use), talking to a Runtime API of its own, with
 * the environment variables Lambda sets. Its cold start is measured from process start to the
 * runtime's first request for an invocation.
 */
public final class ProcessEnvironment implements LocalEnvironment {

	private static final System.Logger logger = System.getLogger(ProcessEnvironment.class.getName());

	private static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

	// What Lambda's managed Java runtimes put in JAVA_TOOL_OPTIONS: a fast-starting JVM.
	// As Lambda's Java runtime starts the JVM; org.crac's resources run through the runtime client's CRaC
	// context, which runs them around a SnapStart snapshot.
	private static final List<String> LAMBDA_JVM_OPTIONS = List.of("-XX:+TieredCompilation",
			"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
			"-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");

	private static final int LOG_BUFFER_CHARS = 64 * 1024;

	private final String id;

	private final Process process;

	private final RuntimeApiServer runtimeApi;

	private final Duration initDuration;

	private final StringBuilder log;

	private volatile boolean usable = true;

	private ProcessEnvironment(String id, Process process, RuntimeApiServer runtimeApi, Duration initDuration,
			StringBuilder log) {
		this.id = id;
		this.process = process;
		this.runtimeApi = runtimeApi;
		this.initDuration = initDuration;
		this.log = log;
	}

	/**
	 * The deployment jar a build left in a directory: the one whose name ends with {@code -aws.jar}.
	 * @param directory where the build put it, such as {@code target}
	 * @return the jar
	 * @throws IllegalStateException if there is none
	 */
	public static Path deploymentJar(Path directory) {
		try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(directory)) {
			return files.filter((p) -> p.getFileName().toString().endsWith("-aws.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No deployment jar (*-aws.jar) in " + directory
						+ ": it is built by 'mvn package'"));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot list " + directory, ex);
		}
	}

	/**
	 * A factory of process environments.
	 * @param classpath the function's deployment package (jars), after the runtime client's own
	 * @param handler the handler, as the function's configuration names it, such as
	 * {@code org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest}
	 * @param initTimeout how long an environment may take to initialise
	 * @return the factory
	 */
	public static EnvironmentFactory factory(List<Path> classpath, String handler, Duration initTimeout) {
		return (spec) -> start(spec, classpath, handler, initTimeout);
	}

	private static ProcessEnvironment start(EnvironmentSpec spec, List<Path> classpath, String handler,
			Duration initTimeout) throws Exception {
		RuntimeApiServer runtimeApi = new RuntimeApiServer(spec.environmentId());
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(LAMBDA_JVM_OPTIONS);
		command.add("-Xmx" + Math.max(64, spec.memoryMb() * 85 / 100) + "m");
		command.add("-D" + RuntimeInterfaceClient.JNI_PROPERTY + "=" + RuntimeInterfaceClient.nativeLibrary());
		command.add("-cp");
		List<String> entries = new ArrayList<>();
		RuntimeInterfaceClient.classpath().forEach((p) -> entries.add(p.toString()));
		classpath.forEach((p) -> entries.add(p.toAbsolutePath().toString()));
		command.add(String.join(java.io.File.pathSeparator, entries));
		command.add(RUNTIME_MAIN);
		command.add(handler);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(variables(spec, runtimeApi.address(), handler));
		long start = System.nanoTime();
		Process process = builder.start();
		StringBuilder log = new StringBuilder();
		pump(spec.environmentId(), process, log);
		try {
			awaitReady(spec, process, runtimeApi, initTimeout);
		}
		catch (Exception ex) {
			process.destroyForcibly();
			runtimeApi.close();
			String output;
			synchronized (log) {
				output = log.substring(Math.max(0, log.length() - 2000));
			}
			throw new IllegalStateException(ex.getMessage() + "; its last output:\n" + output, ex);
		}
		ProcessEnvironment environment = new ProcessEnvironment(spec.environmentId(), process, runtimeApi,
				Duration.ofNanos(System.nanoTime() - start), log);
		// A runtime that dies fails the invocation it was working on, as Lambda reports it.
		process.onExit().thenRun(() -> {
			RuntimeApiServer.Pending current = runtimeApi.current();
			if (current != null) {
				current.result().complete(exitError(current.invocation(), process));
			}
		});
		return environment;
	}

	private static Map<String, String> variables(EnvironmentSpec spec, String runtimeApi, String handler) {
		Map<String, String> variables = new LinkedHashMap<>();
		variables.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
		variables.put("_HANDLER", handler);
		variables.put("LAMBDA_TASK_ROOT", Path.of("").toAbsolutePath().toString());
		variables.put("AWS_EXECUTION_ENV", "AWS_Lambda_java17");
		variables.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + spec.functionName());
		variables.put("AWS_LAMBDA_LOG_STREAM_NAME", spec.environmentId());
		// Lambda hands every environment the credentials of the function's role.
		variables.put("AWS_ACCESS_KEY_ID", "local");
		variables.put("AWS_SECRET_ACCESS_KEY", "local");
		variables.put("AWS_SESSION_TOKEN", "local");
		variables.put("TZ", ":UTC");
		variables.putAll(spec.variables());
		return variables;
	}

	private static void awaitReady(EnvironmentSpec spec, Process process, RuntimeApiServer runtimeApi,
			Duration initTimeout) throws Exception {
		long deadline = System.nanoTime() + initTimeout.toNanos();
		while (!runtimeApi.ready().await(50, TimeUnit.MILLISECONDS)) {
			if (runtimeApi.initError().isDone()) {
				throw new IllegalStateException("environment " + spec.environmentId() + " reported an init error: "
						+ runtimeApi.initError().get());
			}
			if (!process.isAlive()) {
				throw new IllegalStateException(
						"environment " + spec.environmentId() + " exited during init with code " + process.exitValue());
			}
			if (System.nanoTime() > deadline) {
				throw new TimeoutException("environment " + spec.environmentId() + " did not initialise within "
						+ initTimeout.toSeconds() + " s");
			}
		}
	}

	// The runtime's output, kept for the log tail and written to the service's log.
	private static void pump(String id, Process process, StringBuilder log) {
		DaemonThreads.start(() -> {
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = reader.readLine(); line != null; line = reader.readLine()) {
					logger.log(System.Logger.Level.DEBUG, "[{0}] {1}", id, line);
					synchronized (log) {
						log.append(line).append('\n');
						if (log.length() > LOG_BUFFER_CHARS) {
							log.delete(0, log.length() - LOG_BUFFER_CHARS);
						}
					}
				}
			}
			catch (IOException ex) {
				// The process is gone: nothing more to read.
			}
		}, "environment-output-" + id);
	}

	@Override
	public String id() {
		return this.id;
	}

	/**
	 * Whether the runtime ran its SnapStart checkpoint hooks and asked to be restored
	 * ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}); it then continues as itself, restored at once.
	 */
	public boolean snapStartRestored() {
		return this.runtimeApi.restored();
	}

	@Override
	public Duration initDuration() {
		return this.initDuration;
	}

	/** The process, for tests that crash it. */
	public Process process() {
		return this.process;
	}

	/**
	 * What the runtime has written so far (the last part, when it wrote much), as Lambda would send it to
	 * CloudWatch Logs: read apart from the invocations, so a line may arrive after the invocation that
	 * wrote it has answered.
	 */
	public String log() {
		synchronized (this.log) {
			return this.log.toString();
		}
	}

	@Override
	public InvocationOutcome invoke(byte[] event, RuntimeInvocation invocation, Duration timeout) {
		int logStart;
		synchronized (this.log) {
			logStart = this.log.length();
		}
		try {
			RuntimeApiServer.Pending pending = this.runtimeApi.offer(event, invocation, timeout.toMillis());
			if (pending == null) {
				this.usable = false;
				return InvocationOutcome.error("Runtime.Unavailable", "the runtime did not ask for an invocation", "");
			}
			if (!this.process.isAlive()) {
				pending.result().complete(exitError(invocation, this.process));
			}
			InvocationOutcome outcome = pending.result().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (!this.process.isAlive()) {
				this.usable = false;
			}
			return new InvocationOutcome(outcome.payload(), outcome.functionError(), logSince(logStart));
		}
		catch (TimeoutException ex) {
			this.usable = false;
			this.process.destroyForcibly();
			return InvocationOutcome.timedOut(invocation.requestId(), timeout, logSince(logStart));
		}
		catch (ExecutionException ex) {
			this.usable = false;
			return InvocationOutcome.error("Runtime.Unknown", String.valueOf(ex.getCause()), logSince(logStart));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.usable = false;
			return InvocationOutcome.error("Runtime.Interrupted", "the service was interrupted", "");
		}
	}

	private static InvocationOutcome exitError(RuntimeInvocation invocation, Process process) {
		return InvocationOutcome.error("Runtime.ExitError", "RequestId: " + invocation.requestId()
				+ " Error: Runtime exited with error: exit status " + process.exitValue(), "");
	}

	private String logSince(int start) {
		synchronized (this.log) {
			return (start <= this.log.length()) ? this.log.substring(start) : this.log.toString();
		}
	}

	@Override
	public boolean isUsable() {
		return this.usable && this.process.isAlive();
	}

	@Override
	public void close() {
		this.usable = false;
		this.process.descendants().forEach(ProcessHandle::destroyForcibly);
		this.process.destroyForcibly();
		this.runtimeApi.close();
	}

}
