package io.github.lambdawarmup.autoconfigure;

import com.amazonaws.services.lambda.runtime.Context;
import jakarta.servlet.Filter;

import io.github.lambdawarmup.Priming;
import io.github.lambdawarmup.WarmupInterceptor;
import io.github.lambdawarmup.web.WarmupServletFilter;
import io.github.lambdawarmup.web.WarmupWebPrimingRunner;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Auto-configuration of the web path: a servlet filter of the highest precedence answers warm-ups
 * that arrive over HTTP, ahead of every other filter and of the dispatcher. Off unless
 * {@code warmup.http-warmups.enabled}: a warm-up has no business arriving over HTTP, where anyone can
 * send one. Priming events, when declared, are HTTP requests through the container.
 */
@AutoConfiguration(after = WarmupAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ Filter.class, OncePerRequestFilter.class, Context.class })
@ConditionalOnBean(WarmupInterceptor.class)
public final class WarmupWebAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(Priming.Runner.class)
	@Conditional(PrimingConfiguredCondition.class)
	WarmupWebPrimingRunner warmupWebPrimingRunner() {
		return new WarmupWebPrimingRunner();
	}

	@Bean
	@ConditionalOnBooleanProperty("warmup.http-warmups.enabled")
	@ConditionalOnMissingBean(name = "warmupServletFilter")
	FilterRegistrationBean<WarmupServletFilter> warmupServletFilter(WarmupInterceptor interceptor) {
		FilterRegistrationBean<WarmupServletFilter> registration = new FilterRegistrationBean<>(
				new WarmupServletFilter(interceptor));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setName("warmupServletFilter");
		return registration;
	}

}
