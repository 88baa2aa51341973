package io.github.lambdawarmup.autoconfigure;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.lambdawarmup.EnvironmentStatus;
import io.github.lambdawarmup.ExecutionEnvironment;
import io.github.lambdawarmup.FanOutTriggerHandler;
import io.github.lambdawarmup.HoldPolicy;
import io.github.lambdawarmup.Priming;
import io.github.lambdawarmup.StatusHandler;
import io.github.lambdawarmup.WarmupDialects;
import io.github.lambdawarmup.WarmupInterceptor;
import io.github.lambdawarmup.WarmupTrust;
import io.github.lambdawarmup.fanout.FanOutSettings;
import io.github.lambdawarmup.fanout.WarmupFanOut;
import io.github.lambdawarmup.internal.WarmupRuntime;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configuration of the warm-up protocol: the environment's
 * identity and the interceptor that every interception path asks. Active on Lambda only, unless
 * {@code warmup.lambda-detection} forces it.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "warmup.enabled", matchIfMissing = true)
@ConditionalOnLambda
@EnableConfigurationProperties(WarmupProperties.class)
public final class WarmupAutoConfiguration {

	private static final Log logger = LogFactory.getLog(WarmupAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	ExecutionEnvironment warmupExecutionEnvironment() {
		return ExecutionEnvironment.current();
	}

	@Bean
	@ConditionalOnMissingBean
	HoldPolicy warmupHoldPolicy(WarmupProperties properties) {
		return new HoldPolicy(properties.getMaxHold(), properties.getAnswerMargin());
	}

	@Bean
	@ConditionalOnMissingBean
	WarmupInterceptor warmupInterceptor(ExecutionEnvironment environment, HoldPolicy holdPolicy,
			ObjectProvider<FanOutTriggerHandler> fanOut, ObjectProvider<StatusHandler> status,
			ObjectProvider<Priming> priming, WarmupProperties properties, Environment springEnvironment) {
		// Only an AOT-processed application gets here off Lambda: its condition was decided at build time.
		if (!OnLambdaCondition.onLambda(springEnvironment)) {
			return WarmupInterceptor.inactive();
		}
		// Both handlers are looked up when a trigger or a status request arrives: neither is ever a user's
		// request, and most environments never receive one, so their start waits for neither.
		WarmupInterceptor interceptor = new WarmupInterceptor(environment, holdPolicy,
				(trigger, invocation) -> fanOut.getIfAvailable(() -> FanOutTriggerHandler.NOT_CONFIGURED)
					.handle(trigger, invocation),
				new WarmupTrust(properties.getTriggerSecret()), dialects(properties.getDialects()),
				(invocation) -> status.getIfAvailable(() -> (asked) -> EnvironmentStatus.of(environment))
					.status(invocation));
		Priming primingOfThisEnvironment = priming.getIfAvailable();
		return (primingOfThisEnvironment != null) ? interceptor.withPriming(primingOfThisEnvironment) : interceptor;
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(PrimingConfiguredCondition.class)
	Priming warmupPriming(WarmupProperties properties, ObjectProvider<Priming.Runner> runner,
			ResourceLoader resourceLoader) {
		return new Priming(PrimingEvents.load(properties.getPriming().getEvents(), resourceLoader),
				runner.getIfAvailable(() -> {
					throw new IllegalStateException("warmup.priming.events is set, but nothing here can run them: "
							+ "priming needs Spring Cloud Function (the function path) or lambda-warmup's web handler");
				}), Clock.systemUTC());
	}

	private static WarmupDialects dialects(WarmupProperties.Dialects dialects) {
		return new WarmupDialects(dialects.getServerlessPluginWarmup().isEnabled(),
				dialects.getServerlessPluginWarmup().getHold(), dialects.getLambdaWarmer().isEnabled());
	}

	// Handlers that Lambda creates outside the context answer warm-ups once this has run; one line says
	// what the starter will do.
	@Bean
	static ApplicationListener<ApplicationReadyEvent> warmupRuntimePublisher() {
		return (event) -> {
			ApplicationContext context = event.getApplicationContext();
			Optional<WarmupInterceptor> active = context.getBeanProvider(WarmupInterceptor.class)
				.stream()
				.filter(WarmupInterceptor::isActive)
				.findFirst();
			WarmupProperties properties = context.getBean(WarmupProperties.class);
			// The starter's fan-out is described from its settings: it is made when the first trigger arrives.
			List<String> fanOuts = List.of(context.getBeanNamesForType(WarmupFanOut.class, true, false));
			FanOutSettings fanOut = fanOuts.isEmpty() ? null
					: fanOuts.contains(WarmupFanOutAutoConfiguration.FAN_OUT_BEAN) ? properties.fanOutSettings()
							: context.getBean(fanOuts.get(0), WarmupFanOut.class).settings();
			active.ifPresent((interceptor) -> WarmupRuntime.install(interceptor,
					context.getEnvironment().getProperty("warmup.http-warmups.enabled", Boolean.class, false)));
			logger.info(active.isPresent() ? WarmupStartupLine.describe(properties, fanOut, context.getEnvironment())
					: WarmupStartupLine.INACTIVE);
		};
	}

}
