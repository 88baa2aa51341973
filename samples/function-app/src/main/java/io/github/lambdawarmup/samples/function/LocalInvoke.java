package io.github.lambdawarmup.samples.function;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * Runs the sample through Spring Cloud Function's real {@link FunctionInvoker}, the way Lambda's Java
 * runtime calls it, with a warm-up and then an order.
 */
public final class LocalInvoke {

	private LocalInvoke() {
	}

	public static void main(String[] args) throws IOException {
		System.setProperty("MAIN_CLASS", OrderPricingApplication.class.getName());
		// Off Lambda the starter stays inactive; a local run forces it on.
		System.setProperty("warmup.lambda-detection", "force-on");
		System.setProperty("logging.level.root", "warn");
		FunctionInvoker invoker = new FunctionInvoker();
		invoke(invoker, "warm-up", "{\"lambda-warmup\":{\"round\":\"local\",\"index\":0,\"size\":1,\"holdMs\":100}}");
		invoke(invoker, "order", "{\"orderId\":\"A-1001\",\"country\":\"DE\",\"lines\":[{\"sku\":\"COFFEE-250G\","
				+ "\"quantity\":12},{\"sku\":\"MUG\",\"quantity\":2}]}");
		invoke(invoker, "malformed warm-up", "{\"lambda-warmup\":{\"holdMs\":\"soon\"}}");
	}

	private static void invoke(FunctionInvoker invoker, String label, String event) throws IOException {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		long start = System.nanoTime();
		invoker.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), output,
				new LocalContext());
		long micros = (System.nanoTime() - start) / 1_000;
		System.out.printf("%n%s -> %s%n  answered in %d us: %s%n", label, event, micros,
				output.toString(StandardCharsets.UTF_8));
	}

	private record LocalContext(String getAwsRequestId) implements Context {

		LocalContext() {
			this(UUID.randomUUID().toString());
		}

		@Override
		public String getLogGroupName() {
			return "/aws/lambda/price-order";
		}

		@Override
		public String getLogStreamName() {
			return "local";
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
			return "arn:aws:lambda:us-east-1:000000000000:function:price-order";
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
			return 30_000;
		}

		@Override
		public int getMemoryLimitInMB() {
			return 1024;
		}

		@Override
		public LambdaLogger getLogger() {
			return new LambdaLogger() {
				@Override
				public void log(String message) {
					System.out.println(message);
				}

				@Override
				public void log(byte[] message) {
					System.out.println(new String(message, StandardCharsets.UTF_8));
				}
			};
		}

	}

}
