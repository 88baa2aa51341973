package io.github.lambdawarmup;

import java.time.Duration;

import com.amazonaws.services.lambda.runtime.Context;

/**
 * Reads an {@link Invocation} from the Lambda {@link Context}. Kept apart from {@link Invocation} so that
 * the core loads without the Lambda runtime library on the class path.
 */
public final class LambdaContexts {

	private LambdaContexts() {
	}

	public static Invocation invocation(Context context) {
		// Test doubles often answer 0: no real invocation reaches user code with no time left.
		int remaining = context.getRemainingTimeInMillis();
		return new Invocation(context.getAwsRequestId(), (remaining > 0) ? Duration.ofMillis(remaining) : null,
				context.getInvokedFunctionArn());
	}

}
