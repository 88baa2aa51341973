package io.github.lambdawarmup.benchmarks.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.lambdawarmup.local.InvocationRecord;
import io.github.lambdawarmup.local.LocalFunction;
import io.github.lambdawarmup.local.LocalLambda;
import io.github.lambdawarmup.local.ProcessEnvironment;
import io.github.lambdawarmup.local.ServiceSummary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's calibration: one small scenario run twice, in local-lambda with the function sample in real
 * JVM environments and in the simulator with the cold starts local-lambda measured. A burst of 4 user requests
 * (4 cold starts), a fan-out of 5 from the environment the trigger lands on (3 warm, 2 new), then a burst of 5
 * (all warm). User cold starts, environments started and environments reached must agree within one.
 */
class SimulatorAgreesWithLocalLambdaTests {

	private static final String ORDER = "{\"orderId\":\"A-1\",\"country\":\"FR\",\"lines\":[{\"sku\":\"MUG\",\"quantity\":2}]}";

	private static final String SECRET = "calibration-" + UUID.randomUUID();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@AutoClose
	private final LocalLambda lambda = LocalLambda.builder().start();

	@AutoClose
	private final LambdaAsyncClient client = this.lambda.asyncClientBuilder()
		.overrideConfiguration((o) -> o.apiCallTimeout(Duration.ofMinutes(3)))
		.build();

	@BeforeAll
	static void quiet() {
		FleetReport.quietStarterLogs();
	}

	@Test
	void coldStartsAndReachAgreeWithLocalLambda() {
		Path jar = ProcessEnvironment.deploymentJar(Path.of("../function-app/target"));
		this.lambda.deploy(LocalFunction.builder("orders", ProcessEnvironment.factory(List.of(jar),
				"org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest", Duration.ofSeconds(120)))
			.timeout(Duration.ofSeconds(120))
			.memoryMb(512)
			.reservedConcurrency(8)
			.variable("MAIN_CLASS", "io.github.lambdawarmup.samples.function.OrderPricingApplication")
			.variable("WARMUP_FANOUT_CLIENT_ENDPOINT", this.lambda.endpoint().toString())
			.variable("WARMUP_FANOUT_INVOCATIONTIMEOUT", "120s")
			.variable("WARMUP_FANOUT_HOLD", "2000ms")
			.variable("WARMUP_MAXHOLD", "2000ms")
			.variable("WARMUP_TRIGGERSECRET", SECRET)
			.build());
		burst(4);
		JsonNode report = JSON.readTree(this.client.invoke((r) -> r.functionName("orders")
			.payload(SdkBytes.fromUtf8String("{\"lambda-warmup\":{\"action\":\"fan-out\",\"concurrency\":5,\"secret\":\""
					+ SECRET + "\"}}")))
			.join()
			.payload()
			.asByteArray());
		burst(5);
		ServiceSummary real = this.lambda.summary();
		int realReached = report.path("reached").path("distinctEnvironments").asInt();
		long initMs = Math.round(this.lambda.invocations("orders")
			.stream()
			.filter(InvocationRecord::coldStart)
			.mapToLong((r) -> r.initDuration().toMillis())
			.average()
			.orElseThrow());

		List<long[]> requests = new ArrayList<>();
		IntStream.range(0, 4).forEach((i) -> requests.add(new long[] { 0, 50 }));
		IntStream.range(0, 5).forEach((i) -> requests.add(new long[] { 300_000, 50 }));
		LambdaWarmupStrategy fanOut = new LambdaWarmupStrategy(5, List.of(), Duration.ofDays(1), Duration.ofSeconds(2))
			.fixedHold(Duration.ofSeconds(2))
			.firstAt(120_000);
		FleetRun.Result simulated = FleetRun.run(FleetModel.springBoot().withInit(initMs),
				Traffic.scripted("calibration", requests), () -> fanOut, 1, 1);

		String both = "local-lambda " + real + ", reached " + realReached + "; simulator user cold starts "
				+ simulated.users().coldStarts + ", environments started " + simulated.bill().coldStarts + ", reached "
				+ simulated.rounds().reachedTotal + " (init " + initMs + " ms)";
		assertThat(real.userColdStarts()).as(both).isEqualTo(4);
		assertThat(simulated.users().coldStarts).as(both).isCloseTo(real.userColdStarts(), org.assertj.core.data.Offset.offset(1L));
		assertThat(simulated.bill().coldStarts).as(both).isCloseTo(real.environmentsStarted(), org.assertj.core.data.Offset.offset(1L));
		assertThat(simulated.rounds().reachedTotal).as(both).isCloseTo(realReached, org.assertj.core.data.Offset.offset(1L));
	}

	private void burst(int size) {
		List<CompletableFuture<InvokeResponse>> burst = IntStream.range(0, size)
			.mapToObj((i) -> this.client.invoke((r) -> r.functionName("orders").payload(SdkBytes.fromUtf8String(ORDER))))
			.toList();
		burst.forEach((response) -> assertThat(response.join().functionError()).isNull());
	}

}
