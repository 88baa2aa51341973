package io.github.lambdawarmup.benchmarks.fleet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.lambdawarmup.fanout.FanOutReport;
import io.github.lambdawarmup.local.IdleRouting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FleetSimulationTests {

	private static final FleetModel MODEL = FleetModel.springBoot();

	@TempDir
	Path directory;

	@BeforeAll
	static void quiet() {
		FleetReport.quietStarterLogs();
	}

	@Test
	void theSameSeedGivesTheSameNumbers() {
		FleetRun.Result first = FleetRun.run(MODEL, Traffic.bursty(0.02, 3, 60),
				() -> new LambdaWarmupStrategy(20, List.of(), Duration.ofMinutes(4), Duration.ofSeconds(2)), 2, 7);
		FleetRun.Result again = FleetRun.run(MODEL, Traffic.bursty(0.02, 3, 60),
				() -> new LambdaWarmupStrategy(20, List.of(), Duration.ofMinutes(4), Duration.ofSeconds(2)), 2, 7);
		FleetRun.Result other = FleetRun.run(MODEL, Traffic.bursty(0.02, 3, 60),
				() -> new LambdaWarmupStrategy(20, List.of(), Duration.ofMinutes(4), Duration.ofSeconds(2)), 2, 8);
		assertThat(again.users().requests).isEqualTo(first.users().requests);
		assertThat(again.users().coldStarts).isEqualTo(first.users().coldStarts);
		assertThat(again.monthlyUsd()).isEqualTo(first.monthlyUsd());
		assertThat(again.rounds().reachedTotal).isEqualTo(first.rounds().reachedTotal);
		assertThat(other.users().requests).isNotEqualTo(first.users().requests);
	}

	@Test
	void theAsyncSelfInvocationTrickReachesFarFewerThanItAsksFor() {
		FleetRun.Result result = FleetRun.run(MODEL, Traffic.steady(0.01), () -> Strategy.asyncSelfInvocation(5, 20, 30, 100),
				1, 1);
		// 100 asked: each schedule's 20 calls, 30 ms apart, find the copies before them done after 100 ms.
		assertThat(result.rounds().askedTotal / result.rounds().rounds).isEqualTo(100);
		assertThat(result.rounds().reachedPercent()).isBetween(10.0, 40.0);
	}

	@Test
	void theFanOutReachesWhatItAsksForAndItsEnvironmentsStay() {
		LambdaWarmupStrategy fanOut = new LambdaWarmupStrategy(50, List.of(), Duration.ofMinutes(4), Duration.ofSeconds(2));
		FleetRun.Result result = FleetRun.run(MODEL, Traffic.steady(0.01), () -> fanOut, 1, 1);
		assertThat(fanOut.reports()).hasSize(360).allMatch((report) -> FanOutReport.COMPLETED.equals(report.status()));
		assertThat(result.rounds().reachedPercent()).isGreaterThan(99.0);
		// Rounds every 4 minutes under a 5-to-7-minute keep-alive: all but the recycled environments stay.
		assertThat(result.rounds().keptPercent()).isGreaterThan(90.0);
		assertThat(fanOut.reports().get(10).retention().kept()).isGreaterThan(45);
	}

	@Test
	void aRateSlowerThanTheKeepAliveKeepsNothing() {
		LambdaWarmupStrategy fanOut = new LambdaWarmupStrategy(20, List.of(), Duration.ofMinutes(10), Duration.ofSeconds(2));
		FleetRun.Result result = FleetRun.run(MODEL, Traffic.steady(0.001), () -> fanOut, 1, 1);
		assertThat(result.rounds().keptPercent()).isLessThan(5.0);
		assertThat(fanOut.reports().get(5).retention().belowMinimum()).isTrue();
	}

	@Test
	void provisionedConcurrencyCostsWhatAwsPublishes() {
		// 100 environments of 1.5 GB around the clock: about 1,620 USD a month of standby (lambda-platform.md).
		FleetRun.Result result = FleetRun.run(MODEL, Traffic.steady(0.0001), () -> Strategy.provisioned(100), 30, 1);
		assertThat(result.monthlyUsd()).isBetween(1_615.0, 1_630.0);
		assertThat(result.users().coldStarts).isZero();
	}

	@Test
	void noWarmingUnderBurstsPaysColdStartsTheFanOutAvoids() {
		FleetRun.Result none = FleetRun.run(MODEL, Traffic.bursty(0.02, 3, 60), Strategy::none, 7, 3);
		FleetRun.Result warmed = FleetRun.run(MODEL, Traffic.bursty(0.02, 3, 60),
				() -> new LambdaWarmupStrategy(60, List.of(), Duration.ofMinutes(4), Duration.ofSeconds(2)), 7, 3);
		assertThat(none.users().coldStarts).isGreaterThan(100);
		assertThat(warmed.users().coldStarts).isLessThan(none.users().coldStarts / 20);
		assertThat(warmed.addedLatencyMs(99)).isLessThan(none.addedLatencyMs(99));
	}

	@Test
	void theRoutingRuleMatters() {
		FleetRun.Result mostRecent = FleetRun.run(MODEL, Traffic.steady(1), Strategy::none, 1, 1);
		FleetRun.Result leastRecent = FleetRun.run(MODEL.withRouting(IdleRouting.LEAST_RECENT), Traffic.steady(1),
				Strategy::none, 1, 1);
		assertThat(leastRecent.users().requests).isEqualTo(mostRecent.users().requests);
		assertThat(leastRecent.users().coldStarts).isNotEqualTo(mostRecent.users().coldStarts);
	}

	@Test
	void importsTheAzureTraceACloudWatchExportAndARequestLog() throws Exception {
		Path azure = this.directory.resolve("invocations_per_function_md.anon.d01.csv");
		Files.writeString(azure, "HashOwner,HashApp,HashFunction,Trigger,1,2,3\no1,a1,quiet,http,1,0,0\n"
				+ "o2,a2,busy,http,30,60,0\n");
		FleetRun.Result fromAzure = FleetRun.run(MODEL, Traffic.azure2019(azure, null), Strategy::none, 1, 1);
		// The busiest function, its 3 minutes repeated over the day: 90 requests every 3 minutes.
		assertThat(fromAzure.users().requests).isEqualTo(90L * 480);
		Path cloudWatch = this.directory.resolve("invocations.csv");
		Files.writeString(cloudWatch, "Timestamp,Invocations\n2026-11-02T00:00:00Z,10\n2026-11-02T00:01:00Z,20\n");
		assertThat(FleetRun.run(MODEL, Traffic.cloudWatch(cloudWatch), Strategy::none, 1, 1).users().requests)
			.isEqualTo(30L * 720);
		Path log = this.directory.resolve("requests.csv");
		Files.writeString(log, "timestamp,durationMs\n2026-11-02T00:00:00Z,120\n2026-11-02T00:00:00.050Z,80\n"
				+ "2026-11-02T00:00:01Z,100\n");
		FleetRun.Result fromLog = FleetRun.run(MODEL, Traffic.requestLog(log), Strategy::none, 1, 1);
		assertThat(fromLog.users().requests).isGreaterThan(3);
		assertThat(fromLog.users().coldStarts).isGreaterThanOrEqualTo(2);
	}

	@Test
	void readsInVitroSamplesOfTheAzureTraceAndTheBundledPublicFunction() throws Exception {
		Path sample = this.directory.resolve("10_inv.csv");
		Files.writeString(sample, "HashFunction,HashApp,HashOwner,minute_1,minute_2\nquiet,quiet,quiet,1,0\n"
				+ "busy,busy,busy,5,7\n");
		// The busiest function's two minutes repeated over one day: 12 requests every 2 minutes.
		assertThat(FleetRun.run(MODEL, Traffic.azure2019(sample, null), Strategy::none, 1, 1).users().requests)
			.isEqualTo(12L * 720);
		assertThat(FleetRun.run(MODEL, Traffic.azure2019(sample, "quiet"), Strategy::none, 1, 1).users().requests)
			.isEqualTo(720);
		Traffic bundled = Traffic.publicAzureFunction();
		assertThat(bundled.name()).isEqualTo("azure-2019 88a43b1b");
		// The row's own total: 1,244 invocations in its day.
		assertThat(FleetRun.run(MODEL, bundled, Strategy::none, 1, 1).users().requests).isEqualTo(1_244);
		Path foreign = this.directory.resolve("other.csv");
		Files.writeString(foreign, "Timestamp,Invocations\n2026-11-02T00:00:00Z,10\n");
		assertThatIllegalArgumentException().isThrownBy(() -> Traffic.azure2019(foreign, null))
			.withMessageContaining("not in the Azure Functions 2019 layout");
	}

	@Test
	void thePlannerSizesAWindowForBusyWeekdaysAndWritesYaml() {
		Plan plan = WarmupPlanner.plan(MODEL, Traffic.diurnal(8, 0.2), 14, 1);
		assertThat(plan.windows()).hasSize(1);
		assertThat(plan.peakConcurrency()).isGreaterThan(plan.concurrency());
		assertThat(plan.rate()).isEqualTo(Duration.ofMinutes(4));
		assertThat(plan.toYaml()).contains("warmup:\n  max-hold: 2000ms\n  fan-out:\n    concurrency: " + plan.concurrency())
			.contains("days: [monday, tuesday, wednesday, thursday, friday]")
			.contains("concurrency: " + plan.peakConcurrency());
	}

}
