package io.github.lambdawarmup.autoconfigure;

import org.crac.Core;

import io.github.lambdawarmup.ExecutionEnvironment;
import io.github.lambdawarmup.Priming;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of what SnapStart needs, when {@code org.crac} is on the class path (Lambda maps it to its
 * own implementation): before the checkpoint, the configured priming runs and the fan-out's own invoker is closed
 * (no connection crosses the snapshot; it is built again when a round needs it); after a restore, the
 * environment gets a new identity.
 */
@AutoConfiguration(after = WarmupAutoConfiguration.class)
@ConditionalOnClass(Core.class)
@ConditionalOnBean(ExecutionEnvironment.class)
public final class WarmupSnapStartAutoConfiguration {

	// The bean is the strong reference CRaC needs: it holds resources weakly.
	@Bean
	@ConditionalOnMissingBean
	SnapStartHooks warmupSnapStartHooks(ExecutionEnvironment environment, ObjectProvider<Priming> priming,
			ConfigurableListableBeanFactory beanFactory) {
		SnapStartHooks hooks = new SnapStartHooks(environment, priming.getIfAvailable(), beanFactory);
		Core.getGlobalContext().register(hooks);
		return hooks;
	}

}
