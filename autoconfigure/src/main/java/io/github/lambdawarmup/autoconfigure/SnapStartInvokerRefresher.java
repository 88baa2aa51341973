package io.github.lambdawarmup.autoconfigure;

import org.crac.Context;
import org.crac.Resource;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;

/**
 * Closes the fan-out's own invoker (its HTTP client, event loops and connections) before a SnapStart checkpoint,
 * so that no connection crosses the snapshot: the invoker is a lazy bean, built again when a round next needs it,
 * in the restored environment. An application's own {@code LambdaAsyncClient} is left to the application.
 */
final class SnapStartInvokerRefresher implements Resource {

	static final String INVOKER_BEAN = "warmupLambdaInvoker";

	private final ConfigurableListableBeanFactory beanFactory;

	SnapStartInvokerRefresher(ConfigurableListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void beforeCheckpoint(Context<? extends Resource> context) {
		if (this.beanFactory.containsSingleton(INVOKER_BEAN)
				&& this.beanFactory instanceof DefaultSingletonBeanRegistry registry) {
			registry.destroySingleton(INVOKER_BEAN);
		}
	}

	@Override
	public void afterRestore(Context<? extends Resource> context) {
	}

}
