package io.github.lambdawarmup.samples.function;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.Function;

/**
 * Prices an order: catalogue price, bulk discount per line, then tax by country.
 */
class OrderPricer implements Function<Order, Quote> {

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private final PriceCatalog catalog;

	private final PricingProperties properties;

	OrderPricer(PriceCatalog catalog, PricingProperties properties) {
		this.catalog = catalog;
		this.properties = properties;
	}

	@Override
	public Quote apply(Order order) {
		if (order.orderId() == null || order.lines() == null || order.lines().isEmpty()) {
			throw new IllegalArgumentException("an order needs an orderId and at least one line, got " + order);
		}
		List<Quote.PricedLine> lines = order.lines().stream().map(this::price).toList();
		BigDecimal net = lines.stream().map(Quote.PricedLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
		BigDecimal taxPercent = this.properties.getTaxPercent().getOrDefault(order.country(), BigDecimal.ZERO);
		BigDecimal tax = net.multiply(taxPercent).divide(HUNDRED, 2, RoundingMode.HALF_EVEN);
		return new Quote(order.orderId(), lines, net, tax, net.add(tax));
	}

	private Quote.PricedLine price(Order.Line line) {
		if (line.quantity() < 1) {
			throw new IllegalArgumentException("quantity of '" + line.sku() + "' must be at least 1");
		}
		BigDecimal unit = this.catalog.unitPrice(line.sku());
		int discount = (line.quantity() >= this.properties.getBulkQuantity())
				? this.properties.getBulkDiscountPercent() : 0;
		BigDecimal gross = unit.multiply(BigDecimal.valueOf(line.quantity()));
		BigDecimal amount = gross.multiply(HUNDRED.subtract(BigDecimal.valueOf(discount)))
			.divide(HUNDRED, 2, RoundingMode.HALF_EVEN);
		return new Quote.PricedLine(line.sku(), line.quantity(), unit, discount, amount);
	}

}
