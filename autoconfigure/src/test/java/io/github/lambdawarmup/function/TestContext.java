package io.github.lambdawarmup.function;

import java.util.UUID;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** A Lambda context as the runtime gives one: a fresh request id and plenty of time left. */
public final class TestContext implements Context {

	private final String requestId = UUID.randomUUID().toString();

	@Override
	public String getAwsRequestId() {
		return this.requestId;
	}

	@Override
	public String getLogGroupName() {
		return "/aws/lambda/orders";
	}

	@Override
	public String getLogStreamName() {
		return "2026/11/29/[$LATEST]abc";
	}

	@Override
	public String getFunctionName() {
		return "orders";
	}

	@Override
	public String getFunctionVersion() {
		return "$LATEST";
	}

	@Override
	public String getInvokedFunctionArn() {
		return "arn:aws:lambda:us-east-1:123456789012:function:orders:live";
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
				System.out.println(new String(message));
			}
		};
	}

}
