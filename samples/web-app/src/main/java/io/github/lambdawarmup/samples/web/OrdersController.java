package io.github.lambdawarmup.samples.web;

import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import io.github.lambdawarmup.Priming;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Creates and reads orders.
 */
@RestController
public class OrdersController {

	/** How many requests reached a controller method in this environment, in every answer. */
	public static final String HANDLED_HEADER = "X-Handled-Count";

	/** How many requests reached a controller method in this environment; the tests read it. */
	public static final AtomicLong handled = new AtomicLong();

	/** How many priming requests lambda-warmup sent this controller; the tests read it. */
	public static final AtomicLong primed = new AtomicLong();

	private final OrderStore store;

	public OrdersController(OrderStore store) {
		this.store = store;
	}

	// A priming request (warmup.priming.events) runs the same code, but stores nothing.
	@PostMapping("/orders")
	ResponseEntity<OrderStore.OrderView> create(@RequestBody OrderStore.NewOrder order,
			@RequestHeader(name = Priming.HTTP_HEADER, required = false) @Nullable String priming) {
		if (priming != null) {
			primed.incrementAndGet();
			return ResponseEntity.ok(this.store.preview(order));
		}
		String count = Long.toString(handled.incrementAndGet());
		if (order.quantity() < 1) {
			return ResponseEntity.badRequest().header(HANDLED_HEADER, count).build();
		}
		return ResponseEntity.status(HttpStatus.CREATED).header(HANDLED_HEADER, count).body(this.store.create(order));
	}

	@GetMapping("/orders/{id}")
	ResponseEntity<OrderStore.OrderView> find(@PathVariable long id) {
		String count = Long.toString(handled.incrementAndGet());
		return this.store.find(id)
			.map((order) -> ResponseEntity.ok().header(HANDLED_HEADER, count).body(order))
			.orElseGet(() -> ResponseEntity.notFound().header(HANDLED_HEADER, count).build());
	}

}
