package io.github.lambdawarmup.samples.function;

import java.math.BigDecimal;
import java.util.List;

/**
 * The price of an order.
 *
 * @param orderId the order's id
 * @param lines the price of each line
 * @param net the sum of the lines after discounts
 * @param tax the tax on the net amount
 * @param total what the customer pays
 */
public record Quote(String orderId, List<PricedLine> lines, BigDecimal net, BigDecimal tax, BigDecimal total) {

	/**
	 * A priced line.
	 * @param sku the stock-keeping unit
	 * @param quantity how many
	 * @param unitPrice the catalogue price of one
	 * @param discountPercent the quantity discount applied
	 * @param amount the line's amount after discount
	 */
	public record PricedLine(String sku, int quantity, BigDecimal unitPrice, int discountPercent, BigDecimal amount) {
	}

}
