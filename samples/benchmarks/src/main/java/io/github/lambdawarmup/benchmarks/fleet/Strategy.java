package io.github.lambdawarmup.benchmarks.fleet;

import java.time.DayOfWeek;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * A way to keep environments warm, as faithful to its source as {@code warmers-compared.md} allows: what it
 * invokes, when, how, and how long each invocation keeps its environment busy.
 */
abstract class Strategy {

	static final long MINUTE = 60_000;

	private final String name;

	/** What its rounds reached; empty for strategies without rounds. */
	final Rounds rounds = new Rounds();

	Strategy(String name) {
		this.name = name;
	}

	String name() {
		return this.name;
	}

	/** Starts the strategy on the fleet, until {@code endMs}. */
	abstract void start(Fleet fleet, long endMs);

	/** No warming at all. */
	static Strategy none() {
		return new Strategy("no warming") {
			@Override
			void start(Fleet fleet, long endMs) {
			}
		};
	}

	/** Zappa's keep_warm: one invocation every 4 minutes, which warms exactly one environment. */
	static Strategy zappaKeepWarm() {
		return new Strategy("Zappa keep_warm") {
			@Override
			void start(Fleet fleet, long endMs) {
				every(fleet, endMs, 4 * MINUTE, () -> {
					this.rounds.begin(1);
					ping(fleet, this.rounds, 10);
				});
			}
		};
	}

	/**
	 * The async-self-invocation trick the seed's author used: 5 schedules every 4 minutes, each an invocation
	 * that makes 20 sequential {@code Event} Invoke calls of about 30 ms, each invoked copy sleeping 100 ms.
	 */
	static Strategy asyncSelfInvocation(int schedules, int callsPerSchedule, long callMs, long sleepMs) {
		return new Strategy("async self-invocation") {
			@Override
			void start(Fleet fleet, long endMs) {
				every(fleet, endMs, 4 * MINUTE, () -> {
					this.rounds.begin(schedules * callsPerSchedule);
					long now = fleet.time().now();
					for (int s = 0; s < schedules; s++) {
						// EventBridge fires rules of one minute within about a second of each other.
						long fires = now + fleet.random().nextLong(1_000);
						fleet.time().at(fires, () -> {
							Fleet.Placement caller = fleet.place();
							if (caller == null) {
								return;
							}
							this.rounds.reached(caller.env().id);
							fleet.run(caller, callsPerSchedule * callMs);
							for (int i = 0; i < callsPerSchedule; i++) {
								// Each Invoke call returns once queued; the queue's pollers run the copy soon after.
								long queued = caller.startsAt() + (i + 1) * callMs + 5 + fleet.random().nextLong(20);
								fleet.time().at(queued, () -> ping(fleet, this.rounds, sleepMs));
							}
						});
					}
				});
			}
		};
	}

	/**
	 * serverless-plugin-warmup 8.x: every 5 minutes its own warmer function invokes the target N times with
	 * {@code RequestResponse}, through {@code Promise.all} over at most 50 sockets; each ping holds its
	 * environment {@code pingMs} (the plugin's README tells users to sleep 25 ms).
	 */
	static Strategy serverlessPluginWarmup(int concurrency, long pingMs) {
		return new Strategy("serverless-plugin-warmup") {
			@Override
			void start(Fleet fleet, long endMs) {
				every(fleet, endMs, 5 * MINUTE, () -> {
					this.rounds.begin(concurrency);
					int[] sent = { 0 };
					int sockets = Math.min(50, concurrency);
					for (int socket = 0; socket < sockets; socket++) {
						send(fleet, sent, fleet.time().now() + socket / 5);
					}
				});
			}

			// A socket sends its next ping when the previous answer is back (a few ms of network each way).
			private void send(Fleet fleet, int[] sent, long at) {
				if (sent[0] >= concurrency) {
					return;
				}
				sent[0]++;
				fleet.time().at(at + 3, () -> {
					Fleet.Placement placement = fleet.place();
					long back = fleet.time().now() + 3;
					if (placement != null) {
						this.rounds.reached(placement.env().id);
						fleet.run(placement, pingMs);
						back = placement.startsAt() + pingMs + 3;
					}
					send(fleet, sent, back);
				});
			}
		};
	}

	/**
	 * lambda-warmer 2.x: every 5 minutes a schedule invokes one instance, which invokes itself N-1 times with
	 * {@code Event} (about 2 ms of its CPU a call) and then waits 75 ms; each copy waits 75 ms too.
	 */
	static Strategy lambdaWarmer(int concurrency) {
		return new Strategy("lambda-warmer") {
			@Override
			void start(Fleet fleet, long endMs) {
				every(fleet, endMs, 5 * MINUTE, () -> {
					this.rounds.begin(concurrency);
					Fleet.Placement first = fleet.place();
					if (first == null) {
						return;
					}
					this.rounds.reached(first.env().id);
					long dispatch = 2L * (concurrency - 1);
					fleet.run(first, dispatch + 75);
					for (int i = 1; i < concurrency; i++) {
						long queued = first.startsAt() + 2L * i + 10 + fleet.random().nextLong(20);
						fleet.time().at(queued, () -> ping(fleet, this.rounds, 75));
					}
				});
			}
		};
	}

	/** Provisioned concurrency N, always on. */
	static Strategy provisioned(int concurrency) {
		return new Strategy("provisioned concurrency (always on)") {
			@Override
			void start(Fleet fleet, long endMs) {
				fleet.provision(concurrency);
			}
		};
	}

	/** Provisioned concurrency N on weekdays from 08:00 to 20:00 UTC, as scheduled scaling sets it. */
	static Strategy provisionedBusinessHours(int concurrency) {
		return new Strategy("provisioned concurrency (business hours)") {
			@Override
			void start(Fleet fleet, long endMs) {
				every(fleet, endMs, 60 * MINUTE, () -> {
					ZonedDateTime at = ZonedDateTime.ofInstant(VirtualTime.EPOCH.plusMillis(fleet.time().now()),
							ZoneOffset.UTC);
					boolean weekday = at.getDayOfWeek() != DayOfWeek.SATURDAY && at.getDayOfWeek() != DayOfWeek.SUNDAY;
					fleet.provision((weekday && at.getHour() >= 8 && at.getHour() < 20) ? concurrency : 0);
				});
			}
		};
	}

	/** SnapStart: no warming; an environment restores from a snapshot (Spring Boot: p50 about 1.0 s). */
	static Strategy snapStart(long restoreMedianMs) {
		return new Strategy("SnapStart") {
			@Override
			void start(Fleet fleet, long endMs) {
				fleet.restoreFromSnapshots(restoreMedianMs);
			}
		};
	}

	/** An invocation that keeps an environment busy {@code holdMs}, counted in a round. */
	static void ping(Fleet fleet, Rounds rounds, long holdMs) {
		Fleet.Placement placement = fleet.place();
		if (placement != null) {
			rounds.reached(placement.env().id);
			fleet.run(placement, holdMs);
		}
	}

	/** Runs {@code action} every {@code periodMs}, from 0 to {@code endMs}. */
	static void every(Fleet fleet, long endMs, long periodMs, Runnable action) {
		at(fleet, endMs, periodMs, action, fleet.time().now());
	}

	private static void at(Fleet fleet, long endMs, long periodMs, Runnable action, long time) {
		if (time >= endMs) {
			return;
		}
		fleet.time().at(time, () -> {
			action.run();
			at(fleet, endMs, periodMs, action, time + periodMs);
		});
	}

}
