/**
 * Sample: a small Spring MVC REST API for orders, run on Lambda by aws-serverless-java-container.
 */
@NullMarked
package io.github.lambdawarmup.samples.web;

import org.jspecify.annotations.NullMarked;
