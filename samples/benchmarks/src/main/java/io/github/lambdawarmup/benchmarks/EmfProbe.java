package io.github.lambdawarmup.benchmarks;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.Unit;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;
import tools.jackson.databind.json.JsonMapper;

import io.github.lambdawarmup.ExecutionEnvironment;
import io.github.lambdawarmup.LambdaPlatform;
import io.github.lambdawarmup.actuate.WarmupEmfPublisher;

/**
 * One fresh JVM writing its first EMF line, the way an environment writes its first user cold start: how long
 * that first line takes, class loading included. Jackson 3 is loaded before the clock starts, as Spring Boot
 * has loaded it long before an application's first invocation. Prints the microseconds on the last line.
 */
public final class EmfProbe {

	private EmfProbe() {
	}

	public static void main(String[] args) throws Exception {
		JsonMapper.builder().build().writeValueAsString(Map.of("loaded", 1));
		ExecutionEnvironment environment = new ExecutionEnvironment(Clock.systemUTC(), Instant.now(),
				LambdaPlatform.from(System.getenv()));
		long start = System.nanoTime();
		switch (args[0]) {
			case "none" -> System.out.println("{\"UserColdStart\":1}");
			case "lambda-warmup" -> {
				try (WarmupEmfPublisher publisher = new WarmupEmfPublisher("LambdaWarmup", environment)) {
					publisher.userColdStart(java.time.Duration.ofMillis(1234));
				}
			}
			case "aws-embedded-metrics" -> {
				MetricsLogger metrics = new MetricsLogger();
				metrics.setNamespace("LambdaWarmup");
				metrics.setDimensions(DimensionSet.of("FunctionName", "orders"));
				metrics.putMetric("UserColdStart", 1, Unit.COUNT);
				metrics.putMetric("InitDurationMs", 1234, Unit.MILLISECONDS);
				metrics.flush();
			}
			case "powertools" -> {
				Metrics metrics = MetricsFactory.getMetricsInstance();
				metrics.setNamespace("LambdaWarmup");
				metrics.addDimension("FunctionName", "orders");
				metrics.addMetric("UserColdStart", 1, MetricUnit.COUNT);
				metrics.addMetric("InitDurationMs", 1234, MetricUnit.MILLISECONDS);
				metrics.flush();
			}
			default -> throw new IllegalArgumentException("unknown variant " + args[0]);
		}
		System.out.flush();
		System.out.println((System.nanoTime() - start) / 1000);
	}

}
