/**
 * Auto-configuration of the warm-up paths and their properties under {@code warmup.*}.
 */
@NullMarked
package io.github.lambdawarmup.autoconfigure;

import org.jspecify.annotations.NullMarked;
