package io.github.lambdawarmup.benchmarks.fleet;

import java.time.Duration;
import java.util.SplittableRandom;

import io.github.lambdawarmup.local.IdleRouting;

/**
 * How Lambda treats one function's execution environments, as far as it is published or measured (see
 * {@code ../shared/research/lambda-platform.md}), with the ranges this simulator draws from.
 *
 * @param routing which idle environment takes an invocation (Lambda publishes none)
 * @param initMedianMs the median cold start (init) of an environment
 * @param initSigma the log-normal spread of cold starts (0.1: p99 about 1.25 x the median)
 * @param keepAliveMin the shortest time an idle environment is kept
 * @param keepAliveMax the longest
 * @param recycleAfter environments are replaced after about this long, busy or not
 * @param reservedConcurrency the most environments at once; beyond, invocations are throttled
 * @param scalePer10s new environments allowed per 10 s (1,000 since November 2023)
 * @param memoryMb the function's memory
 * @param arm64 whether it runs on arm64
 * @param userDurationMedianMs the median duration of a user request
 */
record FleetModel(IdleRouting routing, long initMedianMs, double initSigma, Duration keepAliveMin,
		Duration keepAliveMax, Duration recycleAfter, int reservedConcurrency, int scalePer10s, int memoryMb,
		boolean arm64, long userDurationMedianMs) {

	/** A Spring Boot function of 1.5 GB: 5.3 s cold starts (aws-samples), 5 to 7 min keep-alive, 2 h recycling. */
	static FleetModel springBoot() {
		return new FleetModel(IdleRouting.MOST_RECENT, 5_300, 0.1, Duration.ofMinutes(5), Duration.ofMinutes(7),
				Duration.ofHours(2), 1_000, 1_000, 1_536, false, 60);
	}

	FleetModel withRouting(IdleRouting routing) {
		return new FleetModel(routing, this.initMedianMs, this.initSigma, this.keepAliveMin, this.keepAliveMax,
				this.recycleAfter, this.reservedConcurrency, this.scalePer10s, this.memoryMb, this.arm64,
				this.userDurationMedianMs);
	}

	FleetModel withKeepAlive(Duration min, Duration max) {
		return new FleetModel(this.routing, this.initMedianMs, this.initSigma, min, max, this.recycleAfter,
				this.reservedConcurrency, this.scalePer10s, this.memoryMb, this.arm64, this.userDurationMedianMs);
	}

	FleetModel withInit(long medianMs) {
		return new FleetModel(this.routing, medianMs, this.initSigma, this.keepAliveMin, this.keepAliveMax,
				this.recycleAfter, this.reservedConcurrency, this.scalePer10s, this.memoryMb, this.arm64,
				this.userDurationMedianMs);
	}

	long drawInitMs(SplittableRandom random) {
		return Math.max(1, Math.round(this.initMedianMs * Math.exp(this.initSigma * gaussian(random))));
	}

	long drawKeepAliveMs(SplittableRandom random) {
		long min = this.keepAliveMin.toMillis();
		long max = this.keepAliveMax.toMillis();
		return (max > min) ? min + random.nextLong(max - min) : min;
	}

	// Within a quarter of the nominal period either way: environments are not all replaced at once.
	long drawRecycleMs(SplittableRandom random) {
		long nominal = this.recycleAfter.toMillis();
		return nominal * 3 / 4 + random.nextLong(Math.max(1, nominal / 2));
	}

	long drawUserDurationMs(SplittableRandom random) {
		return Math.max(1, Math.round(this.userDurationMedianMs * Math.exp(0.5 * gaussian(random))));
	}

	static double gaussian(SplittableRandom random) {
		// Box-Muller: SplittableRandom has no nextGaussian on Java 17.
		double u = 1.0 - random.nextDouble();
		double v = random.nextDouble();
		return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
	}

}
