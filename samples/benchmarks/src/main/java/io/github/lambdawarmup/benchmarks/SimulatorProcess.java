package io.github.lambdawarmup.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.TrustManager;

import org.jspecify.annotations.Nullable;

import io.github.lambdawarmup.local.LocalLambda;

/**
 * A {@link SimulatorServer} in a JVM of its own, so that what the warmer measures of itself (heap,
 * allocation, CPU) is not mixed with the service's; pinned to a core of its own when asked.
 */
final class SimulatorProcess implements AutoCloseable {

	/** A system property with more options for the simulator's JVM (a GC log, say), separated by spaces. */
	static final String JVM_OPTIONS = "simulator.jvm";

	// The Lambda service never stops every environment at once; one JVM that holds a thousand of them does,
	// at each safepoint, and on one core its thousands of threads took up to a second to reach one: the
	// warm-ups behind it arrived after the holds had ended, and the pass had to be sent again. No periodic
	// safepoint, and a young generation big enough for a collection every 15 s or so, not every second,
	// its pages touched at start rather than faulted in while a round runs.
	private static final List<String> SERVICE_JVM_OPTIONS = List.of("-Xss256k", "-Xms4g", "-Xmx4g", "-Xmn3g",
			"-XX:+AlwaysPreTouch", "-XX:+UnlockDiagnosticVMOptions", "-XX:GuaranteedSafepointInterval=0");

	private final Process process;

	private final URI endpoint;

	private final @Nullable URI httpsEndpoint;

	private final TrustManager @Nullable [] trustManagers;

	private final @Nullable Certificate certificate;

	private SimulatorProcess(Process process, URI endpoint, @Nullable URI httpsEndpoint,
			@Nullable Certificate certificate) {
		this.process = process;
		this.endpoint = endpoint;
		this.httpsEndpoint = httpsEndpoint;
		this.certificate = certificate;
		this.trustManagers = (certificate != null) ? LocalLambda.trustManagersFor(certificate) : null;
	}

	/**
	 * Starts a simulator.
	 * @param cpu the core to pin it to with {@code taskset}, or {@code null} to let it run anywhere
	 * @param args the simulator's options
	 */
	static SimulatorProcess start(@Nullable Integer cpu, String... args) {
		try {
			Path certificate = Files.createTempFile("local-lambda", ".pem");
			List<String> command = new ArrayList<>();
			if (cpu != null) {
				command.addAll(List.of("taskset", "-c", cpu.toString()));
			}
			command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			command.addAll(SERVICE_JVM_OPTIONS);
			String options = System.getProperty(JVM_OPTIONS, "");
			if (!options.isBlank()) {
				command.addAll(List.of(options.trim().split("\\s+")));
			}
			command.addAll(List.of("-cp", System.getProperty("java.class.path"), SimulatorServer.class.getName(),
					"--certificate-file", certificate.toString()));
			command.addAll(List.of(args));
			Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
			BufferedReader output = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
			for (String line = output.readLine(); line != null; line = output.readLine()) {
				if (line.startsWith(SimulatorServer.READY)) {
					String[] endpoints = line.substring(SimulatorServer.READY.length()).split(" ");
					URI https = (endpoints.length > 1) ? URI.create(endpoints[1]) : null;
					Certificate trusted = (https != null) ? read(certificate) : null;
					Files.deleteIfExists(certificate);
					return new SimulatorProcess(process, URI.create(endpoints[0]), https, trusted);
				}
			}
			throw new IllegalStateException("the simulator exited before it was ready: " + process.waitFor());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Whether {@code taskset} can pin processes on this machine. */
	static boolean canPin() {
		try {
			return new ProcessBuilder("taskset", "-c", "0", "true").start().waitFor() == 0
					&& Runtime.getRuntime().availableProcessors() > 1;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Pins this JVM, every thread it has and every thread it starts later, to one core. */
	static void pinThisProcess(int cpu) {
		try {
			new ProcessBuilder("taskset", "-a", "-p", "-c", Integer.toString(cpu),
					Long.toString(ProcessHandle.current().pid()))
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start()
				.waitFor();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Certificate read(Path pem) throws IOException {
		try (InputStream in = Files.newInputStream(pem)) {
			return CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	URI endpoint() {
		return this.endpoint;
	}

	/** The HTTPS endpoint, when the simulator was started with {@code --https}. */
	URI httpsEndpoint() {
		if (this.httpsEndpoint == null) {
			throw new IllegalStateException("the simulator was started without --https");
		}
		return this.httpsEndpoint;
	}

	/** The certificate the HTTPS endpoint presents, made when the simulator started. */
	Certificate certificate() {
		if (this.certificate == null) {
			throw new IllegalStateException("the simulator was started without --https");
		}
		return this.certificate;
	}

	TrustManager[] trustManagers() {
		if (this.trustManagers == null) {
			throw new IllegalStateException("the simulator was started without --https");
		}
		return this.trustManagers;
	}

	/**
	 * Empties the service's heap before a round. A collection in the middle of a pass stops every simulated
	 * environment and the service's front end at once, which the Lambda service never does: with the
	 * simulator's safepoints logged, the rounds that had to send their pass again had a young collection of
	 * 100 to 130 ms (200 ms with its safepoint) while their warm-ups were arriving, and their late warm-ups
	 * found environments of the same pass idle again.
	 */
	void collectGarbage() {
		try {
			Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
					Long.toString(this.process.pid()), "GC.run")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (jcmd.waitFor() != 0) {
				throw new IllegalStateException("jcmd GC.run failed on the simulator: " + jcmd.exitValue());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			this.process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
