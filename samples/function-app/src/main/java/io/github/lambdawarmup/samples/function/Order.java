package io.github.lambdawarmup.samples.function;

import java.util.List;

/**
 * An order to price.
 *
 * @param orderId the caller's id of the order
 * @param country the ISO country code the order ships to, which sets the tax rate
 * @param lines what is ordered
 */
public record Order(String orderId, String country, List<Line> lines) {

	/**
	 * One line of an order.
	 * @param sku the catalogue's stock-keeping unit
	 * @param quantity how many
	 */
	public record Line(String sku, int quantity) {
	}

}
