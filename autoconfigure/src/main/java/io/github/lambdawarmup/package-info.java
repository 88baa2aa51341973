/**
 * The warm-up protocol and the identity of this execution environment, free of Spring.
 * <p>
 * {@link io.github.lambdawarmup.WarmupEvent#detect(byte[])} recognises a warm-up invocation,
 * {@link io.github.lambdawarmup.WarmupInterceptor} answers it, and
 * {@link io.github.lambdawarmup.ExecutionEnvironment} says which environment answered.
 */
@NullMarked
package io.github.lambdawarmup;

import org.jspecify.annotations.NullMarked;
