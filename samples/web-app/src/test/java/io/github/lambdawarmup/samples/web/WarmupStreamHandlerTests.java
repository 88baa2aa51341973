package io.github.lambdawarmup.samples.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.lambdawarmup.local.LocalContext;
import io.github.lambdawarmup.web.WarmupStreamHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the web sample through {@link WarmupStreamHandler} and the real aws-serverless-java-container
 * handler behind it, with real API Gateway events and raw warm-ups.
 */
class WarmupStreamHandlerTests {

	// FunctionInvoker reads its main class and the starter's switch from system properties; put back what was.
	private static Properties savedProperties = new Properties();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static WarmupStreamHandler handler;

	private static final String SECRET = "web-test-secret-" + java.util.UUID.randomUUID();

	@BeforeAll
	static void startHandler() throws Exception {
		savedProperties = (Properties) System.getProperties().clone();
		System.setProperty("MAIN_CLASS", OrdersWebApplication.class.getName());
		System.setProperty("warmup.lambda-detection", "force-on");
		System.setProperty("warmup.trigger-secret", SECRET);
		System.setProperty("warmup.priming.events", "classpath:priming/*.json");
		handler = new WarmupStreamHandler();
		// The environment's first trusted warm-up primes, before any test counts what reached the application.
		invoke("{\"lambda-warmup\":{\"holdMs\":1000}}", FROM_WARMER);
	}

	@Test
	void theFirstTrustedWarmUpPrimedThroughTheContainerMarkedAndStoringNothing() throws Exception {
		// The sample's controller saw the priming request's header and stored nothing.
		assertThat(OrdersController.primed.get()).isEqualTo(1);
		JsonNode created = JSON.readTree(invoke(ApiGatewayEvents.rest("POST", "/orders", "{\"sku\":\"MUG\",\"quantity\":1}", "")));
		assertThat(created.get("statusCode").asInt()).isEqualTo(201);
		invoke("{\"lambda-warmup\":{\"holdMs\":0}}", FROM_WARMER);
		assertThat(OrdersController.primed.get()).isEqualTo(1);
	}

	@AfterAll
	static void restoreProperties() {
		System.setProperties(savedProperties);
	}

	@Test
	void servesOrdersThroughTheContainer() throws Exception {
		JsonNode created = JSON.readTree(invoke(ApiGatewayEvents.rest("POST", "/orders", "{\"sku\":\"MUG\",\"quantity\":2}", "")));
		assertThat(created.get("statusCode").asInt()).isEqualTo(201);
		JsonNode order = JSON.readTree(created.get("body").asString());
		assertThat(order.get("sku").asString()).isEqualTo("MUG");
		JsonNode read = JSON.readTree(invoke(ApiGatewayEvents.rest("GET", "/orders/" + order.get("id").asLong(), null, "")));
		assertThat(read.get("statusCode").asInt()).isEqualTo(200);
		assertThat(read.get("multiValueHeaders").get("X-Request-Count")).isNotNull();
	}

	@Test
	void answersRawWarmupsWithoutReachingFiltersOrControllers() throws Exception {
		invoke(ApiGatewayEvents.rest("GET", "/orders/999", null, ""));
		long filtered = RequestCountingFilter.seen.get();
		long handled = OrdersController.handled.get();
		for (String warmup : new String[] { "{\"lambda-warmup\":{\"round\":\"w\",\"index\":0,\"size\":1,\"holdMs\":5}}",
				"{\"source\":\"serverless-plugin-warmup\"}", "{\"warmer\":true}" }) {
			// From the warmer: it holds and says who it is.
			JsonNode answer = JSON.readTree(invoke(warmup, FROM_WARMER));
			assertThat(answer.get("status").asString()).isEqualTo("warm");
			assertThat(answer.get("environmentId").asString()).isNotBlank();
			// From anyone else: answered at once, saying nothing, and still never reaching the application.
			assertThat(invoke(warmup)).isEqualTo("{\"protocol\":1,\"status\":\"warm\"}");
		}
		assertThat(RequestCountingFilter.seen.get()).isEqualTo(filtered);
		assertThat(OrdersController.handled.get()).isEqualTo(handled);
	}

	@Test
	void answersHttpWarmupsBeforeTheApplicationsOwnHighestPrecedenceFilter() throws Exception {
		invoke(ApiGatewayEvents.rest("GET", "/orders/999", null, ""));
		long filtered = RequestCountingFilter.seen.get();
		long handled = OrdersController.handled.get();
		JsonNode answer = JSON.readTree(invoke(ApiGatewayEvents.rest("POST", "/orders", "", "\"X-Lambda-Warmup\":\"true\",")));
		assertThat(answer.get("statusCode").asInt()).isEqualTo(200);
		assertThat(JSON.readTree(answer.get("body").asString()).get("status").asString()).isEqualTo("warm");
		assertThat(RequestCountingFilter.seen.get()).isEqualTo(filtered);
		assertThat(OrdersController.handled.get()).isEqualTo(handled);
	}

	@Test
	void anAnonymousHttpWarmupInAnyCaseHoldsNothingAndSaysNothing() throws Exception {
		long handled = OrdersController.handled.get();
		JsonNode answer = JSON.readTree(invoke(ApiGatewayEvents.rest("POST", "/orders",
				"{\\\"lambda-warmup\\\":{\\\"holdMs\\\":900000}}", "\"x-LaMbDa-WaRmUp\":\"1\",")));
		assertThat(answer.get("statusCode").asInt()).isEqualTo(200);
		assertThat(answer.get("body").asString()).isEqualTo("{\"protocol\":1,\"status\":\"warm\"}");
		assertThat(OrdersController.handled.get()).isEqualTo(handled);
	}

	@Test
	void anHttpWarmupWithTheSecretHoldsAndSaysWhoAnswered() throws Exception {
		long handled = OrdersController.handled.get();
		JsonNode answer = JSON.readTree(invoke(ApiGatewayEvents.rest("POST", "/orders",
				"{\\\"lambda-warmup\\\":{\\\"holdMs\\\":50,\\\"secret\\\":\\\"" + SECRET + "\\\"}}",
				"\"X-Lambda-Warmup\":\"1\",")));
		assertThat(answer.get("statusCode").asInt()).isEqualTo(200);
		JsonNode body = JSON.readTree(answer.get("body").asString());
		assertThat(body.get("heldMs").asLong()).isEqualTo(50);
		assertThat(body.get("environmentId").asString()).isNotBlank();
		assertThat(answer.toString()).doesNotContain(SECRET);
		assertThat(OrdersController.handled.get()).isEqualTo(handled);
	}

	@Test
	void answersABodyMarkedBase64ThatIsNotWith400() throws Exception {
		String event = ApiGatewayEvents.rest("POST", "/orders", "not base64!", "\"X-Lambda-Warmup\":\"1\",")
			.replace("\"isBase64Encoded\":false", "\"isBase64Encoded\":true");
		JsonNode answer = JSON.readTree(invoke(event));
		assertThat(answer.get("statusCode").asInt()).isEqualTo(400);
		assertThat(answer.get("body").asString()).contains("base64");
	}

	@Test
	void refusesAFanOutTriggerOverHttp() throws Exception {
		JsonNode answer = JSON.readTree(invoke(ApiGatewayEvents.rest("POST", "/orders",
				"{\\\"lambda-warmup\\\":{\\\"action\\\":\\\"fan-out\\\",\\\"concurrency\\\":500}}",
				"\"x-lambda-warmup\":\"1\",")));
		assertThat(answer.get("statusCode").asInt()).isEqualTo(403);
		assertThat(JSON.readTree(answer.get("body").asString()).get("errorType").asString())
			.isEqualTo("FanOutRefused");
	}

	@Test
	void answersAMalformedRawWarmupWithAClearError() throws Exception {
		long handled = OrdersController.handled.get();
		JsonNode answer = JSON.readTree(invoke("{\"lambda-warmup\":{\"size\":0}}"));
		assertThat(answer.get("status").asString()).isEqualTo("invalid");
		assertThat(answer.get("errorMessage").asString()).isEqualTo("\"size\" must be from 1 to 10000, was 0");
		assertThat(OrdersController.handled.get()).isEqualTo(handled);
	}

	@Test
	void anHttpRequestWhoseBodyLooksLikeAWarmupIsServedAsUsual() throws Exception {
		long handled = OrdersController.handled.get();
		JsonNode answer = JSON.readTree(invoke(ApiGatewayEvents.rest("POST", "/orders",
				"{\\\"sku\\\":\\\"MUG\\\",\\\"quantity\\\":1,\\\"lambda-warmup\\\":{}}", "")));
		assertThat(answer.get("statusCode").asInt()).isEqualTo(201);
		assertThat(OrdersController.handled.get()).isEqualTo(handled + 1);
	}

	private static String invoke(String event) throws Exception {
		return invoke(event, LocalContext.of("orders-web"));
	}

	private static String invoke(String event, LocalContext context) throws Exception {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), output, context);
		return output.toString(StandardCharsets.UTF_8);
	}

	// A synchronous invocation through the Invoke API by an IAM-authenticated warmer.
	private static final LocalContext FROM_WARMER = LocalContext.of("orders-web")
		.withClientContext(java.util.Map.of(io.github.lambdawarmup.Invocation.WARMER_KEY, "1"));

}
