package io.github.lambdawarmup.benchmarks.fleet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

import io.github.lambdawarmup.ExecutionEnvironment;
import io.github.lambdawarmup.LambdaPlatform;

/**
 * One function's execution environments in virtual time: one invocation at a time each, an idle one taken by
 * the routing rule, a cold start when none is idle, reclaim after a keep-alive, replacement every few hours,
 * reserved concurrency and the scaling limit, provisioned environments first. It counts what a user and a bill
 * see.
 */
final class Fleet {

	private final VirtualTime time;

	private final FleetModel model;

	private final SplittableRandom random;

	private final Deque<Env> idle = new ArrayDeque<>();

	private final Deque<Env> provisionedIdle = new ArrayDeque<>();

	private final Deque<Long> recentStarts = new ArrayDeque<>();

	private final List<Env> provisioned = new ArrayList<>();

	private int live;

	private int nextId;

	private long initOverrideMedianMs = -1;

	private long provisionedSince;

	final Bill bill = new Bill();

	final Users users = new Users();

	private int busy;

	private int[] peakPerMinute = new int[0];

	private int lastMinute;

	Fleet(VirtualTime time, FleetModel model, long seed) {
		this.time = time;
		this.model = model;
		this.random = new SplittableRandom(seed);
	}

	VirtualTime time() {
		return this.time;
	}

	FleetModel model() {
		return this.model;
	}

	SplittableRandom random() {
		return this.random;
	}

	/** SnapStart: environments restore from a snapshot instead of running their init. */
	void restoreFromSnapshots(long medianMs) {
		this.initOverrideMedianMs = medianMs;
	}

	/**
	 * Places an invocation arriving now: an idle environment, else a new one, else a throttle.
	 * @return where it runs, or {@code null} when throttled
	 */
	@Nullable Placement place() {
		long now = this.time.now();
		Env env = pollIdle(this.provisionedIdle);
		if (env == null) {
			env = pollIdle(this.idle);
		}
		if (env != null) {
			env.busy = true;
			env.idleToken++;
			busier(now, 1);
			return new Placement(env, now, false);
		}
		if (this.live >= this.model.reservedConcurrency() || !scaleAllows(now)) {
			return null;
		}
		Env started = newEnv(now, false);
		long init = (this.initOverrideMedianMs >= 0) ? this.model.withInit(this.initOverrideMedianMs).drawInitMs(this.random)
				: this.model.drawInitMs(this.random);
		this.bill.initMs += init;
		this.bill.coldStarts++;
		started.busy = true;
		busier(now, 1);
		return new Placement(started, now + init, true);
	}

	/** Runs a user's request arriving now for {@code durationMs}, and counts what the user saw. */
	void userRequest(long durationMs) {
		Placement placement = place();
		if (placement == null) {
			this.users.throttled++;
			return;
		}
		Env env = placement.env();
		env.userSinceWarmUp++;
		if (placement.cold()) {
			env.userColdStart = true;
		}
		this.users.record(placement.startsAt() - this.time.now(), placement.cold());
		run(placement, durationMs);
	}

	/** Occupies a placed environment for {@code durationMs} from its start, then frees it. */
	void run(Placement placement, long durationMs) {
		Env env = placement.env();
		env.invocations++;
		this.bill.requests++;
		long end = placement.startsAt() + durationMs;
		if (env.provisioned) {
			this.bill.provisionedDurationMs += durationMs;
		}
		else {
			this.bill.durationMs += durationMs;
		}
		this.time.at(end, () -> release(env));
	}

	/** Keeps {@code count} environments initialised, never reclaimed, taken first; 0 lets them go. */
	void provision(int count) {
		accrueProvisioned();
		while (this.provisioned.size() < count) {
			Env env = newEnv(this.time.now(), true);
			this.provisioned.add(env);
			this.provisionedIdle.addFirst(env);
		}
		while (this.provisioned.size() > count) {
			Env env = this.provisioned.remove(this.provisioned.size() - 1);
			env.retired = true;
			if (!env.busy) {
				this.provisionedIdle.remove(env);
				this.live--;
			}
		}
	}

	/** Adds the standby of the provisioned environments up to now to the bill. */
	void accrueProvisioned() {
		long now = this.time.now();
		this.bill.provisionedGbSeconds += this.provisioned.size() * (this.model.memoryMb() / 1024.0)
				* (now - this.provisionedSince) / 1000.0;
		this.provisionedSince = now;
	}

	private void release(Env env) {
		env.busy = false;
		long now = this.time.now();
		busier(now, -1);
		if (env.retired || (!env.provisioned && now >= env.recycleAt)) {
			this.live--;
			return;
		}
		if (env.provisioned) {
			this.provisionedIdle.addFirst(env);
			return;
		}
		env.idleSince = now;
		long token = ++env.idleToken;
		this.idle.addFirst(env);
		long reclaimAt = Math.min(now + this.model.drawKeepAliveMs(this.random), env.recycleAt);
		this.time.at(reclaimAt, () -> {
			if (!env.busy && env.idleToken == token && this.idle.remove(env)) {
				this.live--;
			}
		});
	}

	private @Nullable Env pollIdle(Deque<Env> pool) {
		if (pool.isEmpty()) {
			return null;
		}
		return switch (this.model.routing()) {
			case MOST_RECENT -> pool.pollFirst();
			case LEAST_RECENT -> pool.pollLast();
			case RANDOM -> {
				int skip = this.random.nextInt(pool.size());
				Iterator<Env> it = pool.iterator();
				Env picked = it.next();
				for (int i = 0; i < skip; i++) {
					picked = it.next();
				}
				it.remove();
				yield picked;
			}
		};
	}

	// The most environments busy at once in each minute: what a planner sizes the concurrency from.
	private void busier(long now, int delta) {
		int minute = (int) (now / 60_000);
		if (minute >= this.peakPerMinute.length) {
			this.peakPerMinute = java.util.Arrays.copyOf(this.peakPerMinute,
					Math.max(minute + 1, this.peakPerMinute.length * 2));
		}
		// Minutes that passed with no change were as busy as the last one left them.
		for (int m = this.lastMinute + 1; m <= minute; m++) {
			this.peakPerMinute[m] = Math.max(this.peakPerMinute[m], this.busy);
		}
		this.lastMinute = minute;
		this.busy += delta;
		this.peakPerMinute[minute] = Math.max(this.peakPerMinute[minute], this.busy);
	}

	/** The most environments busy at once, minute by minute. */
	int[] peakPerMinute(long endMs) {
		return java.util.Arrays.copyOf(this.peakPerMinute, (int) (endMs / 60_000));
	}

	private boolean scaleAllows(long now) {
		while (!this.recentStarts.isEmpty() && this.recentStarts.peekFirst() <= now - 10_000) {
			this.recentStarts.pollFirst();
		}
		if (this.recentStarts.size() >= this.model.scalePer10s()) {
			return false;
		}
		this.recentStarts.addLast(now);
		return true;
	}

	private Env newEnv(long now, boolean provisioned) {
		this.live++;
		Env env = new Env(++this.nextId, now, now + this.model.drawRecycleMs(this.random), provisioned);
		return env;
	}

	/** An invocation's place: its environment, when it starts, and whether it waited for a cold start. */
	record Placement(Env env, long startsAt, boolean cold) {
	}

	/** One execution environment. */
	final class Env {

		final int id;

		final long createdAt;

		final long recycleAt;

		final boolean provisioned;

		boolean busy;

		boolean retired;

		long idleSince;

		long idleToken;

		long invocations;

		long userSinceWarmUp;

		boolean userColdStart;

		boolean userColdStartReported;

		@Nullable String lastRound;

		@Nullable Long lastRoundAtMs;

		private @Nullable ExecutionEnvironment execution;

		Env(int id, long createdAt, long recycleAt, boolean provisioned) {
			this.id = id;
			this.createdAt = createdAt;
			this.recycleAt = recycleAt;
			this.provisioned = provisioned;
		}

		/** The starter's own view of this environment, for the policy code that runs in it. */
		ExecutionEnvironment execution(LambdaPlatform platform) {
			if (this.execution == null) {
				this.execution = new ExecutionEnvironment(Fleet.this.time.clock(),
						VirtualTime.EPOCH.plusMillis(this.createdAt), platform);
			}
			return this.execution;
		}

	}

	/** What the function is billed for. */
	static final class Bill {

		long requests;

		long durationMs;

		long provisionedDurationMs;

		long initMs;

		long coldStarts;

		double provisionedGbSeconds;

	}

	/** What users saw. */
	static final class Users {

		long requests;

		long coldStarts;

		long throttled;

		final Histogram addedLatencyMs = new Histogram(3_600_000L, 3);

		void record(long waitedMs, boolean cold) {
			this.requests++;
			if (cold) {
				this.coldStarts++;
			}
			this.addedLatencyMs.recordValue(Math.max(0, waitedMs));
		}

	}

}
