package io.github.lambdawarmup.function;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import io.github.lambdawarmup.autoconfigure.WarmupAutoConfiguration;
import io.github.lambdawarmup.autoconfigure.WarmupFunctionAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.function.adapter.aws.AWSLambdaUtils;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.FunctionAroundWrapper;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration;
import org.springframework.cloud.function.observability.ObservationFunctionAroundWrapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import io.github.lambdawarmup.local.LocalContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Cloud Function's observation wrapper occupies the single around-wrapper slot; the warm-up
 * wrapper must decorate it, so that user invocations are still observed and warm-ups are not.
 */
class ObservationWrapperDecorationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
				ContextFunctionCatalogAutoConfiguration.class,
				org.springframework.cloud.function.observability.ObservationAutoConfiguration.class,
				WarmupAutoConfiguration.class, WarmupFunctionAutoConfiguration.class))
		.withUserConfiguration(FunctionConfiguration.class)
		.withPropertyValues("warmup.lambda-detection=force-on");

	@Test
	void decoratesTheObservationWrapperInsteadOfReplacingIt() {
		this.contextRunner.run((context) -> {
			FunctionAroundWrapper wrapper = context.getBean(FunctionAroundWrapper.class);
			assertThat(wrapper).isInstanceOf(WarmupFunctionAroundWrapper.class);
			assertThat(((WarmupFunctionAroundWrapper) wrapper).getDelegate())
				.isInstanceOf(ObservationFunctionAroundWrapper.class);
		});
	}

	@Test
	void userInvocationsAreStillObservedAndWarmupsAreNot() {
		this.contextRunner.run((context) -> {
			List<String> observed = context.getBean(FunctionConfiguration.class).observed;
			FunctionInvocationWrapper function = context.getBean(FunctionCatalog.class).lookup("uppercase", "application/json");

			Object answer = function.apply(lambdaMessage("{\"lambda-warmup\":{}}"));
			assertThat(new String((byte[]) ((Message<?>) answer).getPayload(), StandardCharsets.UTF_8))
				.contains("\"status\":\"warm\"");
			assertThat(observed).isEmpty();

			Object result = function.apply(lambdaMessage("\"hello\""));
			assertThat(new String((byte[]) ((Message<?>) result).getPayload(), StandardCharsets.UTF_8))
				.isEqualTo("\"HELLO\"");
			assertThat(observed).isNotEmpty().allMatch((name) -> name.startsWith("spring.cloud.function"));
		});
	}

	private static Message<byte[]> lambdaMessage(String json) {
		return MessageBuilder.withPayload(json.getBytes(StandardCharsets.UTF_8))
			.setHeader(AWSLambdaUtils.AWS_CONTEXT, LocalContext.of("orders"))
			.build();
	}

	@Configuration(proxyBeanMethods = false)
	static class FunctionConfiguration {

		final List<String> observed = new CopyOnWriteArrayList<>();

		@Bean
		Function<String, String> uppercase() {
			return String::toUpperCase;
		}

		@Bean
		ObservationHandler<Observation.Context> recordingHandler() {
			return new ObservationHandler<>() {
				@Override
				public void onStop(Observation.Context context) {
					FunctionConfiguration.this.observed.add(context.getName());
				}

				@Override
				public boolean supportsContext(Observation.Context context) {
					return true;
				}
			};
		}

		@Bean
		ObservationRegistry observationRegistry(List<ObservationHandler<Observation.Context>> handlers) {
			ObservationRegistry registry = ObservationRegistry.create();
			handlers.forEach(registry.observationConfig()::observationHandler);
			return registry;
		}

	}

}
