package io.github.lambdawarmup.samples.function;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.lambdawarmup.Invocation;
import io.github.lambdawarmup.local.AwsCli;
import io.github.lambdawarmup.local.InvocationRecord;
import io.github.lambdawarmup.local.LocalFunction;
import io.github.lambdawarmup.local.LocalLambda;
import io.github.lambdawarmup.local.ProcessEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The sample's deployment jar in local-lambda: every environment a real JVM started by AWS's runtime
 * interface client, invoked through the real AWS SDK. Sized for two cores: a handful of environments. Each
 * test deploys a function of its own, so that none depends on what another left behind.
 */
class LocalLambdaIT {

	private static final String HANDLER = "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest";

	private static final String ORDER = "{\"orderId\":\"A-1\",\"country\":\"FR\",\"lines\":[{\"sku\":\"MUG\",\"quantity\":2}]}";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@AutoClose
	private static LocalLambda lambda;

	@AutoClose
	private static LambdaAsyncClient client;

	private static List<Path> jar;

	@TempDir
	static Path directory;

	private String function;

	private static final String TRIGGER_SECRET = "it-secret-" + java.util.UUID.randomUUID();

	@BeforeAll
	static void start() throws IOException {
		jar = List.of(ProcessEnvironment.deploymentJar(Path.of("target")));
		lambda = LocalLambda.builder().reclaimInterval(Duration.ofMillis(200)).start();
		client = lambda.asyncClientBuilder()
			.overrideConfiguration((o) -> o.retryStrategy(RetryMode.STANDARD).retryStrategy((b) -> b.maxAttempts(1))
				.apiCallTimeout(Duration.ofSeconds(120)))
			.build();
	}

	// The fan-out inside an environment invokes the function through this same service.
	private String deploy(TestInfo test, java.util.function.UnaryOperator<LocalFunction.Builder> customizer) {
		this.function = "price-order-" + test.getTestMethod().orElseThrow().getName();
		lambda.deploy(customizer.apply(function(this.function)).build());
		return this.function;
	}

	// Two cores hold a few JVMs at once: the environments of a test are stopped when it ends.
	@AfterEach
	void stopEnvironments() {
		if (this.function != null) {
			await().atMost(Duration.ofSeconds(60)).until(() -> lambda.busyEnvironments(this.function).isEmpty());
			lambda.expireIdleEnvironments(this.function);
		}
	}

	private static LocalFunction.Builder function(String name) {
		return LocalFunction.builder(name, ProcessEnvironment.factory(jar, HANDLER, Duration.ofSeconds(90)))
			.timeout(Duration.ofSeconds(90))
			.memoryMb(512)
			.variable("MAIN_CLASS", OrderPricingApplication.class.getName())
			.variable("WARMUP_FANOUT_CLIENT_ENDPOINT", lambda.endpoint().toString())
			.variable("WARMUP_FANOUT_INVOCATIONTIMEOUT", "90s")
			.variable("WARMUP_MAXHOLD", "2s")
			.variable("WARMUP_TRIGGERSECRET", TRIGGER_SECRET)
			// On two cores the round's own environment competes for CPU with the JVMs it starts, which can
			// delay a warm-up past a derived hold of a few hundred milliseconds: hold a fixed 1.5 s.
			.variable("WARMUP_FANOUT_HOLD", "1500ms");
	}

	@Test
	void theFirstRequestIsAColdStartAndTheSecondIsWarm(TestInfo test) {
		String function = deploy(test, (f) -> f);
		JsonNode quote = JSON.readTree(invoke(function, ORDER).payload().asByteArray());
		assertThat(quote.get("total").decimalValue()).isEqualByComparingTo("30.00");
		invoke(function, ORDER);
		assertThat(lambda.invocations(function)).extracting(InvocationRecord::coldStart).containsExactly(true, false);
		assertThat(lambda.invocations(function).get(0).initDuration()).isPositive();
		assertThat(lambda.invocations(function).get(1).initDuration()).isZero();
	}

	@Test
	void aUserColdStartIsOneEmfLineAndTheEnvironmentsStatusCountsIt(TestInfo test) {
		String function = deploy(test, (f) -> f);
		invoke(function, ORDER);
		// What the environment writes reaches its log apart from the answer, as in Lambda.
		ProcessEnvironment environment = (ProcessEnvironment) lambda.liveEnvironments(function).get(0);
		await().atMost(Duration.ofSeconds(30)).until(() -> environment.log().contains("\"UserColdStart\""));
		JsonNode emf = environment.log()
			.lines()
			.filter((line) -> line.contains("\"UserColdStart\""))
			.map(JSON::readTree)
			.findFirst()
			.orElseThrow();
		assertThat(emf.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asString()).isEqualTo("LambdaWarmup");
		assertThat(emf.path("FunctionName").asString()).isEqualTo(function);
		invoke(function, ORDER);
		JsonNode status = JSON.readTree(invokeAsWarmer(function, "{\"lambda-warmup\":{\"action\":\"status\"}}").join()
			.payload()
			.asByteArray());
		assertThat(status.path("environment").path("id").asString()).isEqualTo(emf.path("environment").asString());
		assertThat(status.path("environment").path("userColdStart").asBoolean()).isTrue();
		assertThat(status.path("environment").path("userInvocations").asInt()).isEqualTo(2);
		assertThat(status.path("activation").path("active").asBoolean()).isTrue();
	}

	@Test
	void theAwsCliReadsTheStatusWithTheSecretAndIsRefusedWithout(TestInfo test) throws Exception {
		AwsCli cli = AwsCli.find(directory).orElse(null);
		assumeTrue(cli != null, "the AWS CLI is not installed (apt-get install awscli): skipping");
		String function = deploy(test, (f) -> f);
		Path out = directory.resolve(function + ".json");
		AwsCli.Result result = cli.run(lambda.endpoint(), "lambda", "invoke", "--function-name", function, "--payload",
				"{\"lambda-warmup\":{\"action\":\"status\",\"secret\":\"" + TRIGGER_SECRET + "\"}}", out.toString());
		assertThat(result.exitCode()).as(result.toString()).isZero();
		JsonNode status = JSON.readTree(Files.readString(out));
		assertThat(status.path("environment").path("functionName").asString()).isEqualTo(function);
		assertThat(status.path("activation").path("triggerSecret").asBoolean()).isTrue();
		assertThat(Files.readString(out)).doesNotContain(TRIGGER_SECRET);
		result = cli.run(lambda.endpoint(), "lambda", "invoke", "--function-name", function, "--payload",
				"{\"lambda-warmup\":{\"action\":\"status\"}}", out.toString());
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(JSON.readTree(Files.readString(out)).path("status").asString()).isEqualTo("refused");
	}

	@Test
	void aFanOutReachesDistinctJvmEnvironmentsAndThenUserRequestsFindThemWarm(TestInfo test) {
		String function = deploy(test, (f) -> f.reservedConcurrency(4));
		// One environment runs the round (a user request started it); three more are asked for: four in all.
		invoke(function, ORDER);
		lambda.clearInvocations();
		// Without the secret, as anyone whose request body becomes the event could send it: refused.
		JsonNode refused = JSON.readTree(invoke(function,
				"{\"lambda-warmup\":{\"action\":\"fan-out\",\"concurrency\":3}}").payload().asByteArray());
		assertThat(refused.get("status").asString()).isEqualTo("refused");
		lambda.clearInvocations();
		// With it, as the schedule sends it (asynchronously, so with no client context).
		JsonNode report = JSON.readTree(invoke(function,
				"{\"lambda-warmup\":{\"action\":\"fan-out\",\"concurrency\":3,\"secret\":\"" + TRIGGER_SECRET + "\"}}")
			.payload()
			.asByteArray());
		assertThat(report.get("status").asString()).isEqualTo("completed");
		assertThat(report.path("reached").path("distinctEnvironments").asInt()).as(report.toString()).isEqualTo(3);
		assertThat(report.path("target").has("qualifier")).isFalse();
		assertThat(lambda.liveEnvironments(function)).hasSize(4);
		lambda.clearInvocations();
		List<CompletableFuture<InvokeResponse>> burst = Stream.generate(() -> invokeAsync(function, ORDER))
			.limit(4)
			.toList();
		burst.forEach((response) -> assertThat(response.join().functionError()).isNull());
		assertThat(lambda.invocations(function)).hasSize(4).noneMatch(InvocationRecord::coldStart);
	}

	@Test
	void aWarmUpPrimesTheFunctionOnceWithinItsHoldAndPrimingIsNotAUserInvocation(TestInfo test) {
		String function = deploy(test, (f) -> f.variable("WARMUP_PRIMING_EVENTS", "classpath:priming/*.json"));
		JsonNode first = JSON.readTree(invokeAsWarmer(function, "{\"lambda-warmup\":{\"holdMs\":1000}}").join()
			.payload()
			.asByteArray());
		assertThat(first.path("status").asString()).as(first.toString()).isEqualTo("warm");
		ProcessEnvironment environment = (ProcessEnvironment) lambda.liveEnvironments(function).get(0);
		assertThat(environment.log()).contains("Primed 1 of 1 events (warm-up");
		invokeAsWarmer(function, "{\"lambda-warmup\":{\"holdMs\":0}}").join();
		JsonNode status = JSON.readTree(invokeAsWarmer(function, "{\"lambda-warmup\":{\"action\":\"status\"}}").join()
			.payload()
			.asByteArray());
		assertThat(status.path("environment").path("userInvocations").asInt()).isZero();
		assertThat(environment.log().split("Primed ", -1)).hasSize(2);
		assertThat(JSON.readTree(invoke(function, ORDER).payload().asByteArray()).get("total").decimalValue())
			.isEqualByComparingTo("30.00");
	}

	@Test
	void snapStartPrimesBeforeTheCheckpointAndARestoredEnvironmentStartsANewLife(TestInfo test) {
		String function = deploy(test, (f) -> f.variable("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start")
			.variable("WARMUP_PRIMING_EVENTS", "classpath:priming/*.json"));
		assertThat(JSON.readTree(invoke(function, ORDER).payload().asByteArray()).get("total").decimalValue())
			.isEqualByComparingTo("30.00");
		ProcessEnvironment environment = (ProcessEnvironment) lambda.liveEnvironments(function).get(0);
		// The runtime interface client ran the org.crac resources around its restore request.
		assertThat(environment.snapStartRestored()).isTrue();
		assertThat(environment.log()).contains("Primed 1 of 1 events (before-checkpoint");
		JsonNode status = JSON.readTree(invokeAsWarmer(function, "{\"lambda-warmup\":{\"action\":\"status\"}}").join()
			.payload()
			.asByteArray());
		// Its life starts at the restore, not at the JVM's start: after restore its init is the restore's.
		long jvmInitMs = lambda.invocations(function).get(0).initDuration().toMillis();
		assertThat(status.path("environment").path("initDurationMs").asLong()).isLessThan(jvmInitMs);
		assertThat(status.path("environment").path("userColdStart").asBoolean()).isTrue();
		invokeAsWarmer(function, "{\"lambda-warmup\":{\"holdMs\":0}}").join();
		assertThat(environment.log()).doesNotContain("events (warm-up");
	}

	@Test
	void exhaustingReservedConcurrencyGivesTheSdkATooManyRequestsException(TestInfo test) {
		String function = deploy(test, (f) -> f.reservedConcurrency(1));
		CompletableFuture<InvokeResponse> hold = invokeAsWarmer(function, "{\"lambda-warmup\":{\"holdMs\":2000}}");
		// The one environment the function may have is starting, then holding: a user request is throttled.
		await().until(() -> lambda.environments(function) == 1);
		assertThat(invokeAsync(function, ORDER)).failsWithin(Duration.ofSeconds(30))
			.withThrowableOfType(java.util.concurrent.ExecutionException.class)
			.havingCause()
			.isInstanceOfSatisfying(TooManyRequestsException.class,
					(ex) -> assertThat(ex.reasonAsString()).isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded"));
		assertThat(hold.join().functionError()).isNull();
	}

	@Test
	void anEnvironmentThatCrashesMidInvocationGivesAFunctionErrorAndIsReplaced(TestInfo test) {
		String function = deploy(test, (f) -> f);
		invoke(function, ORDER);
		CompletableFuture<InvokeResponse> held = invokeAsWarmer(function, "{\"lambda-warmup\":{\"holdMs\":2000}}");
		await().until(() -> lambda.busyEnvironments(function).size() == 1);
		ProcessEnvironment busy = (ProcessEnvironment) lambda.busyEnvironments(function).get(0);
		long crashedBefore = lambda.summary().environmentsCrashed();
		busy.process().destroyForcibly();
		InvokeResponse response = held.join();
		assertThat(response.functionError()).isEqualTo("Unhandled");
		assertThat(response.payload().asUtf8String()).contains("Runtime.ExitError");
		assertThat(lambda.liveEnvironments(function)).doesNotContain(busy);
		assertThat(lambda.summary().environmentsCrashed()).isEqualTo(crashedBefore + 1);
		// The next request gets a new environment.
		assertThat(invoke(function, ORDER).functionError()).isNull();
		assertThat(lambda.invocations(function)).last().matches(InvocationRecord::coldStart);
	}

	@Test
	void idleEnvironmentsAreReclaimedAfterTheKeepAliveAndTheNextRequestIsColdAgain(TestInfo test) {
		String function = deploy(test, (f) -> f.keepAlive(Duration.ofSeconds(2)));
		invoke(function, ORDER);
		await().atMost(Duration.ofSeconds(30)).until(() -> lambda.environments(function) == 0);
		invoke(function, ORDER);
		assertThat(lambda.invocations(function)).extracting(InvocationRecord::coldStart)
			.containsExactly(true, true);
	}

	private static InvokeResponse invoke(String function, String payload) {
		return invokeAsync(function, payload).join();
	}

	private static CompletableFuture<InvokeResponse> invokeAsync(String function, String payload) {
		return client.invoke((r) -> r.functionName(function).payload(SdkBytes.fromUtf8String(payload)));
	}

	// As a warmer invokes: synchronously through the Invoke API, with the client context only IAM callers set.
	private static CompletableFuture<InvokeResponse> invokeAsWarmer(String function, String payload) {
		return client.invoke((r) -> r.functionName(function)
			.clientContext(Invocation.WARMER_CLIENT_CONTEXT)
			.payload(SdkBytes.fromUtf8String(payload)));
	}

}
