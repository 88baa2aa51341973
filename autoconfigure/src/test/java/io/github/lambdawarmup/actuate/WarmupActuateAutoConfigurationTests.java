package io.github.lambdawarmup.actuate;

import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import io.github.lambdawarmup.autoconfigure.WarmupActuateAutoConfiguration;
import io.github.lambdawarmup.autoconfigure.WarmupAutoConfiguration;
import io.github.lambdawarmup.autoconfigure.WarmupFanOutAutoConfiguration;
import io.github.lambdawarmup.fanout.FanOutInvocationType;
import io.github.lambdawarmup.fanout.FanOutReport;
import io.github.lambdawarmup.fanout.WarmupFanOut;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class WarmupActuateAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WarmupAutoConfiguration.class, WarmupFanOutAutoConfiguration.class,
				WarmupActuateAutoConfiguration.class))
		.withPropertyValues("warmup.lambda-detection=force-on");

	@Test
	void createsEveryMeterAtZero() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(WarmupMetrics.class).bindTo(registry);
			assertThat(registry.get(WarmupMetrics.ROUNDS).tag("status", "completed").counter().count()).isZero();
			assertThat(registry.get(WarmupMetrics.INVOCATIONS).tag("outcome", "throttled").counter().count()).isZero();
			assertThat(registry.get(WarmupMetrics.ENVIRONMENTS).gauge().value()).isZero();
			assertThat(registry.get(WarmupMetrics.DURATION).timer().count()).isZero();
		});
	}

	@Test
	void countsWhatEveryRoundReports() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = new SimpleMeterRegistry();
			WarmupMetrics metrics = context.getBean(WarmupMetrics.class);
			metrics.bindTo(registry);
			metrics.onReport(new FanOutReport(FanOutReport.COMPLETED, null, "r",
					new FanOutReport.Target("f", null, FanOutInvocationType.REQUEST_RESPONSE), 10, 10,
					new FanOutReport.Reach(7, 7, 2, 70.0),
					new FanOutReport.Failures(2, Map.of("CallerRateLimitExceeded", 2), 1, Map.of("TimedOut", 1), 0,
							"throttled"),
					new FanOutReport.Holds(FanOutReport.Holds.DEADLINE, 300, 2100, null, null),
					new FanOutReport.Timing(20L, 30L, 10, 40L, 500), java.util.List.of(), null));
			assertThat(registry.get(WarmupMetrics.ROUNDS).tag("status", "completed").counter().count()).isEqualTo(1);
			assertThat(registry.get(WarmupMetrics.INVOCATIONS).tag("outcome", "answered").counter().count()).isEqualTo(7);
			assertThat(registry.get(WarmupMetrics.INVOCATIONS).tag("outcome", "throttled").counter().count()).isEqualTo(2);
			assertThat(registry.get(WarmupMetrics.INVOCATIONS).tag("outcome", "function-error").counter().count())
				.isEqualTo(1);
			assertThat(registry.get(WarmupMetrics.INVOCATIONS).tag("outcome", "failed").counter().count()).isEqualTo(1);
			assertThat(registry.get(WarmupMetrics.ENVIRONMENTS).gauge().value()).isEqualTo(7);
			assertThat(registry.get(WarmupMetrics.COLD_ENVIRONMENTS).gauge().value()).isEqualTo(2);
			assertThat(registry.get(WarmupMetrics.ASKED).gauge().value()).isEqualTo(10);
		});
	}

	@Test
	void theFanOutReportsToTheMeters() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(WarmupMetrics.class).bindTo(registry);
			context.getBean(WarmupFanOut.class).fanOut(3);
			assertThat(registry.get(WarmupMetrics.ROUNDS).tag("status", "unavailable").counter().count()).isEqualTo(1);
		});
	}

	@Test
	void exposesTheEndpointWhenAvailable() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=warmup").run((context) -> {
			WarmupEndpoint.WarmupDescriptor descriptor = context.getBean(WarmupEndpoint.class).warmup();
			assertThat(descriptor.environment().id()).isNotBlank();
			assertThat(descriptor.fanOut().concurrency()).isEqualTo(10);
			assertThat(descriptor.lastReport()).isNull();
		});
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(WarmupEndpoint.class));
	}

	@Test
	void leavesMetricsOutWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.run((context) -> assertThat(context).doesNotHaveBean(WarmupMetrics.class));
	}

}
