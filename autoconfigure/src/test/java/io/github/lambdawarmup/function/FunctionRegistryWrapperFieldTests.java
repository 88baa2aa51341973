package io.github.lambdawarmup.function;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.lambdawarmup.WarmupInterceptor;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.cloud.function.context.catalog.FunctionAroundWrapper;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry;
import org.springframework.cloud.function.json.JacksonMapper;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.messaging.converter.CompositeMessageConverter;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Under AOT, Spring Cloud Function's registry never gets its wrapper injected: the post-processor fills the empty
 * field, and leaves a filled one alone. Fails if Spring Cloud Function renames the field.
 */
class FunctionRegistryWrapperFieldTests {

	@Test
	void anEmptyWrapperFieldIsFilledAndAFilledOneKept() {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		WarmupFunctionAroundWrapper wrapper = new WarmupFunctionAroundWrapper(WarmupInterceptor.withDefaults(), null);
		beanFactory.registerSingleton("warmupFunctionAroundWrapper", wrapper);
		SimpleFunctionRegistry registry = registry();
		assertThat(wrapperOf(registry)).isNull();
		WarmupFunctionAroundWrapperPostProcessor postProcessor = new WarmupFunctionAroundWrapperPostProcessor(
				beanFactory.getBeanProvider(WarmupInterceptor.class));
		postProcessor.setBeanFactory(beanFactory);
		assertThat(postProcessor.postProcessAfterInitialization(registry, "functionCatalog")).isSameAs(registry);
		assertThat(wrapperOf(registry)).isSameAs(wrapper);
		assertThat(WarmupFunctionAroundWrapperPostProcessor.fillWrapperField(registry,
				beanFactory.getBeanProvider(FunctionAroundWrapper.class))).isFalse();
	}

	private static SimpleFunctionRegistry registry() {
		return new SimpleFunctionRegistry(new DefaultConversionService(), new CompositeMessageConverter(List.of(new StringMessageConverter())),
				new JacksonMapper(tools.jackson.databind.json.JsonMapper.builder().build()));
	}

	private static Object wrapperOf(SimpleFunctionRegistry registry) {
		var field = ReflectionUtils.findField(SimpleFunctionRegistry.class,
				WarmupFunctionAroundWrapperPostProcessor.REGISTRY_WRAPPER_FIELD);
		ReflectionUtils.makeAccessible(field);
		return ReflectionUtils.getField(field, registry);
	}

}
