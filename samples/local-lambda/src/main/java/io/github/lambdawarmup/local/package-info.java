/**
 * A local stand-in for the AWS Lambda service.
 */
@NullMarked
package io.github.lambdawarmup.local;

import org.jspecify.annotations.NullMarked;
