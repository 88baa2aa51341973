package io.github.lambdawarmup;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decides, for each invocation, whether it is a warm-up, and answers it if so. Every interception path
 * (the function wrapper, the servlet filter, the stream handler) calls it; what it
 * leaves alone goes to the user's code untouched.
 */
public final class WarmupInterceptor {

	// Built when first needed, not at start-up: a user's cold start does not pay for it.
	private static final class Json {

		static final JsonMapper MAPPER = JsonMapper.builder().build();

	}

	// What a warm-up without proof is answered: warm, and nothing more.
	private static final byte[] UNTRUSTED_WARM = ("{\"protocol\":" + WarmupEvent.PROTOCOL_VERSION + ",\"status\":\""
			+ WarmupAnswer.WARM + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);

	private final ExecutionEnvironment environment;

	private final HoldPolicy holdPolicy;

	private final FanOutTriggerHandler fanOut;

	private final WarmupTrust trust;

	private final WarmupDialects dialects;

	private final java.util.Set<WarmupEvent.Source> sources;

	private final StatusHandler status;

	private final boolean active;

	private final @Nullable Priming priming;

	/**
	 * Creates an interceptor that trusts IAM alone.
	 * @param environment this environment
	 * @param holdPolicy the bounds of a hold
	 * @param fanOut what runs a trusted fan-out trigger
	 */
	public WarmupInterceptor(ExecutionEnvironment environment, HoldPolicy holdPolicy, FanOutTriggerHandler fanOut) {
		this(environment, holdPolicy, fanOut, WarmupTrust.IAM_ONLY);
	}

	/**
	 * Creates an interceptor.
	 * @param environment this environment
	 * @param holdPolicy the bounds of a hold
	 * @param fanOut what runs a trusted fan-out trigger
	 * @param trust who may make this function hold, fan out, or say who it is
	 */
	public WarmupInterceptor(ExecutionEnvironment environment, HoldPolicy holdPolicy, FanOutTriggerHandler fanOut,
			WarmupTrust trust) {
		this(environment, holdPolicy, fanOut, trust, WarmupDialects.NONE);
	}

	/**
	 * Creates an interceptor that also answers other warmers' payloads.
	 * @param environment this environment
	 * @param holdPolicy the bounds of a hold
	 * @param fanOut what runs a trusted fan-out trigger
	 * @param trust who may make this function hold, fan out, or say who it is
	 * @param dialects the other warmers whose payloads are warm-ups here
	 */
	public WarmupInterceptor(ExecutionEnvironment environment, HoldPolicy holdPolicy, FanOutTriggerHandler fanOut,
			WarmupTrust trust, WarmupDialects dialects) {
		this(environment, holdPolicy, fanOut, trust, dialects, (invocation) -> EnvironmentStatus.of(environment));
	}

	/**
	 * Creates an interceptor that also answers other warmers' payloads and status requests.
	 * @param environment this environment
	 * @param holdPolicy the bounds of a hold
	 * @param fanOut what runs a trusted fan-out trigger
	 * @param trust who may make this function hold, fan out, or say who it is
	 * @param dialects the other warmers whose payloads are warm-ups here
	 * @param status what answers a trusted status request
	 */
	public WarmupInterceptor(ExecutionEnvironment environment, HoldPolicy holdPolicy, FanOutTriggerHandler fanOut,
			WarmupTrust trust, WarmupDialects dialects, StatusHandler status) {
		this.status = status;
		this.environment = environment;
		this.holdPolicy = holdPolicy;
		this.fanOut = fanOut;
		this.trust = trust;
		this.dialects = dialects;
		this.sources = dialects.sources();
		this.active = true;
		this.priming = null;
	}

	// A copy of another interceptor, switched on or off, priming or not.
	private WarmupInterceptor(WarmupInterceptor interceptor, boolean active, @Nullable Priming priming) {
		this.environment = interceptor.environment;
		this.holdPolicy = interceptor.holdPolicy;
		this.fanOut = interceptor.fanOut;
		this.trust = interceptor.trust;
		this.dialects = interceptor.dialects;
		this.sources = interceptor.sources;
		this.status = interceptor.status;
		this.active = active;
		this.priming = priming;
	}

	/**
	 * This interceptor, priming the user's code in the environment's first trusted warm-up, within its hold.
	 * @param priming the priming of this environment
	 * @return a copy of this interceptor that primes
	 */
	public WarmupInterceptor withPriming(Priming priming) {
		return new WarmupInterceptor(this, this.active, priming);
	}

	/**
	 * An interceptor that recognises nothing: every event is the user's, passed on unchanged and not counted.
	 * What an application processed ahead of time builds when it runs off Lambda, where its bean definitions,
	 * fixed at build time, cannot be left out.
	 * @return an inactive interceptor
	 */
	public static WarmupInterceptor inactive() {
		return new WarmupInterceptor(withDefaults(), false, null);
	}

	/**
	 * Whether this interceptor answers warm-ups at all.
	 * @return {@code false} only for {@link #inactive()}
	 */
	public boolean isActive() {
		return this.active;
	}

	/** An interceptor for this process with default bounds and no fan-out. */
	public static WarmupInterceptor withDefaults() {
		return new WarmupInterceptor(ExecutionEnvironment.current(), HoldPolicy.DEFAULT,
				FanOutTriggerHandler.NOT_CONFIGURED);
	}

	/**
	 * Counts the invocation and answers it if it is a warm-up or a fan-out trigger.
	 * @param event the raw event
	 * @param invocation what is known of the invocation
	 * @return the JSON answer of a warm-up or a fan-out trigger (also for a malformed one), or empty for
	 * any other event, which the caller passes on unchanged
	 */
	public Optional<Answer> intercept(byte[] event, Invocation invocation) {
		return intercept(event, invocation, true);
	}

	/**
	 * Counts the invocation and answers it if it is a warm-up, for an event that arrived where anyone can
	 * send one (an HTTP request, for one): a fan-out trigger is refused, or anyone who can reach the
	 * endpoint could make the function invoke itself many times.
	 * @param event the raw event
	 * @param invocation what is known of the invocation
	 * @return the JSON answer, or empty for any other event
	 */
	public Optional<Answer> interceptWarmUp(byte[] event, Invocation invocation) {
		return intercept(event, invocation, false);
	}

	/**
	 * The whole job of a plain handler: answers a warm-up, or runs the function on any other event.
	 * @param event the raw event
	 * @param invocation what is known of the invocation
	 * @param function the user's code, given the event unchanged
	 * @return the warm-up's answer or the function's result
	 */
	public byte[] handle(byte[] event, Invocation invocation, UnaryOperator<byte[]> function) {
		return intercept(event, invocation).map(Answer::json).orElseGet(() -> function.apply(event));
	}

	private Optional<Answer> intercept(byte[] event, Invocation invocation, boolean fanOutAllowed) {
		if (!this.active) {
			return Optional.empty();
		}
		Optional<WarmupEvent> detected;
		try {
			detected = WarmupEvent.detect(event, this.sources);
		}
		catch (InvalidWarmupEventException ex) {
			this.environment.serve(invocation.requestId(), Invocation.Kind.OTHER, null);
			return Optional.of(new Answer(Answer.Kind.INVALID, json(WarmupErrorAnswer.invalid(ex))));
		}
		if (detected.isEmpty()) {
			this.environment.serve(invocation.requestId(), Invocation.Kind.USER, null);
			return Optional.empty();
		}
		WarmupEvent warmupEvent = detected.get();
		if (warmupEvent instanceof WarmupEvent.FanOutTrigger trigger) {
			return Optional.of(answerTrigger(trigger, invocation, fanOutAllowed));
		}
		if (warmupEvent instanceof WarmupEvent.StatusRequest request) {
			return Optional.of(answerStatus(request, invocation, fanOutAllowed));
		}
		return Optional.of(answerWarmUp((WarmupEvent.WarmUp) warmupEvent, invocation));
	}

	private Answer answerWarmUp(WarmupEvent.WarmUp warmUp, Invocation invocation) {
		// Anyone may reach the function; only an IAM-authenticated warmer, or one that knows the secret, may make
		// it hold or say who it is.
		if (!this.trust.mayHold(warmUp, invocation)) {
			this.environment.serve(invocation.requestId(), Invocation.Kind.WARM_UP, null);
			return new Answer(Answer.Kind.WARM, UNTRUSTED_WARM);
		}
		Invocation.Served served = this.environment.serve(invocation.requestId(), Invocation.Kind.WARM_UP,
				warmUp.round());
		return new Answer(Answer.Kind.WARM, json(warmUp(warmUp, invocation, served)));
	}

	private Answer answerTrigger(WarmupEvent.FanOutTrigger trigger, Invocation invocation, boolean allowed) {
		this.environment.serve(invocation.requestId(), Invocation.Kind.OTHER, null);
		if (!allowed) {
			return new Answer(Answer.Kind.REFUSED, json(WarmupErrorAnswer.fanOutRefused()));
		}
		if (!this.trust.mayFanOut(trigger, invocation)) {
			return new Answer(Answer.Kind.REFUSED, json(WarmupErrorAnswer.fanOutUntrusted()));
		}
		Answer answer = new Answer(Answer.Kind.FAN_OUT, json(runFanOut(trigger, invocation)));
		// The environment that ran the round serves users too: it primes once the round is sent and answered.
		if (this.priming != null) {
			this.priming.prime(Priming.Phase.AFTER_FAN_OUT, null);
		}
		return answer;
	}

	private Answer answerStatus(WarmupEvent.StatusRequest request, Invocation invocation, boolean allowed) {
		this.environment.serve(invocation.requestId(), Invocation.Kind.OTHER, null);
		if (!allowed || !this.trust.mayReadStatus(request, invocation)) {
			return new Answer(Answer.Kind.REFUSED, json(WarmupErrorAnswer.statusUntrusted()));
		}
		return new Answer(Answer.Kind.STATUS, json(this.status.status(invocation)));
	}

	// A trigger usually arrives asynchronously: a handler that throws would make Lambda run it again.
	private FanOutAnswer runFanOut(WarmupEvent.FanOutTrigger trigger, Invocation invocation) {
		try {
			return this.fanOut.handle(trigger, invocation);
		}
		catch (RuntimeException ex) {
			return WarmupErrorAnswer.fanOutFailed(ex);
		}
	}

	private WarmupAnswer warmUp(WarmupEvent.WarmUp warmUp, Invocation invocation, Invocation.Served served) {
		long startedAt = this.environment.now().toEpochMilli();
		if (warmUp.calibration() != null) {
			this.environment.learn(warmUp.calibration());
		}
		Duration hold = this.holdPolicy.bound(this.dialects.requestedHold(warmUp), invocation.remainingTime());
		hold(prime(hold));
		Duration initDuration = this.environment.initDuration();
		LambdaPlatform platform = this.environment.platform();
		return new WarmupAnswer(WarmupEvent.PROTOCOL_VERSION, WarmupAnswer.WARM, this.environment.id(),
				served.coldStart(), (initDuration != null) ? initDuration.toMillis() : 0,
				this.environment.age().toMillis(), served.number(), platform.functionName(),
				platform.functionVersion(), warmUp.round(), warmUp.index(), hold.toMillis(), startedAt,
				served.userInvocations(), served.userColdStart(), served.previousRound(), served.previousRoundAtMs());
	}

	// Priming runs within the hold: the environment is busy either way, and what is left of the hold is held.
	private Duration prime(Duration hold) {
		if (this.priming == null || this.priming.isDone()) {
			return hold;
		}
		Instant end = this.environment.now().plus(hold);
		this.priming.prime(Priming.Phase.IN_WARM_UP, end);
		Duration left = Duration.between(this.environment.now(), end);
		return left.isNegative() ? Duration.ZERO : left;
	}

	private static byte[] json(Object answer) {
		return Json.MAPPER.writeValueAsBytes(answer);
	}

	// Holding keeps this environment busy, so the other warm-ups of the round land on other environments.
	private static void hold(Duration hold) {
		if (hold.isZero()) {
			return;
		}
		try {
			Thread.sleep(hold.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The answer to an intercepted invocation.
	 * @param kind what was answered
	 * @param json the JSON body of the answer
	 */
	public record Answer(Kind kind, byte[] json) {

		/** What was answered. */
		public enum Kind {

			/** A warm-up, held and answered with the environment's identity. */
			WARM,

			/** A fan-out trigger, answered with the fan-out's report. */
			FAN_OUT,

			/** A status request, answered with the status. */
			STATUS,

			/** A malformed warm-up, answered with an error that names the field. */
			INVALID,

			/** A fan-out trigger or a status request without proof, or where they are not allowed. */
			REFUSED

		}

	}

}
