/**
 * The plain-function path: a Spring Cloud Function around-wrapper that answers warm-ups before the
 * user's function, its input conversion or its routing run.
 */
@NullMarked
package io.github.lambdawarmup.function;

import org.jspecify.annotations.NullMarked;
