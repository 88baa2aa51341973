package io.github.lambdawarmup;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
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

	// A vectorised search for the tail of the name, in lower or upper case, then a case-insensitive check
	// of the whole name around it: most HTTP events are not parsed at all.
	private static boolean containsHeaderName(byte[] event) {
		String text = new String(event, StandardCharsets.ISO_8859_1);
		return containsHeaderNameAround(text, "armup") || containsHeaderNameAround(text, "ARMUP");
	}

	private static boolean containsHeaderNameAround(String text, String tail) {
		int offset = HEADER.length() - tail.length();
		for (int at = text.indexOf(tail); at >= 0; at = text.indexOf(tail, at + 1)) {
			if (at >= offset && text.regionMatches(true, at - offset, HEADER, 0, HEADER.length())) {
				return true;
			}
		}
		return false;
	}

}
