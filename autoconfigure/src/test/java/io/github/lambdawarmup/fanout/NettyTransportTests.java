package io.github.lambdawarmup.fanout;

import java.net.InetAddress;
import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

import io.github.lambdawarmup.ExecutionEnvironment;
import io.github.lambdawarmup.LambdaPlatform;
import io.github.lambdawarmup.MutableClock;
import io.github.lambdawarmup.internal.RememberedServerTrust;
import io.github.lambdawarmup.internal.ServerTrustDouble;
import io.github.lambdawarmup.local.LocalFunction;
import io.github.lambdawarmup.local.LocalLambda;
import io.github.lambdawarmup.local.LocalLambdaClients;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's own connections, against the local Lambda service over HTTPS through a relay that counts
 * the connections opened.
 */
class NettyTransportTests {

	// Lambda freezes an environment between invocations and closes connections idle that long: a connection
	// idle for more than a minute of wall-clock time is opened again rather than taken.
	@Test
	void connectionsIdleForMoreThanAMinuteAreOpenedAgain() throws Exception {
		MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
		try (LocalLambda lambda = LocalLambda.builder()
			.https()
			.function(LocalFunction.builder("orders", WarmupEnvironments.answeringWarmups(Duration.ofMillis(10))).build())
			.start();
				SlowHandshakeRelay relay = SlowHandshakeRelay.start(lambda.httpsEndpoint(), Duration.ZERO);
				LambdaInvoker invoker = new SignedRequestInvoker(
						new NettyTransport(Duration.ofSeconds(10), LocalLambda.trustFor(lambda.certificate()), null, clock),
						LocalLambdaClients.CREDENTIALS, Region.US_EAST_1, relay.endpoint())) {
			WarmupFanOut fanOut = WarmupFanOut.builder(invoker, WarmupFanOutTests.settings("orders").build())
				.platform(LambdaPlatform.from(Map.of()))
				.environment(new ExecutionEnvironment(Clock.systemUTC(), Instant.now(), LambdaPlatform.from(Map.of())))
				.build();
			assertThat(fanOut.fanOut(5).distinctEnvironments()).isEqualTo(5);
			assertThat(relay.accepted()).isEqualTo(5);
			clock.advance(Duration.ofSeconds(59));
			assertThat(fanOut.fanOut(5).distinctEnvironments()).isEqualTo(5);
			assertThat(relay.accepted()).isEqualTo(5);
			clock.advance(Duration.ofSeconds(61));
			FanOutReport afterAFreeze = fanOut.fanOut(5);
			assertThat(afterAFreeze.distinctEnvironments()).isEqualTo(5);
			assertThat(afterAFreeze.failures().total()).isZero();
			assertThat(relay.accepted()).isEqualTo(10);
		}
	}

	// A round's connections all show the endpoint's chain: the JVM's trust validates it once, and the others
	// are compared with it. What was accepted for one host is not for another the certificate does not name.
	@Test
	void aRoundValidatesTheChainOnceAndEachHostItIsShownFor() throws Exception {
		try (LocalLambda lambda = LocalLambda.builder()
			.https()
			.function(LocalFunction.builder("orders", WarmupEnvironments.answeringWarmups(Duration.ofMillis(10))).build())
			.start();
				SlowHandshakeRelay otherHost = SlowHandshakeRelay.startOn(InetAddress.getByName("127.0.0.2"),
						lambda.httpsEndpoint(), Duration.ZERO)) {
			CountingTrust validations = new CountingTrust(LocalLambda.trustFor(lambda.certificate()));
			RememberedServerTrust trust = new RememberedServerTrust(validations, Clock.systemUTC());
			try (LambdaInvoker direct = invoker(trust, lambda.httpsEndpoint());
					LambdaInvoker throughOtherHost = invoker(trust, otherHost.endpointByAddress())) {
				FanOutReport round = fanOut(direct).fanOut(10);
				assertThat(round.distinctEnvironments()).isEqualTo(10);
				assertThat(validations.count()).isEqualTo(1);
				FanOutReport rejected = fanOut(throughOtherHost).fanOut(3);
				assertThat(rejected.distinctEnvironments()).isZero();
				assertThat(rejected.failures().byKind()).isEqualTo(Map.of("SSLHandshakeException", 3));
				assertThat(rejected.failures().firstFailure()).contains("127.0.0.2");
				// Every connection to the other host had its chain validated: none was accepted from memory.
				assertThat(otherHost.accepted()).isGreaterThanOrEqualTo(3);
				assertThat(validations.count()).isEqualTo(1 + otherHost.accepted());
			}
			assertThat(lambda.invocations("orders")).hasSize(10);
		}
	}

	private static LambdaInvoker invoker(RememberedServerTrust trust, URI endpoint) {
		return new SignedRequestInvoker(new NettyTransport(Duration.ofSeconds(10), trust, null, Clock.systemUTC()),
				LocalLambdaClients.CREDENTIALS, Region.US_EAST_1, endpoint);
	}

	private static WarmupFanOut fanOut(LambdaInvoker invoker) {
		return WarmupFanOut.builder(invoker, WarmupFanOutTests.settings("orders").build())
			.platform(LambdaPlatform.from(Map.of()))
			.environment(new ExecutionEnvironment(Clock.systemUTC(), Instant.now(), LambdaPlatform.from(Map.of())))
			.build();
	}

	/** The JVM's trust in the local service's certificate, counting the chains it validates. */
	private static final class CountingTrust extends ServerTrustDouble {

		private final X509ExtendedTrustManager trust;

		private final AtomicInteger validations = new AtomicInteger();

		CountingTrust(TrustManagerFactory factory) {
			this.trust = (X509ExtendedTrustManager) factory.getTrustManagers()[0];
		}

		int count() {
			return this.validations.get();
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			this.validations.incrementAndGet();
			this.trust.checkServerTrusted(chain, authType, engine);
		}

	}

}
