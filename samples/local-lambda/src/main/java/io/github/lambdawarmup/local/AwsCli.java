package io.github.lambdawarmup.local;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The AWS CLI, unchanged, pointed at a local-lambda: for tests that show a command a user would type.
 * Credentials and configuration come from the command alone, never from the machine's files.
 */
public final class AwsCli {

	// Debian's package installs version 2 here; another "aws" on the PATH may be version 1.
	private static final String CLI = Files.isExecutable(Path.of("/usr/bin/aws")) ? "/usr/bin/aws" : "aws";

	private final String version;

	private final Path directory;

	private AwsCli(String version, Path directory) {
		this.version = version;
		this.directory = directory;
	}

	/**
	 * The installed CLI, if any.
	 * @param directory where the CLI's output goes, and where it looks for configuration it never finds
	 * @return the CLI, or empty when none is installed ({@code apt-get install awscli})
	 */
	public static Optional<AwsCli> find(Path directory) {
		try {
			Process process = new ProcessBuilder(CLI, "--version").redirectErrorStream(true).start();
			String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			return (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0)
					? Optional.of(new AwsCli(version, directory)) : Optional.empty();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	/**
	 * Runs {@code aws --endpoint-url <endpoint> --region us-east-1 --output json <args>}.
	 * @param endpoint the local-lambda's endpoint
	 * @param args the rest of the command
	 * @return its exit code and output
	 * @throws IOException if the CLI cannot be run
	 * @throws InterruptedException if interrupted while waiting for it
	 */
	public Result run(URI endpoint, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(CLI, "--endpoint-url", endpoint.toString(), "--region",
				"us-east-1", "--output", "json"));
		command.addAll(List.of(args));
		if (this.version.startsWith("aws-cli/2") && command.contains("--payload")) {
			// Version 2 reads a payload as base64 unless told otherwise; version 1 reads it raw.
			command.addAll(List.of("--cli-binary-format", "raw-in-base64-out"));
		}
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().put("AWS_ACCESS_KEY_ID", "local");
		builder.environment().put("AWS_SECRET_ACCESS_KEY", "local");
		builder.environment().put("AWS_CONFIG_FILE", this.directory.resolve("no-config").toString());
		builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", this.directory.resolve("no-credentials").toString());
		builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
		builder.environment().put("AWS_PAGER", "");
		Path stdout = Files.createTempFile(this.directory, "stdout", ".txt");
		Path stderr = Files.createTempFile(this.directory, "stderr", ".txt");
		Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("the AWS CLI did not finish within 120 s");
		}
		return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
	}

	/**
	 * What the CLI did.
	 * @param exitCode its exit code
	 * @param stdout what it wrote to standard output
	 * @param stderr what it wrote to standard error
	 */
	public record Result(int exitCode, String stdout, String stderr) {
	}

}
