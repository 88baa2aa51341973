package io.github.lambdawarmup.samples.function;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Unit prices by stock-keeping unit.
 */
public class PriceCatalog {

	private final Map<String, BigDecimal> prices;

	public PriceCatalog(Map<String, BigDecimal> prices) {
		this.prices = Map.copyOf(prices);
	}

	public BigDecimal unitPrice(String sku) {
		BigDecimal price = this.prices.get(sku);
		if (price == null) {
			throw new IllegalArgumentException("unknown sku '" + sku + "'");
		}
		return price;
	}

}
