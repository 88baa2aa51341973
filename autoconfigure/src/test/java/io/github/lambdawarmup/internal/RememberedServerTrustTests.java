package io.github.lambdawarmup.internal;

import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import io.netty.handler.ssl.util.SimpleTrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.lambdawarmup.MutableClock;
import io.github.lambdawarmup.local.LocalLambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the fan-out's trust accepts from memory, and what it always asks the trust it wraps. The
 * certificates are local-lambda's, made at its start: two services, two chains.
 */
class RememberedServerTrustTests {

	private static LocalLambda first;

	private static LocalLambda second;

	// Now: the certificates are valid from when the services started.
	private final MutableClock clock = new MutableClock(Instant.now());

	@BeforeAll
	static void startServices() {
		first = LocalLambda.builder().https().start();
		second = LocalLambda.builder().https().start();
	}

	@AfterAll
	static void stopServices() {
		first.close();
		second.close();
	}

	@Test
	void theSameChainForTheSameHostIsValidatedOnce() throws Exception {
		Validations trust = Validations.accepting((validation) -> true);
		RememberedServerTrust remembered = new RememberedServerTrust(trust, this.clock);
		for (int i = 0; i < 5; i++) {
			remembered.checkServerTrusted(chain(first), "RSA", engine("lambda.test"));
		}
		assertThat(trust.hosts).containsExactly("lambda.test");
	}

	@Test
	void anotherHostAnotherChainOrAnotherAuthenticationTypeIsValidatedAgain() throws Exception {
		Validations trust = Validations.accepting((validation) -> true);
		RememberedServerTrust remembered = new RememberedServerTrust(trust, this.clock);
		remembered.checkServerTrusted(chain(first), "RSA", engine("lambda.test"));
		remembered.checkServerTrusted(chain(first), "RSA", engine("other.test"));
		remembered.checkServerTrusted(chain(second), "RSA", engine("lambda.test"));
		remembered.checkServerTrusted(chain(first), "EC", engine("lambda.test"));
		assertThat(trust.hosts).containsExactly("lambda.test", "other.test", "lambda.test", "lambda.test");
	}

	// The chain a host was accepted with is not accepted for another host the trust rejects: the host name
	// check is the wrapped trust's, made for each host.
	@Test
	void aChainRememberedForOneHostIsRejectedForAHostItDoesNotName() throws Exception {
		Validations trust = Validations.accepting((validation) -> validation.equals("lambda.test"));
		RememberedServerTrust remembered = new RememberedServerTrust(trust, this.clock);
		remembered.checkServerTrusted(chain(first), "RSA", engine("lambda.test"));
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(CertificateException.class)
				.isThrownBy(() -> remembered.checkServerTrusted(chain(first), "RSA", engine("other.test")))
				.withMessageContaining("other.test");
		}
		assertThat(trust.hosts).containsExactly("lambda.test", "other.test", "other.test");
	}

	@Test
	void aRejectedChainIsNeverRemembered() throws Exception {
		Validations trust = Validations.accepting((validation) -> false);
		RememberedServerTrust remembered = new RememberedServerTrust(trust, this.clock);
		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(CertificateException.class)
				.isThrownBy(() -> remembered.checkServerTrusted(chain(first), "RSA", engine("lambda.test")));
		}
		assertThat(trust.hosts).hasSize(3);
	}

	@Test
	void aChainIsRememberedForAMinuteAtMost() throws Exception {
		Validations trust = Validations.accepting((validation) -> true);
		RememberedServerTrust remembered = new RememberedServerTrust(trust, this.clock);
		remembered.checkServerTrusted(chain(first), "RSA", engine("lambda.test"));
		this.clock.advance(RememberedServerTrust.REMEMBERED.minusMillis(1));
		remembered.checkServerTrusted(chain(first), "RSA", engine("lambda.test"));
		assertThat(trust.hosts).hasSize(1);
		this.clock.advance(Duration.ofMillis(1));
		remembered.checkServerTrusted(chain(first), "RSA", engine("lambda.test"));
		assertThat(trust.hosts).hasSize(2);
	}

	// A certificate that expires is validated again from then on, however recently it was accepted.
	@Test
	void aChainIsNotRememberedBeyondItsCertificatesValidity() throws Exception {
		X509Certificate[] chain = chain(first);
		MutableClock nearTheEnd = new MutableClock(chain[0].getNotAfter().toInstant().minusSeconds(10));
		Validations trust = Validations.accepting((validation) -> true);
		RememberedServerTrust remembered = new RememberedServerTrust(trust, nearTheEnd);
		remembered.checkServerTrusted(chain, "RSA", engine("lambda.test"));
		nearTheEnd.advance(Duration.ofSeconds(9));
		remembered.checkServerTrusted(chain, "RSA", engine("lambda.test"));
		assertThat(trust.hosts).hasSize(1);
		nearTheEnd.advance(Duration.ofSeconds(1));
		remembered.checkServerTrusted(chain, "RSA", engine("lambda.test"));
		assertThat(trust.hosts).hasSize(2);
	}

	// Without an engine there is no host to remember a decision for.
	@Test
	void chainsCheckedWithoutAnEngineAreAlwaysValidated() throws Exception {
		Validations trust = Validations.accepting((validation) -> true);
		RememberedServerTrust remembered = new RememberedServerTrust(trust, this.clock);
		for (int i = 0; i < 2; i++) {
			remembered.checkServerTrusted(chain(first), "RSA", engine("lambda.test"));
			remembered.checkServerTrusted(chain(first), "RSA", (Socket) null);
			remembered.checkServerTrusted(chain(first), "RSA");
		}
		assertThat(trust.hosts).containsExactly("lambda.test", "(socket)", "(none)", "(socket)", "(none)");
	}

	@Test
	void theJvmsTrustAndABundlesAreRememberedAndAPlainX509TrustManagerIsUsedAsItIs() throws Exception {
		assertThat(RememberedServerTrust.of(null, this.clock)).isInstanceOf(RememberedServerTrust.class);
		assertThat(RememberedServerTrust.of(LocalLambda.trustFor(first.certificate()), this.clock))
			.isInstanceOf(RememberedServerTrust.class);
		X509TrustManager plain = new X509TrustManager() {

			@Override
			public void checkClientTrusted(X509Certificate[] chain, String authType) {
			}

			@Override
			public void checkServerTrusted(X509Certificate[] chain, String authType) {
			}

			@Override
			public X509Certificate[] getAcceptedIssuers() {
				return new X509Certificate[0];
			}

		};
		assertThat(RememberedServerTrust.of(factoryOf(plain), this.clock)).isSameAs(plain);
	}

	private static TrustManagerFactory factoryOf(TrustManager manager) {
		return new SimpleTrustManagerFactory() {

			@Override
			protected void engineInit(KeyStore keyStore) {
			}

			@Override
			protected void engineInit(ManagerFactoryParameters parameters) {
			}

			@Override
			protected TrustManager[] engineGetTrustManagers() {
				return new TrustManager[] { manager };
			}

		};
	}

	private static X509Certificate[] chain(LocalLambda lambda) {
		return new X509Certificate[] { (X509Certificate) lambda.certificate() };
	}

	private static SSLEngine engine(String host) throws Exception {
		return SSLContext.getDefault().createSSLEngine(host, 443);
	}

	/**
	 * A trust that records the host of every validation and accepts the hosts it is told to: what it
	 * decides is not under test here, what reaches it is.
	 */
	private static final class Validations extends ServerTrustDouble {

		final List<String> hosts = new ArrayList<>();

		private final Predicate<String> accepts;

		private Validations(Predicate<String> accepts) {
			this.accepts = accepts;
		}

		static Validations accepting(Predicate<String> hosts) {
			return new Validations(hosts);
		}

		private void validate(String host) throws CertificateException {
			this.hosts.add(host);
			if (!this.accepts.test(host)) {
				throw new CertificateException("No name matching " + host + " found");
			}
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			validate(engine.getPeerHost());
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			validate("(socket)");
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			validate("(none)");
		}

	}

}
