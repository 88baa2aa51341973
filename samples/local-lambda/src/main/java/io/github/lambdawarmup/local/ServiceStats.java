package io.github.lambdawarmup.local;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the service counts: the ground truth a person or a test reads.
 */
final class ServiceStats {

	private final AtomicLong started = new AtomicLong();

	private final AtomicLong reclaimed = new AtomicLong();

	private final AtomicLong crashed = new AtomicLong();

	private final AtomicLong abandoned = new AtomicLong();

	private final ConcurrentLinkedQueue<InvocationRecord> invocations = new ConcurrentLinkedQueue<>();

	void started() {
		this.started.incrementAndGet();
	}

	void reclaimed() {
		this.reclaimed.incrementAndGet();
	}

	void crashed() {
		this.crashed.incrementAndGet();
	}

	void abandoned() {
		this.abandoned.incrementAndGet();
	}

	void record(InvocationRecord record) {
		this.invocations.add(record);
	}

	List<InvocationRecord> invocations() {
		return new ArrayList<>(this.invocations);
	}

	void clearInvocations() {
		this.invocations.clear();
	}

	ServiceSummary summary() {
		List<InvocationRecord> all = invocations();
		long cold = all.stream().filter(InvocationRecord::coldStart).count();
		long userCold = all.stream().filter((r) -> r.coldStart() && !r.warmup()).count();
		long throttled = all.stream().filter((r) -> "throttled".equals(r.outcome())).count();
		long errors = all.stream().filter((r) -> "function-error".equals(r.outcome())).count();
		return new ServiceSummary(this.started.get(), this.reclaimed.get(), this.crashed.get(), all.size(), cold,
				userCold, throttled, errors, this.abandoned.get());
	}

}
