package io.github.lambdawarmup.samples.function;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.lambdawarmup.local.HandlerProperties;
import io.github.lambdawarmup.local.LocalContext;

import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The sample as Lambda runs it: through the real {@link FunctionInvoker}.
 */
@ExtendWith(OutputCaptureExtension.class)
class OrderPricingFunctionTests {


	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static FunctionInvoker invoker;

	@BeforeAll
	static void start() {
		// FunctionInvoker reads its main class and the starter's switch from system properties as it starts.
		invoker = HandlerProperties.start(Map.of("MAIN_CLASS", OrderPricingApplication.class.getName(),
				"warmup.lambda-detection", "force-on"), FunctionInvoker::new);
	}

	@Test
	void pricesAnOrderWithBulkDiscountAndTax() throws Exception {
		JsonNode quote = JSON.readTree(invoke("{\"orderId\":\"A-1\",\"country\":\"DE\",\"lines\":["
				+ "{\"sku\":\"COFFEE-250G\",\"quantity\":12},{\"sku\":\"MUG\",\"quantity\":2}]}"));
		assertThat(quote.get("lines").get(0).get("discountPercent").asInt()).isEqualTo(5);
		assertThat(quote.get("net").decimalValue()).isEqualByComparingTo("115.06");
		assertThat(quote.get("tax").decimalValue()).isEqualByComparingTo("21.86");
		assertThat(quote.get("total").decimalValue()).isEqualByComparingTo("136.92");
	}

	@Test
	void saysAtStartUpWhatTheStarterWillDo(CapturedOutput output) {
		String line = output.getAll()
			.lines()
			.filter((l) -> l.contains("lambda-warmup active"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no start-up line in:\n" + output.getAll()));
		// application.yml: warmup.max-hold 2s; the test forces detection on off Lambda, where no function name
		// is set; no fan-out settings, so the defaults: concurrency 10, at most 200, on trigger.
		assertThat(line).contains("(warmup.lambda-detection=force-on)")
			.contains("warm-ups held up to 2000 ms")
			.contains("fan-out of (no function: set warmup.fan-out.function-name)")
			.contains("concurrency now 10 (10 outside windows), at most 200")
			.contains("on trigger (an EventBridge schedule; trigger secret not set: IAM callers only)")
			.contains("HTTP warm-ups off")
			.contains("EMF metrics on (namespace LambdaWarmup)");
	}

	@Test
	void answersAWarmupInsteadOfPricingJunk() throws Exception {
		JsonNode answer = JSON.readTree(invoke("{\"lambda-warmup\":{\"holdMs\":1}}"));
		assertThat(answer.get("status").asString()).isEqualTo("warm");
	}

	@Test
	void anInvalidOrderStillFailsInTheFunction() {
		assertThatIllegalArgumentException().isThrownBy(() -> invoke("{\"orderId\":\"A-2\",\"lines\":[]}"))
			.withMessageContaining("at least one line");
	}

	private static String invoke(String event) throws Exception {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		invoker.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), output,
				LocalContext.of("price-order"));
		return output.toString(StandardCharsets.UTF_8);
	}

}
