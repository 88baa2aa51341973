package io.github.lambdawarmup.web;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;

import io.github.lambdawarmup.InvalidWarmupEventException;
import io.github.lambdawarmup.TestEvents;

import static io.github.lambdawarmup.TestEvents.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class HttpWarmupRequestsTests {

	static final java.util.List<String> notWarmups = TestEvents.NOT_WARMUPS;

	@ParameterizedTest
	@FieldSource("notWarmups")
	void realEventsAreNotHttpWarmups(String name) {
		assertThat(HttpWarmupRequests.warmupBody(TestEvents.load(name))).isEmpty();
	}

	@Test
	void findsTheHeaderInAnyCaseAndReturnsTheBody() {
		assertThat(HttpWarmupRequests.warmupBody(utf8(
				"{\"httpMethod\":\"GET\",\"headers\":{\"X-LAMBDA-WARMUP\":\"1\"},\"body\":\"{\\\"lambda-warmup\\\":{}}\"}")))
			.hasValueSatisfying((body) -> assertThat(new String(body, StandardCharsets.UTF_8))
				.isEqualTo("{\"lambda-warmup\":{}}"));
	}

	@Test
	void findsTheHeaderInMixedCaseAsARestApiPassesItOn() {
		assertThat(HttpWarmupRequests.warmupBody(utf8(
				"{\"httpMethod\":\"GET\",\"headers\":{\"Accept\":\"*/*\",\"x-LaMbDa-WaRmUp\":\"1\"},\"body\":null}")))
			.hasValueSatisfying((body) -> assertThat(body).isEmpty());
	}

	@Test
	void refusesABodyMarkedBase64ThatIsNot() {
		assertThatExceptionOfType(InvalidWarmupEventException.class)
			.isThrownBy(() -> HttpWarmupRequests.warmupBody(utf8("{\"version\":\"2.0\",\"routeKey\":\"$default\","
					+ "\"headers\":{\"x-lambda-warmup\":\"1\"},\"body\":\"not base64!\",\"isBase64Encoded\":true}")))
			.withMessageContaining("base64");
	}

	@Test
	void decodesABase64Body() {
		assertThat(HttpWarmupRequests.warmupBody(utf8("{\"version\":\"2.0\",\"routeKey\":\"$default\","
				+ "\"headers\":{\"x-lambda-warmup\":\"1\"},\"body\":\"eyJ3YXJtZXIiOnRydWV9\",\"isBase64Encoded\":true}")))
			.hasValueSatisfying((body) -> assertThat(new String(body, StandardCharsets.UTF_8))
				.isEqualTo("{\"warmer\":true}"));
	}

	@Test
	void aMarkedRequestWithoutBodyHasAnEmptyBody() {
		assertThat(HttpWarmupRequests
			.warmupBody(utf8("{\"httpMethod\":\"GET\",\"multiValueHeaders\":{\"x-lambda-warmup\":[\"1\"]},\"body\":null}")))
			.hasValueSatisfying((body) -> assertThat(body).isEmpty());
	}

	@Test
	void ignoresTheHeaderNameOutsideTheHeaders() {
		assertThat(HttpWarmupRequests
			.warmupBody(utf8("{\"httpMethod\":\"GET\",\"headers\":{},\"body\":\"X-Lambda-Warmup\"}"))).isEmpty();
		assertThat(HttpWarmupRequests.warmupBody(utf8("{\"headers\":{\"X-Lambda-Warmup\":\"1\"}}"))).isEmpty();
	}

}
