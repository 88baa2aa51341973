package io.github.lambdawarmup.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SimulatorServer} in a JVM of its own, so that what the warmer measures of itself (heap,
 * allocation) is not mixed with the service's.
 */
final class SimulatorProcess implements AutoCloseable {

	private final Process process;

	private final URI endpoint;

	private SimulatorProcess(Process process, URI endpoint) {
		this.process = process;
		this.endpoint = endpoint;
	}

	static SimulatorProcess start(String... args) {
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xss256k", "-cp",
				System.getProperty("java.class.path"), SimulatorServer.class.getName()));
		command.addAll(List.of(args));
		try {
			Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
			BufferedReader output = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
			for (String line = output.readLine(); line != null; line = output.readLine()) {
				if (line.startsWith(SimulatorServer.READY)) {
					return new SimulatorProcess(process, URI.create(line.substring(SimulatorServer.READY.length())));
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

	URI endpoint() {
		return this.endpoint;
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
