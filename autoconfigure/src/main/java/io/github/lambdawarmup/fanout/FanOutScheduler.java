package io.github.lambdawarmup.fanout;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.scheduling.support.CronExpression;

/**
 * Runs the fan-out on a schedule, on a private thread: a library must not define a {@code TaskScheduler}
 * bean, which would change the application's own {@code @Scheduled} set-up.
 */
public class FanOutScheduler implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(FanOutScheduler.class);

	private final Runnable round;

	private final Clock clock;

	private final @Nullable Duration rate;

	private final @Nullable CronExpression cron;

	private @Nullable ScheduledExecutorService executor;

	/**
	 * Creates a scheduler.
	 * @param fanOut the fan-out to run
	 * @param rate the time between rounds, or {@code null} to use the cron expression
	 * @param cron the cron expression, used when no rate is given
	 */
	public FanOutScheduler(WarmupFanOut fanOut, @Nullable Duration rate, @Nullable String cron) {
		this(fanOut, rate, cron, Clock.systemDefaultZone());
	}

	FanOutScheduler(Runnable round, @Nullable Duration rate, @Nullable String cron, Clock clock) {
		if (rate == null && cron == null) {
			throw new IllegalArgumentException("a fan-out schedule needs a rate or a cron expression");
		}
		if (rate != null && (rate.isNegative() || rate.isZero())) {
			throw new IllegalArgumentException("warmup.fan-out.schedule.rate must be positive, was " + rate);
		}
		this.round = round;
		this.clock = clock;
		this.rate = rate;
		this.cron = (rate == null) ? CronExpression.parse(cron) : null;
	}

	@Override
	public synchronized void start() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("lambda-warmup-fan-out-");
		threads.setDaemon(true);
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(threads);
		this.executor = executor;
		if (this.rate != null) {
			executor.scheduleAtFixedRate(this::runQuietly, 0, this.rate.toMillis(), TimeUnit.MILLISECONDS);
		}
		else {
			scheduleNext(executor);
		}
	}

	private void scheduleNext(ScheduledExecutorService executor) {
		Duration delay = untilNextCronRound();
		if (delay == null) {
			return;
		}
		executor.schedule(() -> {
			runQuietly();
			scheduleNext(executor);
		}, delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** How long until the cron expression's next round, or {@code null} with a rate or no next round. */
	@Nullable Duration untilNextCronRound() {
		if (this.cron == null) {
			return null;
		}
		ZonedDateTime now = ZonedDateTime.now(this.clock);
		ZonedDateTime next = this.cron.next(now);
		return (next != null) ? Duration.between(now, next) : null;
	}

	// A scheduled task that throws is never run again.
	private void runQuietly() {
		try {
			this.round.run();
		}
		catch (RuntimeException ex) {
			logger.error("Fan-out round failed", ex);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

}
