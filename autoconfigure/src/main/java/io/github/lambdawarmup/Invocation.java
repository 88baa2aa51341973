package io.github.lambdawarmup;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What an interception path knows of the invocation at hand.
 *
 * @param requestId the Lambda request id, or {@code null} when unknown
 * @param remainingTime the time left before Lambda times the invocation out, or {@code null} when
 * unknown
 * @param invokedFunctionArn the ARN the function was invoked with (it names the alias or version), or
 * {@code null} when unknown
 * @param clientContext the {@code custom} entries of the invocation's client context: only a caller of the
 * Invoke API authenticated by IAM, invoking synchronously, can set one; empty for every other caller
 */
public record Invocation(@Nullable String requestId, @Nullable Duration remainingTime,
		@Nullable String invokedFunctionArn, Map<String, String> clientContext) {

	/**
	 * The client-context key a fan-out's warm-ups carry: only IAM-authenticated callers of the Invoke API
	 * can set a client context, so a warm-up that carries it may hold its environment and say who it is.
	 */
	public static final String WARMER_KEY = "lambda-warmup";

	/**
	 * The client context of a warmer, base64-encoded as the Invoke API takes it
	 * ({@code X-Amz-Client-Context}, {@code aws lambda invoke --client-context}): what a fan-out's
	 * warm-ups carry, and what a person or a script triggering a fan-out by hand can send.
	 */
	public static final String WARMER_CLIENT_CONTEXT = Base64.getEncoder()
		.encodeToString(("{\"custom\":{\"" + WARMER_KEY + "\":\"" + WarmupEvent.PROTOCOL_VERSION + "\"}}")
			.getBytes(StandardCharsets.UTF_8));

	public Invocation {
		clientContext = Map.copyOf(clientContext);
	}

	/** An invocation with no client context. */
	public Invocation(@Nullable String requestId, @Nullable Duration remainingTime,
			@Nullable String invokedFunctionArn) {
		this(requestId, remainingTime, invokedFunctionArn, Map.of());
	}

	/** An invocation of which nothing is known, as in a local run. */
	public static Invocation unknown() {
		return new Invocation(null, null, null);
	}

	/**
	 * Whether an IAM-authenticated caller sent it as a warmer, through the Invoke API: with this
	 * project's client context, or with the one serverless-plugin-warmup's warmer sets.
	 */
	public boolean isFromWarmer() {
		return this.clientContext.containsKey(WARMER_KEY)
				|| "serverless-plugin-warmup".equals(this.clientContext.get("source"));
	}

	/** What an invocation was, to the environment that served it. */
	enum Kind {

		/** The user's: any event that is not this library's or another warmer's. */
		USER,

		/** A warm-up, trusted or not. */
		WARM_UP,

		/** A fan-out trigger, a status request, or a malformed warm-up. */
		OTHER

	}

	/**
	 * What serving an invocation meant to the environment.
	 * @param coldStart whether it was the environment's first invocation
	 * @param number how many invocations the environment has served, this one included
	 * @param userInvocations for a warm-up: the user's invocations since the environment's previous warm-up
	 * @param userColdStart for a warm-up: whether a user's invocation paid the environment's cold start, said
	 * by its first warm-up only
	 * @param previousRound for a warm-up: the round of the environment's previous trusted warm-up
	 * @param previousRoundAtMs when that warm-up began, in milliseconds since the epoch
	 */
	record Served(boolean coldStart, long number, long userInvocations, boolean userColdStart,
			@Nullable String previousRound, @Nullable Long previousRoundAtMs) {
	}

}
