package io.github.lambdawarmup.local;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The environments of one function and the rule that places invocations on them: one invocation at a
 * time per environment, an idle environment if there is one, a new one (a cold start) if not, and a
 * throttle when the function's reserved concurrency is used up.
 */
final class FunctionRuntime implements AutoCloseable {

	private static final System.Logger logger = System.getLogger(FunctionRuntime.class.getName());

	private final LocalFunction function;

	private final ServiceIdentity service;

	private final Clock clock;

	private final ServiceStats stats;

	// Most recently used first; the function's routing picks from it.
	private final Deque<Idle> idle = new ArrayDeque<>();

	private final Random random = new Random();

	private final Deque<ThrottleReason> injectedThrottles = new ArrayDeque<>();

	private final Map<String, LocalEnvironment> live = new ConcurrentHashMap<>();

	private int environments;

	private long nextId;

	FunctionRuntime(LocalFunction function, ServiceIdentity service, Clock clock, ServiceStats stats) {
		this.function = function;
		this.service = service;
		this.clock = clock;
		this.stats = stats;
	}

	LocalFunction function() {
		return this.function;
	}

	/**
	 * Runs an invocation on an environment of this function.
	 * @param event the event
	 * @param version the version the invocation runs
	 * @param requestId its request id
	 * @param invokedArn the ARN it was invoked with
	 * @param clientContext the JSON client context of a synchronous invocation, or {@code null}
	 * @return what happened
	 */
	Result invoke(byte[] event, String version, String requestId, String invokedArn, @Nullable String clientContext) {
		boolean warmup = isWarmup(event);
		Instant receivedAt = this.clock.instant();
		Lease lease = acquireUsable();
		if (lease.throttle() != null) {
			this.stats.record(new InvocationRecord(requestId, this.function.name(), null, false, warmup, Duration.ZERO,
					Duration.ZERO, "throttled", receivedAt));
			return Result.throttled(lease.throttle());
		}
		LocalEnvironment environment = lease.environment();
		Duration initDuration = Duration.ZERO;
		if (environment == null) {
			try {
				environment = start(version);
				initDuration = environment.initDuration();
			}
			catch (Exception ex) {
				release(null);
				logger.log(System.Logger.Level.WARNING, "environment failed to start for {0}: {1}",
						this.function.name(), ex.toString());
				InvocationOutcome outcome = InvocationOutcome.error("Runtime.InitError", String.valueOf(ex.getMessage()),
						"");
				this.stats.record(new InvocationRecord(requestId, this.function.name(), null, true, warmup,
						Duration.ZERO, Duration.ZERO, "init-error", receivedAt));
				return Result.ran(outcome, Duration.ZERO, Duration.ZERO, null);
			}
		}
		RuntimeInvocation invocation = new RuntimeInvocation(requestId,
				this.clock.instant().plus(this.function.timeout()), invokedArn,
				"Root=1-" + Long.toHexString(this.clock.millis() / 1000) + "-" + requestId.replace("-", "").substring(0, 24),
				clientContext);
		long start = System.nanoTime();
		InvocationOutcome outcome = environment.invoke(event, invocation, this.function.timeout());
		Duration duration = Duration.ofNanos(System.nanoTime() - start);
		boolean crashed = !environment.isUsable();
		String id = environment.id();
		release(environment);
		String kind = crashed ? "crashed" : (outcome.functionError() != null) ? "function-error" : "ok";
		this.stats.record(new InvocationRecord(requestId, this.function.name(), id, !initDuration.isZero(), warmup,
				duration, initDuration, kind, receivedAt));
		logger.log(System.Logger.Level.INFO, "invocation {0} of {1} on environment {2}: {3}, {4} ms{5}", requestId,
				this.function.name(), id, initDuration.isZero() ? "warm" : "cold", duration.toMillis(),
				initDuration.isZero() ? "" : " (init " + initDuration.toMillis() + " ms)");
		return Result.ran(outcome, duration, initDuration, id);
	}

	/** Makes the next {@code count} invocations fail with a throttle of the given reason. */
	synchronized void throttleNext(int count, ThrottleReason reason) {
		for (int i = 0; i < count; i++) {
			this.injectedThrottles.add(reason);
		}
	}

	/** Stops the environments that have been idle longer than the keep-alive. */
	void reclaimIdle() {
		reclaimIdleSince(this.clock.instant().minus(this.function.keepAlive()));
	}

	/** Stops every idle environment, as if the keep-alive had passed. */
	void expireIdle() {
		reclaimIdleSince(Instant.MAX);
	}

	private void reclaimIdleSince(Instant cutoff) {
		List<Idle> reclaimed = new ArrayList<>();
		synchronized (this) {
			for (Iterator<Idle> it = this.idle.iterator(); it.hasNext();) {
				Idle candidate = it.next();
				if (candidate.since().isBefore(cutoff)) {
					it.remove();
					this.environments--;
					reclaimed.add(candidate);
				}
			}
		}
		for (Idle candidate : reclaimed) {
			this.live.remove(candidate.environment().id());
			candidate.environment().close();
			this.stats.reclaimed();
			logger.log(System.Logger.Level.INFO, "environment {0} of {1} reclaimed after {2} ms idle",
					candidate.environment().id(), this.function.name(),
					Duration.between(candidate.since(), this.clock.instant()).toMillis());
		}
	}

	/** How many environments the function has, busy or idle. */
	synchronized int environments() {
		return this.environments;
	}

	/** The environments the function has now, busy or idle. */
	List<LocalEnvironment> liveEnvironments() {
		return List.copyOf(this.live.values());
	}

	/** The environments serving an invocation now. */
	synchronized List<LocalEnvironment> busyEnvironments() {
		Set<LocalEnvironment> idleOnes = new HashSet<>();
		this.idle.forEach((candidate) -> idleOnes.add(candidate.environment()));
		return this.live.values().stream().filter((environment) -> !idleOnes.contains(environment)).toList();
	}

	/** How many environments are idle. */
	synchronized int idleEnvironments() {
		return this.idle.size();
	}

	@Override
	public void close() {
		List<Idle> all;
		synchronized (this) {
			all = new ArrayList<>(this.idle);
			this.idle.clear();
		}
		all.forEach((candidate) -> candidate.environment().close());
		this.live.values().forEach(LocalEnvironment::close);
		this.live.clear();
	}

	// A runtime that died while idle is found here, when an invocation would have gone to it, and replaced
	// at once: Lambda never hands an invocation to a dead sandbox.
	private Lease acquireUsable() {
		while (true) {
			Lease lease = acquire();
			LocalEnvironment environment = lease.environment();
			if (environment == null || environment.isUsable()) {
				return lease;
			}
			logger.log(System.Logger.Level.INFO, "environment {0} of {1} died while idle", environment.id(),
					this.function.name());
			release(environment);
		}
	}

	private synchronized Lease acquire() {
		ThrottleReason injected = this.injectedThrottles.poll();
		if (injected != null) {
			return new Lease(null, injected);
		}
		Idle reusable = pickIdle();
		if (reusable != null) {
			return new Lease(reusable.environment(), null);
		}
		if (this.environments < this.function.reservedConcurrency()) {
			this.environments++;
			return new Lease(null, null);
		}
		return new Lease(null, ThrottleReason.ReservedFunctionConcurrentInvocationLimitExceeded);
	}

	private @Nullable Idle pickIdle() {
		return switch (this.function.routing()) {
			case MOST_RECENT -> this.idle.pollFirst();
			case LEAST_RECENT -> this.idle.pollLast();
			case RANDOM -> {
				if (this.idle.isEmpty()) {
					yield null;
				}
				int skip = this.random.nextInt(this.idle.size());
				Iterator<Idle> it = this.idle.iterator();
				Idle picked = it.next();
				for (int i = 0; i < skip; i++) {
					picked = it.next();
				}
				it.remove();
				yield picked;
			}
		};
	}

	private void release(@Nullable LocalEnvironment environment) {
		if (environment != null && environment.isUsable()) {
			synchronized (this) {
				this.idle.addFirst(new Idle(environment, this.clock.instant()));
			}
			return;
		}
		synchronized (this) {
			this.environments--;
		}
		if (environment != null) {
			this.live.remove(environment.id());
			environment.close();
			environment.stopped().thenAccept((ended) -> {
				if (!ended) {
					this.stats.abandoned();
				}
			});
			this.stats.crashed();
			logger.log(System.Logger.Level.INFO, "environment {0} of {1} stopped after a crash or timeout",
					environment.id(), this.function.name());
		}
	}

	private LocalEnvironment start(String version) throws Exception {
		String id;
		synchronized (this) {
			id = this.function.name() + "-" + (++this.nextId);
		}
		Map<String, String> variables = new LinkedHashMap<>();
		variables.put("AWS_LAMBDA_FUNCTION_NAME", this.function.name());
		variables.put("AWS_LAMBDA_FUNCTION_VERSION", version);
		variables.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(this.function.memoryMb()));
		variables.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
		variables.put("AWS_REGION", this.service.region());
		variables.put("AWS_DEFAULT_REGION", this.service.region());
		// The function's own variables come last, so a test can start environments as, say,
		// provisioned concurrency.
		variables.putAll(this.function.variables());
		EnvironmentSpec spec = new EnvironmentSpec(id, this.function.name(), version, this.function.memoryMb(),
				this.function.timeout(), variables);
		LocalEnvironment environment = this.function.environments().start(spec);
		this.live.put(environment.id(), environment);
		this.stats.started();
		logger.log(System.Logger.Level.INFO, "environment {0} of {1} started in {2} ms", id, this.function.name(),
				environment.initDuration().toMillis());
		return environment;
	}

	// Only for the service's statistics: whether the event is a lambda-warmup warm-up.
	private static boolean isWarmup(byte[] event) {
		return event.length < 16_384
				&& new String(event, StandardCharsets.ISO_8859_1).contains("\"lambda-warmup\"");
	}

	private record Idle(LocalEnvironment environment, Instant since) {
	}

	private record Lease(@Nullable LocalEnvironment environment, @Nullable ThrottleReason throttle) {
	}

	/**
	 * What an invocation came to.
	 * @param outcome what the environment produced, or {@code null} when throttled
	 * @param throttle why it was throttled, or {@code null}
	 * @param duration how long the environment ran it
	 * @param initDuration the cold start, zero when warm
	 * @param environmentId the environment that ran it
	 */
	record Result(@Nullable InvocationOutcome outcome, @Nullable ThrottleReason throttle, Duration duration,
			Duration initDuration, @Nullable String environmentId) {

		static Result throttled(ThrottleReason reason) {
			return new Result(null, reason, Duration.ZERO, Duration.ZERO, null);
		}

		static Result ran(InvocationOutcome outcome, Duration duration, Duration initDuration,
				@Nullable String environmentId) {
			return new Result(outcome, null, duration, initDuration, environmentId);
		}

	}

}
