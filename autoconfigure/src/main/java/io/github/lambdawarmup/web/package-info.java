/**
 * The web path, for Spring MVC applications on Lambda through aws-serverless-java-container: a
 * servlet filter for warm-ups sent over HTTP, and a stream handler for raw warm-up events, which the
 * container would reject before any filter runs.
 */
@NullMarked
package io.github.lambdawarmup.web;

import org.jspecify.annotations.NullMarked;
