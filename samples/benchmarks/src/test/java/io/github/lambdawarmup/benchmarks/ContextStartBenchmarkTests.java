package io.github.lambdawarmup.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContextStartBenchmarkTests {

	@Test
	void theMedianOfAnOddAndAnEvenNumberOfRatios() {
		assertThat(ContextStartBenchmark.median(new double[] { 1.2, 0.9, 1.0 })).isEqualTo(1.0);
		assertThat(ContextStartBenchmark.median(new double[] { 1.2, 0.9, 1.0, 1.1 })).isEqualTo(1.05);
	}

	@Test
	void theIntervalHoldsTheMedianAndNarrowsAsThePairsAgree() {
		double[] spread = { 0.90, 0.95, 1.00, 1.02, 1.04, 1.06, 1.10, 1.20, 0.97, 1.01 };
		double[] agreeing = { 1.01, 1.01, 1.02, 1.01, 1.02, 1.01, 1.02, 1.01, 1.02, 1.01 };

		double[] wide = ContextStartBenchmark.bootstrapMedianInterval(spread);
		double[] narrow = ContextStartBenchmark.bootstrapMedianInterval(agreeing);

		assertThat(wide[0]).isLessThanOrEqualTo(ContextStartBenchmark.median(spread));
		assertThat(wide[1]).isGreaterThanOrEqualTo(ContextStartBenchmark.median(spread));
		assertThat(narrow[0]).isGreaterThanOrEqualTo(1.01);
		assertThat(narrow[1]).isLessThanOrEqualTo(1.02);
		assertThat(narrow[1] - narrow[0]).isLessThan(wide[1] - wide[0]);
	}

}
