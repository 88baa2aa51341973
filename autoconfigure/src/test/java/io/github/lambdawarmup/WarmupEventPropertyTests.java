package io.github.lambdawarmup;

import java.util.Map;
import java.util.Optional;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import tools.jackson.databind.json.JsonMapper;

import io.github.lambdawarmup.WarmupEvent.WarmUp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class WarmupEventPropertyTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Property(tries = 500)
	void anyBytesAreEitherNotAWarmupAWarmupOrAClearError(@ForAll byte[] bytes) {
		assertNotAWarmupAWarmupOrAClearError(bytes);
	}

	// Random bytes almost never get past the checks before the parser; JSON built around the warmers' keys,
	// then cut, spliced or doubled, does, and exercises the parser's every branch.
	@Property(tries = 1000)
	void jsonAroundTheWarmersKeysIsEitherNotAWarmupAWarmupOrAClearError(@ForAll("nearWarmups") byte[] event) {
		Statistics.label("parser").collect(WarmupEventParser.mayBeWarmup(event) ? "reached" : "stopped before");
		assertNotAWarmupAWarmupOrAClearError(event);
		Statistics.label("parser").coverage((coverage) -> coverage.check("reached").percentage((p) -> p >= 50));
	}

	private static void assertNotAWarmupAWarmupOrAClearError(byte[] event) {
		for (java.util.Set<WarmupEvent.Source> sources : java.util.List.of(WarmupEvent.Source.PROTOCOL_ONLY,
				WarmupEvent.Source.ALL)) {
			Throwable thrown = catchThrowable(() -> WarmupEvent.detect(event, sources));
			assertThat(thrown).satisfiesAnyOf((t) -> assertThat(t).isNull(),
					(t) -> assertThat(t).isInstanceOf(InvalidWarmupEventException.class).message().isNotBlank());
		}
	}

	@Provide
	Arbitrary<byte[]> nearWarmups() {
		Arbitrary<String> json = jsonObject(Arbitraries.of("lambda-warmup", "warmer", "source", "__WARMER_INVOCATION__",
				"__WARMER_CONCURRENCY__", "__WARMER_CORRELATIONID__", "action", "round", "index", "size", "holdMs",
				"concurrency", "secret", "calibration", "protocol", "httpMethod", "routeKey", "body", "sku"), 3);
		return Arbitraries.oneOf(json, json.flatMap(WarmupEventPropertyTests::mutated))
			.map((text) -> text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	private static Arbitrary<String> jsonObject(Arbitrary<String> keys, int depth) {
		Arbitrary<String> value = jsonValue(keys, depth);
		return Arbitraries.entries(keys, value)
			.list()
			.ofMaxSize(5)
			.map((entries) -> entries.stream()
				.map((e) -> JSON.writeValueAsString(e.getKey()) + ":" + e.getValue())
				.collect(java.util.stream.Collectors.joining(",", "{", "}")));
	}

	private static Arbitrary<String> jsonValue(Arbitrary<String> keys, int depth) {
		Arbitrary<String> scalars = Arbitraries.oneOf(
				Arbitraries.of("serverless-plugin-warmup", "fan-out", "warm-up", "r1", "", "lambda-warmup")
					.map(JSON::writeValueAsString),
				Arbitraries.strings().ofMaxLength(12).map(JSON::writeValueAsString),
				Arbitraries.integers().between(-2, 20_000).map(String::valueOf),
				Arbitraries.of("true", "false", "null", "1.5", "1e400", "-0", "9223372036854775808"));
		if (depth == 0) {
			return scalars;
		}
		return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, scalars),
				net.jqwik.api.Tuple.of(2, Arbitraries.lazy(() -> jsonObject(keys, depth - 1))),
				net.jqwik.api.Tuple.of(1, Arbitraries.lazy(() -> jsonValue(keys, depth - 1))
					.list()
					.ofMaxSize(3)
					.map((items) -> String.join(",", items))
					.map((items) -> "[" + items + "]")));
	}

	// Cut short, a byte replaced, a stretch doubled: what a broken sender or an attacker would send.
	private static Arbitrary<String> mutated(String json) {
		Arbitrary<Integer> at = Arbitraries.integers().between(0, json.length());
		return Arbitraries.oneOf(at.map((i) -> json.substring(0, i)),
				at.flatMap((i) -> Arbitraries.chars()
					.with('{', '}', '"', ',', ':', '\\', '\u0000', 'w')
					.map((c) -> json.substring(0, i) + c + json.substring(Math.min(json.length(), i + 1)))),
				at.map((i) -> json.substring(0, i) + json.substring(i / 2)));
	}

	@Property(tries = 300)
	void objectsWithoutWarmupKeysAreNeverWarmups(@ForAll("userObjects") Map<String, Object> object) {
		assertThat(WarmupEvent.detect(JSON.writeValueAsBytes(object))).isEmpty();
	}

	@Property(tries = 300)
	void aValidWarmUpSurvivesTheWireUnchanged(@ForAll("warmUps") WarmUp warmUp) {
		String json = "{\"lambda-warmup\":{\"round\":" + JSON.writeValueAsString(warmUp.round()) + ",\"index\":"
				+ warmUp.index() + ",\"size\":" + warmUp.size() + ",\"holdMs\":" + warmUp.hold().toMillis() + "}}";
		assertThat(WarmupEvent.detect(TestEvents.utf8(json))).isEqualTo(Optional.of(warmUp));
		assertThat(WarmupEvent.detect(warmUp.toJson())).isEqualTo(Optional.of(warmUp));
	}

	@Provide
	Arbitrary<Map<String, Object>> userObjects() {
		Arbitrary<String> keys = Arbitraries.strings()
			.ofMinLength(1)
			.ofMaxLength(20)
			.filter((k) -> !k.equals("lambda-warmup") && !k.equals("warmer") && !k.equals("source")
					&& !k.startsWith("__WARMER_"));
		Arbitrary<Object> values = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30).map((s) -> (Object) s),
				Arbitraries.integers().map((i) -> (Object) i), Arbitraries.of(true, false).map((b) -> (Object) b),
				Arbitraries.just("serverless-plugin-warmup").map((s) -> (Object) s),
				Arbitraries.just(Map.of("lambda-warmup", Map.of())).map((m) -> (Object) m));
		return Arbitraries.maps(keys, values).ofMaxSize(8);
	}

	@Provide
	Arbitrary<WarmUp> warmUps() {
		return Arbitraries.integers().between(1, WarmupEvent.MAX_CONCURRENCY).flatMap((size) -> Arbitraries.integers()
			.between(0, size - 1)
			.flatMap((index) -> Arbitraries.longs().between(0, WarmupEvent.MAX_HOLD.toMillis()).flatMap((hold) -> Arbitraries
				.strings()
				.ofMaxLength(WarmUp.MAX_ROUND_LENGTH)
				.map((round) -> new WarmUp(WarmupEvent.Source.LAMBDA_WARMUP, round, index, size,
						java.time.Duration.ofMillis(hold))))));
	}

}
