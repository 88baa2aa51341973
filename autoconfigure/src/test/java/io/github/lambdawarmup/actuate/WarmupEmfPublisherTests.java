package io.github.lambdawarmup.actuate;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.lambdawarmup.ExecutionEnvironment;
import io.github.lambdawarmup.FanOutTriggerHandler;
import io.github.lambdawarmup.HoldPolicy;
import io.github.lambdawarmup.Invocation;
import io.github.lambdawarmup.LambdaPlatform;
import io.github.lambdawarmup.WarmupInterceptor;
import io.github.lambdawarmup.fanout.FanOutInvocationType;
import io.github.lambdawarmup.fanout.FanOutReport;

import static org.assertj.core.api.Assertions.assertThat;

class WarmupEmfPublisherTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ExecutionEnvironment environment = new ExecutionEnvironment(CLOCK, Instant.now(CLOCK),
			LambdaPlatform.from(Map.of("AWS_LAMBDA_FUNCTION_NAME", "orders", "AWS_LAMBDA_FUNCTION_VERSION", "7")));

	@Test
	void aRoundIsOneEmfLineThatCloudWatchCanRead() {
		try (WarmupEmfPublisher publisher = publisher()) {
			publisher.onReport(new FanOutReport(FanOutReport.COMPLETED, null, "r2",
					new FanOutReport.Target("orders", "live", FanOutInvocationType.REQUEST_RESPONSE), 10, 10,
					new FanOutReport.Reach(10, 9, 1, 90.0),
					new FanOutReport.Failures(1, Map.of("CallerRateLimitExceeded", 1), 0, Map.of(), 0, "throttled"),
					new FanOutReport.Holds(FanOutReport.Holds.DEADLINE, 300, 2100, null, null),
					new FanOutReport.Timing(20L, 30L, 10, 40L, 500), List.of(), null,
					new FanOutReport.Retention("r1", 240_000L, 8, 80.0, 80), new FanOutReport.Users(42, 2)));
		}
		JsonNode line = onlyLine();
		JsonNode directive = assertEmfMetadata(line, List.of("FunctionName", "Qualifier"));
		assertThat(names(directive.path("Metrics"))).contains("Asked", "Reached", "ReachedPercent", "KeptEnvironments",
				"RetentionPercent", "UserInvocations", "UserColdStarts", "Throttled", "DurationMs");
		assertThat(line.path("FunctionName").asString()).isEqualTo("orders");
		assertThat(line.path("Qualifier").asString()).isEqualTo("live");
		assertThat(line.path("Reached").asInt()).isEqualTo(9);
		assertThat(line.path("ReachedPercent").isFloatingPointNumber()).isTrue();
		assertThat(line.path("ReachedPercent").asDouble()).isEqualTo(90.0);
		assertThat(line.path("BilledHoldMs").asLong()).isEqualTo(2100);
		assertThat(line.has("reason")).isFalse();
		assertThat(line.path("KeptEnvironments").asInt()).isEqualTo(8);
		assertThat(line.path("UserColdStarts").asInt()).isEqualTo(2);
		assertThat(line.path("round").asString()).isEqualTo("r2");
	}

	@Test
	void aUserColdStartIsOneEmfLineWrittenWhenItHappens() {
		try (WarmupEmfPublisher publisher = publisher()) {
			userInvocation("u1");
		}
		JsonNode line = onlyLine();
		assertEmfMetadata(line, List.of("FunctionName", "Qualifier"));
		assertThat(line.path("UserColdStart").asInt()).isEqualTo(1);
		assertThat(line.path("Qualifier").asString()).isEqualTo("7");
		assertThat(line.path("InitDurationMs").isNumber()).isTrue();
		assertThat(line.path("environment").asString()).isEqualTo(this.environment.id());
	}

	@Test
	void aClosedPublisherWritesNothing() {
		publisher().close();
		userInvocation("u1");
		assertThat(this.out.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	private void userInvocation(String requestId) {
		new WarmupInterceptor(this.environment, HoldPolicy.DEFAULT, FanOutTriggerHandler.NOT_CONFIGURED)
			.intercept("{\"orderId\":1}".getBytes(StandardCharsets.UTF_8), new Invocation(requestId, null, null));
	}

	private WarmupEmfPublisher publisher() {
		return new WarmupEmfPublisher("LambdaWarmup", this.environment,
				new PrintStream(this.out, true, StandardCharsets.UTF_8), CLOCK);
	}

	private JsonNode onlyLine() {
		String[] lines = this.out.toString(StandardCharsets.UTF_8).split("\n");
		assertThat(lines).hasSize(1);
		return JSON.readTree(lines[0]);
	}

	// What CloudWatch requires of an EMF line: _aws with a Timestamp in epoch milliseconds and one directive
	// whose Namespace, Dimensions (each naming a top-level member) and Metrics (each naming a numeric member).
	private static JsonNode assertEmfMetadata(JsonNode line, List<String> dimensions) {
		JsonNode aws = line.path("_aws");
		assertThat(aws.path("Timestamp").asLong()).isEqualTo(CLOCK.millis());
		assertThat(aws.path("CloudWatchMetrics").size()).isEqualTo(1);
		JsonNode directive = aws.path("CloudWatchMetrics").get(0);
		assertThat(directive.path("Namespace").asString()).isEqualTo("LambdaWarmup");
		assertThat(directive.path("Dimensions").size()).isEqualTo(1);
		List<String> set = new ArrayList<>();
		directive.path("Dimensions").get(0).forEach((d) -> set.add(d.asString()));
		assertThat(set).containsExactlyElementsOf(dimensions);
		set.forEach((d) -> assertThat(line.path(d).isString()).as(d).isTrue());
		for (JsonNode metric : directive.path("Metrics")) {
			assertThat(line.path(metric.path("Name").asString()).isNumber()).as(metric.toString()).isTrue();
			assertThat(metric.path("Unit").asString()).isIn("Count", "Percent", "Milliseconds");
		}
		return directive;
	}

	private static List<String> names(JsonNode metrics) {
		List<String> names = new ArrayList<>();
		metrics.forEach((m) -> names.add(m.path("Name").asString()));
		return names;
	}

}
