/**
 * Metrics and the actuator endpoint: what the warm-up keeps warm, in numbers.
 */
@NullMarked
package io.github.lambdawarmup.actuate;

import org.jspecify.annotations.NullMarked;
