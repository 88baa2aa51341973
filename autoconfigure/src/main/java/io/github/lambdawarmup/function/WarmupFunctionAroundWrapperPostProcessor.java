package io.github.lambdawarmup.function;

import java.lang.reflect.Field;

import org.jspecify.annotations.Nullable;

import io.github.lambdawarmup.WarmupInterceptor;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cloud.function.context.catalog.FunctionAroundWrapper;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry;
import org.springframework.util.ReflectionUtils;

/**
 * Decorates any {@link FunctionAroundWrapper} bean of the application with a
 * {@link WarmupFunctionAroundWrapper}, so that the wrapper keeps working and warm-ups never reach it.
 * <p>
 * Spring Cloud Function's registry takes its wrapper through an {@code @Autowired} field. An application
 * processed ahead of time (Spring AOT, native images) never fills it: the registry's bean is declared as a
 * {@code FunctionRegistry}, so AOT sees no field to inject. Once the registry is initialised, an empty field
 * is given the application's wrapper, and the warm-up path works the same on the JVM and under AOT.
 */
public class WarmupFunctionAroundWrapperPostProcessor implements BeanPostProcessor, BeanFactoryAware {

	/** The registry whose wrapper field may be left empty by AOT. */
	public static final String REGISTRY_CLASS = "org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry";

	/** The registry's field that holds its wrapper. */
	public static final String REGISTRY_WRAPPER_FIELD = "functionAroundWrapper";

	private final ObjectProvider<WarmupInterceptor> interceptor;

	private @Nullable BeanFactory beanFactory;

	public WarmupFunctionAroundWrapperPostProcessor(ObjectProvider<WarmupInterceptor> interceptor) {
		this.interceptor = interceptor;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		this.beanFactory = beanFactory;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof FunctionAroundWrapper wrapper && !(bean instanceof WarmupFunctionAroundWrapper)) {
			return new WarmupFunctionAroundWrapper(this.interceptor.getObject(), wrapper);
		}
		if (bean instanceof SimpleFunctionRegistry registry && this.beanFactory != null) {
			fillWrapperField(registry, this.beanFactory.getBeanProvider(FunctionAroundWrapper.class));
		}
		return bean;
	}

	/**
	 * Gives a registry the application's wrapper if its field is empty, as it is under AOT.
	 * @param registry the function registry
	 * @param wrappers the application's wrapper, if it has exactly one
	 * @return whether the field was filled
	 * @throws IllegalStateException if the registry has no such field: a Spring Cloud Function this version of
	 * the starter does not know
	 */
	static boolean fillWrapperField(SimpleFunctionRegistry registry, ObjectProvider<FunctionAroundWrapper> wrappers) {
		Field field = ReflectionUtils.findField(SimpleFunctionRegistry.class, REGISTRY_WRAPPER_FIELD,
				FunctionAroundWrapper.class);
		if (field == null) {
			throw new IllegalStateException("SimpleFunctionRegistry has no field " + REGISTRY_WRAPPER_FIELD
					+ ": this Spring Cloud Function version is not supported by lambda-warmup's function path");
		}
		ReflectionUtils.makeAccessible(field);
		if (ReflectionUtils.getField(field, registry) != null) {
			return false;
		}
		FunctionAroundWrapper wrapper = wrappers.getIfUnique();
		if (wrapper == null) {
			return false;
		}
		ReflectionUtils.setField(field, registry, wrapper);
		return true;
	}

}
