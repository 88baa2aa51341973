/**
 * What the other packages of this library share and users do not: it may change in any release.
 */
@NullMarked
package io.github.lambdawarmup.internal;

import org.jspecify.annotations.NullMarked;
