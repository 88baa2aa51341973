package io.github.lambdawarmup.function.app;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.function.context.catalog.FunctionAroundWrapper;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.context.annotation.Bean;

/**
 * A function application that records every event its function receives, and has an around-wrapper
 * of its own that records every invocation it wraps.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class RecordingFunctionApplication {

	/** The events the function received, in order. */
	public static final List<byte[]> received = new CopyOnWriteArrayList<>();

	/** How many invocations the application's own around-wrapper saw. */
	public static final List<Object> wrapped = new CopyOnWriteArrayList<>();

	@Bean
	Function<byte[], String> recorder() {
		return (event) -> {
			received.add(event);
			return "received " + event.length + " bytes: " + new String(event, StandardCharsets.UTF_8).hashCode();
		};
	}

	@Bean
	FunctionAroundWrapper recordingAroundWrapper() {
		return new FunctionAroundWrapper() {
			@Override
			protected Object doApply(Object input, FunctionInvocationWrapper targetFunction) {
				wrapped.add(input);
				return targetFunction.apply(input);
			}
		};
	}

}
