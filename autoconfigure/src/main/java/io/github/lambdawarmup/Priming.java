package io.github.lambdawarmup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Runs the user's own code on events the user declared, so that a warm environment has its code paths warm
 * too, not only its JVM and its Spring context. Opt-in: nothing primes unless events are declared.
 * <p>
 * Priming runs once per environment: in its first trusted warm-up, within that warm-up's hold; in the
 * environment that runs a fan-out round, after the round; or, with SnapStart, before the snapshot is
 * taken. Events run in order; those a hold has no time left for run at the next trusted warm-up. A
 * priming call's result is discarded and its failure logged: it never fails a warm-up. Each call is
 * marked ({@link #MESSAGE_HEADER} on the function path, {@link #HTTP_HEADER} on the web path) so that the
 * user's code can tell it from a real request, and it is not counted as one.
 */
public final class Priming {

	/** The message header that marks a priming call on the function path; its value is {@code "true"}. */
	public static final String MESSAGE_HEADER = "lambda-warmup-priming";

	/** The request header that marks a priming call on the web path; its value is {@code "true"}. */
	public static final String HTTP_HEADER = "X-Lambda-Warmup-Priming";

	private static final Log logger = LogFactory.getLog(Priming.class);

	private final List<Event> events;

	private final Runner runner;

	private final Clock clock;

	private int next;

	private @Nullable Report last;

	/**
	 * Creates the priming of this environment.
	 * @param events the events, in the order they run
	 * @param runner what runs one event through the user's code
	 * @param clock the clock that tells when a hold ends
	 */
	public Priming(List<Event> events, Runner runner, Clock clock) {
		this.events = List.copyOf(events);
		this.runner = runner;
		this.clock = clock;
	}

	/**
	 * Runs the events not run yet, starting none after the deadline.
	 * @param phase when this runs
	 * @param deadline when to stop starting events, or {@code null} to run them all
	 * @return what ran now, or {@code null} if every event had already run
	 */
	public synchronized @Nullable Report prime(Phase phase, @Nullable Instant deadline) {
		if (isDone()) {
			return null;
		}
		Instant start = this.clock.instant();
		int ran = 0;
		int failed = 0;
		while (this.next < this.events.size() && (deadline == null || ran == 0 || this.clock.instant().isBefore(deadline))) {
			Event event = this.events.get(this.next++);
			ran++;
			try {
				this.runner.run(event);
			}
			catch (Exception | LinkageError ex) {
				failed++;
				logger.warn("Priming event " + event.name() + " failed; the warm-up goes on", ex);
			}
		}
		Report report = new Report(phase, ran, failed, this.events.size() - this.next,
				Duration.between(start, this.clock.instant()).toMillis());
		this.last = report;
		logger.info("Primed " + ran + " of " + this.events.size() + " events (" + phase.label + ", " + report.durationMs()
				+ " ms, " + failed + " failed"
				+ ((report.remaining() > 0) ? ", " + report.remaining() + " at the next warm-up" : "")
				+ ")");
		return report;
	}

	/** Whether every event has run. */
	public synchronized boolean isDone() {
		return this.next >= this.events.size();
	}

	/** What the last priming did, or {@code null} before any. */
	public synchronized @Nullable Report lastReport() {
		return this.last;
	}

	/** When priming runs. */
	public enum Phase {

		/** In a trusted warm-up, within its hold. */
		IN_WARM_UP("warm-up"),

		/** In the environment that ran a fan-out round, after it. */
		AFTER_FAN_OUT("after-fan-out"),

		/** Before a SnapStart checkpoint. */
		BEFORE_CHECKPOINT("before-checkpoint");

		private final String label;

		Phase(String label) {
			this.label = label;
		}

	}

	/**
	 * A priming event.
	 * @param name where it came from, for logs
	 * @param body the event, as Lambda would deliver it
	 */
	public record Event(String name, byte[] body) {

		@Override
		public String toString() {
			return "Priming.Event[" + this.name + ", " + this.body.length + " bytes]";
		}

	}

	/**
	 * What one priming did.
	 * @param phase when it ran
	 * @param ran the events it ran
	 * @param failed how many of them failed
	 * @param remaining the events left for a later warm-up
	 * @param durationMs how long it took
	 */
	public record Report(Phase phase, int ran, int failed, int remaining, long durationMs) {

	}

	/** Runs one priming event through the user's code, discarding its result. */
	@FunctionalInterface
	public interface Runner {

		/**
		 * Runs the event.
		 * @param event the event
		 * @throws Exception if the user's code failed
		 */
		void run(Event event) throws Exception;

	}

}
