package io.github.lambdawarmup.autoconfigure;

import java.time.Duration;

import io.micrometer.core.instrument.binder.MeterBinder;

import io.github.lambdawarmup.ExecutionEnvironment;
import io.github.lambdawarmup.LambdaPlatform;
import io.github.lambdawarmup.WarmupInterceptor;
import io.github.lambdawarmup.actuate.WarmupEmfPublisher;
import io.github.lambdawarmup.actuate.WarmupEndpoint;
import io.github.lambdawarmup.actuate.WarmupMetrics;
import io.github.lambdawarmup.actuate.WarmupStatus;
import io.github.lambdawarmup.actuate.WarmupStatusHandler;
import io.github.lambdawarmup.fanout.LambdaInvoker;
import io.github.lambdawarmup.fanout.WarmupFanOut;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the status (what the {@code warmup} actuator endpoint and a status request over the
 * Invoke API show) and of the meters (when Micrometer is present; Boot binds them to every registry).
 */
@AutoConfiguration(after = { WarmupAutoConfiguration.class, WarmupFanOutAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "warmup.enabled", matchIfMissing = true)
public final class WarmupActuateAutoConfiguration {

	// Lazy: made when the first status request arrives.
	@Bean
	@Lazy
	@ConditionalOnMissingBean
	WarmupStatusHandler warmupStatusHandler(ObjectProvider<ExecutionEnvironment> environment,
			ObjectProvider<WarmupFanOut> fanOut, ObjectProvider<WarmupInterceptor> interceptor,
			ListableBeanFactory beanFactory, Environment springEnvironment) {
		Binder binder = Binder.get(springEnvironment);
		LambdaPlatform platform = LambdaPlatform.from(springEnvironment::getProperty);
		WarmupStatus.Activation activation = new WarmupStatus.Activation(
				// The interceptor's own decision, read without creating it (it asks for this handler): under AOT
				// it is defined everywhere and active on Lambda only.
				beanFactory.getBeanNamesForType(WarmupInterceptor.class, true, false).length > 0
						&& OnLambdaCondition.onLambda(springEnvironment),
				springEnvironment.getProperty("warmup.lambda-detection", "auto"), platform.isLambda(),
				platform.functionName(), platform.region(),
				springEnvironment.getProperty("warmup.http-warmups.enabled", Boolean.class, false),
				springEnvironment.getProperty("warmup.trigger-secret") != null);
		Duration rate = binder.bind("warmup.fan-out.schedule.rate", Duration.class).orElse(null);
		String cron = springEnvironment.getProperty("warmup.fan-out.schedule.cron");
		String schedule = (rate != null) ? "every " + rate : (cron != null) ? "cron " + cron : null;
		String clientRegion = springEnvironment.getProperty("warmup.fan-out.client.region", platform.region());
		return new WarmupStatusHandler(environment.getIfAvailable(ExecutionEnvironment::current), activation,
				fanOut.getIfAvailable(), schedule, rate,
				beanFactory.getBeanNamesForType(LambdaInvoker.class, true, false).length > 0, clientRegion);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(ExecutionEnvironment.class)
	@ConditionalOnBooleanProperty(name = "warmup.metrics.emf.enabled", matchIfMissing = true)
	static class EmfConfiguration {

		@Bean
		@ConditionalOnMissingBean
		WarmupEmfPublisher warmupEmfPublisher(ExecutionEnvironment environment, Environment springEnvironment) {
			return new WarmupEmfPublisher(springEnvironment.getProperty("warmup.metrics.emf.namespace",
					WarmupEmfPublisher.DEFAULT_NAMESPACE), environment);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class MetricsConfiguration {

		// Lazy: without a meter registry to bind it, it is built only when a round reports.
		@Bean
		@Lazy
		@ConditionalOnMissingBean
		WarmupMetrics warmupMetrics(ObjectProvider<ExecutionEnvironment> environment) {
			return new WarmupMetrics(environment.getIfAvailable());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		WarmupEndpoint warmupEndpoint(WarmupStatusHandler status) {
			return new WarmupEndpoint(status);
		}

	}

}
