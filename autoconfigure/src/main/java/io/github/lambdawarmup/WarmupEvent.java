package io.github.lambdawarmup;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * An invocation that asks the function to warm up rather than to do its work.
 * <p>
 * Three kinds exist: a {@link WarmUp} keeps the environment that receives it busy for a while and
 * answers with the environment's identity; a {@link FanOutTrigger} asks the receiving environment to
 * send {@code concurrency} warm-ups at once; a {@link StatusRequest} asks it what it is and does. Detection looks only at the top level of a JSON object of
 * at most {@link #MAX_EVENT_BYTES} bytes, so any other event is recognised as "not a warm-up" at a
 * bounded cost and passes on untouched.
 *
 * @see #detect(byte[])
 */
public sealed interface WarmupEvent permits WarmupEvent.WarmUp, WarmupEvent.FanOutTrigger, WarmupEvent.StatusRequest {

	/**
	 * Events larger than this are never warm-ups: every warm-up format fits in a few hundred bytes,
	 * and bounding the size bounds the cost of the check on real traffic.
	 */
	int MAX_EVENT_BYTES = 16 * 1024;

	/** The top-level key of this project's own protocol. */
	String PROTOCOL_KEY = "lambda-warmup";

	/** The version of the protocol this library speaks and answers with. */
	int PROTOCOL_VERSION = 1;

	/** The longest hold a warm-up may ask for: Lambda's maximum timeout. */
	Duration MAX_HOLD = Duration.ofMinutes(15);

	/** The largest round a warm-up may belong to, and the largest fan-out a trigger may ask for. */
	int MAX_CONCURRENCY = 10_000;

	/**
	 * Recognises a warm-up invocation.
	 * @param event the raw bytes of the invocation event, as Lambda delivered them
	 * @return the warm-up, or empty when the event is not a warm-up and belongs to the user's code
	 * @throws InvalidWarmupEventException when the event claims to be a warm-up but is malformed or
	 * out of bounds
	 */
	static Optional<WarmupEvent> detect(byte[] event) {
		return WarmupEventParser.detect(event, Source.PROTOCOL_ONLY);
	}

	/**
	 * Recognises a warm-up invocation in this project's protocol or in the dialects of other warmers.
	 * @param event the raw bytes of the invocation event, as Lambda delivered them
	 * @param sources the warmers whose payloads are warm-ups here; any other warmer's payload is an
	 * ordinary event, made of common words such as {@code "warmer"} and {@code "source"}
	 * @return the warm-up, or empty when the event is not a warm-up and belongs to the user's code
	 * @throws InvalidWarmupEventException when the event claims to be a warm-up of one of these sources
	 * but is malformed or out of bounds
	 */
	static Optional<WarmupEvent> detect(byte[] event, Set<Source> sources) {
		return WarmupEventParser.detect(event, sources);
	}

	/** Which warmer sent the event. */
	Source source();

	/**
	 * One warm-up ping: hold the environment for {@code hold}, then answer who you are.
	 * @param source the warmer that sent it
	 * @param round the id of the fan-out round this ping belongs to, or {@code null}
	 * @param index the position of this ping in its round, from 0
	 * @param size the number of pings in the round
	 * @param hold how long the environment should stay busy, before bounding
	 * @param calibration what the sender knew of its dispatch, passed on to the environment so that a
	 * round it runs later starts from it; {@code null} from other warmers
	 * @param secret the trigger secret, the proof of a warmer that cannot set a client context (one that
	 * warms over HTTP, for one), or {@code null}; never written by {@link #toJson()}
	 */
	record WarmUp(Source source, @Nullable String round, int index, int size, Duration hold,
			@Nullable DispatchCalibration calibration, @Nullable String secret) implements WarmupEvent {

		/** The longest round id accepted: ids are echoed in every answer and in logs. */
		public static final int MAX_ROUND_LENGTH = 128;

		public WarmUp {
			if (round != null && round.length() > MAX_ROUND_LENGTH) {
				throw new InvalidWarmupEventException(
						"\"round\" must be at most " + MAX_ROUND_LENGTH + " characters, was " + round.length());
			}
			if (size < 1 || size > MAX_CONCURRENCY) {
				throw new InvalidWarmupEventException(
						"\"size\" must be from 1 to " + MAX_CONCURRENCY + ", was " + size);
			}
			if (index < 0 || index >= size) {
				throw new InvalidWarmupEventException(
						"\"index\" must be from 0 to " + (size - 1) + " in a round of " + size + ", was " + index);
			}
			if (hold.isNegative() || hold.compareTo(MAX_HOLD) > 0) {
				throw new InvalidWarmupEventException(
						"\"holdMs\" must be from 0 to " + MAX_HOLD.toMillis() + ", was " + hold.toMillis());
			}
			if (secret != null && secret.length() > FanOutTrigger.MAX_SECRET_LENGTH) {
				throw new InvalidWarmupEventException("\"secret\" must be at most " + FanOutTrigger.MAX_SECRET_LENGTH
						+ " characters, was " + secret.length());
			}
		}

		/** A warm-up that carries no secret. */
		public WarmUp(Source source, @Nullable String round, int index, int size, Duration hold,
				@Nullable DispatchCalibration calibration) {
			this(source, round, index, size, hold, calibration, null);
		}

		/** A warm-up that carries no calibration and no secret. */
		public WarmUp(Source source, @Nullable String round, int index, int size, Duration hold) {
			this(source, round, index, size, hold, null, null);
		}

		/** A single ping outside any round that does not hold. */
		public static WarmUp single(Source source) {
			return new WarmUp(source, null, 0, 1, Duration.ZERO);
		}

		/**
		 * This warm-up in this project's protocol, whatever warmer sent it: what a fan-out sends and
		 * {@link WarmupEvent#detect(byte[])} reads back as an equal warm-up of source
		 * {@link Source#LAMBDA_WARMUP}.
		 * @return the JSON bytes
		 */
		public byte[] toJson() {
			return WarmupEventParser.write(this);
		}

		// The secret never reaches a log line.
		@Override
		public String toString() {
			return "WarmUp[source=" + this.source + ", round=" + this.round + ", index=" + this.index + ", size="
					+ this.size + ", hold=" + this.hold + ", calibration=" + this.calibration + ", secret="
					+ ((this.secret != null) ? "(given)" : "(none)") + "]";
		}

	}

	/**
	 * A request to run a fan-out from this environment.
	 * @param source the warmer that sent it
	 * @param concurrency the number of environments to warm, or {@code null} for the configured one
	 * @param secret the trigger secret it carries, or {@code null}
	 */
	record FanOutTrigger(Source source, @Nullable Integer concurrency, @Nullable String secret) implements WarmupEvent {

		/** The longest secret accepted. */
		public static final int MAX_SECRET_LENGTH = 256;

		public FanOutTrigger {
			if (concurrency != null && (concurrency < 1 || concurrency > MAX_CONCURRENCY)) {
				throw new InvalidWarmupEventException(
						"\"concurrency\" must be from 1 to " + MAX_CONCURRENCY + ", was " + concurrency);
			}
			if (secret != null && secret.length() > MAX_SECRET_LENGTH) {
				throw new InvalidWarmupEventException(
						"\"secret\" must be at most " + MAX_SECRET_LENGTH + " characters, was " + secret.length());
			}
		}

		/** A trigger that carries no secret. */
		public FanOutTrigger(Source source, @Nullable Integer concurrency) {
			this(source, concurrency, null);
		}

		// The secret never reaches a log line.
		@Override
		public String toString() {
			return "FanOutTrigger[source=" + this.source + ", concurrency=" + this.concurrency + ", secret="
					+ ((this.secret != null) ? "(given)" : "(none)") + "]";
		}

	}

	/**
	 * Asks the environment that receives it for its status: what {@code /actuator/warmup} shows, over the
	 * Invoke API. It needs the same proof as a fan-out trigger.
	 *
	 * @param source who sent it
	 * @param secret the trigger secret, or {@code null} for a caller that proves itself with the
	 * warmer's client context
	 */
	record StatusRequest(Source source, @Nullable String secret) implements WarmupEvent {

		public StatusRequest {
			if (secret != null && secret.length() > FanOutTrigger.MAX_SECRET_LENGTH) {
				throw new InvalidWarmupEventException("\"secret\" must be at most " + FanOutTrigger.MAX_SECRET_LENGTH
						+ " characters, was " + secret.length());
			}
		}

		// The secret never reaches a log line.
		@Override
		public String toString() {
			return "StatusRequest[source=" + this.source + ", secret=" + ((this.secret != null) ? "(given)" : "(none)")
					+ "]";
		}

	}

	/** The warmers whose payloads are recognised. */
	enum Source {

		/** This project's own protocol, {@code {"lambda-warmup": {...}}}. */
		LAMBDA_WARMUP,

		/** serverless-plugin-warmup's default payload, {@code {"source": "serverless-plugin-warmup"}}. */
		SERVERLESS_PLUGIN_WARMUP,

		/** lambda-warmer's payloads, {@code {"warmer": true, "concurrency": 3}} and its self-invocations. */
		LAMBDA_WARMER;

		/** This project's protocol alone: what {@link WarmupEvent#detect(byte[])} recognises. */
		public static final Set<Source> PROTOCOL_ONLY = Collections.unmodifiableSet(EnumSet.of(LAMBDA_WARMUP));

		/** Every warmer this library knows. */
		public static final Set<Source> ALL = Collections.unmodifiableSet(EnumSet.allOf(Source.class));

	}

}
