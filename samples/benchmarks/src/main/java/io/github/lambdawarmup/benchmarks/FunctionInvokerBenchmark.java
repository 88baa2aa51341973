package io.github.lambdawarmup.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.github.lambdawarmup.local.LocalContext;

import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * A whole invocation through Spring Cloud Function's real {@link FunctionInvoker}, with the starter
 * active ({@code starter=on}) and forced off ({@code starter=off}): the difference is what the starter
 * costs, or saves, per invocation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FunctionInvokerBenchmark {

	@Param({ "on", "off" })
	public String starter;

	@Param({ "apigateway-1kb", "apigateway-256kb", "warmup-hold-0" })
	public String event;

	private FunctionInvoker invoker;

	private byte[] bytes = new byte[0];

	@Setup
	public void startInvoker() {
		System.setProperty("MAIN_CLASS", BenchmarkFunctionApplication.class.getName());
		System.setProperty("warmup.lambda-detection", "on".equals(this.starter) ? "force-on" : "force-off");
		System.setProperty("logging.level.root", "warn");
		System.setProperty("logging.level.org.springframework.cloud.function.adapter.aws", "warn");
		this.invoker = new FunctionInvoker();
		this.bytes = switch (this.event) {
			case "apigateway-1kb" -> BenchmarkEvents.apiGateway(1024);
			case "apigateway-256kb" -> BenchmarkEvents.apiGateway(256 * 1024);
			default -> BenchmarkEvents.WARMUP;
		};
	}

	@Benchmark
	public byte[] invoke() throws IOException {
		ByteArrayOutputStream output = new ByteArrayOutputStream(256);
		this.invoker.handleRequest(new ByteArrayInputStream(this.bytes), output, LocalContext.of("benchmark"));
		return output.toByteArray();
	}

}
