package io.github.lambdawarmup.fanout;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one invocation came to, whichever way it was sent.
 *
 * @param status the HTTP status, or 0 when no answer came
 * @param functionError {@code X-Amz-Function-Error}, when the function failed
 * @param errorCode the service's error code ({@code TooManyRequestsException}, ...) or the kind of
 * failure ({@code TimedOut}, {@code ConnectionFailed}, ...), when the invocation failed
 * @param throttleReason the {@code Reason} of a 429
 * @param message the service's or the failure's message, when it failed
 * @param payload the answer's body, at most {@link #MAX_PAYLOAD} bytes
 * @param truncated whether the body was longer and was cut
 */
record InvokeOutcome(int status, @Nullable String functionError, @Nullable String errorCode,
		@Nullable String throttleReason, @Nullable String message, byte[] payload, boolean truncated) {

	/** An answer to a warm-up is a few hundred bytes: more is read no further. */
	static final int MAX_PAYLOAD = 16 * 1024;

	static final String THROTTLED = "TooManyRequestsException";

	/** The kind of a failure whose connection closed before the answer came. */
	static final String CONNECTION_CLOSED = "ConnectionClosed";

	// The closing exception says nothing (Netty's has no message): what usually closes a warm-up's connection.
	private static final String CONNECTION_CLOSED_MESSAGE = "the connection closed before the answer: a connect "
			+ "or TLS handshake over its timeout, or the service or a proxy closing it";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static InvokeOutcome failed(String kind, @Nullable String message) {
		return new InvokeOutcome(0, null, kind, null, message, new byte[0], false);
	}

	/**
	 * The failure of a warm-up's connection, whichever client sent it: refused ({@code ConnectionFailed}) or
	 * closed before the answer ({@value #CONNECTION_CLOSED}), found among the causes of {@code failure}.
	 * @param failure what the client failed with
	 * @return the outcome, or {@code null} when no connection failed
	 */
	static @Nullable InvokeOutcome connectionFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException) {
				return failed("ConnectionFailed", cause.getMessage());
			}
			if (cause instanceof ClosedChannelException) {
				return failed(CONNECTION_CLOSED, CONNECTION_CLOSED_MESSAGE);
			}
		}
		return null;
	}

	/**
	 * What an answer of the Invoke API says: the function's answer, or the service's error with its code
	 * ({@code x-amzn-ErrorType} or the body's {@code __type}) and message.
	 * @param status the HTTP status
	 * @param header the answer's headers by name, ignoring case
	 * @param body the answer's body, at most {@link #MAX_PAYLOAD} bytes
	 * @param truncated whether the body was longer and was cut
	 * @return the outcome
	 */
	static InvokeOutcome answered(int status, Function<String, @Nullable String> header, byte[] body,
			boolean truncated) {
		if (status < 300) {
			return new InvokeOutcome(status, header.apply("X-Amz-Function-Error"), null, null, null, body, truncated);
		}
		JsonNode error = parse(body);
		String type = header.apply("x-amzn-ErrorType");
		String code;
		if (type != null) {
			code = type.split(":")[0];
		}
		else {
			String typed = error.path("__type").asString(null);
			code = (typed != null) ? typed.substring(typed.indexOf('#') + 1) : "Http" + status;
		}
		String message = error.path("message").asString(error.path("Message").asString(null));
		if (status == 429) {
			return new InvokeOutcome(status, null, THROTTLED, error.path("Reason").asString(null), message, body,
					truncated);
		}
		return new InvokeOutcome(status, null, code, null, message, body, truncated);
	}

	/**
	 * What a failure to get an answer says: the connection's failure, or the kind and message of its cause.
	 * @param failure what the client failed with
	 * @return the outcome
	 */
	static InvokeOutcome of(Throwable failure) {
		InvokeOutcome connection = connectionFailure(failure);
		if (connection != null) {
			return connection;
		}
		return failed((failure.getCause() != null) ? failure.getCause() : failure);
	}

	/**
	 * What a failure says, itself rather than its cause: the connection's failure, or its kind and message.
	 * @param failure the failure, unwrapped
	 * @return the outcome
	 */
	static InvokeOutcome failed(Throwable failure) {
		InvokeOutcome connection = connectionFailure(failure);
		return (connection != null) ? connection : failed(failure.getClass().getSimpleName(), failure.getMessage());
	}

	private static JsonNode parse(byte[] body) {
		try {
			JsonNode json = JSON.readTree(body);
			return (json != null) ? json : JSON.missingNode();
		}
		catch (JacksonException ex) {
			return JSON.missingNode();
		}
	}

	boolean isThrottle() {
		return THROTTLED.equals(this.errorCode);
	}

}
