package io.github.lambdawarmup.local;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.Client;
import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import org.jspecify.annotations.Nullable;

/**
 * A Lambda {@link Context} as the runtime hands one to a handler called directly, in tests and
 * benchmarks: a fresh request id, the function's ARN, and a fixed time left.
 *
 * @param getAwsRequestId the request id
 * @param getFunctionName the function's name
 * @param getInvokedFunctionArn the ARN it was invoked with
 * @param remainingTime the time left, reported by {@link #getRemainingTimeInMillis()}
 * @param clientContextCustom the {@code custom} entries of the client context a synchronous caller of the
 * Invoke API set, or {@code null} for none (every other kind of caller)
 */
public record LocalContext(String getAwsRequestId, String getFunctionName, String getInvokedFunctionArn,
		Duration remainingTime, @Nullable Map<String, String> clientContextCustom) implements Context {

	/** A context for one invocation of a function, with 30 seconds left, and no client context. */
	public static LocalContext of(String functionName) {
		return new LocalContext(UUID.randomUUID().toString(), functionName,
				"arn:aws:lambda:us-east-1:000000000000:function:" + functionName, Duration.ofSeconds(30), null);
	}

	/**
	 * The same, with the client context an IAM-authenticated caller of the Invoke API set.
	 * @param custom its {@code custom} entries
	 */
	public LocalContext withClientContext(Map<String, String> custom) {
		return new LocalContext(this.getAwsRequestId, this.getFunctionName, this.getInvokedFunctionArn,
				this.remainingTime, Map.copyOf(custom));
	}

	@Override
	public String getLogGroupName() {
		return "/aws/lambda/" + this.getFunctionName;
	}

	@Override
	public String getLogStreamName() {
		return "local";
	}

	@Override
	public String getFunctionVersion() {
		return LocalFunction.LATEST;
	}

	@Override
	public @Nullable CognitoIdentity getIdentity() {
		return null;
	}

	@Override
	public @Nullable ClientContext getClientContext() {
		Map<String, String> custom = this.clientContextCustom;
		if (custom == null) {
			return null;
		}
		return new ClientContext() {

			@Override
			public @Nullable Client getClient() {
				return null;
			}

			@Override
			public Map<String, String> getCustom() {
				return custom;
			}

			@Override
			public Map<String, String> getEnvironment() {
				return Map.of();
			}

		};
	}

	@Override
	public int getRemainingTimeInMillis() {
		return (int) this.remainingTime.toMillis();
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
