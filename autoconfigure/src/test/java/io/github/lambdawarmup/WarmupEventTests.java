package io.github.lambdawarmup;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.github.lambdawarmup.WarmupEvent.FanOutTrigger;
import io.github.lambdawarmup.WarmupEvent.Source;
import io.github.lambdawarmup.WarmupEvent.WarmUp;

import static io.github.lambdawarmup.TestEvents.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class WarmupEventTests {

	static final java.util.List<String> notWarmups = TestEvents.NOT_WARMUPS;

	@ParameterizedTest
	@FieldSource("notWarmups")
	void realEventsAreNotWarmups(String name) {
		assertThat(WarmupEvent.detect(TestEvents.load(name))).isEmpty();
	}

	@Test
	void detectsTheProtocolsWarmUpWithItsRound() {
		WarmupEvent event = WarmupEvent
			.detect(utf8("{\"lambda-warmup\":{\"action\":\"warm-up\",\"round\":\"r1\",\"index\":3,\"size\":10,\"holdMs\":250}}"))
			.orElseThrow();
		assertThat(event).isEqualTo(new WarmUp(Source.LAMBDA_WARMUP, "r1", 3, 10, Duration.ofMillis(250)));
	}

	@Test
	void writesTheWireFormatItReads() {
		assertThat(new String(new WarmUp(Source.SERVERLESS_PLUGIN_WARMUP, "r\"1", 3, 10, Duration.ofMillis(250)).toJson(),
				java.nio.charset.StandardCharsets.UTF_8))
			.isEqualTo("{\"lambda-warmup\":{\"action\":\"warm-up\",\"round\":\"r\\\"1\",\"index\":3,\"size\":10,\"holdMs\":250}}");
	}

	@Test
	void acceptsAByteOrderMarkBeforeTheWarmup() {
		byte[] warmUp = utf8("{\"lambda-warmup\":{\"holdMs\":5}}");
		byte[] marked = new byte[warmUp.length + 3];
		marked[0] = (byte) 0xEF;
		marked[1] = (byte) 0xBB;
		marked[2] = (byte) 0xBF;
		System.arraycopy(warmUp, 0, marked, 3, warmUp.length);
		assertThat(WarmupEvent.detect(marked)).contains(new WarmUp(Source.LAMBDA_WARMUP, null, 0, 1, Duration.ofMillis(5)));
	}

	@Test
	void refusesAProtocolKeyThatAppearsTwice() {
		// The last one would win: a warm-up followed by a fan-out would run a fan-out.
		assertThatExceptionOfType(InvalidWarmupEventException.class)
			.isThrownBy(() -> WarmupEvent.detect(utf8(
					"{\"lambda-warmup\":{\"holdMs\":5},\"lambda-warmup\":{\"action\":\"fan-out\",\"concurrency\":50}}")))
			.withMessageContaining("\"lambda-warmup\" must appear once");
		assertThatExceptionOfType(InvalidWarmupEventException.class)
			.isThrownBy(() -> WarmupEvent.detect(utf8("{\"lambda-warmup\":{\"action\":\"warm-up\",\"action\":\"fan-out\"}}")))
			.withMessageContaining("\"action\" must appear once");
	}

	@Test
	void anHttpRequestReachesTheApplicationWhateverItsProtocolKeySays() {
		assertThat(WarmupEvent.detect(utf8("{\"lambda-warmup\":\"x\",\"httpMethod\":\"POST\",\"body\":\"{}\"}"))).isEmpty();
		assertThat(WarmupEvent.detect(utf8("{\"lambda-warmup\":{\"holdMs\":\"soon\"},\"requestContext\":{}}"))).isEmpty();
	}

	@Test
	void carriesTheDispatchCalibrationThereAndBack() {
		WarmUp warmUp = new WarmUp(Source.LAMBDA_WARMUP, "r1", 7, 200, Duration.ofMillis(90),
				new DispatchCalibration(180, 412, 1_796_000_000_123L));
		assertThat(WarmupEvent.detect(warmUp.toJson())).contains(warmUp);
		WarmUp paced = new WarmUp(Source.LAMBDA_WARMUP, "r1", 7, 200, Duration.ofMillis(90),
				new DispatchCalibration(180, 96, 1_796_000_000_123L, 175));
		assertThat(new String(paced.toJson(), java.nio.charset.StandardCharsets.UTF_8)).contains("\"arrivalPercent\":175");
		assertThat(WarmupEvent.detect(paced.toJson())).contains(paced);
	}

	@Test
	void namesTheCalibrationFieldThatIsOutOfBounds() {
		assertThatExceptionOfType(InvalidWarmupEventException.class)
			.isThrownBy(() -> WarmupEvent.detect(utf8(
					"{\"lambda-warmup\":{\"calibration\":{\"concurrency\":10,\"spreadMs\":-4,\"measuredAtMs\":1}}}")))
			.withMessageContaining("\"calibration.spreadMs\" must be from 0 to 900000, was -4");
		assertThatExceptionOfType(InvalidWarmupEventException.class)
			.isThrownBy(() -> WarmupEvent.detect(utf8("{\"lambda-warmup\":{\"calibration\":[1]}}")))
			.withMessageContaining("\"calibration\" must be a JSON object, was an array");
		assertThatExceptionOfType(InvalidWarmupEventException.class)
			.isThrownBy(() -> WarmupEvent.detect(utf8("{\"lambda-warmup\":{\"calibration\":{\"concurrency\":10,"
					+ "\"spreadMs\":4,\"measuredAtMs\":1,\"arrivalPercent\":900}}}")))
			.withMessageContaining("\"calibration.arrivalPercent\" must be from 100 to 400, was 900");
	}

	@Test
	void defaultsAnEmptyProtocolObjectToASingleWarmUpWithoutHold() {
		assertThat(WarmupEvent.detect(utf8(" \n{\"lambda-warmup\":{}}\n"))).contains(WarmUp.single(Source.LAMBDA_WARMUP));
	}

	@Test
	void skipsUnknownProtocolFieldsSoThatNewerWarmersWork() {
		assertThat(WarmupEvent.detect(utf8("{\"lambda-warmup\":{\"v\":2,\"future\":{\"a\":[1,2]},\"holdMs\":5}}")))
			.contains(new WarmUp(Source.LAMBDA_WARMUP, null, 0, 1, Duration.ofMillis(5)));
	}

	@Test
	void detectsTheProtocolsFanOutTrigger() {
		assertThat(WarmupEvent.detect(utf8("{\"lambda-warmup\":{\"action\":\"fan-out\",\"concurrency\":25}}")))
			.contains(new FanOutTrigger(Source.LAMBDA_WARMUP, 25));
		assertThat(WarmupEvent.detect(utf8("{\"lambda-warmup\":{\"action\":\"fan-out\"}}")))
			.contains(new FanOutTrigger(Source.LAMBDA_WARMUP, null));
	}

	@Test
	void detectsServerlessPluginWarmup() {
		assertThat(WarmupEvent.detect(utf8("{\"source\":\"serverless-plugin-warmup\"}"), Source.ALL))
			.contains(WarmUp.single(Source.SERVERLESS_PLUGIN_WARMUP));
	}

	// Other warmers' payloads are made of common words: each is a warm-up only where its dialect is on.
	@Test
	void otherWarmersPayloadsAreOrdinaryEventsUnlessTheirDialectIsOn() {
		for (String event : new String[] { "{\"warmer\":true,\"orderId\":42}",
				"{\"warmer\":true,\"concurrency\":3,\"room\":\"kitchen\"}", "{\"source\":\"serverless-plugin-warmup\"}",
				"{\"warmer\":true,\"concurrency\":\"many\"}",
				"{\"__WARMER_INVOCATION__\":1,\"__WARMER_CONCURRENCY__\":2,\"__WARMER_CORRELATIONID__\":\"c\"}" }) {
			assertThat(WarmupEvent.detect(utf8(event))).as(event).isEmpty();
		}
		assertThat(WarmupEvent.detect(utf8("{\"warmer\":true,\"concurrency\":3}"),
				Set.of(Source.LAMBDA_WARMUP, Source.SERVERLESS_PLUGIN_WARMUP))).isEmpty();
		assertThat(WarmupEvent.detect(utf8("{\"source\":\"serverless-plugin-warmup\"}"),
				Set.of(Source.LAMBDA_WARMUP, Source.LAMBDA_WARMER))).isEmpty();
	}

	@Test
	void detectsLambdaWarmerScheduleAsAFanOutTriggerAndItsCopiesAsWarmUps() {
		assertThat(WarmupEvent.detect(utf8("{\"warmer\":true,\"concurrency\":3}"), Source.ALL))
			.contains(new FanOutTrigger(Source.LAMBDA_WARMER, 3));
		assertThat(WarmupEvent.detect(utf8("{\"warmer\":true}"), Source.ALL)).contains(WarmUp.single(Source.LAMBDA_WARMER));
		assertThat(WarmupEvent.detect(utf8("{\"warmer\":true,\"concurrency\":1}"), Source.ALL))
			.contains(WarmUp.single(Source.LAMBDA_WARMER));
		assertThat(WarmupEvent.detect(utf8(
				"{\"__WARMER_INVOCATION__\":2,\"__WARMER_CONCURRENCY__\":3,\"__WARMER_CORRELATIONID__\":\"abc\"}"),
				Source.ALL))
			.contains(new WarmUp(Source.LAMBDA_WARMER, "abc", 1, 3, Duration.ofMillis(75)));
	}

	@Test
	void leavesLookAlikesAlone() {
		assertThat(WarmupEvent.detect(utf8("{\"warmer\":false,\"concurrency\":3}"))).isEmpty();
		assertThat(WarmupEvent.detect(utf8("{\"source\":\"aws.events\",\"note\":\"warmup\"}"))).isEmpty();
		assertThat(WarmupEvent.detect(utf8("{\"concurrency\":\"high\",\"note\":\"warmup\"}"))).isEmpty();
		assertThat(WarmupEvent.detect(utf8("{\"order\":{\"lambda-warmup\":{}}}"))).isEmpty();
	}

	@Test
	void neverTakesAnHttpEventForAWarmupWhateverItCarries() {
		assertThat(WarmupEvent.detect(utf8(
				"{\"httpMethod\":\"POST\",\"lambda-warmup\":{\"action\":\"fan-out\",\"concurrency\":1000}}")))
			.isEmpty();
		assertThat(WarmupEvent.detect(utf8("{\"requestContext\":{},\"warmer\":true,\"concurrency\":500}"))).isEmpty();
	}

	@Test
	void ignoresEventsLargerThanAnyWarmup() {
		byte[] big = new byte[WarmupEvent.MAX_EVENT_BYTES + 1];
		Arrays.fill(big, (byte) ' ');
		byte[] warmup = utf8("{\"lambda-warmup\":{}}");
		System.arraycopy(warmup, 0, big, 0, warmup.length);
		assertThat(WarmupEvent.detect(big)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"lambda-warmup\":true}", "{\"lambda-warmup\":[1]}",
			"{\"lambda-warmup\":{\"holdMs\":\"soon\"}}", "{\"lambda-warmup\":{\"holdMs\":-1}}",
			"{\"lambda-warmup\":{\"holdMs\":900001}}", "{\"lambda-warmup\":{\"holdMs\":1.5}}",
			"{\"lambda-warmup\":{\"index\":3,\"size\":3}}", "{\"lambda-warmup\":{\"size\":0}}",
			"{\"lambda-warmup\":{\"size\":10001}}", "{\"lambda-warmup\":{\"action\":\"explode\"}}",
			"{\"lambda-warmup\":{\"action\":\"fan-out\",\"concurrency\":0}}",
			"{\"lambda-warmup\":{\"action\":\"fan-out\",\"concurrency\":99999999999}}",
			"{\"lambda-warmup\":{\"round\":42}}", "{\"lambda-warmup\":{}", "{\"lambda-warmup\":{}} trailing",
			"{\"warmer\":true,\"concurrency\":\"three\"}", "{\"concurrency\":\"three\",\"warmer\":true}",
			"{\"warmer\":true,\"concurrency\":-2}", "{\"__WARMER_INVOCATION__\":\"x\"}",
			"{\"__WARMER_INVOCATION__\":4,\"__WARMER_CONCURRENCY__\":3}" })
	void rejectsMalformedWarmupsWithAMessageThatNamesTheProblem(String json) {
		assertThatExceptionOfType(InvalidWarmupEventException.class)
			.isThrownBy(() -> WarmupEvent.detect(utf8(json), Source.ALL))
			.isInstanceOf(IllegalArgumentException.class)
			.withMessageMatching(".*(must|not valid JSON|after its closing brace).*");
	}

	@Test
	void namesTheFieldAndTheValueInTheMessage() {
		assertThatExceptionOfType(InvalidWarmupEventException.class)
			.isThrownBy(() -> WarmupEvent.detect(utf8("{\"lambda-warmup\":{\"holdMs\":\"soon\"}}")))
			.withMessage("\"holdMs\" must be a whole number, was the string \"soon\"");
		assertThatExceptionOfType(InvalidWarmupEventException.class)
			.isThrownBy(() -> WarmupEvent.detect(utf8("{\"lambda-warmup\":{\"round\":\"r\",\"index\":5,\"size\":2}}")))
			.withMessage("\"index\" must be from 0 to 1 in a round of 2, was 5");
	}

	@Test
	void rejectsAnOverlongRoundId() {
		String round = "r".repeat(WarmUp.MAX_ROUND_LENGTH + 1);
		assertThatExceptionOfType(InvalidWarmupEventException.class)
			.isThrownBy(() -> WarmupEvent.detect(utf8("{\"lambda-warmup\":{\"round\":\"" + round + "\"}}")))
			.withMessageContaining("\"round\" must be at most 128 characters");
	}

}
