package io.github.lambdawarmup.autoconfigure;

import org.junit.jupiter.api.Test;

import io.github.lambdawarmup.WarmupInterceptor;
import io.github.lambdawarmup.function.WarmupFunctionAroundWrapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.function.context.catalog.FunctionAroundWrapper;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class WarmupFunctionAutoConfigurationTests {

	private static final AutoConfigurations WARMUP = AutoConfigurations.of(WarmupAutoConfiguration.class,
			WarmupFunctionAutoConfiguration.class);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(WARMUP)
		.withPropertyValues("warmup.lambda-detection=force-on");

	@Test
	void decoratesTheApplicationsOwnAroundWrapper() {
		this.contextRunner.withUserConfiguration(UserWrapperConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(FunctionAroundWrapper.class);
				FunctionAroundWrapper wrapper = context.getBean(FunctionAroundWrapper.class);
				assertThat(wrapper).isInstanceOf(WarmupFunctionAroundWrapper.class);
				assertThat(((WarmupFunctionAroundWrapper) wrapper).getDelegate())
					.isSameAs(UserWrapperConfiguration.WRAPPER);
			});
	}

	@Test
	void leavesTheFunctionPathOutWithoutSpringCloudFunction() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(FunctionAroundWrapper.class))
			.run((context) -> assertThat(context).hasSingleBean(WarmupInterceptor.class)
				.doesNotHaveBean("warmupFunctionAroundWrapper")
				.doesNotHaveBean("warmupFunctionAroundWrapperPostProcessor"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserWrapperConfiguration {

		static final FunctionAroundWrapper WRAPPER = new FunctionAroundWrapper() {
			@Override
			protected Object doApply(Object input, FunctionInvocationWrapper targetFunction) {
				return targetFunction.apply(input);
			}
		};

		@Bean
		FunctionAroundWrapper userWrapper() {
			return WRAPPER;
		}

	}
}
