package io.github.lambdawarmup.autoconfigure;

import io.micrometer.core.instrument.binder.MeterBinder;

import io.github.lambdawarmup.ExecutionEnvironment;
import io.github.lambdawarmup.actuate.WarmupEndpoint;
import io.github.lambdawarmup.actuate.WarmupMetrics;
import io.github.lambdawarmup.fanout.WarmupFanOut;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the fan-out's meters (when Micrometer is present; Boot binds them to every
 * registry) and of the {@code warmup} actuator endpoint.
 */
@AutoConfiguration(after = { WarmupAutoConfiguration.class, WarmupFanOutAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "warmup.enabled", matchIfMissing = true)
public final class WarmupActuateAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		WarmupMetrics warmupMetrics() {
			return new WarmupMetrics();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		WarmupEndpoint warmupEndpoint(ObjectProvider<ExecutionEnvironment> environment,
				ObjectProvider<WarmupFanOut> fanOut) {
			return new WarmupEndpoint(environment.getIfAvailable(), fanOut.getIfAvailable());
		}

	}

}
