package io.github.lambdawarmup.benchmarks.fleet;

import java.util.HashSet;
import java.util.Set;

/**
 * What a warmer's rounds reached: distinct environments against the concurrency asked, and how many of them
 * the round before had reached too (kept alive between rounds).
 */
final class Rounds {

	private Set<Integer> previous = Set.of();

	private Set<Integer> current = new HashSet<>();

	private int asked;

	long rounds;

	long askedTotal;

	long reachedTotal;

	long keptTotal;

	/** A round begins, asking for {@code asked} environments. */
	void begin(int asked) {
		end();
		this.asked = asked;
		this.current = new HashSet<>();
	}

	void reached(int environmentId) {
		this.current.add(environmentId);
	}

	/** Closes the round in progress, if any. */
	void end() {
		if (this.asked == 0) {
			return;
		}
		int reached = this.current.size();
		int kept = 0;
		for (Integer id : this.current) {
			if (this.previous.contains(id)) {
				kept++;
			}
		}
		this.rounds++;
		this.askedTotal += this.asked;
		this.reachedTotal += reached;
		this.keptTotal += kept;
		this.previous = this.current;
		this.current = new HashSet<>();
		this.asked = 0;
	}

	double reachedPercent() {
		return (this.askedTotal == 0) ? Double.NaN : 100.0 * this.reachedTotal / this.askedTotal;
	}

	double keptPercent() {
		return (this.askedTotal == 0) ? Double.NaN : 100.0 * this.keptTotal / this.askedTotal;
	}

}
