/**
 * The fan-out: invokes the function N times at once with warm-ups, through the AWS SDK, and reports how
 * many distinct environments it reached.
 */
@NullMarked
package io.github.lambdawarmup.fanout;

import org.jspecify.annotations.NullMarked;
