package io.github.lambdawarmup;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.Context;
import org.jspecify.annotations.Nullable;

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
				context.getInvokedFunctionArn(), custom(context.getClientContext()));
	}

	private static Map<String, String> custom(@Nullable ClientContext clientContext) {
		Map<String, String> custom = (clientContext != null) ? clientContext.getCustom() : null;
		if (custom == null || custom.isEmpty()) {
			return Map.of();
		}
		Map<String, String> entries = new HashMap<>();
		custom.forEach((key, value) -> {
			if (key != null && value != null) {
				entries.put(key, value);
			}
		});
		return entries;
	}

}
