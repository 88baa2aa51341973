package io.github.lambdawarmup.autoconfigure;

import org.crac.Core;

import io.github.lambdawarmup.ExecutionEnvironment;
import io.github.lambdawarmup.Priming;
import io.github.lambdawarmup.internal.SnapStartIdentityRefresher;
import io.github.lambdawarmup.internal.SnapStartPriming;

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
	SnapStartIdentityRefresher warmupSnapStartIdentityRefresher(ExecutionEnvironment environment) {
		SnapStartIdentityRefresher refresher = new SnapStartIdentityRefresher(environment);
		Core.getGlobalContext().register(refresher);
		return refresher;
	}

	// CRaC calls beforeCheckpoint in the reverse order of registration: priming runs before the invoker closes.
	@Bean
	@ConditionalOnMissingBean
	static SnapStartInvokerRefresher warmupSnapStartInvokerRefresher(ConfigurableListableBeanFactory beanFactory) {
		SnapStartInvokerRefresher refresher = new SnapStartInvokerRefresher(beanFactory);
		Core.getGlobalContext().register(refresher);
		return refresher;
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(Priming.class)
	SnapStartPriming warmupSnapStartPriming(Priming priming) {
		SnapStartPriming snapStartPriming = new SnapStartPriming(priming);
		Core.getGlobalContext().register(snapStartPriming);
		return snapStartPriming;
	}

}
