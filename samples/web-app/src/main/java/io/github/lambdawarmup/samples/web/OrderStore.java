package io.github.lambdawarmup.samples.web;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Orders kept in memory for the life of an execution environment.
 */
public class OrderStore {

	private final Map<Long, OrderView> orders = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	public OrderView create(NewOrder order) {
		long id = this.ids.incrementAndGet();
		OrderView view = new OrderView(id, order.sku(), order.quantity(), "received");
		this.orders.put(id, view);
		return view;
	}

	/** The order as {@link #create} would show it, kept nowhere: what a priming request gets. */
	public OrderView preview(NewOrder order) {
		return new OrderView(0, order.sku(), order.quantity(), "preview");
	}

	public Optional<OrderView> find(long id) {
		return Optional.ofNullable(this.orders.get(id));
	}

	/**
	 * An order as the API receives it.
	 * @param sku the stock-keeping unit
	 * @param quantity how many
	 */
	public record NewOrder(String sku, int quantity) {
	}

	/**
	 * An order as the API shows it.
	 * @param id the order's id
	 * @param sku the stock-keeping unit
	 * @param quantity how many
	 * @param status where the order stands
	 */
	public record OrderView(long id, String sku, int quantity, String status) {
	}

}
