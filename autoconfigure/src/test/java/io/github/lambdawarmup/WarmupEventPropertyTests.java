package io.github.lambdawarmup;

import java.util.Map;
import java.util.Optional;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.json.JsonMapper;

import io.github.lambdawarmup.WarmupEvent.WarmUp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class WarmupEventPropertyTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Property(tries = 500)
	void anyBytesAreEitherNotAWarmupAWarmupOrAClearError(@ForAll byte[] bytes) {
		Throwable thrown = catchThrowable(() -> WarmupEvent.detect(bytes));
		assertThat(thrown).satisfiesAnyOf((t) -> assertThat(t).isNull(),
				(t) -> assertThat(t).isInstanceOf(InvalidWarmupEventException.class));
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
