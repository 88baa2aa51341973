package io.github.lambdawarmup.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

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

	private static AwsCli cli;

	@TempDir
	static Path directory;

	@BeforeAll
	static void start() {
		cli = AwsCli.find(directory).orElse(null);
		assumeTrue(cli != null, "the AWS CLI is not installed (apt-get install awscli): skipping the CLI tests");
		lambda = LocalLambda.builder().function(echo()).start();
	}

	private static LocalFunction echo() {
		return LocalFunction.builder("echo", InProcessEnvironment.factory(Duration.ZERO,
				(spec) -> (event, invocation) -> ("{\"echo\":" + new String(event, StandardCharsets.UTF_8) + "}")
					.getBytes(StandardCharsets.UTF_8)))
			.build();
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
		AwsCli.Result result = aws("lambda", "invoke", "--function-name", "echo", "--payload", "{\"a\":1}", out.toString());
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.stdout()).contains("\"StatusCode\": 200").contains("\"ExecutedVersion\": \"$LATEST\"");
		assertThat(Files.readString(out)).isEqualTo("{\"echo\":{\"a\":1}}");
	}

	@Test
	void queuesAnEvent() throws Exception {
		int before = lambda.invocations("echo").size();
		AwsCli.Result result = aws("lambda", "invoke", "--function-name", "echo", "--invocation-type", "Event", "--payload",
				"{\"b\":2}", directory.resolve("event.json").toString());
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.stdout()).contains("\"StatusCode\": 202");
		await().until(() -> lambda.invocations("echo").size() == before + 1);
	}

	@Test
	void dryRunsWithoutInvoking() throws Exception {
		int before = lambda.invocations("echo").size();
		AwsCli.Result result = aws("lambda", "invoke", "--function-name", "echo", "--invocation-type", "DryRun",
				directory.resolve("dry.json").toString());
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.stdout()).contains("\"StatusCode\": 204");
		assertThat(lambda.invocations("echo")).hasSize(before);
	}

	@Test
	void failsClearlyForAnUnknownFunction() throws Exception {
		AwsCli.Result result = aws("lambda", "invoke", "--function-name", "nope", directory.resolve("nope.json").toString());
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.stderr()).contains("ResourceNotFoundException").contains("Function not found");
	}

	// The HTTPS endpoint's chain is one the CLI's OpenSSL accepts, given the root as a CA bundle, and refuses
	// without it, as it treats Lambda's chain and an unknown one.
	@Test
	void invokesOverHttpsTrustingTheRootOfTheServicesChainOnly() throws Exception {
		try (LocalLambda secure = LocalLambda.builder().https().function(echo()).start()) {
			Path bundle = directory.resolve("local-lambda-root.pem");
			Files.writeString(bundle, secure.certificatePem());
			Path out = directory.resolve("https.json");
			AwsCli.Result result = cli.run(secure.httpsEndpoint(), "lambda", "invoke", "--ca-bundle", bundle.toString(),
					"--function-name", "echo", "--payload", "{\"c\":3}", out.toString());
			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(Files.readString(out)).isEqualTo("{\"echo\":{\"c\":3}}");
			AwsCli.Result refused = cli.run(secure.httpsEndpoint(), "lambda", "invoke", "--function-name", "echo",
					directory.resolve("refused.json").toString());
			assertThat(refused.exitCode()).isNotZero();
			assertThat(refused.stderr()).contains("CERTIFICATE_VERIFY_FAILED");
			assertThat(secure.invocations("echo")).hasSize(1);
		}
	}

	private static AwsCli.Result aws(String... args) throws IOException, InterruptedException {
		return cli.run(lambda.endpoint(), args);
	}

}
