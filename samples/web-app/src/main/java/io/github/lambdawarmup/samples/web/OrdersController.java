package io.github.lambdawarmup.samples.web;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Creates and reads orders.
 */
@RestController
public class OrdersController {

	/** How many requests reached a controller method in this environment; the tests read it. */
	public static final AtomicLong handled = new AtomicLong();

	private final OrderStore store;

	public OrdersController(OrderStore store) {
		this.store = store;
	}

	@PostMapping("/orders")
	ResponseEntity<OrderStore.OrderView> create(@RequestBody OrderStore.NewOrder order) {
		handled.incrementAndGet();
		if (order.quantity() < 1) {
			return ResponseEntity.badRequest().build();
		}
		return ResponseEntity.status(HttpStatus.CREATED).body(this.store.create(order));
	}

	@GetMapping("/orders/{id}")
	ResponseEntity<OrderStore.OrderView> find(@PathVariable long id) {
		handled.incrementAndGet();
		return ResponseEntity.of(this.store.find(id));
	}

}
