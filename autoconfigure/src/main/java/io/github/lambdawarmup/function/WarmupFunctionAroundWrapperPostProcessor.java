package io.github.lambdawarmup.function;

import io.github.lambdawarmup.WarmupInterceptor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cloud.function.context.catalog.FunctionAroundWrapper;

/**
 * Decorates any {@link FunctionAroundWrapper} bean of the application with a
 * {@link WarmupFunctionAroundWrapper}, so that the wrapper keeps working and warm-ups never reach it.
 */
public class WarmupFunctionAroundWrapperPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<WarmupInterceptor> interceptor;

	public WarmupFunctionAroundWrapperPostProcessor(ObjectProvider<WarmupInterceptor> interceptor) {
		this.interceptor = interceptor;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof FunctionAroundWrapper wrapper && !(bean instanceof WarmupFunctionAroundWrapper)) {
			return new WarmupFunctionAroundWrapper(this.interceptor.getObject(), wrapper);
		}
		return bean;
	}

}
