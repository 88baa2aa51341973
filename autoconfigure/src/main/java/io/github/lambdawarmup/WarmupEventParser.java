package io.github.lambdawarmup;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

import io.github.lambdawarmup.WarmupEvent.FanOutTrigger;
import io.github.lambdawarmup.WarmupEvent.StatusRequest;
import io.github.lambdawarmup.WarmupEvent.Source;
import io.github.lambdawarmup.WarmupEvent.WarmUp;

/**
 * Reads the top level of an event with a streaming parser, skipping nested values, and only after a
 * cheap byte scan has found one of the warm-up markers: real traffic pays a length check and a scan of
 * at most {@link WarmupEvent#MAX_EVENT_BYTES} bytes.
 */
final class WarmupEventParser {

	private static final JsonFactory JSON = new JsonFactory();

	private static final String SERVERLESS_PLUGIN_WARMUP = "serverless-plugin-warmup";

	private static final String WARM_UP = "warm-up";

	private static final String FAN_OUT = "fan-out";

	private static final String STATUS = "status";

	private static final Duration LAMBDA_WARMER_HOLD = Duration.ofMillis(75);

	private static final Set<String> HTTP_KEYS = Set.of("httpMethod", "routeKey", "requestContext");

	private WarmupEventParser() {
	}

	static Optional<WarmupEvent> detect(byte[] event, Set<Source> sources) {
		if (!mayBeWarmup(event)) {
			return Optional.empty();
		}
		int offset = hasByteOrderMark(event) ? 3 : 0;
		int length = event.length - offset;
		TopLevel top = new TopLevel(sources);
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), event, offset, length)) {
			parser.nextToken();
			for (String name = parser.nextName(); name != null; name = parser.nextName()) {
				top.read(name, parser);
			}
			if (parser.nextToken() != null) {
				throw new InvalidWarmupEventException("the event has content after its closing brace");
			}
		}
		catch (JacksonException ex) {
			if (top.claimed() && !isHttp(event, offset, length)) {
				throw new InvalidWarmupEventException("the warm-up event is not valid JSON: " + ex.getOriginalMessage(),
						ex);
			}
			return Optional.empty();
		}
		catch (InvalidWarmupEventException ex) {
			// An HTTP request reaches the application whatever its body or its other keys say.
			if (top.claimed() && !isHttp(event, offset, length)) {
				throw ex;
			}
			return Optional.empty();
		}
		return top.toEvent();
	}

	/**
	 * Whether the event passes the checks that come before any parsing: its length, its first character
	 * and a marker every warmer's payload has. Most events stop here.
	 */
	static boolean mayBeWarmup(byte[] event) {
		// A UTF-8 byte order mark is allowed before the JSON, as some senders write one.
		int offset = hasByteOrderMark(event) ? 3 : 0;
		return event.length > offset && event.length <= WarmupEvent.MAX_EVENT_BYTES && startsWithObject(event, offset)
				&& containsMarker(event);
	}

	// Only after a malformed warm-up: whether the rest of the top level, not read yet, makes it an HTTP
	// request after all.
	private static boolean isHttp(byte[] event, int offset, int length) {
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), event, offset, length)) {
			parser.nextToken();
			for (String name = parser.nextName(); name != null; name = parser.nextName()) {
				if (HTTP_KEYS.contains(name)) {
					return true;
				}
				parser.nextToken();
				parser.skipChildren();
			}
			return false;
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	private static boolean hasByteOrderMark(byte[] event) {
		return event.length >= 3 && event[0] == (byte) 0xEF && event[1] == (byte) 0xBB && event[2] == (byte) 0xBF;
	}

	static byte[] write(WarmUp warmUp) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(128);
		try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
			json.writeStartObject();
			json.writeName(WarmupEvent.PROTOCOL_KEY);
			json.writeStartObject();
			json.writeStringProperty("action", WARM_UP);
			if (warmUp.round() != null) {
				json.writeStringProperty("round", warmUp.round());
			}
			json.writeNumberProperty("index", warmUp.index());
			json.writeNumberProperty("size", warmUp.size());
			json.writeNumberProperty("holdMs", warmUp.hold().toMillis());
			DispatchCalibration calibration = warmUp.calibration();
			if (calibration != null) {
				json.writeName("calibration");
				json.writeStartObject();
				json.writeNumberProperty("concurrency", calibration.concurrency());
				json.writeNumberProperty("spreadMs", calibration.spreadMs());
				json.writeNumberProperty("measuredAtMs", calibration.measuredAtMs());
				if (calibration.arrivalPercent() != null) {
					json.writeNumberProperty("arrivalPercent", calibration.arrivalPercent());
				}
				json.writeEndObject();
			}
			json.writeEndObject();
			json.writeEndObject();
		}
		return out.toByteArray();
	}

	private static boolean startsWithObject(byte[] event, int offset) {
		for (int i = offset; i < event.length; i++) {
			byte b = event[i];
			if (b == '{') {
				return true;
			}
			if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
				return false;
			}
		}
		return false;
	}

	// Every recognised payload has "warm" (warmup", "warmer") or "WARM" (__WARMER_) in it. Latin-1 maps
	// bytes to chars one to one, and String.indexOf is vectorised by the JVM.
	private static boolean containsMarker(byte[] event) {
		String text = new String(event, StandardCharsets.ISO_8859_1);
		return text.contains("warm") || text.contains("WARM");
	}

	/** What the top level of the event says, read one property at a time. */
	private static final class TopLevel {

		private final boolean lambdaWarmer;

		private final boolean serverlessPluginWarmupAccepted;

		TopLevel(Set<Source> sources) {
			this.lambdaWarmer = sources.contains(Source.LAMBDA_WARMER);
			this.serverlessPluginWarmupAccepted = sources.contains(Source.SERVERLESS_PLUGIN_WARMUP);
		}

		private @Nullable Protocol protocol;

		private boolean protocolSeen;

		private boolean warmerInvocationSeen;

		private boolean http;

		private boolean serverlessPluginWarmup;

		private boolean warmer;

		private @Nullable Integer warmerConcurrency;

		// lambda-warmer's "concurrency" is a common word; it is judged only once "warmer": true is seen.
		private @Nullable InvalidWarmupEventException invalidWarmerConcurrency;

		private @Nullable Integer warmerInvocation;

		private @Nullable Integer warmerCopies;

		private @Nullable String warmerCorrelationId;

		void read(String name, JsonParser parser) {
			JsonToken value = parser.nextToken();
			switch (name) {
				case WarmupEvent.PROTOCOL_KEY -> {
					if (this.protocolSeen) {
						throw new InvalidWarmupEventException(
								"\"" + WarmupEvent.PROTOCOL_KEY + "\" must appear once, it appears again");
					}
					this.protocolSeen = true;
					this.protocol = Protocol.read(parser, value);
				}
				case "source" -> {
					this.serverlessPluginWarmup = value == JsonToken.VALUE_STRING
							&& SERVERLESS_PLUGIN_WARMUP.equals(parser.getString());
					parser.skipChildren();
				}
				case "warmer" -> {
					this.warmer = value == JsonToken.VALUE_TRUE;
					parser.skipChildren();
				}
				case "concurrency" -> {
					try {
						this.warmerConcurrency = Fields.integer(parser, value, name);
					}
					catch (InvalidWarmupEventException ex) {
						this.invalidWarmerConcurrency = ex;
						parser.skipChildren();
					}
				}
				case "__WARMER_INVOCATION__" -> {
					this.warmerInvocationSeen = true;
					this.warmerInvocation = dialectInteger(parser, value, name);
				}
				case "__WARMER_CONCURRENCY__" -> this.warmerCopies = dialectInteger(parser, value, name);
				case "__WARMER_CORRELATIONID__" -> this.warmerCorrelationId = dialectString(parser, value, name);
				case "httpMethod", "routeKey", "requestContext" -> {
					this.http = true;
					parser.skipChildren();
				}
				default -> parser.skipChildren();
			}
		}

		boolean claimed() {
			return this.protocolSeen || (this.lambdaWarmer && (this.warmer || this.warmerInvocationSeen))
					|| (this.serverlessPluginWarmupAccepted && this.serverlessPluginWarmup);
		}

		// A key of a dialect that is off is an ordinary key of the user's event, whatever its value.
		private @Nullable Integer dialectInteger(JsonParser parser, JsonToken value, String name) {
			if (!this.lambdaWarmer) {
				parser.skipChildren();
				return null;
			}
			return Fields.integer(parser, value, name);
		}

		private @Nullable String dialectString(JsonParser parser, JsonToken value, String name) {
			if (!this.lambdaWarmer) {
				parser.skipChildren();
				return null;
			}
			return Fields.string(parser, value, name);
		}

		Optional<WarmupEvent> toEvent() {
			// An HTTP request is a user's request whatever its body says: never a warm-up, never a fan-out.
			if (this.http) {
				return Optional.empty();
			}
			if (this.protocol != null) {
				return Optional.of(this.protocol.toEvent());
			}
			if (!this.lambdaWarmer) {
				return (this.serverlessPluginWarmupAccepted && this.serverlessPluginWarmup)
						? Optional.of(WarmUp.single(Source.SERVERLESS_PLUGIN_WARMUP)) : Optional.empty();
			}
			if (this.warmerInvocation != null) {
				int size = (this.warmerCopies != null) ? this.warmerCopies : this.warmerInvocation;
				return Optional.of(new WarmUp(Source.LAMBDA_WARMER, this.warmerCorrelationId,
						this.warmerInvocation - 1, size, LAMBDA_WARMER_HOLD));
			}
			if (this.warmer) {
				if (this.invalidWarmerConcurrency != null) {
					throw this.invalidWarmerConcurrency;
				}
				FanOutTrigger trigger = new FanOutTrigger(Source.LAMBDA_WARMER, this.warmerConcurrency);
				return Optional.of((trigger.concurrency() != null && trigger.concurrency() > 1) ? trigger
						: WarmUp.single(Source.LAMBDA_WARMER));
			}
			if (this.serverlessPluginWarmupAccepted && this.serverlessPluginWarmup) {
				return Optional.of(WarmUp.single(Source.SERVERLESS_PLUGIN_WARMUP));
			}
			return Optional.empty();
		}

	}

	/** The object under {@value WarmupEvent#PROTOCOL_KEY}. */
	private static final class Protocol {

		private String action = WARM_UP;

		private @Nullable String round;

		private int index;

		private int size = 1;

		private long holdMs;

		private @Nullable Integer concurrency;

		private @Nullable DispatchCalibration calibration;

		private @Nullable String secret;

		static Protocol read(JsonParser parser, JsonToken value) {
			if (value != JsonToken.START_OBJECT) {
				throw new InvalidWarmupEventException(
						"\"" + WarmupEvent.PROTOCOL_KEY + "\" must be a JSON object, was " + Fields.describe(parser, value));
			}
			Protocol protocol = new Protocol();
			Set<String> seen = new HashSet<>();
			for (String name = parser.nextName(); name != null; name = parser.nextName()) {
				if (!seen.add(name)) {
					throw new InvalidWarmupEventException("\"" + name + "\" must appear once, it appears again");
				}
				JsonToken token = parser.nextToken();
				switch (name) {
					case "action" -> protocol.action = Fields.string(parser, token, name);
					case "round" -> protocol.round = Fields.string(parser, token, name);
					case "index" -> protocol.index = Fields.integer(parser, token, name);
					case "size" -> protocol.size = Fields.integer(parser, token, name);
					case "holdMs" -> protocol.holdMs = Fields.integer(parser, token, name);
					case "concurrency" -> protocol.concurrency = Fields.integer(parser, token, name);
					case "calibration" -> protocol.calibration = readCalibration(parser, token);
					case "secret" -> protocol.secret = Fields.string(parser, token, name);
					// Unknown fields are skipped so that newer warmers can talk to older environments.
					default -> parser.skipChildren();
				}
			}
			return protocol;
		}

		private static DispatchCalibration readCalibration(JsonParser parser, JsonToken value) {
			if (value != JsonToken.START_OBJECT) {
				throw new InvalidWarmupEventException(
						"\"calibration\" must be a JSON object, was " + Fields.describe(parser, value));
			}
			int concurrency = 0;
			long spreadMs = -1;
			long measuredAtMs = -1;
			Integer arrivalPercent = null;
			for (String name = parser.nextName(); name != null; name = parser.nextName()) {
				JsonToken token = parser.nextToken();
				switch (name) {
					case "concurrency" -> concurrency = Fields.integer(parser, token, "calibration.concurrency");
					case "spreadMs" -> spreadMs = Fields.wholeNumber(parser, token, "calibration.spreadMs");
					case "measuredAtMs" -> measuredAtMs = Fields.wholeNumber(parser, token, "calibration.measuredAtMs");
					case "arrivalPercent" -> arrivalPercent = Fields.integer(parser, token, "calibration.arrivalPercent");
					default -> parser.skipChildren();
				}
			}
			return new DispatchCalibration(concurrency, spreadMs, measuredAtMs, arrivalPercent);
		}

		WarmupEvent toEvent() {
			return switch (this.action) {
				case WARM_UP -> new WarmUp(Source.LAMBDA_WARMUP, this.round, this.index, this.size,
						Duration.ofMillis(this.holdMs), this.calibration, this.secret);
				case FAN_OUT -> new FanOutTrigger(Source.LAMBDA_WARMUP, this.concurrency, this.secret);
				case STATUS -> new StatusRequest(Source.LAMBDA_WARMUP, this.secret);
				default -> throw new InvalidWarmupEventException(
						"\"action\" must be \"warm-up\", \"fan-out\" or \"status\", was \"" + this.action + "\"");
			};
		}

	}

	private static final class Fields {

		static int integer(JsonParser parser, JsonToken token, String name) {
			if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
				return parser.getIntValue();
			}
			throw new InvalidWarmupEventException(
					"\"" + name + "\" must be a whole number, was " + describe(parser, token));
		}

		static long wholeNumber(JsonParser parser, JsonToken token, String name) {
			if (token == JsonToken.VALUE_NUMBER_INT && (parser.getNumberType() == JsonParser.NumberType.INT
					|| parser.getNumberType() == JsonParser.NumberType.LONG)) {
				return parser.getLongValue();
			}
			throw new InvalidWarmupEventException(
					"\"" + name + "\" must be a whole number, was " + describe(parser, token));
		}

		static String string(JsonParser parser, JsonToken token, String name) {
			if (token == JsonToken.VALUE_STRING) {
				return parser.getString();
			}
			throw new InvalidWarmupEventException("\"" + name + "\" must be a string, was " + describe(parser, token));
		}

		static String describe(JsonParser parser, JsonToken token) {
			return switch (token) {
				case START_OBJECT -> "an object";
				case START_ARRAY -> "an array";
				case VALUE_STRING -> "the string \"" + abbreviate(parser.getString()) + "\"";
				default -> abbreviate(parser.getText());
			};
		}

		private static String abbreviate(String text) {
			return (text.length() <= 40) ? text : text.substring(0, 40) + "...";
		}

	}

}
