/**
 * Sample: prices orders from a catalogue, with quantity discounts and tax by country.
 */
@NullMarked
package io.github.lambdawarmup.samples.function;

import org.jspecify.annotations.NullMarked;
