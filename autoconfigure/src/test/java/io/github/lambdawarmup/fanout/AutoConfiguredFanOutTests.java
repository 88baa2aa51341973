package io.github.lambdawarmup.fanout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;

import io.github.lambdawarmup.local.LocalLambdaClients;
import io.github.lambdawarmup.ExecutionEnvironment;
import io.github.lambdawarmup.LambdaPlatform;

import io.github.lambdawarmup.autoconfigure.WarmupAutoConfiguration;
import io.github.lambdawarmup.autoconfigure.WarmupFanOutAutoConfiguration;
import io.github.lambdawarmup.local.IdleRouting;
import io.github.lambdawarmup.local.LocalFunction;
import io.github.lambdawarmup.local.LocalLambda;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fan-out as the auto-configuration builds it, client included, against the local Lambda service.
 */
class AutoConfiguredFanOutTests {

	@TempDir
	Path certificates;

	@Test
	void theClientOpensAsManyConnectionsAsTheRoundNeeds() {
		try (LocalLambda lambda = LocalLambda.builder()
			.function(LocalFunction.builder("orders", WarmupEnvironments.answeringWarmups(Duration.ofMillis(10))).build())
			.start()) {
			new ApplicationContextRunner()
				.withConfiguration(
						AutoConfigurations.of(WarmupFanOutAutoConfiguration.class, WarmupAutoConfiguration.class))
				.withPropertyValues("warmup.fan-out.client.region=us-east-1",
						"warmup.fan-out.client.endpoint=" + lambda.endpoint(), "warmup.fan-out.function-name=orders",
						"warmup.fan-out.max-concurrency=150", "warmup.max-hold=2s", "warmup.fan-out.hold=1500ms")
				.withBean(AwsCredentialsProvider.class,
						() -> LocalLambdaClients.CREDENTIALS)
				.run((context) -> {
					FanOutReport report = context.getBean(WarmupFanOut.class).fanOut(150);
					// With fewer connections than warm-ups, the last ones would wait for the first to
					// finish and land on environments already counted.
					assertThat(report.distinctEnvironments()).isGreaterThanOrEqualTo(147);
					assertThat(report.failures().total()).isZero();
				});
		}
	}

	// In Lambda the schedule's trigger lands on whichever environment the service picks, which has never
	// run a round, has no connection open, and knows the dispatch only from what warm-ups told it. Here
	// each round runs in a new context with an environment of its own that knows nothing at all: the
	// worst case, which the round must correct within itself.
	@Test
	void everyRoundFromAFreshEnvironmentReachesTheConcurrencyOverHttps() {
		try (LocalLambda lambda = LocalLambda.builder()
			.https()
			.function(LocalFunction.builder("orders", WarmupEnvironments.answeringWarmups(Duration.ofMillis(300)))
				.routing(IdleRouting.MOST_RECENT)
				.build())
			.start()) {
			// Configured only through properties, as a user would: the local service's certificate is trusted
			// through an SSL bundle.
			ApplicationContextRunner contextRunner = trusting(lambda)
				.withPropertyValues("warmup.fan-out.client.region=us-east-1",
						"warmup.fan-out.client.endpoint=" + lambda.httpsEndpoint(),
						"warmup.fan-out.function-name=orders", "warmup.fan-out.max-concurrency=200",
						"warmup.max-hold=5s")
				.withBean(AwsCredentialsProvider.class,
						() -> LocalLambdaClients.CREDENTIALS);
			List<FanOutReport> reports = new ArrayList<>();
			for (int round = 0; round < 4; round++) {
				contextRunner.withBean(ExecutionEnvironment.class,
						() -> new ExecutionEnvironment(Clock.systemUTC(), Instant.now(), LambdaPlatform.from(Map.of())))
					.run((context) -> reports.add(context.getBean(WarmupFanOut.class).fanOut(200)));
			}
			assertThat(reports).allSatisfy((report) -> {
				assertThat(report.failures().total()).isZero();
				assertThat(report.distinctEnvironments()).isGreaterThanOrEqualTo(196);
			});
			// Rounds after the first find the environments warm. A first pass that reused environments and
			// left more than a hundredth unreached, or stopped when its first holds had ended, was corrected
			// within the round by a second pass.
			assertThat(reports.subList(1, 4)).allSatisfy((report) -> {
				assertThat(report.reached().coldEnvironments()).isLessThan(200);
				FanOutReport.Pass first = report.passes().get(0);
				boolean corrected = (first.reusedAnswers() > 0 || first.stoppedAfter() != null)
						&& first.distinctEnvironments() < 198;
				assertThat(report.passes()).hasSize(corrected ? 2 : 1);
			});
		}
	}

	// A fresh environment opens a connection for each warm-up at once; on a fraction of a vCPU the last
	// handshakes end seconds later, beyond the SDK's default TLS negotiation timeout (5 s), which closed
	// them and failed their warm-ups. Here every handshake takes 6 s.
	@Test
	void connectionsWhoseHandshakesTakeLongerThanTheSdkDefaultStillCarryTheirWarmups() throws Exception {
		try (LocalLambda lambda = httpsLambda();
				SlowHandshakeRelay relay = SlowHandshakeRelay.start(lambda.httpsEndpoint(), Duration.ofSeconds(6))) {
			// Through the SDK's client, as when the application customizes it, and over the starter's own.
			for (ApplicationContextRunner runner : List.of(
					throughRelay(relay, (http) -> http.tlsTrustManagersProvider(lambda::trustManagers)),
					throughRelay(relay, lambda))) {
				runner.run((context) -> {
					FanOutReport report = context.getBean(WarmupFanOut.class).fanOut(5);
					assertThat(report.failures().total()).isZero();
					assertThat(report.distinctEnvironments()).isEqualTo(5);
				});
			}
		}
	}

	// A round opens its connections once; the next rounds of the same environment find them open.
	@Test
	void laterRoundsOfAnEnvironmentReuseTheConnectionsOfTheFirst() throws Exception {
		try (LocalLambda lambda = httpsLambda();
				SlowHandshakeRelay relay = SlowHandshakeRelay.start(lambda.httpsEndpoint(), Duration.ZERO)) {
			throughRelay(relay, lambda).run((context) -> {
				WarmupFanOut fanOut = context.getBean(WarmupFanOut.class);
				FanOutReport first = fanOut.fanOut(20);
				assertThat(first.distinctEnvironments()).isEqualTo(20);
				assertThat(relay.accepted()).isEqualTo(20);
				for (int round = 0; round < 3; round++) {
					assertThat(fanOut.fanOut(20).distinctEnvironments()).isEqualTo(20);
				}
				assertThat(relay.accepted()).isEqualTo(20);
			});
		}
	}

	// Only the Invoke API may hold the environments: an endpoint whose certificate is not trusted, or does
	// not name the host the fan-out connects to, gets no warm-up and no signed request.
	@Test
	void theStartersOwnConnectionsVerifyTheCertificateAndTheHostName() throws Exception {
		try (LocalLambda lambda = httpsLambda();
				SlowHandshakeRelay otherHost = SlowHandshakeRelay.startOn(InetAddress.getByName("127.0.0.2"),
						lambda.httpsEndpoint(), Duration.ZERO)) {
			// No trust in the local service's certificate: the JVM's own.
			ApplicationContextRunner untrusting = new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(WarmupFanOutAutoConfiguration.class, WarmupAutoConfiguration.class));
			everyWarmupFailsItsHandshake(untrusting, lambda.httpsEndpoint(), "certification path");
			everyWarmupFailsItsHandshake(trusting(lambda), otherHost.endpointByAddress(), "127.0.0.2");
			assertThat(lambda.invocations("orders")).isEmpty();
		}
	}

	// The SDK's client, which a customizer switches to, is given the same trust: a round reaches its
	// environments, and neither an untrusted certificate nor one that does not name the host gets a warm-up.
	@Test
	void theSdkClientVerifiesTheCertificateAndTheHostNameToo() throws Exception {
		FanOutHttpClientCustomizer switchingToTheSdkClient = (http) -> {
		};
		try (LocalLambda lambda = httpsLambda();
				SlowHandshakeRelay otherHost = SlowHandshakeRelay.startOn(InetAddress.getByName("127.0.0.2"),
						lambda.httpsEndpoint(), Duration.ZERO)) {
			trusting(lambda).withBean(FanOutHttpClientCustomizer.class, () -> switchingToTheSdkClient)
				.withPropertyValues("warmup.fan-out.client.region=us-east-1",
						"warmup.fan-out.client.endpoint=" + lambda.httpsEndpoint(), "warmup.fan-out.function-name=orders")
				.withBean(AwsCredentialsProvider.class, () -> LocalLambdaClients.CREDENTIALS)
				.run((context) -> assertThat(context.getBean(WarmupFanOut.class).fanOut(5).distinctEnvironments())
					.isEqualTo(5));
			ApplicationContextRunner untrusting = new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(WarmupFanOutAutoConfiguration.class, WarmupAutoConfiguration.class))
				.withBean(FanOutHttpClientCustomizer.class, () -> switchingToTheSdkClient);
			everyWarmupFailsItsHandshake(untrusting, lambda.httpsEndpoint(), "certification path");
			everyWarmupFailsItsHandshake(
					trusting(lambda).withBean(FanOutHttpClientCustomizer.class, () -> switchingToTheSdkClient),
					otherHost.endpointByAddress(), "127.0.0.2");
			assertThat(lambda.invocations("orders")).hasSize(5);
		}
	}

	@Test
	void aHandshakeOverItsTimeoutIsReportedAsAClosedConnectionWithItsLikelyCause() throws Exception {
		try (LocalLambda lambda = httpsLambda();
				SlowHandshakeRelay relay = SlowHandshakeRelay.start(lambda.httpsEndpoint(), Duration.ofSeconds(2))) {
			// A customizer comes after the starter's settings: here it shortens the handshake's limit again.
			throughRelay(relay, (http) -> http.tlsTrustManagersProvider(lambda::trustManagers)
				.tlsNegotiationTimeout(Duration.ofSeconds(1)))
				.run((context) -> {
					FanOutReport report = context.getBean(WarmupFanOut.class).fanOut(3);
					assertThat(report.failures().byKind()).isEqualTo(Map.of(InvokeOutcome.CONNECTION_CLOSED, 3));
					assertThat(report.failures().firstFailure()).contains("TLS handshake over its timeout");
				});
		}
	}

	// The application's own client reports the same failure the same way.
	@Test
	void aHandshakeOverItsTimeoutThroughTheApplicationsClientIsReportedAsAClosedConnection() throws Exception {
		try (LocalLambda lambda = httpsLambda();
				SlowHandshakeRelay relay = SlowHandshakeRelay.start(lambda.httpsEndpoint(), Duration.ofSeconds(2))) {
			throughRelay(relay, (http) -> http.tlsTrustManagersProvider(lambda::trustManagers))
				.withBean(LambdaAsyncClient.class, () -> LocalLambdaClients.asyncClient(relay.endpoint())
					.httpClientBuilder(NettyNioAsyncHttpClient.builder()
						.tlsTrustManagersProvider(lambda::trustManagers)
						.tlsNegotiationTimeout(Duration.ofSeconds(1)))
					.build())
				.run((context) -> {
					FanOutReport report = context.getBean(WarmupFanOut.class).fanOut(3);
					assertThat(report.failures().byKind()).isEqualTo(Map.of(InvokeOutcome.CONNECTION_CLOSED, 3));
					assertThat(report.failures().firstFailure()).contains("TLS handshake over its timeout");
				});
		}
	}

	private static void everyWarmupFailsItsHandshake(ApplicationContextRunner runner, URI endpoint, String because) {
		runner
			.withPropertyValues("warmup.fan-out.client.region=us-east-1", "warmup.fan-out.client.endpoint=" + endpoint,
					"warmup.fan-out.function-name=orders")
			.withBean(AwsCredentialsProvider.class, () -> LocalLambdaClients.CREDENTIALS)
			.run((context) -> {
				FanOutReport report = context.getBean(WarmupFanOut.class).fanOut(3);
				assertThat(report.distinctEnvironments()).isZero();
				assertThat(report.failures().byKind()).isEqualTo(Map.of("SSLHandshakeException", 3));
				assertThat(report.failures().firstFailure()).contains(because);
			});
	}

	private static LocalLambda httpsLambda() {
		return LocalLambda.builder()
			.https()
			.function(LocalFunction.builder("orders", WarmupEnvironments.answeringWarmups(Duration.ofMillis(10))).build())
			.start();
	}

	// The starter's own connections, trusting the local service through an SSL bundle.
	private ApplicationContextRunner throughRelay(SlowHandshakeRelay relay, LocalLambda lambda) {
		return trusting(lambda)
			.withPropertyValues("warmup.fan-out.client.region=us-east-1", "warmup.fan-out.client.endpoint=" + relay.endpoint(),
					"warmup.fan-out.function-name=orders", "warmup.fan-out.invocation-timeout=10s")
			.withBean(AwsCredentialsProvider.class, () -> LocalLambdaClients.CREDENTIALS);
	}

	// A context whose fan-out trusts the local service's certificate through an SSL bundle.
	private ApplicationContextRunner trusting(LocalLambda lambda) {
		Path pem = this.certificates.resolve("local-lambda-" + System.nanoTime() + ".pem");
		try {
			Files.writeString(pem, lambda.certificatePem());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, WarmupFanOutAutoConfiguration.class,
					WarmupAutoConfiguration.class))
			.withPropertyValues("spring.ssl.bundle.pem.local-lambda.truststore.certificate=file:" + pem,
					"warmup.fan-out.client.ssl-bundle=local-lambda");
	}

	private static ApplicationContextRunner throughRelay(SlowHandshakeRelay relay, FanOutHttpClientCustomizer customizer) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WarmupFanOutAutoConfiguration.class, WarmupAutoConfiguration.class))
			.withPropertyValues("warmup.fan-out.client.region=us-east-1", "warmup.fan-out.client.endpoint=" + relay.endpoint(),
					"warmup.fan-out.function-name=orders", "warmup.fan-out.invocation-timeout=10s")
			.withBean(AwsCredentialsProvider.class, () -> LocalLambdaClients.CREDENTIALS)
			.withBean(FanOutHttpClientCustomizer.class, () -> customizer);
	}

}
