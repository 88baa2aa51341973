package io.github.lambdawarmup.fanout;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

import io.github.lambdawarmup.Invocation;

/**
 * Sends through an application's own {@link LambdaAsyncClient}: its whole request pipeline runs for
 * every invocation.
 */
final class SdkClientInvoker extends LambdaInvoker {

	// A throttled warm-up is counted, not retried: retries of N throttles would multiply the storm, and
	// the next round comes soon enough. Applied per request, so a user's client keeps its own retries.
	private static final SdkPlugin NO_RETRIES = (config) -> config.overrideConfiguration(
			config.overrideConfiguration().toBuilder().retryStrategy(AwsRetryStrategy.doNotRetry()).build());

	private final LambdaAsyncClient client;

	private final boolean retriesOff;

	SdkClientInvoker(LambdaAsyncClient client) {
		this.client = client;
		this.retriesOff = retriesOff(client);
	}

	@Override
	Pass prepare(FanOutPlan plan) {
		// The service client reads every answer as it comes: a gate cannot hold its connections.
		return (type, payload, timeout, gate) -> {
			InvokeRequest request = InvokeRequest.builder()
				.functionName(plan.target().functionName())
				.qualifier(plan.target().qualifier())
				.invocationType(type)
				.clientContext("RequestResponse".equals(type) ? Invocation.WARMER_CLIENT_CONTEXT : null)
				.payload(SdkBytes.fromByteArrayUnsafe(payload))
				.overrideConfiguration((o) -> {
					o.apiCallTimeout(timeout);
					// A request-level plugin makes the SDK copy the client's configuration for every
					// request: skipped where the retries are off already.
					if (!this.retriesOff) {
						o.addPlugin(NO_RETRIES);
					}
				})
				.build();
			try {
				return this.client.invoke(request)
					.handle((response, failure) -> (failure != null) ? failed(failure) : answered(response));
			}
			catch (RuntimeException ex) {
				return CompletableFuture.completedFuture(failed(ex));
			}
		};
	}

	private static InvokeOutcome answered(InvokeResponse response) {
		byte[] payload = (response.payload() != null) ? response.payload().asByteArrayUnsafe() : new byte[0];
		boolean truncated = payload.length > InvokeOutcome.MAX_PAYLOAD;
		return new InvokeOutcome(response.statusCode(), response.functionError(), null, null, null,
				truncated ? Arrays.copyOf(payload, InvokeOutcome.MAX_PAYLOAD) : payload, truncated);
	}

	private static InvokeOutcome failed(Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		if (cause instanceof TooManyRequestsException throttle) {
			return new InvokeOutcome(429, null, InvokeOutcome.THROTTLED, throttle.reasonAsString(), cause.getMessage(),
					new byte[0], false);
		}
		if (cause instanceof ApiCallTimeoutException || cause instanceof ApiCallAttemptTimeoutException) {
			return InvokeOutcome.failed("TimedOut", cause.getMessage());
		}
		if (cause instanceof AwsServiceException service && service.awsErrorDetails() != null
				&& service.awsErrorDetails().errorCode() != null) {
			return InvokeOutcome.failed(service.awsErrorDetails().errorCode(), cause.getMessage());
		}
		InvokeOutcome connection = InvokeOutcome.connectionFailure(cause);
		if (connection != null) {
			return connection;
		}
		String kind = String.valueOf(cause.getMessage()).startsWith("Unable to load credentials")
				? "CredentialsUnavailable" : cause.getClass().getSimpleName();
		return InvokeOutcome.failed(kind, cause.getMessage());
	}

	@Override
	public String toString() {
		return "LambdaInvoker[the application's LambdaAsyncClient in "
				+ this.client.serviceClientConfiguration().region() + "]";
	}

	static boolean retriesOff(LambdaAsyncClient client) {
		try {
			return client.serviceClientConfiguration()
				.overrideConfiguration()
				.retryStrategy()
				.map((strategy) -> strategy.maxAttempts() <= 1)
				.orElse(false);
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
