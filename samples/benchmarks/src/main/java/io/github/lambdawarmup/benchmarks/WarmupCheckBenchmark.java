package io.github.lambdawarmup.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.github.lambdawarmup.WarmupEvent;
import io.github.lambdawarmup.web.WarmupStreamHandler;

/**
 * The checks alone: what every invocation pays to learn that it is not a warm-up (the function path),
 * and what the web path's stream handler adds to an HTTP event that is not one (the container's own work
 * left out).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WarmupCheckBenchmark {

	@Param({ "1024", "262144" })
	public int eventBytes;

	private byte[] event = new byte[0];

	private final ByteArrayOutputStream output = new ByteArrayOutputStream();

	private final WarmupStreamHandler handler = new WarmupStreamHandler((input, output, context) -> {
	});

	@Setup
	public void createEvent() {
		this.event = BenchmarkEvents.apiGateway(this.eventBytes);
	}

	@Benchmark
	public Optional<WarmupEvent> detectApiGatewayEvent() {
		return WarmupEvent.detect(this.event);
	}

	@Benchmark
	public int webHandlerOnApiGatewayEvent() throws IOException {
		// The container's place is taken by a handler that does nothing: what is left is what the web path adds.
		this.output.reset();
		this.handler.handleRequest(new ByteArrayInputStream(this.event), this.output, null);
		return this.output.size();
	}

	@Benchmark
	public Optional<WarmupEvent> detectWarmup() {
		return WarmupEvent.detect(BenchmarkEvents.WARMUP);
	}

}
