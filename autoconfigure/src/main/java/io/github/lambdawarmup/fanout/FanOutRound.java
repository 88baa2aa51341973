package io.github.lambdawarmup.fanout;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.lambdawarmup.WarmupAnswer;
import io.github.lambdawarmup.WarmupEvent;

/**
 * Runs one round: sends every warm-up at once through the asynchronous client, waits for all of them,
 * and counts what came back.
 */
final class FanOutRound {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	// A throttled warm-up is counted, not retried: retries of N throttles would multiply the storm, and
	// the next round comes soon enough. Applied per request, so a user's client keeps its own retries.
	private static final SdkPlugin NO_RETRIES = (config) -> config.overrideConfiguration(
			config.overrideConfiguration().toBuilder().retryStrategy(AwsRetryStrategy.doNotRetry()).build());

	private FanOutRound() {
	}

	static FanOutReport run(LambdaAsyncClient client, FanOutPlan plan) {
		long start = System.nanoTime();
		List<CompletableFuture<Outcome>> pending = new ArrayList<>(plan.concurrency());
		for (int index = 0; index < plan.concurrency(); index++) {
			pending.add(invoke(client, plan, index));
		}
		Tally tally = new Tally();
		for (CompletableFuture<Outcome> outcome : pending) {
			tally.add(outcome.join());
		}
		return tally.report(plan, (System.nanoTime() - start) / 1_000_000);
	}

	private static CompletableFuture<Outcome> invoke(LambdaAsyncClient client, FanOutPlan plan, int index) {
		InvokeRequest request = InvokeRequest.builder()
			.functionName(plan.functionName())
			.qualifier(plan.qualifier())
			.invocationType((plan.invocationType() == FanOutInvocationType.EVENT) ? InvocationType.EVENT
					: InvocationType.REQUEST_RESPONSE)
			.payload(SdkBytes.fromByteArrayUnsafe(payload(plan, index)))
			.overrideConfiguration((o) -> o.apiCallTimeout(plan.invocationTimeout()).addPlugin(NO_RETRIES))
			.build();
		try {
			return client.invoke(request).handle((response, failure) -> (failure != null) ? Outcome.failed(failure)
					: Outcome.answered(response));
		}
		catch (RuntimeException ex) {
			return CompletableFuture.completedFuture(Outcome.failed(ex));
		}
	}

	private static byte[] payload(FanOutPlan plan, int index) {
		return new WarmupEvent.WarmUp(WarmupEvent.Source.LAMBDA_WARMUP, plan.round(), index, plan.concurrency(),
				plan.hold())
			.toJson();
	}

	/** What one invocation came to. */
	private record Outcome(@Nullable InvokeResponse response, @Nullable Throwable failure) {

		static Outcome answered(InvokeResponse response) {
			return new Outcome(response, null);
		}

		static Outcome failed(Throwable failure) {
			return new Outcome(null, (failure instanceof CompletionException && failure.getCause() != null)
					? failure.getCause() : failure);
		}

	}

	/** Adds up the outcomes of a round. */
	private static final class Tally {

		private int invoked;

		private int answered;

		private int unrecognised;

		private int functionErrors;

		private int throttled;

		private final Map<String, Integer> throttleReasons = new TreeMap<>();

		private final Map<String, Integer> failures = new TreeMap<>();

		private final Set<String> environments = new HashSet<>();

		private final Set<String> coldEnvironments = new HashSet<>();

		private long firstStart = Long.MAX_VALUE;

		private long lastStart = Long.MIN_VALUE;

		private @Nullable String firstFailure;

		void add(Outcome outcome) {
			this.invoked++;
			if (outcome.failure() != null) {
				fail(outcome.failure());
				return;
			}
			InvokeResponse response = outcome.response();
			if (response.functionError() != null) {
				this.functionErrors++;
				noteFailure("function error: " + response.payload().asUtf8String());
				return;
			}
			if (response.statusCode() == 202) {
				return;
			}
			WarmupAnswer answer = parse(response.payload());
			if (answer == null) {
				this.unrecognised++;
				noteFailure("not a warm-up answer: " + abbreviate(response.payload().asUtf8String()));
				return;
			}
			this.answered++;
			this.environments.add(answer.environmentId());
			if (answer.coldStart()) {
				this.coldEnvironments.add(answer.environmentId());
				// A cold environment starts its warm-up only after its init: its start says when the init
				// ended, not when the warm-up arrived.
				return;
			}
			this.firstStart = Math.min(this.firstStart, answer.startedAtMs());
			this.lastStart = Math.max(this.lastStart, answer.startedAtMs());
		}

		private void fail(Throwable failure) {
			if (failure instanceof TooManyRequestsException throttle) {
				this.throttled++;
				this.throttleReasons.merge(String.valueOf(throttle.reasonAsString()), 1, Integer::sum);
				noteFailure("throttled: " + throttle.reasonAsString());
				return;
			}
			this.failures.merge(kind(failure), 1, Integer::sum);
			noteFailure(kind(failure) + ": " + failure.getMessage());
		}

		private static String kind(Throwable failure) {
			if (failure instanceof ApiCallTimeoutException || failure instanceof ApiCallAttemptTimeoutException) {
				return "TimedOut";
			}
			if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null
					&& service.awsErrorDetails().errorCode() != null) {
				return service.awsErrorDetails().errorCode();
			}
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				if (cause instanceof ConnectException) {
					return "ConnectionFailed";
				}
			}
			if (String.valueOf(failure.getMessage()).startsWith("Unable to load credentials")) {
				return "CredentialsUnavailable";
			}
			return failure.getClass().getSimpleName();
		}

		private void noteFailure(String message) {
			if (this.firstFailure == null) {
				this.firstFailure = message;
			}
		}

		private static @Nullable WarmupAnswer parse(SdkBytes payload) {
			try {
				JsonNode json = JSON.readTree(payload.asByteArrayUnsafe());
				if (json == null || !WarmupAnswer.WARM.equals(json.path("status").asString(null))
						|| !json.hasNonNull("environmentId")) {
					return null;
				}
				return JSON.treeToValue(json, WarmupAnswer.class);
			}
			catch (JacksonException ex) {
				return null;
			}
		}

		private static String abbreviate(String text) {
			return (text.length() <= 200) ? text : text.substring(0, 200) + "...";
		}

		FanOutReport report(FanOutPlan plan, long durationMs) {
			boolean counted = plan.invocationType() == FanOutInvocationType.REQUEST_RESPONSE;
			Long spread = (this.firstStart <= this.lastStart) ? this.lastStart - this.firstStart : null;
			String warning = (spread != null && spread >= plan.hold().toMillis())
					? "the round took " + spread + " ms to reach its environments but held them only "
							+ plan.hold().toMillis() + " ms: raise warmup.max-hold or let the hold be derived"
					: null;
			return new FanOutReport(FanOutReport.COMPLETED, warning, plan.round(), plan.functionName(), plan.qualifier(),
					plan.invocationType(), plan.asked(), this.invoked, this.answered,
					counted ? this.environments.size() : null, counted ? this.coldEnvironments.size() : null,
					this.throttled, Collections.unmodifiableMap(this.throttleReasons), this.functionErrors, Collections.unmodifiableMap(this.failures),
					this.unrecognised, plan.hold().toMillis(), spread, durationMs,
					(counted && plan.asked() > 0) ? Math.round(1000.0 * this.environments.size() / plan.asked()) / 10.0
							: null,
					this.firstFailure);
		}

	}

}
