package io.github.lambdawarmup.benchmarks;

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

import io.github.lambdawarmup.HttpWarmupRequests;
import io.github.lambdawarmup.WarmupEvent;

/**
 * The checks alone: what every invocation pays to learn that it is not a warm-up (the function path
 * and the raw-event check of the web path), and what the web path's stream handler pays to learn that an
 * HTTP event is not a warm-up request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WarmupCheckBenchmark {

	@Param({ "1024", "262144" })
	public int eventBytes;

	private byte[] event = new byte[0];

	@Setup
	public void createEvent() {
		this.event = BenchmarkEvents.apiGateway(this.eventBytes);
	}

	@Benchmark
	public Optional<WarmupEvent> detectApiGatewayEvent() {
		return WarmupEvent.detect(this.event);
	}

	@Benchmark
	public Optional<byte[]> probeApiGatewayEventForHttpWarmup() {
		return HttpWarmupRequests.warmupBody(this.event);
	}

	@Benchmark
	public Optional<WarmupEvent> detectWarmup() {
		return WarmupEvent.detect(BenchmarkEvents.WARMUP);
	}

}
