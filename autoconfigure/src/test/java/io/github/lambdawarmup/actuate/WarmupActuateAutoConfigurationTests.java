package io.github.lambdawarmup.actuate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.lambdawarmup.ExecutionEnvironment;
import io.github.lambdawarmup.Invocation;
import io.github.lambdawarmup.LambdaPlatform;
import io.github.lambdawarmup.WarmupInterceptor;
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

	private static final JsonMapper JSON = JsonMapper.builder().build();

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
					new FanOutReport.Timing(20L, 30L, 10, 40L, 500), java.util.List.of(), null,
					new FanOutReport.Retention("r0", 240_000L, 6, 60.0, 80), new FanOutReport.Users(12, 1)));
			assertThat(registry.get(WarmupMetrics.ROUNDS).tag("status", "completed").counter().count()).isEqualTo(1);
			assertThat(registry.get(WarmupMetrics.INVOCATIONS).tag("outcome", "answered").counter().count()).isEqualTo(7);
			assertThat(registry.get(WarmupMetrics.INVOCATIONS).tag("outcome", "throttled").counter().count()).isEqualTo(2);
			assertThat(registry.get(WarmupMetrics.INVOCATIONS).tag("outcome", "function-error").counter().count())
				.isEqualTo(1);
			assertThat(registry.get(WarmupMetrics.INVOCATIONS).tag("outcome", "failed").counter().count()).isEqualTo(1);
			assertThat(registry.get(WarmupMetrics.ENVIRONMENTS).gauge().value()).isEqualTo(7);
			assertThat(registry.get(WarmupMetrics.COLD_ENVIRONMENTS).gauge().value()).isEqualTo(2);
			assertThat(registry.get(WarmupMetrics.ASKED).gauge().value()).isEqualTo(10);
			assertThat(registry.get(WarmupMetrics.KEPT_ENVIRONMENTS).gauge().value()).isEqualTo(6);
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
			WarmupStatus status = context.getBean(WarmupEndpoint.class).warmup();
			assertThat(status.environment().id()).isNotBlank();
			assertThat(status.activation().active()).isTrue();
			assertThat(status.activation().detection()).isEqualTo("force-on");
			assertThat(status.fanOut().concurrency()).isEqualTo(10);
			assertThat(status.fanOut().concurrencyNow()).isEqualTo(10);
			assertThat(status.lastReport()).isNull();
		});
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(WarmupEndpoint.class));
	}

	@Test
	void leavesMetricsOutWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.run((context) -> assertThat(context).doesNotHaveBean(WarmupMetrics.class));
	}

	@Test
	void theMetersFollowWarmUpsAndUserInvocationsColdAndWarm() {
		ExecutionEnvironment environment = new ExecutionEnvironment(Clock.systemUTC(), Instant.now(),
				LambdaPlatform.from(Map.of()));
		this.contextRunner.withBean(ExecutionEnvironment.class, () -> environment).run((context) -> {
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(WarmupMetrics.class).bindTo(registry);
			WarmupInterceptor interceptor = context.getBean(WarmupInterceptor.class);
			assertThat(registry.get(WarmupMetrics.USER_INVOCATIONS).tag("cold", "true").functionCounter().count()).isZero();
			interceptor.intercept(utf8("{\"orderId\":1}"), new Invocation("u1", null, null));
			interceptor.intercept(utf8("{\"orderId\":2}"), new Invocation("u2", null, null));
			interceptor.intercept(utf8("{\"lambda-warmup\":{}}"), new Invocation("w1", null, null,
					Map.of(Invocation.WARMER_KEY, "1")));
			assertThat(registry.get(WarmupMetrics.USER_INVOCATIONS).tag("cold", "true").functionCounter().count())
				.isEqualTo(1);
			assertThat(registry.get(WarmupMetrics.USER_INVOCATIONS).tag("cold", "false").functionCounter().count())
				.isEqualTo(1);
			assertThat(registry.get(WarmupMetrics.WARM_UPS).functionCounter().count()).isEqualTo(1);
		});
	}

	@Test
	void aTrustedStatusRequestOverTheInvokeApiAnswersWhatTheEndpointShows() {
		this.contextRunner.withPropertyValues("warmup.trigger-secret=a-secret-of-twenty-chars").run((context) -> {
			WarmupInterceptor interceptor = context.getBean(WarmupInterceptor.class);
			// Made by the first status request, not at start-up.
			assertThat(context.getBeanFactory().containsSingleton("warmupStatusHandler")).isFalse();
			WarmupInterceptor.Answer answer = interceptor
				.intercept(utf8("{\"lambda-warmup\":{\"action\":\"status\",\"secret\":\"a-secret-of-twenty-chars\"}}"),
						Invocation.unknown())
				.orElseThrow();
			assertThat(answer.kind()).isEqualTo(WarmupInterceptor.Answer.Kind.STATUS);
			JsonNode status = JSON.readTree(answer.json());
			assertThat(status.path("environment").path("id").asString())
				.isEqualTo(context.getBean(ExecutionEnvironment.class).id());
			assertThat(status.path("activation").path("active").asBoolean()).isTrue();
			assertThat(status.path("fanOut").path("concurrencyNow").asInt()).isEqualTo(10);
			assertThat(status.path("activation").path("triggerSecret").asBoolean()).isTrue();
			assertThat(new String(answer.json(), StandardCharsets.UTF_8)).doesNotContain("a-secret-of-twenty-chars");
			WarmupInterceptor.Answer refused = interceptor
				.intercept(utf8("{\"lambda-warmup\":{\"action\":\"status\",\"secret\":\"wrong\"}}"), Invocation.unknown())
				.orElseThrow();
			assertThat(refused.kind()).isEqualTo(WarmupInterceptor.Answer.Kind.REFUSED);
			assertThat(new String(refused.json(), StandardCharsets.UTF_8)).doesNotContain("environment");
		});
	}

	@Test
	void theEndpointSaysWhenTheStarterIsInactive() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WarmupAutoConfiguration.class, WarmupFanOutAutoConfiguration.class,
					WarmupActuateAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=warmup")
			.run((context) -> {
				WarmupStatus status = context.getBean(WarmupEndpoint.class).warmup();
				assertThat(status.activation().active()).isFalse();
				assertThat(status.activation().lambda()).isFalse();
				assertThat(status.activation().detection()).isEqualTo("auto");
			});
	}

	@Test
	void writesEmfLinesOnLambdaUnlessSwitchedOff() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(WarmupEmfPublisher.class));
		this.contextRunner.withPropertyValues("warmup.metrics.emf.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WarmupEmfPublisher.class));
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WarmupAutoConfiguration.class, WarmupActuateAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(WarmupEmfPublisher.class));
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
