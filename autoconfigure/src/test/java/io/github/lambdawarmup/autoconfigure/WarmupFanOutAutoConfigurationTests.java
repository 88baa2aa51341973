package io.github.lambdawarmup.autoconfigure;

import java.net.ServerSocket;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;

import io.github.lambdawarmup.local.LocalLambdaClients;
import io.github.lambdawarmup.Invocation;
import io.github.lambdawarmup.WarmupInterceptor;
import io.github.lambdawarmup.fanout.ConcurrencyWindow;
import io.github.lambdawarmup.fanout.FanOutInvocationType;
import io.github.lambdawarmup.fanout.FanOutScheduler;
import io.github.lambdawarmup.fanout.FanOutHttpClientCustomizer;
import io.github.lambdawarmup.fanout.FanOutSettings;
import io.github.lambdawarmup.fanout.FanOutReport;
import io.github.lambdawarmup.fanout.LambdaInvoker;
import io.github.lambdawarmup.fanout.WarmupFanOut;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.TaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

class WarmupFanOutAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WarmupFanOutAutoConfiguration.class, WarmupAutoConfiguration.class));

	@Test
	void configuresTheFanOutAndItsClientWhenTheRegionIsKnown() {
		this.contextRunner.withPropertyValues("AWS_REGION=eu-west-1")
			.run((context) -> {
				assertThat(context).hasSingleBean(WarmupFanOut.class).hasSingleBean(LambdaInvoker.class);
				assertThat(context.getBean(LambdaInvoker.class))
					.hasToString("LambdaInvoker[signed requests to https://lambda.eu-west-1.amazonaws.com through the starter's own connections]");
			});
	}

	@Test
	void prefersTheRegionProperty() {
		this.contextRunner.withPropertyValues("AWS_REGION=eu-west-1", "warmup.fan-out.client.region=ap-south-1")
			.run((context) -> assertThat(context.getBean(LambdaInvoker.class))
				.hasToString("LambdaInvoker[signed requests to https://lambda.ap-south-1.amazonaws.com through the starter's own connections]"));
	}

	@Test
	void findsTheRegionWhereverTheSdkWouldAndOnlyThere() {
		for (String property : new String[] { "warmup.fan-out.client.region=ap-south-1", "AWS_REGION=ap-south-1",
				"AWS_DEFAULT_REGION=ap-south-1", "aws.region=ap-south-1" }) {
			this.contextRunner.withPropertyValues(property)
				.run((context) -> assertThat(context.getBean(LambdaInvoker.class)).as(property)
					.hasToString("LambdaInvoker[signed requests to https://lambda.ap-south-1.amazonaws.com through the starter's own connections]"));
		}
		this.contextRunner.withPropertyValues("AWS_REGION=false", "AWS_DEFAULT_REGION=")
			.run((context) -> assertThat(context).doesNotHaveBean(LambdaInvoker.class));
		// A source the condition passes over is passed over when the region is read, too.
		this.contextRunner.withPropertyValues("AWS_REGION=false", "AWS_DEFAULT_REGION=ap-south-1")
			.run((context) -> assertThat(context.getBean(LambdaInvoker.class))
				.hasToString("LambdaInvoker[signed requests to https://lambda.ap-south-1.amazonaws.com through the starter's own connections]"));
		this.contextRunner.withPropertyValues("warmup.fan-out.client.region=false", "AWS_REGION=ap-south-1")
			.run((context) -> assertThat(context.getBean(LambdaInvoker.class))
				.hasToString("LambdaInvoker[signed requests to https://lambda.ap-south-1.amazonaws.com through the starter's own connections]"));
	}

	@Test
	void usesTheApplicationsRegionProvider() {
		this.contextRunner.withBean(AwsRegionProvider.class, () -> () -> Region.SA_EAST_1)
			.run((context) -> assertThat(context.getBean(LambdaInvoker.class))
				.hasToString("LambdaInvoker[signed requests to https://lambda.sa-east-1.amazonaws.com through the starter's own connections]"));
	}

	@Test
	void withoutARegionHasNoClientAndReportsWhy() {
		this.contextRunner.withPropertyValues("warmup.fan-out.function-name=orders").run((context) -> {
			assertThat(context).doesNotHaveBean(LambdaInvoker.class).hasSingleBean(WarmupFanOut.class);
			FanOutReport report = context.getBean(WarmupFanOut.class).fanOut(3);
			assertThat(report.status()).isEqualTo(FanOutReport.UNAVAILABLE);
			assertThat(report.reason()).contains("AWS_REGION");
		});
	}

	@Test
	void underAotTheRegionIsReadWhenTheApplicationRunsNotWhenItIsBuilt() {
		// Processing ahead of time, without a region: the invoker's definition is kept.
		this.contextRunner.withPropertyValues("spring.aot.processing=true", "warmup.fan-out.function-name=orders")
			.run((context) -> {
				assertThat(context.getBeanNamesForType(LambdaInvoker.class)).hasSize(1);
				// Run without a region: no client, and the round says why rather than failing.
				FanOutReport report = context.getBean(WarmupFanOut.class).fanOut(3);
				assertThat(report.status()).isEqualTo(FanOutReport.UNAVAILABLE);
				assertThat(report.reason()).contains("AWS_REGION");
			});
		this.contextRunner.withPropertyValues("spring.aot.processing=true", "AWS_REGION=eu-west-1")
			.run((context) -> assertThat(context.getBean(LambdaInvoker.class))
				.hasToString("LambdaInvoker[signed requests to https://lambda.eu-west-1.amazonaws.com through the starter's own connections]"));
	}

	@Test
	void buildsTheInvokerOnlyWhenARoundNeedsItAndAppliesCustomizers() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		AtomicInteger customized = new AtomicInteger();
		this.contextRunner
			.withPropertyValues("AWS_REGION=us-east-1", "warmup.fan-out.function-name=orders",
					"warmup.fan-out.client.endpoint=http://127.0.0.1:" + closedPort)
			.withBean(AwsCredentialsProvider.class,
					() -> LocalLambdaClients.CREDENTIALS)
			.withBean(FanOutHttpClientCustomizer.class, () -> (http) -> customized.incrementAndGet())
			.run((context) -> {
				// Nothing of the client is built at start: only the environment a trigger lands on needs it.
				assertThat(customized).hasValue(0);
				FanOutReport report = context.getBean(WarmupFanOut.class).fanOut(2);
				assertThat(customized).hasValue(1);
				// A customizer means the SDK's Netty client, configured the application's way.
				assertThat(context.getBean(LambdaInvoker.class)).asString().endsWith("through the SDK's NettyNio HTTP client]");
				assertThat(report.failures().byKind()).isEqualTo(Map.of("ConnectionFailed", 2));
			});
	}

	@Test
	void anSslBundleThatIsNotThereFailsTheStartNamingTheProperty() {
		this.contextRunner.withPropertyValues("AWS_REGION=eu-west-1", "warmup.fan-out.client.ssl-bundle=local")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("warmup.fan-out.client.ssl-bundle")
				.hasMessageContaining("No SSL bundles are configured"));
		this.contextRunner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
			.withPropertyValues("AWS_REGION=eu-west-1", "warmup.fan-out.client.ssl-bundle=local")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("warmup.fan-out.client.ssl-bundle")
				.hasMessageContaining("'local'"));
	}

	@Test
	void sendsThroughTheApplicationsOwnClientWhenItDefinesOne() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		AtomicInteger sent = new AtomicInteger();
		LambdaAsyncClient own = LocalLambdaClients.asyncClient(URI.create("http://127.0.0.1:" + closedPort))
			.overrideConfiguration((o) -> o.addExecutionInterceptor(new ExecutionInterceptor() {
				@Override
				public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
					sent.incrementAndGet();
				}
			}))
			.build();
		this.contextRunner.withPropertyValues("warmup.fan-out.function-name=orders", "warmup.fan-out.pre-connect=false")
			.withBean("ownClient", LambdaAsyncClient.class, () -> own)
			.run((context) -> {
				FanOutReport report = context.getBean(WarmupFanOut.class).fanOut(3);
				assertThat(sent).hasValue(3);
				assertThat(report.failures().byKind()).isEqualTo(Map.of("ConnectionFailed", 3));
			});
	}

	@Test
	void bindsTheFanOutSettings() {
		this.contextRunner
			.withPropertyValues("warmup.max-hold=3s", "warmup.fan-out.function-name=orders",
					"warmup.fan-out.qualifier=live", "warmup.fan-out.invocation-type=event",
					"warmup.fan-out.concurrency=3", "warmup.fan-out.max-concurrency=50", "warmup.fan-out.hold=250ms",
					"warmup.fan-out.invocation-timeout=2s", "warmup.fan-out.zone=Europe/Paris",
					"warmup.fan-out.windows[0].days=monday,friday", "warmup.fan-out.windows[0].from=08:00",
					"warmup.fan-out.windows[0].to=18:00", "warmup.fan-out.windows[0].concurrency=30",
					"warmup.fan-out.pre-connect=false")
			.run((context) -> assertThat(context.getBean(WarmupFanOut.class).settings()).isEqualTo(new FanOutSettings(
					"orders", "live", FanOutInvocationType.EVENT, 3,
					List.of(new ConcurrencyWindow(Set.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
							LocalTime.of(8, 0), LocalTime.of(18, 0), 30)),
					ZoneId.of("Europe/Paris"), 50, Duration.ofMillis(250), Duration.ofSeconds(3), Duration.ofSeconds(2), false)));
	}

	@Test
	void answersFanOutTriggersOnLambdaWithAFanOutMadeByTheFirstTrigger() {
		this.contextRunner.withPropertyValues("warmup.lambda-detection=force-on").run((context) -> {
			// A user's cold start does not wait for the fan-out: most environments never receive a trigger.
			assertThat(context.getBeanFactory().containsBeanDefinition(WarmupFanOutAutoConfiguration.FAN_OUT_BEAN)).isTrue();
			assertThat(context.getBeanFactory().containsSingleton(WarmupFanOutAutoConfiguration.FAN_OUT_BEAN)).isFalse();
			byte[] answer = context.getBean(WarmupInterceptor.class)
				.intercept("{\"lambda-warmup\":{\"action\":\"fan-out\",\"concurrency\":2}}".getBytes(),
						new Invocation(null, null, null, Map.of(Invocation.WARMER_KEY, "1")))
				.orElseThrow()
				.json();
			assertThat(new String(answer)).contains("\"status\":\"unavailable\"").contains("\"asked\":2");
			assertThat(context.getBeanFactory().containsSingleton(WarmupFanOutAutoConfiguration.FAN_OUT_BEAN)).isTrue();
		});
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void theStartupLineDescribesTheStartersFanOutWithoutMakingItAndTheApplicationsOwnAsItIs(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("warmup.lambda-detection=force-on", "AWS_REGION=eu-west-1",
					"warmup.fan-out.function-name=orders", "warmup.fan-out.concurrency=7")
			.run((context) -> {
				ready(context);
				assertThat(output).contains("fan-out of orders, concurrency now 7");
				assertThat(context.getBeanFactory().containsSingleton(WarmupFanOutAutoConfiguration.FAN_OUT_BEAN))
					.isFalse();
			});
		FanOutSettings own = new FanOutSettings("inventory", null, FanOutInvocationType.REQUEST_RESPONSE, 4,
				List.of(), ZoneId.of("UTC"), 4, null, Duration.ofSeconds(2), Duration.ofSeconds(10), true);
		this.contextRunner.withPropertyValues("warmup.lambda-detection=force-on", "warmup.fan-out.function-name=orders")
			.withBean("ownFanOut", WarmupFanOut.class, () -> WarmupFanOut.builder(() -> null, own).build())
			.run((context) -> {
				ready(context);
				assertThat(output).contains("fan-out of inventory, concurrency now 4");
			});
	}

	@SuppressWarnings("unchecked")
	private static void ready(ConfigurableApplicationContext context) {
		context.getBean("warmupRuntimePublisher", ApplicationListener.class)
			.onApplicationEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO));
	}

	@Test
	void schedulesOnAPrivateSchedulerOnlyWhenAsked() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(FanOutScheduler.class));
		this.contextRunner.withPropertyValues("warmup.fan-out.schedule.rate=4m")
			.run((context) -> assertThat(context).hasSingleBean(FanOutScheduler.class)
				.doesNotHaveBean(TaskScheduler.class));
		this.contextRunner.withPropertyValues("warmup.fan-out.schedule.cron=0 0/4 * * * *")
			.run((context) -> assertThat(context).hasSingleBean(FanOutScheduler.class));
	}

	@Test
	void canBeDisabled() {
		this.contextRunner.withPropertyValues("AWS_REGION=eu-west-1", "warmup.fan-out.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WarmupFanOut.class)
				.doesNotHaveBean(LambdaInvoker.class));
	}

}
