package io.github.lambdawarmup.samples.function;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.lambdawarmup.Invocation;
import io.github.lambdawarmup.local.LocalFunction;
import io.github.lambdawarmup.local.LocalLambda;
import io.github.lambdawarmup.local.ProcessEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample processed ahead of time ({@code process-aot} at build time, where Lambda's variables are not set),
 * then started with {@code spring.aot.enabled=true} in local-lambda's real JVM environments, as a native image
 * starts from the same generated code: Lambda is detected at run time, warm-ups never reach the function,
 * triggers fan out, and user events pass unchanged.
 */
class AotLocalLambdaIT {

	private static final String HANDLER = "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest";

	private static final String ORDER = "{\"orderId\":\"A-1\",\"country\":\"FR\",\"lines\":[{\"sku\":\"MUG\",\"quantity\":2}]}";

	private static final String SECRET = "aot-secret-" + java.util.UUID.randomUUID();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@AutoClose
	private static LocalLambda lambda;

	@AutoClose
	private static LambdaAsyncClient client;

	@BeforeAll
	static void start() throws IOException {
		List<Path> jar = List.of(ProcessEnvironment.deploymentJar(Path.of("target")));
		lambda = LocalLambda.builder().reclaimInterval(Duration.ofMillis(200)).start();
		client = lambda.asyncClientBuilder()
			.overrideConfiguration((o) -> o.retryStrategy(RetryMode.STANDARD).retryStrategy((b) -> b.maxAttempts(1))
				.apiCallTimeout(Duration.ofSeconds(120)))
			.build();
		lambda.deploy(LocalFunction.builder("price-order-aot", ProcessEnvironment.factory(jar, HANDLER, Duration.ofSeconds(90)))
			.timeout(Duration.ofSeconds(90))
			.memoryMb(512)
			.reservedConcurrency(3)
			.variable("JAVA_TOOL_OPTIONS", "-Dspring.aot.enabled=true")
			.variable("MAIN_CLASS", OrderPricingApplication.class.getName())
			.variable("WARMUP_FANOUT_CLIENT_ENDPOINT", lambda.endpoint().toString())
			.variable("WARMUP_FANOUT_INVOCATIONTIMEOUT", "90s")
			.variable("WARMUP_MAXHOLD", "2s")
			.variable("WARMUP_TRIGGERSECRET", SECRET)
			.variable("WARMUP_FANOUT_HOLD", "1500ms")
			.build());
	}

	@Test
	void warmUpsNeverReachTheFunctionTriggersFanOutAndUserEventsPassUnchanged() {
		JsonNode quote = JSON.readTree(invoke(ORDER, false).payload().asByteArray());
		assertThat(quote.get("total").decimalValue()).as(quote.toString()).isEqualByComparingTo("30.00");
		ProcessEnvironment first = (ProcessEnvironment) lambda.liveEnvironments("price-order-aot").get(0);
		assertThat(first.log()).contains("Starting AOT-processed OrderPricingApplication");

		JsonNode warm = JSON.readTree(invoke("{\"lambda-warmup\":{\"holdMs\":0}}", true).payload().asByteArray());
		assertThat(warm.path("status").asString()).as(warm.toString()).isEqualTo("warm");
		assertThat(warm.path("userInvocations").asInt()).isEqualTo(1);

		JsonNode report = JSON.readTree(invoke(
				"{\"lambda-warmup\":{\"action\":\"fan-out\",\"concurrency\":2,\"secret\":\"" + SECRET + "\"}}", false)
			.payload()
			.asByteArray());
		assertThat(report.path("status").asString()).as(report.toString()).isEqualTo("completed");
		assertThat(report.path("reached").path("distinctEnvironments").asInt()).as(report.toString()).isEqualTo(2);

		// The user's second order, on an environment the round warmed or the first: the same quote.
		JsonNode again = JSON.readTree(invoke(ORDER, false).payload().asByteArray());
		assertThat(again).isEqualTo(quote);
	}

	private static InvokeResponse invoke(String payload, boolean asWarmer) {
		return client.invoke((r) -> {
			r.functionName("price-order-aot").payload(SdkBytes.fromUtf8String(payload));
			if (asWarmer) {
				r.clientContext(Invocation.WARMER_CLIENT_CONTEXT);
			}
		}).join();
	}

}
