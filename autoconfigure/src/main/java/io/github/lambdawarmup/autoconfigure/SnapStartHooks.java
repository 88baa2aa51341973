package io.github.lambdawarmup.autoconfigure;

import org.crac.Context;
import org.crac.Resource;
import org.jspecify.annotations.Nullable;

import io.github.lambdawarmup.ExecutionEnvironment;
import io.github.lambdawarmup.Priming;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;

/**
 * What SnapStart needs around its snapshot, in one CRaC resource so that the order is the one written here.
 * Before the checkpoint: the configured priming runs, then the fan-out's own invoker (its HTTP client, event
 * loops and connections) is closed, so that no connection crosses the snapshot; it is a lazy bean, built again
 * when a round next needs it. After a restore: the environment gets a new identity, or every environment restored
 * from one snapshot would answer a fan-out as the same one. An application's own {@code LambdaAsyncClient} is
 * left to the application.
 * <p>
 * CRaC holds resources weakly: the bean that registers this is the reference that keeps it.
 */
final class SnapStartHooks implements Resource {

	private final ExecutionEnvironment environment;

	private final @Nullable Priming priming;

	private final ConfigurableListableBeanFactory beanFactory;

	SnapStartHooks(ExecutionEnvironment environment, @Nullable Priming priming,
			ConfigurableListableBeanFactory beanFactory) {
		this.environment = environment;
		this.priming = priming;
		this.beanFactory = beanFactory;
	}

	@Override
	public void beforeCheckpoint(@Nullable Context<? extends Resource> context) {
		if (this.priming != null) {
			this.priming.prime(Priming.Phase.BEFORE_CHECKPOINT, null);
		}
		if (this.beanFactory.containsSingleton(WarmupFanOutAutoConfiguration.INVOKER_BEAN)
				&& this.beanFactory instanceof DefaultSingletonBeanRegistry registry) {
			registry.destroySingleton(WarmupFanOutAutoConfiguration.INVOKER_BEAN);
		}
	}

	@Override
	public void afterRestore(@Nullable Context<? extends Resource> context) {
		this.environment.restored();
	}

}
