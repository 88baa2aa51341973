package io.github.lambdawarmup;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

/**
 * The identity of this execution environment, and what it has done since it started.
 * <p>
 * One Lambda execution environment is one process, so {@link #current()} is a process-wide instance.
 * Its id is random, generated once, and generated again by {@link #restored()} after a SnapStart
 * restore, since every environment restored from a snapshot would otherwise share the id.
 */
public final class ExecutionEnvironment {

	private static final ExecutionEnvironment CURRENT = new ExecutionEnvironment(Clock.systemUTC(), processStart(),
			LambdaPlatform.fromSystem());

	private final Clock clock;

	private final LambdaPlatform platform;

	private volatile Life life;

	private final List<Listener> listeners = new CopyOnWriteArrayList<>();

	/**
	 * Creates an environment; use {@link #current()} outside tests.
	 * @param clock the clock that measures age and init duration
	 * @param startedAt when the process started
	 * @param platform what Lambda says about this environment
	 */
	public ExecutionEnvironment(Clock clock, Instant startedAt, LambdaPlatform platform) {
		this.clock = clock;
		this.platform = platform;
		this.life = new Life(EnvironmentIds.atStart(), startedAt);
	}

	/** The environment this process is. */
	public static ExecutionEnvironment current() {
		return CURRENT;
	}

	/** The random id of this environment. */
	public String id() {
		return this.life.id;
	}

	/** What Lambda says about this environment. */
	public LambdaPlatform platform() {
		return this.platform;
	}

	/** The current time, on the clock this environment measures with. */
	public Instant now() {
		return this.clock.instant();
	}

	/** How long ago this environment started (or was restored). */
	public Duration age() {
		return Duration.between(this.life.startedAt, this.clock.instant());
	}

	/**
	 * How long it took from the start of this environment to its first invocation, or {@code null}
	 * before that invocation.
	 */
	public @Nullable Duration initDuration() {
		return this.life.initDuration;
	}

	/** How many invocations this environment has served, warm-ups included. */
	public long invocations() {
		return this.life.invocations;
	}

	/** How many of this environment's invocations were the user's: neither warm-ups nor triggers. */
	public long userInvocations() {
		return this.life.userInvocations;
	}

	/** How many warm-ups this environment has answered. */
	public long warmUps() {
		return this.life.warmUps;
	}

	/**
	 * Whether a user's invocation paid this environment's cold start: its first invocation was not a
	 * warm-up. {@code null} before the first invocation.
	 */
	public @Nullable Boolean userColdStart() {
		Life current = this.life;
		return (current.invocations == 0) ? null : current.userColdStart;
	}

	/** The round of the last warm-up this environment answered, or {@code null}. */
	public @Nullable String lastRound() {
		return this.life.lastRound;
	}

	/** When the last warm-up this environment answered began, in milliseconds since the epoch, or {@code null}. */
	public @Nullable Long lastRoundAtMs() {
		return this.life.lastRoundAtMs;
	}

	/**
	 * Tells a listener of every user invocation that pays a cold start, in the thread that serves it.
	 * @param listener the listener
	 */
	public void addListener(Listener listener) {
		this.listeners.add(listener);
	}

	/**
	 * Stops telling a listener.
	 * @param listener the listener
	 */
	public void removeListener(Listener listener) {
		this.listeners.remove(listener);
	}

	/**
	 * Counts an invocation. Calls with the request id of the previous one count once: a composed
	 * function sees one invocation more than once.
	 * @param requestId the Lambda request id, or {@code null} when unknown
	 * @param kind what the invocation was
	 * @param round for a warm-up a trusted warmer sent, its round; otherwise {@code null}
	 * @return what serving it meant to this environment
	 */
	Invocation.Served serve(@Nullable String requestId, Invocation.Kind kind, @Nullable String round) {
		Invocation.Served served;
		Duration userColdStart = null;
		synchronized (this) {
			Life current = this.life;
			if (requestId != null && requestId.equals(current.lastRequestId) && current.lastServed != null) {
				return current.lastServed;
			}
			current.lastRequestId = requestId;
			current.invocations++;
			boolean coldStart = current.invocations == 1;
			if (coldStart) {
				current.initDuration = Duration.between(current.startedAt, this.clock.instant());
				current.userColdStart = kind == Invocation.Kind.USER;
				userColdStart = current.userColdStart ? current.initDuration : null;
			}
			served = switch (kind) {
				case USER -> {
					current.userInvocations++;
					current.userSinceLastWarmUp++;
					yield new Invocation.Served(coldStart, current.invocations, 0, false, null, null);
				}
				case WARM_UP -> warmUp(current, coldStart, round);
				case OTHER -> new Invocation.Served(coldStart, current.invocations, 0, false, null, null);
			};
			current.lastServed = served;
		}
		if (userColdStart != null) {
			for (Listener listener : this.listeners) {
				listener.userColdStart(userColdStart);
			}
		}
		return served;
	}

	// A warm-up reports the user traffic since the previous one, and the previous round, once.
	private Invocation.Served warmUp(Life current, boolean coldStart, @Nullable String round) {
		current.warmUps++;
		Invocation.Served served = new Invocation.Served(coldStart, current.invocations, current.userSinceLastWarmUp,
				current.userColdStart && !current.userColdStartReported, current.lastRound, current.lastRoundAtMs);
		current.userSinceLastWarmUp = 0;
		current.userColdStartReported = true;
		if (round != null) {
			current.lastRound = round;
			current.lastRoundAtMs = this.clock.millis();
		}
		return served;
	}

	/**
	 * What this environment knows of the dispatch of fan-out rounds: the newest calibration carried by a
	 * warm-up it answered or measured by a round it ran, or {@code null} when it knows none.
	 */
	public @Nullable DispatchCalibration calibration() {
		return this.life.calibration;
	}

	/**
	 * Remembers a calibration, unless a newer one is known: rounds run by different environments
	 * measure independently, and the latest measure is the best guess for the next round.
	 * @param calibration the calibration a warm-up carried or a round measured
	 */
	public synchronized void learn(DispatchCalibration calibration) {
		Life current = this.life;
		if (current.calibration == null || calibration.isNewerThan(current.calibration)) {
			current.calibration = calibration;
			if (calibration.arrivalPercent() != null && !current.arrivalMeasuredHere) {
				current.arrivalPercent = calibration.arrivalPercent();
			}
		}
	}

	/**
	 * How much longer, in per cent, a round's warm-ups took to arrive than to leave: measured by a round this
	 * environment ran, or else carried by the newest warm-up it answered; {@code null} when it knows none. The
	 * warm-ups it sends carry it, so that whichever environment runs the next round plans for it.
	 */
	public @Nullable Integer arrivalPercent() {
		return this.life.arrivalPercent;
	}

	/**
	 * Remembers the arrival factor a round run here measured; it is preferred to any a warm-up carries, which
	 * was measured by some earlier round.
	 * @param percent the factor, in per cent
	 */
	public synchronized void learnArrival(int percent) {
		Life current = this.life;
		current.arrivalPercent = Math.max(DispatchCalibration.MIN_ARRIVAL_PERCENT,
				Math.min(DispatchCalibration.MAX_ARRIVAL_PERCENT, percent));
		current.arrivalMeasuredHere = true;
	}

	/**
	 * Starts a new life after a SnapStart restore: a new id, a new start, and a cold start to come.
	 */
	public void restored() {
		this.life = new Life(EnvironmentIds.afterRestore(), this.clock.instant());
	}

	// From the process table: the JVM's management beans would cost a cold start about 4 ms to set up.
	private static Instant processStart() {
		return ProcessHandle.current()
			.info()
			.startInstant()
			.orElseGet(() -> Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));
	}

	@Override
	public String toString() {
		Life current = this.life;
		return "ExecutionEnvironment[id=" + current.id + ", invocations=" + current.invocations + "]";
	}

	private static final class Life {

		final String id;

		final Instant startedAt;

		@Nullable Duration initDuration;

		long invocations;

		@Nullable String lastRequestId;

		Invocation.@Nullable Served lastServed;

		long userInvocations;

		long warmUps;

		long userSinceLastWarmUp;

		boolean userColdStart;

		boolean userColdStartReported;

		@Nullable String lastRound;

		@Nullable Long lastRoundAtMs;

		volatile @Nullable DispatchCalibration calibration;

		volatile @Nullable Integer arrivalPercent;

		boolean arrivalMeasuredHere;

		Life(String id, Instant startedAt) {
			this.id = Objects.requireNonNull(id);
			this.startedAt = startedAt;
		}

	}

	/** Told of what the environment serves. */
	public interface Listener {

		/**
		 * A user's invocation paid this environment's cold start.
		 * @param initDuration from the environment's start to that invocation
		 */
		void userColdStart(Duration initDuration);

	}

}
