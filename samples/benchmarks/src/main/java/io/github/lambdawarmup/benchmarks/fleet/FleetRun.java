package io.github.lambdawarmup.benchmarks.fleet;

import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * One strategy against one trace for a simulated period, from one seed: the same seed gives the same result.
 */
final class FleetRun {

	// us-east-1 list prices (lambda-platform.md).
	static final double X86_GB_SECOND = 0.0000166667;

	static final double ARM64_GB_SECOND = 0.0000133334;

	static final double PC_STANDBY_X86_GB_SECOND = 0.0000041667;

	static final double PC_STANDBY_ARM64_GB_SECOND = 0.0000033334;

	static final double PC_DURATION_X86_GB_SECOND = 0.0000097222;

	static final double PC_DURATION_ARM64_GB_SECOND = 0.0000077778;

	static final double REQUEST = 0.20 / 1_000_000;

	private FleetRun() {
	}

	static Result run(FleetModel model, Traffic traffic, Supplier<Strategy> strategies, long days, long seed) {
		VirtualTime time = new VirtualTime();
		Fleet fleet = new Fleet(time, model, seed);
		Strategy strategy = strategies.get();
		long end = days * 24 * 3_600_000L;
		SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
		strategy.start(fleet, end);
		traffic.start(fleet, end, random);
		long wall = System.nanoTime();
		time.advanceTo(end);
		fleet.accrueProvisioned();
		strategy.rounds.end();
		return new Result(strategy.name(), traffic.name(), model, fleet.users, fleet.bill, strategy.rounds,
				fleet.peakPerMinute(end), days, (System.nanoTime() - wall) / 1_000_000);
	}

	/**
	 * What a run gave.
	 * @param strategy the strategy
	 * @param trace the trace
	 * @param model the fleet's model
	 * @param users what users saw
	 * @param bill what was billed
	 * @param rounds what the warmer's rounds reached
	 * @param peakPerMinute the most environments busy at once, minute by minute
	 * @param days the simulated days
	 * @param wallMs how long the simulation took on this machine
	 */
	record Result(String strategy, String trace, FleetModel model, Fleet.Users users, Fleet.Bill bill, Rounds rounds,
			int[] peakPerMinute, long days, long wallMs) {

		double coldShare() {
			return (this.users.requests == 0) ? 0 : 100.0 * this.users.coldStarts / this.users.requests;
		}

		long addedLatencyMs(double percentile) {
			return this.users.addedLatencyMs.getValueAtPercentile(percentile);
		}

		/** The month's bill, scaled to 30 days. */
		double monthlyUsd() {
			double gb = this.model.memoryMb() / 1024.0;
			boolean arm = this.model.arm64();
			double duration = (this.bill.durationMs + this.bill.initMs) / 1000.0 * gb
					* (arm ? ARM64_GB_SECOND : X86_GB_SECOND);
			double provisionedDuration = this.bill.provisionedDurationMs / 1000.0 * gb
					* (arm ? PC_DURATION_ARM64_GB_SECOND : PC_DURATION_X86_GB_SECOND);
			double standby = this.bill.provisionedGbSeconds * (arm ? PC_STANDBY_ARM64_GB_SECOND : PC_STANDBY_X86_GB_SECOND);
			double requests = this.bill.requests * REQUEST;
			return (duration + provisionedDuration + standby + requests) * 30.0 / this.days;
		}

	}

}
