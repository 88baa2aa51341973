package io.github.lambdawarmup.fanout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

class FanOutSchedulerTests {

	private static final Clock AT_10_03_30 = Clock.fixed(Instant.parse("2026-11-30T10:03:30Z"), ZoneId.of("UTC"));

	@Test
	void aCronRoundWaitsForTheExpressionsNextTimeOnItsClock() {
		FanOutScheduler scheduler = new FanOutScheduler(() -> {
		}, null, "0 */5 * * * *", AT_10_03_30);
		assertThat(scheduler.untilNextCronRound()).isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void aCronExpressionIsReadInTheClocksZone() {
		Clock paris = AT_10_03_30.withZone(ZoneId.of("Europe/Paris"));
		// 10:03:30 UTC is 11:03:30 in Paris: the next 12:00 there is in 56.5 minutes.
		FanOutScheduler scheduler = new FanOutScheduler(() -> {
		}, null, "0 0 12 * * *", paris);
		assertThat(scheduler.untilNextCronRound()).isEqualTo(Duration.ofMinutes(56).plusSeconds(30));
	}

	@Test
	void aRateHasNoCronRound() {
		FanOutScheduler scheduler = new FanOutScheduler(() -> {
		}, Duration.ofMinutes(4), null, AT_10_03_30);
		assertThat(scheduler.untilNextCronRound()).isNull();
	}

	@Test
	void needsARateOrACronExpression() {
		assertThatIllegalArgumentException().isThrownBy(() -> new FanOutScheduler(() -> {
		}, null, null, AT_10_03_30)).withMessageContaining("rate or a cron");
		assertThatIllegalArgumentException().isThrownBy(() -> new FanOutScheduler(() -> {
		}, Duration.ZERO, null, AT_10_03_30)).withMessageContaining("warmup.fan-out.schedule.rate");
	}

	@Test
	void aRoundThatThrowsDoesNotStopTheSchedule() {
		AtomicInteger rounds = new AtomicInteger();
		FanOutScheduler scheduler = new FanOutScheduler(() -> {
			if (rounds.incrementAndGet() == 1) {
				throw new IllegalStateException("the first round failed");
			}
		}, Duration.ofMillis(20), null, Clock.systemUTC());
		scheduler.start();
		try {
			assertThat(scheduler.isRunning()).isTrue();
			await().atMost(Duration.ofSeconds(30)).until(() -> rounds.get() >= 3);
		}
		finally {
			scheduler.stop();
		}
		assertThat(scheduler.isRunning()).isFalse();
	}

}
