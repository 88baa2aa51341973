package io.github.lambdawarmup.benchmarks;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** A Lambda context whose request id changes with every call, as a real invocation's does. */
final class BenchmarkContext implements Context {

	private long requests;

	@Override
	public String getAwsRequestId() {
		return Long.toString(++this.requests);
	}

	@Override
	public String getLogGroupName() {
		return "benchmark";
	}

	@Override
	public String getLogStreamName() {
		return "benchmark";
	}

	@Override
	public String getFunctionName() {
		return "benchmark";
	}

	@Override
	public String getFunctionVersion() {
		return "$LATEST";
	}

	@Override
	public String getInvokedFunctionArn() {
		return "arn:aws:lambda:us-east-1:123456789012:function:benchmark";
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
		return null;
	}

}
