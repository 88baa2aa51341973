package io.github.lambdawarmup.function;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.lambdawarmup.Invocation;
import io.github.lambdawarmup.TestEvents;
import io.github.lambdawarmup.function.app.RecordingFunctionApplication;
import io.github.lambdawarmup.local.HandlerProperties;

import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

import io.github.lambdawarmup.local.LocalContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives Spring Cloud Function's real {@link FunctionInvoker}, the handler Lambda calls, once with the
 * starter active and once with it forced off, and compares what the user's function sees.
 */
class FunctionInvokerWarmupTests {


	static final List<String> notWarmups = TestEvents.NOT_WARMUPS;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static FunctionInvoker withStarter;

	private static FunctionInvoker withoutStarter;

	@BeforeAll
	static void startInvokers() {
		withoutStarter = HandlerProperties.start(Map.of("MAIN_CLASS", RecordingFunctionApplication.class.getName(),
				"warmup.lambda-detection", "force-off"), FunctionInvoker::new);
		withStarter = HandlerProperties.start(Map.of("MAIN_CLASS", RecordingFunctionApplication.class.getName(),
				"warmup.lambda-detection", "force-on"), FunctionInvoker::new);
	}

	@BeforeEach
	void clearRecords() {
		RecordingFunctionApplication.received.clear();
		RecordingFunctionApplication.wrapped.clear();
	}

	@Test
	void answersAWarmupWithoutRunningTheFunctionOrItsWrapper() throws Exception {
		String answer = invoke(withStarter,
				TestEvents.utf8("{\"lambda-warmup\":{\"round\":\"r1\",\"index\":0,\"size\":1,\"holdMs\":10}}"), FROM_WARMER);
		JsonNode json = JSON.readTree(answer);
		assertThat(json.get("status").asString()).isEqualTo("warm");
		assertThat(json.get("round").asString()).isEqualTo("r1");
		assertThat(json.get("environmentId").asString()).isNotBlank();
		assertThat(RecordingFunctionApplication.received).isEmpty();
		assertThat(RecordingFunctionApplication.wrapped).isEmpty();
	}

	@Test
	void aWarmupWithoutTheWarmersClientContextHoldsNothingAndSaysNothingButNeverReachesTheFunction() throws Exception {
		String answer = invoke(withStarter, TestEvents.utf8("{\"lambda-warmup\":{\"holdMs\":900000}}"));
		assertThat(answer).isEqualTo("{\"protocol\":1,\"status\":\"warm\"}");
		assertThat(RecordingFunctionApplication.received).isEmpty();
	}

	@Test
	void anAnonymousTriggerIsRefused() throws Exception {
		// The body of an API Gateway non-proxy integration becomes the event: anyone could send this.
		JsonNode json = JSON.readTree(invoke(withStarter,
				TestEvents.utf8("{\"lambda-warmup\":{\"action\":\"fan-out\",\"concurrency\":10000}}")));
		assertThat(json.get("status").asString()).isEqualTo("refused");
		assertThat(RecordingFunctionApplication.received).isEmpty();
	}

	@Test
	void withoutTheStarterAWarmupRunsTheFunction() throws Exception {
		invoke(withoutStarter, TestEvents.utf8("{\"lambda-warmup\":{}}"));
		assertThat(RecordingFunctionApplication.received).hasSize(1);
	}

	@Test
	void otherWarmersPayloadsReachTheFunctionUnchangedUnlessTheirDialectIsOn() throws Exception {
		List<String> payloads = List.of("{\"source\":\"serverless-plugin-warmup\"}", "{\"warmer\":true,\"orderId\":42}",
				"{\"warmer\":true,\"concurrency\":3,\"room\":\"kitchen\"}",
				"{\"__WARMER_INVOCATION__\":1,\"__WARMER_CONCURRENCY__\":2,\"__WARMER_CORRELATIONID__\":\"c\"}");
		for (String payload : payloads) {
			invoke(withStarter, TestEvents.utf8(payload), FROM_WARMER);
		}
		assertThat(received()).containsExactlyElementsOf(payloads);
	}

	@Test
	void answersAMalformedWarmupWithAClearErrorAndNeverRunsTheFunction() throws Exception {
		JsonNode json = JSON.readTree(invoke(withStarter, TestEvents.utf8("{\"lambda-warmup\":{\"holdMs\":-5}}")));
		assertThat(json.get("status").asString()).isEqualTo("invalid");
		assertThat(json.get("errorMessage").asString()).isEqualTo("\"holdMs\" must be from 0 to 900000, was -5");
		assertThat(RecordingFunctionApplication.received).isEmpty();
	}

	@Test
	void answersAFanOutTriggerWithTheRoundsReportWithoutRunningTheFunction() throws Exception {
		JsonNode json = JSON.readTree(invoke(withStarter,
				TestEvents.utf8("{\"lambda-warmup\":{\"action\":\"fan-out\",\"concurrency\":4}}"), FROM_WARMER));
		// Off Lambda there is no function name to warm: the round says so instead of failing.
		assertThat(json.get("status").asString()).isEqualTo("unavailable");
		assertThat(json.get("asked").asInt()).isEqualTo(4);
		assertThat(json.get("reason").asString()).contains("warmup.fan-out.function-name");
		assertThat(RecordingFunctionApplication.received).isEmpty();
	}

	@ParameterizedTest
	@FieldSource("notWarmups")
	void everyOtherEventReachesTheFunctionAndItsWrapperExactlyAsWithoutTheStarter(String name) throws Exception {
		byte[] event = TestEvents.load(name);
		Outcome without = outcome(withoutStarter, event);
		clearRecords();
		Outcome with = outcome(withStarter, event);
		assertThat(with).isEqualTo(without);
		if (with.error() == null && !name.startsWith("apigateway") && !name.equals("alb.json")
				&& !name.equals("function-url.json")) {
			assertThat(with.received()).containsExactly(new String(event, StandardCharsets.UTF_8));
		}
	}

	@Test
	void aLargeEventReachesTheFunctionUnchanged() throws Exception {
		StringBuilder big = new StringBuilder("{\"lambda-warmup\":{},\"items\":[");
		for (int i = 0; i < 20_000; i++) {
			big.append(i).append(',');
		}
		big.append("0]}");
		byte[] event = TestEvents.utf8(big.toString());
		invoke(withStarter, event);
		assertThat(RecordingFunctionApplication.received).singleElement().isEqualTo(event);
	}

	private static Outcome outcome(FunctionInvoker invoker, byte[] event) {
		try {
			// API Gateway answers carry the message's random id and timestamp headers, which differ every time.
			String output = invoke(invoker, event).replaceAll("\"(id|timestamp)\":\"[^\"]*\"", "\"$1\":\"*\"");
			return new Outcome(output, received(), RecordingFunctionApplication.wrapped.size(), null);
		}
		catch (Exception ex) {
			return new Outcome(null, received(), RecordingFunctionApplication.wrapped.size(), ex.getClass().getName());
		}
	}

	private static List<String> received() {
		List<String> received = new ArrayList<>();
		RecordingFunctionApplication.received.forEach((b) -> received.add(new String(b, StandardCharsets.UTF_8)));
		return received;
	}

	private static String invoke(FunctionInvoker invoker, byte[] event) throws Exception {
		return invoke(invoker, event, LocalContext.of("orders"));
	}

	private static String invoke(FunctionInvoker invoker, byte[] event, LocalContext context) throws Exception {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		invoker.handleRequest(new ByteArrayInputStream(event), output, context);
		return output.toString(StandardCharsets.UTF_8);
	}

	// A synchronous invocation through the Invoke API by a caller authenticated by IAM, as a fan-out sends.
	private static final LocalContext FROM_WARMER = LocalContext.of("orders")
		.withClientContext(Map.of(Invocation.WARMER_KEY, "1"));

	record Outcome(String output, List<String> received, int wrapped, String error) {
	}

}
