package io.github.lambdawarmup.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The AWS CLI, unchanged, against the local Invoke API. Skipped where the CLI is not installed; CI
 * installs it ({@code apt-get install awscli}).
 */
class AwsCliTests {

	private static LocalLambda lambda;

	// Debian's package installs version 2 here; another "aws" on the PATH may be version 1.
	private static final String CLI = Files.isExecutable(Path.of("/usr/bin/aws")) ? "/usr/bin/aws" : "aws";

	private static String version;

	@TempDir
	static Path directory;

	@BeforeAll
	static void start() {
		version = cliVersion();
		assumeTrue(version != null, "the AWS CLI is not installed (apt-get install awscli): skipping the CLI tests");
		lambda = LocalLambda.builder()
			.function(LocalFunction.builder("echo", InProcessEnvironment.factory(Duration.ZERO,
					(spec) -> (event, invocation) -> ("{\"echo\":" + new String(event, StandardCharsets.UTF_8) + "}")
						.getBytes(StandardCharsets.UTF_8)))
				.build())
			.start();
	}

	@AfterAll
	static void stop() {
		if (lambda != null) {
			lambda.close();
		}
	}

	@Test
	void invokesSynchronously() throws Exception {
		Path out = directory.resolve("sync.json");
		Result result = aws("lambda", "invoke", "--function-name", "echo", "--payload", "{\"a\":1}", out.toString());
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.stdout()).contains("\"StatusCode\": 200").contains("\"ExecutedVersion\": \"$LATEST\"");
		assertThat(Files.readString(out)).isEqualTo("{\"echo\":{\"a\":1}}");
	}

	@Test
	void queuesAnEvent() throws Exception {
		int before = lambda.invocations("echo").size();
		Result result = aws("lambda", "invoke", "--function-name", "echo", "--invocation-type", "Event", "--payload",
				"{\"b\":2}", directory.resolve("event.json").toString());
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.stdout()).contains("\"StatusCode\": 202");
		await().until(() -> lambda.invocations("echo").size() == before + 1);
	}

	@Test
	void dryRunsWithoutInvoking() throws Exception {
		int before = lambda.invocations("echo").size();
		Result result = aws("lambda", "invoke", "--function-name", "echo", "--invocation-type", "DryRun",
				directory.resolve("dry.json").toString());
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.stdout()).contains("\"StatusCode\": 204");
		assertThat(lambda.invocations("echo")).hasSize(before);
	}

	@Test
	void failsClearlyForAnUnknownFunction() throws Exception {
		Result result = aws("lambda", "invoke", "--function-name", "nope", directory.resolve("nope.json").toString());
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.stderr()).contains("ResourceNotFoundException").contains("Function not found");
	}

	private static Result aws(String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(CLI, "--endpoint-url", lambda.endpoint().toString(),
				"--region", "us-east-1", "--output", "json"));
		command.addAll(List.of(args));
		if (version.startsWith("aws-cli/2") && command.contains("--payload")) {
			// Version 2 reads a payload as base64 unless told otherwise; version 1 reads it raw.
			command.addAll(List.of("--cli-binary-format", "raw-in-base64-out"));
		}
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().put("AWS_ACCESS_KEY_ID", "local");
		builder.environment().put("AWS_SECRET_ACCESS_KEY", "local");
		builder.environment().put("AWS_CONFIG_FILE", directory.resolve("no-config").toString());
		builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", directory.resolve("no-credentials").toString());
		builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
		builder.environment().put("AWS_PAGER", "");
		Path stdout = Files.createTempFile(directory, "stdout", ".txt");
		Path stderr = Files.createTempFile(directory, "stderr", ".txt");
		Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("the AWS CLI did not finish within 60 s");
		}
		return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
	}

	private static String cliVersion() {
		try {
			Process process = new ProcessBuilder(CLI, "--version").redirectErrorStream(true).start();
			String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			return (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0) ? version : null;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	record Result(int exitCode, String stdout, String stderr) {
	}

}
