package io.github.lambdawarmup.autoconfigure;

import org.crac.Core;

import io.github.lambdawarmup.ExecutionEnvironment;
import io.github.lambdawarmup.internal.SnapStartIdentityRefresher;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that gives the environment a new identity after a SnapStart restore, when
 * {@code org.crac} is on the class path (Lambda maps it to its own implementation).
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

}
