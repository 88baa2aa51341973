package io.github.lambdawarmup.autoconfigure;

import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;

import io.github.lambdawarmup.ExecutionEnvironment;
import io.github.lambdawarmup.LambdaPlatform;
import io.github.lambdawarmup.fanout.FanOutListener;
import io.github.lambdawarmup.fanout.FanOutScheduler;
import io.github.lambdawarmup.fanout.FanOutHttpClientCustomizer;
import io.github.lambdawarmup.fanout.LambdaInvoker;
import io.github.lambdawarmup.fanout.WarmupFanOut;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Auto-configuration of the fan-out: a {@link WarmupFanOut} bean, the {@link LambdaInvoker} it sends
 * its warm-ups with (connections of its own; the SDK's Netty client when the application customizes it
 * with a {@link FanOutHttpClientCustomizer}; the application's own {@code LambdaAsyncClient} when it
 * defines one), and
 * an optional built-in schedule for warmers that run outside Lambda. Inside Lambda the fan-out also
 * answers fan-out triggers.
 */
@AutoConfiguration(before = WarmupAutoConfiguration.class)
@ConditionalOnClass({ LambdaAsyncClient.class, NettyNioAsyncHttpClient.class })
@ConditionalOnBooleanProperty(name = "warmup.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "warmup.fan-out.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WarmupProperties.class)
public final class WarmupFanOutAutoConfiguration {

	private static final Log logger = LogFactory.getLog(WarmupFanOutAutoConfiguration.class);

	/** The fan-out's own invoker: lazy, closed before a SnapStart checkpoint and built again after it. */
	static final String INVOKER_BEAN = "warmupLambdaInvoker";

	/** The fan-out: lazy, made when the first trigger arrives. */
	static final String FAN_OUT_BEAN = "warmupFanOut";

	private static final String SSL_BUNDLE_PROPERTY = "warmup.fan-out.client.ssl-bundle";

	static final String REGION_PROPERTY = "warmup.fan-out.client.region";

	/**
	 * Checks at start-up what a round would otherwise find wrong only when it runs: the fan-out and its invoker
	 * are made when the first trigger arrives.
	 * @param properties the settings
	 * @param sslBundles the application's SSL bundles
	 * @param beanFactory where an invoker would be defined
	 * @param environment where Lambda's variables are
	 */
	WarmupFanOutAutoConfiguration(WarmupProperties properties, ObjectProvider<SslBundles> sslBundles,
			ListableBeanFactory beanFactory, Environment environment) {
		WarmupProperties.FanOut fanOut = properties.getFanOut();
		sslBundle(fanOut.getClient(), sslBundles);
		boolean invokerDefined = beanFactory.getBeanNamesForType(LambdaInvoker.class, true, false).length > 0;
		boolean wanted = LambdaPlatform.from(environment::getProperty).isLambda() || fanOut.getFunctionName() != null;
		if (!invokerDefined && wanted) {
			logger.warn("lambda-warmup fan-out has no Lambda client: no AWS region is configured "
					+ "(warmup.fan-out.client.region, AWS_REGION or an AwsRegionProvider bean); "
					+ "fan-out rounds will report 'unavailable'");
		}
	}

	// Lazy: only the environment that receives a trigger needs to invoke, and building the HTTP client
	// (Netty's event loops) and resolving credentials would add to every cold start.
	@Bean(name = INVOKER_BEAN, destroyMethod = "close")
	@Lazy
	@ConditionalOnMissingBean
	@Conditional(InvokerAvailableCondition.class)
	@Nullable LambdaInvoker warmupLambdaInvoker(WarmupProperties properties, Environment environment,
			ObjectProvider<LambdaAsyncClient> client, ObjectProvider<AwsRegionProvider> regionProvider,
			ObjectProvider<AwsCredentialsProvider> credentials, ObjectProvider<FanOutHttpClientCustomizer> customizers,
			ObjectProvider<SslBundles> sslBundles) {
		return FanOutInvokers.invoker(properties, environment, client, regionProvider, credentials, customizers,
				sslBundles);
	}

	// Lazy, as its invoker: most environments never receive a trigger, and a user's cold start need not
	// wait for the fan-out's classes and settings (about 8 ms on Lambda's C1-only JVM).
	@Bean(name = FAN_OUT_BEAN)
	@Lazy
	@ConditionalOnMissingBean
	WarmupFanOut warmupFanOut(WarmupProperties properties, ObjectProvider<LambdaInvoker> invoker,
			ObjectProvider<ExecutionEnvironment> executionEnvironment, ObjectProvider<FanOutListener> listeners,
			Environment environment) {
		// Looked up at each report, not at start-up: the listeners (meters among them) cost a user's cold start
		// nothing when no round runs in this environment.
		FanOutListener listener = (report) -> listeners.orderedStream().forEach((each) -> each.onReport(report));
		return WarmupFanOut.builder(invoker::getIfAvailable, properties.fanOutSettings())
			.platform(LambdaPlatform.from(environment::getProperty))
			.environment(executionEnvironment.getIfAvailable(ExecutionEnvironment::current))
			.clock(Clock.systemDefaultZone())
			.listener(listener)
			.build();
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(ScheduleConfiguredCondition.class)
	FanOutScheduler warmupFanOutScheduler(WarmupFanOut fanOut, WarmupProperties properties, Environment environment) {
		if (LambdaPlatform.from(environment::getProperty).isLambda()) {
			logger.warn("warmup.fan-out.schedule is set, but schedules do not fire inside Lambda, where environments "
					+ "are frozen between invocations: send the fan-out trigger from an EventBridge schedule");
		}
		WarmupProperties.Schedule schedule = properties.getFanOut().getSchedule();
		return new FanOutScheduler(fanOut, schedule.getRate(), schedule.getCron());
	}

	static @Nullable SslBundle sslBundle(WarmupProperties.Client client, ObjectProvider<SslBundles> sslBundles) {
		String name = client.getSslBundle();
		if (name == null) {
			return null;
		}
		SslBundles bundles = sslBundles.getIfAvailable();
		if (bundles == null) {
			throw new InvalidConfigurationPropertyValueException(SSL_BUNDLE_PROPERTY, name,
					"No SSL bundles are configured (spring.ssl.bundle.*)");
		}
		try {
			return bundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidConfigurationPropertyValueException(SSL_BUNDLE_PROPERTY, name, ex.getMessage());
		}
	}

	/**
	 * Matches when a region can be known without asking the network, or the application has a client. During
	 * AOT processing it matches too: the region is in Lambda's variables, read when the application runs.
	 * One condition rather than nested ones: each nested member is a class the start-up reads and evaluates.
	 */
	static final class InvokerAvailableCondition extends SpringBootCondition implements ConfigurationCondition {

		/** Where the SDK finds the region, besides {@code warmup.fan-out.client.region}. */
		static final List<String> REGION_VARIABLES = List.of("AWS_REGION", "AWS_DEFAULT_REGION", "aws.region");

		private static final List<String> REGION_SOURCES = Stream
			.concat(Stream.of(REGION_PROPERTY), REGION_VARIABLES.stream())
			.toList();

		@Override
		public ConfigurationPhase getConfigurationPhase() {
			return ConfigurationPhase.REGISTER_BEAN;
		}

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			ConditionMessage.Builder message = ConditionMessage.forCondition("fan-out invoker");
			Environment environment = context.getEnvironment();
			if (environment.getProperty(OnLambdaCondition.AOT_PROCESSING, Boolean.class, false)) {
				return ConditionOutcome.match(message.because("AOT processing: the region is read at run time"));
			}
			String property = firstSet(environment, REGION_SOURCES);
			if (property != null) {
				return ConditionOutcome.match(message.found("property").items(property));
			}
			ConfigurableListableBeanFactory beans = context.getBeanFactory();
			List<Class<?>> types = List.of(LambdaAsyncClient.class, AwsRegionProvider.class);
			if (beans != null) {
				for (Class<?> type : types) {
					if (BeanFactoryUtils.beanNamesForTypeIncludingAncestors(beans, type, true, false).length > 0) {
						return ConditionOutcome.match(message.found("bean").items(type.getName()));
					}
				}
			}
			return ConditionOutcome.noMatch(message.didNotFind("region property or bean")
				.items(String.join(", ", REGION_SOURCES), types.get(0).getName(), types.get(1).getName()));
		}

	}

	/** Matches when a rate or a cron expression is set for the built-in schedule. */
	static final class ScheduleConfiguredCondition extends SpringBootCondition {

		private static final List<String> PROPERTIES = List.of("warmup.fan-out.schedule.rate",
				"warmup.fan-out.schedule.cron");

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			ConditionMessage.Builder message = ConditionMessage.forCondition("fan-out schedule");
			String property = firstSet(context.getEnvironment(), PROPERTIES);
			return (property != null) ? ConditionOutcome.match(message.found("property").items(property))
					: ConditionOutcome.noMatch(message.didNotFind("property").items(PROPERTIES.toArray()));
		}

	}

	// The first property there and not "false", as @ConditionalOnProperty reads one: the rule the condition
	// decides by and the region is read by.
	static @Nullable String firstSet(Environment environment, List<String> names) {
		for (String name : names) {
			if (isSet(environment.getProperty(name))) {
				return name;
			}
		}
		return null;
	}

	static boolean isSet(@Nullable String value) {
		return value != null && !value.isBlank() && !"false".equalsIgnoreCase(value);
	}

}
