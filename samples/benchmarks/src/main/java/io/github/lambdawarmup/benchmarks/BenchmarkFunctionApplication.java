package io.github.lambdawarmup.benchmarks;

import java.util.function.Function;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A function that does almost nothing, so that a benchmark of an invocation measures the path to it.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class BenchmarkFunctionApplication {

	@Bean
	Function<byte[], Integer> eventLength() {
		return (event) -> event.length;
	}

}
