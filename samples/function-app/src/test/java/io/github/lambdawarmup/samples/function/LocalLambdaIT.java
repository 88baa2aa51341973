package io.github.lambdawarmup.samples.function;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.lambdawarmup.Invocation;
import io.github.lambdawarmup.local.InvocationRecord;
import io.github.lambdawarmup.local.LocalFunction;
import io.github.lambdawarmup.local.LocalLambda;
import io.github.lambdawarmup.local.ProcessEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's deployment jar in local-lambda: every environment a real JVM started by AWS's runtime
 * interface client, invoked through the real AWS SDK. Sized for two cores: a handful of environments.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalLambdaIT {

	private static final String HANDLER = "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest";

	private static final String ORDER = "{\"orderId\":\"A-1\",\"country\":\"FR\",\"lines\":[{\"sku\":\"MUG\",\"quantity\":2}]}";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static LocalLambda lambda;

	private static LambdaAsyncClient client;

	private static final String TRIGGER_SECRET = "it-secret-" + java.util.UUID.randomUUID();

	@BeforeAll
	static void start() throws IOException {
		List<Path> jar = List.of(ProcessEnvironment.deploymentJar(Path.of("target")));
		lambda = LocalLambda.builder().reclaimInterval(Duration.ofMillis(200)).start();
		// The fan-out inside an environment invokes the function through this same service.
		lambda.deploy(function("price-order", jar).reservedConcurrency(4).build());
		lambda.deploy(function("price-order-short-lived", jar).keepAlive(Duration.ofSeconds(2)).build());
		client = LambdaAsyncClient.builder()
			.endpointOverride(lambda.endpoint())
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
			.overrideConfiguration((o) -> o.retryStrategy(RetryMode.STANDARD).retryStrategy((b) -> b.maxAttempts(1))
				.apiCallTimeout(Duration.ofSeconds(120)))
			.build();
	}

	private static LocalFunction.Builder function(String name, List<Path> jar) {
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

	@AfterAll
	static void stop() {
		if (client != null) {
			client.close();
		}
		if (lambda != null) {
			lambda.close();
		}
	}

	@Test
	@Order(1)
	void theFirstRequestIsAColdStartAndTheSecondIsWarm() {
		JsonNode quote = JSON.readTree(invoke("price-order", ORDER).payload().asByteArray());
		assertThat(quote.get("total").decimalValue()).isEqualByComparingTo("30.00");
		invoke("price-order", ORDER);
		assertThat(lambda.invocations("price-order")).extracting(InvocationRecord::coldStart).containsExactly(true, false);
		assertThat(lambda.invocations("price-order").get(0).initDuration()).isPositive();
		assertThat(lambda.invocations("price-order").get(1).initDuration()).isZero();
	}

	@Test
	@Order(2)
	void aFanOutReachesDistinctJvmEnvironmentsAndThenUserRequestsFindThemWarm() {
		lambda.clearInvocations();
		// One environment runs the round (it exists already); three more are asked for: four in all.
		// Without the secret, as anyone whose request body becomes the event could send it: refused.
		JsonNode refused = JSON.readTree(invoke("price-order",
				"{\"lambda-warmup\":{\"action\":\"fan-out\",\"concurrency\":3}}").payload().asByteArray());
		assertThat(refused.get("status").asString()).isEqualTo("refused");
		lambda.clearInvocations();
		// With it, as the schedule sends it (asynchronously, so with no client context).
		JsonNode report = JSON.readTree(invoke("price-order",
				"{\"lambda-warmup\":{\"action\":\"fan-out\",\"concurrency\":3,\"secret\":\"" + TRIGGER_SECRET + "\"}}")
			.payload()
			.asByteArray());
		assertThat(report.get("status").asString()).isEqualTo("completed");
		assertThat(report.path("reached").path("distinctEnvironments").asInt()).as(report.toString()).isEqualTo(3);
		assertThat(report.path("target").has("qualifier")).isFalse();
		assertThat(lambda.liveEnvironments("price-order")).hasSize(4);
		lambda.clearInvocations();
		List<CompletableFuture<InvokeResponse>> burst = Stream.generate(() -> invokeAsync("price-order", ORDER))
			.limit(4)
			.toList();
		burst.forEach((response) -> assertThat(response.join().functionError()).isNull());
		assertThat(lambda.invocations("price-order")).hasSize(4).noneMatch(InvocationRecord::coldStart);
	}

	@Test
	@Order(3)
	void exhaustingReservedConcurrencyGivesTheSdkATooManyRequestsException() {
		List<CompletableFuture<InvokeResponse>> holds = Stream
			.generate(() -> invokeAsWarmer("price-order", "{\"lambda-warmup\":{\"holdMs\":2000}}"))
			.limit(4)
			.toList();
		await().until(() -> lambda.idleEnvironments("price-order") == 0);
		assertThat(invokeAsync("price-order", ORDER)).failsWithin(Duration.ofSeconds(30))
			.withThrowableOfType(java.util.concurrent.ExecutionException.class)
			.havingCause()
			.isInstanceOfSatisfying(TooManyRequestsException.class,
					(ex) -> assertThat(ex.reasonAsString()).isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded"));
		holds.forEach(CompletableFuture::join);
	}

	@Test
	@Order(4)
	void anEnvironmentThatCrashesMidInvocationGivesAFunctionErrorAndIsReplaced() {
		await().until(() -> lambda.idleEnvironments("price-order") == 4);
		CompletableFuture<InvokeResponse> held = invokeAsWarmer("price-order", "{\"lambda-warmup\":{\"holdMs\":2000}}");
		await().until(() -> lambda.idleEnvironments("price-order") == 3);
		ProcessEnvironment busy = (ProcessEnvironment) lambda.busyEnvironments("price-order").get(0);
		busy.process().destroyForcibly();
		InvokeResponse response = held.join();
		assertThat(response.functionError()).isEqualTo("Unhandled");
		assertThat(response.payload().asUtf8String()).contains("Runtime.ExitError");
		assertThat(lambda.liveEnvironments("price-order")).hasSize(3).doesNotContain(busy);
		assertThat(lambda.summary().environmentsCrashed()).isEqualTo(1);
	}

	@Test
	@Order(5)
	void idleEnvironmentsAreReclaimedAfterTheKeepAliveAndTheNextRequestIsColdAgain() {
		invoke("price-order-short-lived", ORDER);
		await().atMost(Duration.ofSeconds(30)).until(() -> lambda.environments("price-order-short-lived") == 0);
		invoke("price-order-short-lived", ORDER);
		assertThat(lambda.invocations("price-order-short-lived")).extracting(InvocationRecord::coldStart)
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
