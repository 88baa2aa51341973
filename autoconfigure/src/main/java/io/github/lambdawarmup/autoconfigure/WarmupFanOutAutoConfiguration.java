package io.github.lambdawarmup.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.TrustManagerFactory;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;

import io.github.lambdawarmup.ExecutionEnvironment;
import io.github.lambdawarmup.LambdaPlatform;
import io.github.lambdawarmup.fanout.FanOutListener;
import io.github.lambdawarmup.fanout.FanOutScheduler;
import io.github.lambdawarmup.fanout.FanOutHttpClientCustomizer;
import io.github.lambdawarmup.fanout.LambdaInvoker;
import io.github.lambdawarmup.fanout.WarmupFanOut;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

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

	private static final String SSL_BUNDLE_PROPERTY = "warmup.fan-out.client.ssl-bundle";

	// For the SDK's Netty client, when the application customizes it: enough pending connection
	// acquisitions for the largest round to queue rather than fail.
	private static final int MAX_PENDING_ACQUIRES = 20_000;

	// A round opens its connections first, then hands its warm-ups over at the pace the client writes
	// them: on a slow core the last connection waits in the pool for as long as the pass takes. The
	// client's own default (5 s) would close it, and its warm-up would pay a handshake mid-pass.
	private static final Duration CONNECTION_MAX_IDLE = Duration.ofSeconds(60);

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
		if (!invokerDefined && (LambdaPlatform.from(environment::getProperty).isLambda() || fanOut.getFunctionName() != null)) {
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
		LambdaAsyncClient own = client.getIfUnique();
		if (own != null) {
			return LambdaInvoker.of(own);
		}
		WarmupProperties.FanOut fanOut = properties.getFanOut();
		Region region = region(fanOut.getClient(), environment, regionProvider);
		if (region == null) {
			// Only under AOT, where the condition was decided at build time: no invoker, and the fan-out
			// reports 'unavailable' with the reason.
			return null;
		}
		TrustManagerFactory trust = trust(fanOut.getClient(), sslBundles);
		AwsCredentialsProvider signer = credentials.getIfAvailable(() -> DefaultCredentialsProvider.builder().build());
		List<FanOutHttpClientCustomizer> customizing = customizers.orderedStream().toList();
		if (customizing.isEmpty()) {
			return LambdaInvoker.signedRequests(signer, region, fanOut.getClient().getEndpoint(),
					fanOut.getInvocationTimeout(), trust);
		}
		// A connection per warm-up in flight: fewer would serialise the round and break the overlap.
		NettyNioAsyncHttpClient.Builder http = NettyNioAsyncHttpClient.builder()
			.maxConcurrency(Math.max(fanOut.getMaxConcurrency(), 50))
			.maxPendingConnectionAcquires(MAX_PENDING_ACQUIRES)
			.connectionAcquisitionTimeout(fanOut.getInvocationTimeout())
			// A fresh environment opens a connection per warm-up at once, and on a fraction of a vCPU the last
			// handshakes end seconds later: the client's defaults (2 s to connect, 5 s to negotiate TLS) closed
			// them, and their warm-ups failed. Opening a connection may take as long as an invocation.
			.connectionTimeout(fanOut.getInvocationTimeout())
			.tlsNegotiationTimeout(fanOut.getInvocationTimeout())
			.connectionMaxIdleTime(CONNECTION_MAX_IDLE);
		if (trust != null) {
			http.tlsTrustManagersProvider(trust::getTrustManagers);
		}
		customizing.forEach((customizer) -> customizer.customize(http));
		return LambdaInvoker.signedRequests(http.build(), signer, region, fanOut.getClient().getEndpoint());
	}

	// Lazy, as its invoker: most environments never receive a trigger, and a user's cold start need not
	// wait for the fan-out's classes and settings (about 8 ms on Lambda's C1-only JVM).
	@Bean
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

	private static @Nullable TrustManagerFactory trust(WarmupProperties.Client client,
			ObjectProvider<SslBundles> sslBundles) {
		SslBundle bundle = sslBundle(client, sslBundles);
		return (bundle != null) ? bundle.getManagers().getTrustManagerFactory() : null;
	}

	private static @Nullable SslBundle sslBundle(WarmupProperties.Client client, ObjectProvider<SslBundles> sslBundles) {
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

	private static @Nullable Region region(WarmupProperties.Client client, Environment environment,
			ObjectProvider<AwsRegionProvider> regionProvider) {
		if (client.getRegion() != null) {
			return Region.of(client.getRegion());
		}
		AwsRegionProvider provider = regionProvider.getIfAvailable();
		if (provider != null) {
			return provider.getRegion();
		}
		for (String name : InvokerAvailableCondition.REGION_PROPERTIES) {
			String value = environment.getProperty(name);
			if (value != null && !value.isBlank()) {
				return Region.of(value);
			}
		}
		return null;
	}

	/**
	 * Matches when a region can be known without asking the network, or the application has a client. During
	 * AOT processing it matches too: the region is in Lambda's variables, read when the application runs.
	 */
	static final class InvokerAvailableCondition extends AnyNestedCondition {

		static final String[] REGION_PROPERTIES = { "AWS_REGION", "AWS_DEFAULT_REGION", "aws.region" };

		InvokerAvailableCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBean(LambdaAsyncClient.class)
		static class ClientBean {

		}

		@ConditionalOnProperty("warmup.fan-out.client.region")
		static class RegionProperty {

		}

		@ConditionalOnProperty("AWS_REGION")
		static class AwsRegionVariable {

		}

		@ConditionalOnProperty("AWS_DEFAULT_REGION")
		static class AwsDefaultRegionVariable {

		}

		@ConditionalOnProperty("aws.region")
		static class AwsRegionSystemProperty {

		}

		@ConditionalOnBean(AwsRegionProvider.class)
		static class RegionProviderBean {

		}

		@ConditionalOnBooleanProperty(OnLambdaCondition.AOT_PROCESSING)
		static class AotProcessing {

		}

	}

	/** Matches when a rate or a cron expression is set for the built-in schedule. */
	static final class ScheduleConfiguredCondition extends AnyNestedCondition {

		ScheduleConfiguredCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty("warmup.fan-out.schedule.rate")
		static class Rate {

		}

		@ConditionalOnProperty("warmup.fan-out.schedule.cron")
		static class Cron {

		}

	}

}
