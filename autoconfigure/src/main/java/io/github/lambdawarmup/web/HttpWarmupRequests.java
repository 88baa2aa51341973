package io.github.lambdawarmup.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

import io.github.lambdawarmup.InvalidWarmupEventException;

/**
 * Recognises a warm-up sent over HTTP inside a Lambda HTTP event (API Gateway REST or HTTP API, ALB,
 * Function URL): a request that carries the {@value #HEADER} header. A byte scan for the header name
 * comes first, so ordinary HTTP events are not parsed.
 */
final class HttpWarmupRequests {

	/** The header that marks an HTTP request as a warm-up. */
	static final String HEADER = "X-Lambda-Warmup";

	private static final JsonFactory JSON = new JsonFactory();

	private HttpWarmupRequests() {
	}

	/**
	 * The body of a warm-up request.
	 * @param event a raw Lambda event
	 * @return the request body (empty when it has none) if the event is an HTTP request carrying the
	 * warm-up header, otherwise empty
	 */
	static Optional<byte[]> warmupBody(byte[] event) {
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
		try {
			return Optional.of(base64 ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidWarmupEventException("the warm-up request's body is marked base64 but is not: " + ex.getMessage());
		}
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

	// A case-insensitive Boyer-Moore-Horspool search for the header name: REST APIs keep the case the
	// caller sent, and most HTTP events are scanned in strides of the name's length, not parsed.
	private static boolean containsHeaderName(byte[] event) {
		int last = NAME.length - 1;
		for (int at = last; at < event.length;) {
			int i = 0;
			while (i <= last && lower(event[at - i]) == NAME[last - i]) {
				i++;
			}
			if (i > last) {
				return true;
			}
			at += SKIP[lower(event[at]) & 0xFF];
		}
		return false;
	}

	private static byte lower(byte b) {
		return (b >= 'A' && b <= 'Z') ? (byte) (b + ('a' - 'A')) : b;
	}

	private static final byte[] NAME = HEADER.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);

	private static final int[] SKIP = skipTable();

	private static int[] skipTable() {
		int[] skip = new int[256];
		java.util.Arrays.fill(skip, NAME.length);
		for (int i = 0; i < NAME.length - 1; i++) {
			skip[NAME[i] & 0xFF] = NAME.length - 1 - i;
		}
		return skip;
	}

}
