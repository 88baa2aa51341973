package io.github.lambdawarmup;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Recognises a warm-up sent over HTTP inside a Lambda HTTP event (API Gateway REST or HTTP API, ALB,
 * Function URL): a request that carries the {@value #HEADER} header. A byte scan for the header name
 * comes first, so ordinary HTTP events are not parsed.
 */
public final class HttpWarmupRequests {

	/** The header that marks an HTTP request as a warm-up. */
	public static final String HEADER = "X-Lambda-Warmup";

	private static final JsonFactory JSON = new JsonFactory();

	private static final byte[] LOWER = HEADER.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);

	private HttpWarmupRequests() {
	}

	/**
	 * The body of a warm-up request.
	 * @param event a raw Lambda event
	 * @return the request body (empty when it has none) if the event is an HTTP request carrying the
	 * warm-up header, otherwise empty
	 */
	public static Optional<byte[]> warmupBody(byte[] event) {
		if (!containsHeaderName(event)) {
			return Optional.empty();
		}
		boolean http = false;
		boolean marked = false;
		@Nullable String body = null;
		boolean base64 = false;
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), event)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return Optional.empty();
			}
			for (String name = parser.nextName(); name != null; name = parser.nextName()) {
				JsonToken value = parser.nextToken();
				switch (name) {
					case "httpMethod", "routeKey" -> http = true;
					case "headers", "multiValueHeaders" -> marked |= hasHeader(parser, value);
					case "body" -> body = (value == JsonToken.VALUE_STRING) ? parser.getString() : null;
					case "isBase64Encoded" -> base64 = value == JsonToken.VALUE_TRUE;
					default -> {
					}
				}
				parser.skipChildren();
			}
		}
		catch (JacksonException ex) {
			return Optional.empty();
		}
		if (!http || !marked) {
			return Optional.empty();
		}
		if (body == null) {
			return Optional.of(new byte[0]);
		}
		return Optional.of(base64 ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8));
	}

	private static boolean hasHeader(JsonParser parser, JsonToken value) {
		if (value != JsonToken.START_OBJECT) {
			return false;
		}
		boolean found = false;
		for (String header = parser.nextName(); header != null; header = parser.nextName()) {
			parser.nextToken();
			parser.skipChildren();
			found |= HEADER.equalsIgnoreCase(header);
		}
		return found;
	}

	private static boolean containsHeaderName(byte[] event) {
		int last = event.length - LOWER.length;
		outer: for (int i = 0; i <= last; i++) {
			for (int j = 0; j < LOWER.length; j++) {
				if ((event[i + j] | 0x20) != LOWER[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

}
