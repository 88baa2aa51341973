/**
 * Benchmarks: the cost of the warm-up check on real traffic, and the fan-out at scale.
 */
@NullMarked
package io.github.lambdawarmup.benchmarks;

import org.jspecify.annotations.NullMarked;
