package io.github.lambdawarmup.samples.function;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The sample as Lambda runs it: through the real {@link FunctionInvoker}.
 */
class OrderPricingFunctionTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static FunctionInvoker invoker;

	@BeforeAll
	static void start() {
		System.setProperty("MAIN_CLASS", OrderPricingApplication.class.getName());
		System.setProperty("warmup.lambda-detection", "force-on");
		invoker = new FunctionInvoker();
	}

	@AfterAll
	static void clear() {
		System.clearProperty("MAIN_CLASS");
		System.clearProperty("warmup.lambda-detection");
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
				new TestContext());
		return output.toString(StandardCharsets.UTF_8);
	}

	private record TestContext(String getAwsRequestId) implements Context {

		TestContext() {
			this(UUID.randomUUID().toString());
		}

		@Override
		public String getLogGroupName() {
			return "g";
		}

		@Override
		public String getLogStreamName() {
			return "s";
		}

		@Override
		public String getFunctionName() {
			return "price-order";
		}

		@Override
		public String getFunctionVersion() {
			return "$LATEST";
		}

		@Override
		public String getInvokedFunctionArn() {
			return "arn:aws:lambda:us-east-1:123456789012:function:price-order";
		}

		@Override
		public CognitoIdentity getIdentity() {
			return null;
		}

		@Override
		public ClientContext getClientContext() {
			return null;
		}

		@Override
		public int getRemainingTimeInMillis() {
			return 10_000;
		}

		@Override
		public int getMemoryLimitInMB() {
			return 1024;
		}

		@Override
		public LambdaLogger getLogger() {
			return null;
		}

	}

}
