package io.github.lambdawarmup.samples.web;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.lambdawarmup.local.InvocationRecord;
import io.github.lambdawarmup.local.LocalFunction;
import io.github.lambdawarmup.local.LocalLambda;
import io.github.lambdawarmup.local.ProcessEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web sample's deployment jar in local-lambda, in a real JVM environment, behind
 * {@code WarmupStreamHandler}: warm-ups reach neither its filters nor its controllers.
 */
class LocalLambdaIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@AutoClose
	private static LocalLambda lambda;

	@AutoClose
	private static LambdaClient client;

	@BeforeAll
	static void start() throws IOException {
		lambda = LocalLambda.builder()
			.function(LocalFunction
				.builder("orders-web",
						ProcessEnvironment.factory(List.of(ProcessEnvironment.deploymentJar(Path.of("target"))),
								"io.github.lambdawarmup.web.WarmupStreamHandler::handleRequest", Duration.ofSeconds(90)))
				.timeout(Duration.ofSeconds(90))
				.memoryMb(512)
				.reservedConcurrency(1)
				.variable("MAIN_CLASS", OrdersWebApplication.class.getName())
				.build())
			.start();
		client = lambda.clientBuilder()
			.overrideConfiguration((o) -> o.apiCallTimeout(Duration.ofSeconds(120)))
			.build();
	}

	@Test
	void warmupsReachNeitherFiltersNorControllers() {
		JsonNode created = invoke(ApiGatewayEvents.rest("POST", "/orders", "{\\\"sku\\\":\\\"MUG\\\",\\\"quantity\\\":2}", ""));
		assertThat(created.get("statusCode").asInt()).isEqualTo(201);
		assertThat(header(created, "X-Request-Count")).isEqualTo("1");
		assertThat(header(created, "X-Handled-Count")).isEqualTo("1");

		assertThat(invoke("{\"lambda-warmup\":{\"holdMs\":10}}").get("status").asString()).isEqualTo("warm");
		assertThat(invoke("{\"source\":\"serverless-plugin-warmup\"}").get("status").asString()).isEqualTo("warm");
		JsonNode httpWarmup = invoke(ApiGatewayEvents.rest("GET", "/orders/1", null, "\"X-Lambda-Warmup\":\"1\","));
		assertThat(httpWarmup.get("statusCode").asInt()).isEqualTo(200);
		assertThat(JSON.readTree(httpWarmup.get("body").asString()).get("status").asString()).isEqualTo("warm");

		JsonNode read = invoke(ApiGatewayEvents.rest("GET", "/orders/1", null, ""));
		assertThat(read.get("statusCode").asInt()).isEqualTo(200);
		assertThat(header(read, "X-Request-Count")).isEqualTo("2");
		assertThat(header(read, "X-Handled-Count")).isEqualTo("2");
		// One environment served all five: the counts above are of one JVM.
		assertThat(lambda.invocations()).extracting(InvocationRecord::environmentId).containsOnly("orders-web-1");
	}

	private static String header(JsonNode response, String name) {
		JsonNode multi = response.path("multiValueHeaders").path(name);
		return multi.isArray() ? multi.get(0).asString() : response.path("headers").path(name).asString(null);
	}

	private static JsonNode invoke(String event) {
		return JSON.readTree(client.invoke((r) -> r.functionName("orders-web").payload(SdkBytes.fromUtf8String(event)))
			.payload()
			.asByteArray());
	}

}
