package io.github.lambdawarmup;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.lambdawarmup.WarmupInterceptor.Answer;

import static io.github.lambdawarmup.TestEvents.utf8;
import static org.assertj.core.api.Assertions.assertThat;

class WarmupInterceptorTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	// The client context of a synchronous, IAM-authenticated invocation by a warmer.
	private static final Map<String, String> WARMER = Map.of(Invocation.WARMER_KEY, "1");

	private static final Invocation FROM_WARMER = new Invocation(null, null, null, WARMER);

	private final Instant start = Instant.parse("2026-11-29T01:00:00Z");

	private final ExecutionEnvironment environment = new ExecutionEnvironment(
			Clock.fixed(this.start.plusSeconds(5), ZoneOffset.UTC), this.start,
			LambdaPlatform.from(Map.of("AWS_LAMBDA_FUNCTION_NAME", "orders", "AWS_LAMBDA_FUNCTION_VERSION", "7")));

	private final AtomicReference<WarmupEvent.FanOutTrigger> triggered = new AtomicReference<>();

	private final WarmupInterceptor interceptor = new WarmupInterceptor(this.environment,
			new HoldPolicy(Duration.ofMillis(300), Duration.ofMillis(100)), (trigger, invocation) -> {
				this.triggered.set(trigger);
				return new Ran("report");
			});

	@Test
	void answersAWarmUpWithTheEnvironmentsIdentity() {
		Answer answer = this.interceptor
			.intercept(utf8("{\"lambda-warmup\":{\"round\":\"r7\",\"index\":2,\"size\":4,\"holdMs\":20}}"),
					new Invocation("req-1", Duration.ofSeconds(10), "arn:aws:lambda:us-east-1:1:function:orders:live", WARMER))
			.orElseThrow();
		assertThat(answer.kind()).isEqualTo(Answer.Kind.WARM);
		JsonNode json = JSON.readTree(answer.json());
		assertThat(json.get("status").asString()).isEqualTo("warm");
		assertThat(json.get("environmentId").asString()).isEqualTo(this.environment.id());
		assertThat(json.get("coldStart").asBoolean()).isTrue();
		assertThat(json.get("initDurationMs").asLong()).isEqualTo(5000);
		assertThat(json.get("ageMs").asLong()).isEqualTo(5000);
		assertThat(json.get("invocations").asLong()).isEqualTo(1);
		assertThat(json.get("functionName").asString()).isEqualTo("orders");
		assertThat(json.get("functionVersion").asString()).isEqualTo("7");
		assertThat(json.get("round").asString()).isEqualTo("r7");
		assertThat(json.get("index").asInt()).isEqualTo(2);
		assertThat(json.get("heldMs").asLong()).isEqualTo(20);
		assertThat(json.get("protocol").asInt()).isEqualTo(1);
	}

	@Test
	void secondInvocationIsWarmAndCounted() {
		this.interceptor.intercept(utf8("{\"sku\":\"A\"}"), new Invocation("req-1", null, null));
		JsonNode json = JSON.readTree(this.interceptor
			.intercept(utf8("{\"lambda-warmup\":{}}"), new Invocation("req-2", null, null, WARMER))
			.orElseThrow()
			.json());
		assertThat(json.get("coldStart").asBoolean()).isFalse();
		assertThat(json.get("invocations").asLong()).isEqualTo(2);
	}

	@Test
	void boundsTheHoldByMaxHold() {
		JsonNode json = JSON.readTree(this.interceptor
			.intercept(utf8("{\"lambda-warmup\":{\"holdMs\":60000}}"), new Invocation("r", Duration.ofMinutes(5), null, WARMER))
			.orElseThrow()
			.json());
		assertThat(json.get("heldMs").asLong()).isEqualTo(300);
	}

	@Test
	void boundsTheHoldByTheRemainingTimeLessTheMargin() {
		JsonNode json = JSON.readTree(this.interceptor
			.intercept(utf8("{\"lambda-warmup\":{\"holdMs\":60000}}"), new Invocation("r", Duration.ofMillis(150), null, WARMER))
			.orElseThrow()
			.json());
		assertThat(json.get("heldMs").asLong()).isEqualTo(50);
	}

	@Test
	void leavesOtherEventsAloneButCountsThem() {
		assertThat(this.interceptor.intercept(TestEvents.load("sqs.json"), new Invocation("a", null, null))).isEmpty();
		assertThat(this.environment.invocations()).isEqualTo(1);
	}

	@Test
	void answersAMalformedWarmupWithAClearError() {
		Answer answer = this.interceptor
			.intercept(utf8("{\"lambda-warmup\":{\"holdMs\":\"soon\"}}"), FROM_WARMER)
			.orElseThrow();
		assertThat(answer.kind()).isEqualTo(Answer.Kind.INVALID);
		JsonNode json = JSON.readTree(answer.json());
		assertThat(json.get("status").asString()).isEqualTo("invalid");
		assertThat(json.get("errorType").asString()).isEqualTo("InvalidWarmupEvent");
		assertThat(json.get("errorMessage").asString()).contains("holdMs");
	}

	@Test
	void runsAFanOutTriggerOnlyWhereAllowed() {
		byte[] trigger = utf8("{\"lambda-warmup\":{\"action\":\"fan-out\",\"concurrency\":5}}");
		Answer refused = this.interceptor.interceptWarmUp(trigger, FROM_WARMER).orElseThrow();
		assertThat(refused.kind()).isEqualTo(Answer.Kind.REFUSED);
		assertThat(this.triggered).hasNullValue();
		Answer ran = this.interceptor.intercept(trigger, FROM_WARMER).orElseThrow();
		assertThat(ran.kind()).isEqualTo(Answer.Kind.FAN_OUT);
		assertThat(this.triggered.get().concurrency()).isEqualTo(5);
		assertThat(JSON.readTree(ran.json()).get("status").asString()).isEqualTo("report");
	}

	@Test
	void aPlainHandlerAnswersWarmupsAndRunsTheFunctionOnEverythingElse() {
		byte[] order = utf8("{\"sku\":\"A\"}");
		assertThat(this.interceptor.handle(order, FROM_WARMER, (event) -> event)).isSameAs(order);
		byte[] answer = this.interceptor.handle(utf8("{\"lambda-warmup\":{}}"), FROM_WARMER, (event) -> {
			throw new AssertionError("the function ran on a warm-up");
		});
		assertThat(JSON.readTree(answer).get("status").asString()).isEqualTo("warm");
	}

	@Test
	void aWarmupNeverFansOutAgain() {
		WarmupInterceptor everyDialect = new WarmupInterceptor(this.environment, HoldPolicy.DEFAULT, (trigger, invocation) -> {
			this.triggered.set(trigger);
			return new Ran("completed");
		}, WarmupTrust.IAM_ONLY, new WarmupDialects(true, Duration.ZERO, true));
		for (String warmup : new String[] { "{\"lambda-warmup\":{\"round\":\"r\",\"index\":0,\"size\":100}}",
				"{\"source\":\"serverless-plugin-warmup\"}", "{\"warmer\":true}",
				"{\"__WARMER_INVOCATION__\":3,\"__WARMER_CONCURRENCY__\":50,\"__WARMER_CORRELATIONID__\":\"c\"}" }) {
			assertThat(everyDialect.intercept(utf8(warmup), FROM_WARMER).orElseThrow().kind())
				.isEqualTo(Answer.Kind.WARM);
		}
		assertThat(this.triggered).hasNullValue();
	}

	@Test
	void aFanOutHandlerThatThrowsIsAnsweredNotRethrown() {
		WarmupInterceptor failing = new WarmupInterceptor(this.environment, HoldPolicy.DEFAULT, (trigger, invocation) -> {
			throw new IllegalStateException("boom");
		});
		Answer answer = failing.intercept(utf8("{\"lambda-warmup\":{\"action\":\"fan-out\"}}"), FROM_WARMER)
			.orElseThrow();
		JsonNode json = JSON.readTree(answer.json());
		assertThat(json.get("errorType").asString()).isEqualTo("FanOutFailed");
		assertThat(json.get("errorMessage").asString()).contains("boom");
	}

	@Test
	void withoutFanOutConfiguredSaysSo() {
		WarmupInterceptor plain = new WarmupInterceptor(this.environment, HoldPolicy.DEFAULT,
				FanOutTriggerHandler.NOT_CONFIGURED);
		Answer answer = plain.intercept(utf8("{\"lambda-warmup\":{\"action\":\"fan-out\"}}"), FROM_WARMER)
			.orElseThrow();
		assertThat(JSON.readTree(answer.json()).get("status").asString()).isEqualTo("fan-out-not-configured");
	}

	@Test
	void aWarmupTeachesTheEnvironmentTheCalibrationItCarries() {
		DispatchCalibration carried = new DispatchCalibration(50, 80, 1_796_000_000_000L);
		this.interceptor.intercept(new WarmupEvent.WarmUp(WarmupEvent.Source.LAMBDA_WARMUP, "r", 1, 50, Duration.ZERO,
				carried).toJson(), FROM_WARMER);
		assertThat(this.environment.calibration()).isEqualTo(carried);
	}

	@Test
	void aWarmupWithoutProofIsAnsweredAtOnceAndSaysNothingOfTheEnvironment() {
		// Through API Gateway, a function URL or an event source: no client context.
		Answer answer = this.interceptor
			.intercept(utf8("{\"lambda-warmup\":{\"holdMs\":900000}}"), new Invocation("r", Duration.ofMinutes(15), null))
			.orElseThrow();
		assertThat(answer.kind()).isEqualTo(Answer.Kind.WARM);
		assertThat(new String(answer.json(), java.nio.charset.StandardCharsets.UTF_8))
			.isEqualTo("{\"protocol\":1,\"status\":\"warm\"}");
		// A client context that is not the warmer's proves nothing either.
		assertThat(this.interceptor
			.intercept(utf8("{\"lambda-warmup\":{}}"), new Invocation("s", null, null, Map.of("app", "mobile")))
			.orElseThrow()
			.json()).hasSize(answer.json().length);
	}

	@Test
	void aWarmUpWithoutClientContextHoldsOnlyWithTheSecret() {
		WarmupInterceptor guarded = new WarmupInterceptor(this.environment, HoldPolicy.DEFAULT,
				FanOutTriggerHandler.NOT_CONFIGURED, new WarmupTrust("a-secret-of-twenty-chars"));
		JsonNode proven = JSON.readTree(guarded
			.intercept(utf8("{\"lambda-warmup\":{\"holdMs\":20,\"secret\":\"a-secret-of-twenty-chars\"}}"),
					Invocation.unknown())
			.orElseThrow()
			.json());
		assertThat(proven.get("environmentId").asString()).isEqualTo(this.environment.id());
		assertThat(proven.get("heldMs").asLong()).isEqualTo(20);
		String wrong = new String(guarded
			.intercept(utf8("{\"lambda-warmup\":{\"holdMs\":20,\"secret\":\"not-the-secret-at-all\"}}"),
					Invocation.unknown())
			.orElseThrow()
			.json(), StandardCharsets.UTF_8);
		assertThat(wrong).isEqualTo("{\"protocol\":1,\"status\":\"warm\"}");
		assertThat(new WarmupEvent.WarmUp(WarmupEvent.Source.LAMBDA_WARMUP, null, 0, 1, Duration.ZERO, null,
				"a-secret-of-twenty-chars").toString()).doesNotContain("a-secret-of-twenty-chars");
	}

	@Test
	void aTriggerRunsOnlyWithTheWarmersClientContextOrTheSecret() {
		WarmupInterceptor guarded = new WarmupInterceptor(this.environment, HoldPolicy.DEFAULT, (trigger, invocation) -> {
			this.triggered.set(trigger);
			return new Ran("completed");
		}, new WarmupTrust("a-secret-of-twenty-chars"));
		byte[] anonymous = utf8("{\"lambda-warmup\":{\"action\":\"fan-out\",\"concurrency\":10000}}");
		Answer refused = guarded.intercept(anonymous, Invocation.unknown()).orElseThrow();
		assertThat(refused.kind()).isEqualTo(Answer.Kind.REFUSED);
		assertThat(guarded.intercept(utf8("{\"lambda-warmup\":{\"action\":\"fan-out\",\"secret\":\"a-guess\"}}"),
				Invocation.unknown()).orElseThrow().kind()).isEqualTo(Answer.Kind.REFUSED);
		assertThat(this.triggered).hasNullValue();
		assertThat(guarded.intercept(utf8("{\"lambda-warmup\":{\"action\":\"fan-out\",\"secret\":\"a-secret-of-twenty-chars\"}}"),
				Invocation.unknown()).orElseThrow().kind()).isEqualTo(Answer.Kind.FAN_OUT);
		assertThat(guarded.intercept(anonymous, FROM_WARMER).orElseThrow().kind()).isEqualTo(Answer.Kind.FAN_OUT);
		assertThat(this.triggered.get().toString()).doesNotContain("a-secret");
	}

	@Test
	void holdsServerlessPluginWarmupsPingsAsConfiguredWhenItsDialectIsOn() {
		WarmupInterceptor withDialect = new WarmupInterceptor(this.environment, HoldPolicy.DEFAULT,
				FanOutTriggerHandler.NOT_CONFIGURED, WarmupTrust.IAM_ONLY, new WarmupDialects(true, Duration.ofMillis(40), false));
		// What its warmer sends: the ping as payload and as client context.
		Invocation fromPlugin = new Invocation("p", null, null, Map.of("source", "serverless-plugin-warmup"));
		JsonNode answer = JSON.readTree(withDialect.intercept(utf8("{\"source\":\"serverless-plugin-warmup\"}"), fromPlugin)
			.orElseThrow()
			.json());
		assertThat(answer.get("heldMs").asLong()).isEqualTo(40);
		assertThat(this.interceptor.intercept(utf8("{\"source\":\"serverless-plugin-warmup\"}"), fromPlugin)).isEmpty();
	}

	record Ran(String status) implements FanOutAnswer {
	}

}
