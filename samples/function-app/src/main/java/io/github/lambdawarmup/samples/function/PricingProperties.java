package io.github.lambdawarmup.samples.function;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The sample's pricing rules.
 */
@ConfigurationProperties("pricing")
public class PricingProperties {

	/**
	 * Unit prices by stock-keeping unit.
	 */
	private Map<String, BigDecimal> prices = new LinkedHashMap<>();

	/**
	 * Tax rates in percent by ISO country code.
	 */
	private Map<String, BigDecimal> taxPercent = new LinkedHashMap<>();

	/**
	 * Quantity from which a line gets the bulk discount.
	 */
	private int bulkQuantity = 10;

	/**
	 * Discount in percent on lines of at least the bulk quantity.
	 */
	private int bulkDiscountPercent = 5;

	public Map<String, BigDecimal> getPrices() {
		return this.prices;
	}

	public Map<String, BigDecimal> getTaxPercent() {
		return this.taxPercent;
	}

	public int getBulkQuantity() {
		return this.bulkQuantity;
	}

	public void setBulkQuantity(int bulkQuantity) {
		this.bulkQuantity = bulkQuantity;
	}

	public int getBulkDiscountPercent() {
		return this.bulkDiscountPercent;
	}

	public void setBulkDiscountPercent(int bulkDiscountPercent) {
		this.bulkDiscountPercent = bulkDiscountPercent;
	}

}
