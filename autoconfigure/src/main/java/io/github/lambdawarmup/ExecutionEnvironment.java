package io.github.lambdawarmup;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The identity of this execution environment, and what it has done since it started.
 * <p>
 * One Lambda execution environment is one process, so {@link #current()} is a process-wide instance.
 * Its id is random, generated once, and generated again by {@link #restored()} after a SnapStart
 * restore, since every environment restored from a snapshot would otherwise share the id.
 */
public final class ExecutionEnvironment {

	private static final ExecutionEnvironment CURRENT = new ExecutionEnvironment(Clock.systemUTC(),
			Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()), LambdaPlatform.fromSystem());

	private final Clock clock;

	private final LambdaPlatform platform;

	private volatile Life life;

	/**
	 * Creates an environment; use {@link #current()} outside tests.
	 * @param clock the clock that measures age and init duration
	 * @param startedAt when the process started
	 * @param platform what Lambda says about this environment
	 */
	public ExecutionEnvironment(Clock clock, Instant startedAt, LambdaPlatform platform) {
		this.clock = clock;
		this.platform = platform;
		this.life = new Life(newId(), startedAt);
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

	/**
	 * Counts an invocation. Calls with the request id of the previous one count once: a composed
	 * function sees one invocation more than once.
	 * @param requestId the Lambda request id, or {@code null} when unknown
	 * @return whether it was the first invocation of this environment, and its number
	 */
	synchronized Invocation.Served serve(@Nullable String requestId) {
		Life current = this.life;
		if (requestId != null && requestId.equals(current.lastRequestId)) {
			return new Invocation.Served(current.invocations == 1, current.invocations);
		}
		current.lastRequestId = requestId;
		current.invocations++;
		if (current.initDuration == null) {
			current.initDuration = Duration.between(current.startedAt, this.clock.instant());
		}
		return new Invocation.Served(current.invocations == 1, current.invocations);
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
		}
	}

	/**
	 * Starts a new life after a SnapStart restore: a new id, a new start, and a cold start to come.
	 */
	public void restored() {
		this.life = new Life(newId(), this.clock.instant());
	}

	private static String newId() {
		return UUID.randomUUID().toString();
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

		volatile @Nullable DispatchCalibration calibration;

		Life(String id, Instant startedAt) {
			this.id = Objects.requireNonNull(id);
			this.startedAt = startedAt;
		}

	}

}
