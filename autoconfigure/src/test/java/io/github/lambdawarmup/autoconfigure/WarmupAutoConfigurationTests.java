package io.github.lambdawarmup.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.github.lambdawarmup.ExecutionEnvironment;
import io.github.lambdawarmup.FanOutTriggerHandler;
import io.github.lambdawarmup.HoldPolicy;
import io.github.lambdawarmup.WarmupInterceptor;
import io.github.lambdawarmup.function.WarmupFunctionAroundWrapper;
import io.github.lambdawarmup.web.WarmupServletFilter;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cloud.function.context.catalog.FunctionAroundWrapper;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import static org.assertj.core.api.Assertions.assertThat;

class WarmupAutoConfigurationTests {

	private static final AutoConfigurations WARMUP = AutoConfigurations.of(WarmupAutoConfiguration.class,
			WarmupFunctionAutoConfiguration.class, WarmupWebAutoConfiguration.class,
			WarmupSnapStartAutoConfiguration.class);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(WARMUP);

	@Test
	void registersNothingOffLambda() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(WarmupInterceptor.class)
			.doesNotHaveBean(FunctionAroundWrapper.class)
			.doesNotHaveBean(ExecutionEnvironment.class));
	}

	@Test
	void detectsLambdaFromTheFunctionName() {
		this.contextRunner.withPropertyValues("AWS_LAMBDA_FUNCTION_NAME=orders")
			.run((context) -> assertThat(context).hasSingleBean(WarmupInterceptor.class)
				.hasSingleBean(WarmupFunctionAroundWrapper.class));
	}

	@Test
	void detectsLambdaFromTheRuntimeApi() {
		this.contextRunner.withPropertyValues("AWS_LAMBDA_RUNTIME_API=127.0.0.1:9001")
			.run((context) -> assertThat(context).hasSingleBean(WarmupInterceptor.class));
	}

	@Test
	void canBeForcedOnOffLambda() {
		this.contextRunner.withPropertyValues("warmup.lambda-detection=force-on")
			.run((context) -> assertThat(context).hasSingleBean(WarmupInterceptor.class));
	}

	@Test
	void canBeForcedOffOnLambda() {
		this.contextRunner.withPropertyValues("AWS_LAMBDA_FUNCTION_NAME=orders", "warmup.lambda-detection=force-off")
			.run((context) -> assertThat(context).doesNotHaveBean(WarmupInterceptor.class));
	}

	@Test
	void canBeDisabled() {
		this.contextRunner.withPropertyValues("AWS_LAMBDA_FUNCTION_NAME=orders", "warmup.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WarmupInterceptor.class)
				.doesNotHaveBean(FunctionAroundWrapper.class));
	}

	@Test
	void bindsTheHoldBounds() {
		this.contextRunner
			.withPropertyValues("warmup.lambda-detection=force-on", "warmup.max-hold=3s", "warmup.answer-margin=50ms")
			.run((context) -> assertThat(context.getBean(HoldPolicy.class))
				.isEqualTo(new HoldPolicy(Duration.ofSeconds(3), Duration.ofMillis(50))));
	}

	@Test
	void usesTheProcessWideEnvironment() {
		this.contextRunner.withPropertyValues("warmup.lambda-detection=force-on")
			.run((context) -> assertThat(context.getBean(ExecutionEnvironment.class))
				.isSameAs(ExecutionEnvironment.current()));
	}

	@Test
	void backsOffWhenTheUserDefinesTheInterceptor() {
		this.contextRunner.withPropertyValues("warmup.lambda-detection=force-on")
			.withUserConfiguration(UserInterceptorConfiguration.class)
			.run((context) -> assertThat(context).getBean(WarmupInterceptor.class)
				.isSameAs(context.getBean("userInterceptor")));
	}

	@Test
	void runsATriggerThatCarriesTheConfiguredSecret() {
		this.contextRunner.withPropertyValues("warmup.lambda-detection=force-on", "warmup.trigger-secret=s3cret-from-the-schedule")
			.withBean(FanOutTriggerHandler.class, () -> (trigger, invocation) -> new Ran("ran"))
			.run((context) -> {
				WarmupInterceptor interceptor = context.getBean(WarmupInterceptor.class);
				assertThat(new String(interceptor
					.intercept("{\"lambda-warmup\":{\"action\":\"fan-out\",\"secret\":\"s3cret-from-the-schedule\"}}".getBytes(),
							io.github.lambdawarmup.Invocation.unknown())
					.orElseThrow()
					.json())).isEqualTo("{\"status\":\"ran\"}");
				assertThat(new String(interceptor
					.intercept("{\"lambda-warmup\":{\"action\":\"fan-out\"}}".getBytes(),
							io.github.lambdawarmup.Invocation.unknown())
					.orElseThrow()
					.json())).contains("\"status\":\"refused\"");
			});
	}

	@Test
	void usesTheUsersFanOutTriggerHandler() {
		this.contextRunner.withPropertyValues("warmup.lambda-detection=force-on")
			.withBean(FanOutTriggerHandler.class, () -> (trigger, invocation) -> new Ran("ran"))
			.run((context) -> assertThat(new String(context.getBean(WarmupInterceptor.class)
				.intercept("{\"lambda-warmup\":{\"action\":\"fan-out\"}}".getBytes(),
						new io.github.lambdawarmup.Invocation(null, null, null,
								java.util.Map.of(io.github.lambdawarmup.Invocation.WARMER_KEY, "1")))
				.orElseThrow()
				.json())).isEqualTo("{\"status\":\"ran\"}"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserInterceptorConfiguration {

		@Bean
		WarmupInterceptor userInterceptor() {
			return WarmupInterceptor.withDefaults();
		}

	}

	record Ran(String status) implements io.github.lambdawarmup.FanOutAnswer {
	}
}
