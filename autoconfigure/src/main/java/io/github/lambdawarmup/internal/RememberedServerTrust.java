package io.github.lambdawarmup.internal;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

import org.jspecify.annotations.Nullable;

/**
 * The trust of the fan-out's connections, its own and the SDK client's: it remembers the certificate
 * chains it has accepted, for a while. A round opens a connection per warm-up to one endpoint, which shows
 * every one of them the same chain; the JVM's trust validates each as if it had never seen it (the
 * certificates parsed, the path built, its signatures and the host name checked). Against a chain like Lambda's (the endpoint's
 * certificate and an intermediate CA's under a trusted root), that cost the fan-out's event loop about
 * 48 KB of heap a handshake with BoringSSL: a fresh round of 1,000 allocated 79 MB, 32 MB with this; and
 * 279 MB with the JDK's TLS, 260 with this. Here the first connection's chain is validated by that trust,
 * and the others' are compared with it byte for byte.
 * <p>
 * A chain is accepted from memory only if every certificate's encoding is the one accepted, for the same
 * host and authentication type, while each certificate is within its validity and for at most
 * {@link #REMEMBERED} after it was accepted; anything else, and every rejection, goes to the trust it
 * wraps. The TLS implementation still checks on every connection what no trust manager does: that the
 * server holds the private key of the chain's first certificate.
 */
public final class RememberedServerTrust extends X509ExtendedTrustManager {

	/**
	 * How long an accepted chain is remembered: longer than a round takes to connect, shorter than the
	 * period of a schedule.
	 */
	public static final Duration REMEMBERED = Duration.ofSeconds(60);

	// A fan-out connects to one endpoint; a few more are kept in case its address or chain changes mid-round.
	private static final int CAPACITY = 4;

	private final X509ExtendedTrustManager trust;

	private final Clock clock;

	private final Deque<Accepted> accepted = new ConcurrentLinkedDeque<>();

	/**
	 * Remembers what the given trust accepts.
	 * @param trust the trust that validates what is not remembered
	 * @param clock the wall clock that ages what is remembered
	 */
	public RememberedServerTrust(X509ExtendedTrustManager trust, Clock clock) {
		this.trust = trust;
		this.clock = clock;
	}

	/**
	 * The trust for the fan-out's connections.
	 * @param trust the trust to remember the decisions of, or {@code null} for the JVM's
	 * @param clock the wall clock that ages what is remembered
	 * @return that trust, remembering; or its X.509 trust manager as it is, if that is no
	 * {@link X509ExtendedTrustManager}
	 */
	public static TrustManager of(@Nullable TrustManagerFactory trust, Clock clock) {
		try {
			TrustManagerFactory factory = trust;
			if (factory == null) {
				factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
				factory.init((KeyStore) null);
			}
			@Nullable TrustManager x509 = null;
			for (TrustManager manager : factory.getTrustManagers()) {
				if (manager instanceof X509ExtendedTrustManager extended) {
					return new RememberedServerTrust(extended, clock);
				}
				if (x509 == null && manager instanceof X509TrustManager) {
					x509 = manager;
				}
			}
			if (x509 == null) {
				throw new IllegalStateException("The fan-out's trust has no X.509 trust manager");
			}
			return x509;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot read the JVM's trust for the fan-out's connections", ex);
		}
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, @Nullable SSLEngine engine)
			throws CertificateException {
		String host = (engine != null) ? engine.getPeerHost() : null;
		if (host != null && remembers(chain, authType, host)) {
			return;
		}
		this.trust.checkServerTrusted(chain, authType, engine);
		if (host != null) {
			remember(chain, authType, host);
		}
	}

	// Neither a socket nor a bare chain says which host it is for: always validated.
	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, @Nullable Socket socket)
			throws CertificateException {
		this.trust.checkServerTrusted(chain, authType, socket);
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		this.trust.checkServerTrusted(chain, authType);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, @Nullable SSLEngine engine)
			throws CertificateException {
		this.trust.checkClientTrusted(chain, authType, engine);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, @Nullable Socket socket)
			throws CertificateException {
		this.trust.checkClientTrusted(chain, authType, socket);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		this.trust.checkClientTrusted(chain, authType);
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return this.trust.getAcceptedIssuers();
	}

	private boolean remembers(X509Certificate[] chain, String authType, String host) {
		long now = this.clock.millis();
		for (Accepted each : this.accepted) {
			if (now < each.fromMillis() || now >= each.untilMillis()) {
				this.accepted.remove(each);
			}
			else if (each.host().equals(host) && each.authType().equals(authType) && each.isChain(chain)) {
				return true;
			}
		}
		return false;
	}

	private void remember(X509Certificate[] chain, String authType, String host) {
		long now = this.clock.millis();
		long from = Long.MIN_VALUE;
		long until = now + REMEMBERED.toMillis();
		byte[][] encodings = new byte[chain.length][];
		try {
			for (int i = 0; i < chain.length; i++) {
				encodings[i] = chain[i].getEncoded();
				from = Math.max(from, chain[i].getNotBefore().getTime());
				until = Math.min(until, chain[i].getNotAfter().getTime());
			}
		}
		catch (CertificateEncodingException ex) {
			return;
		}
		this.accepted.addFirst(new Accepted(host, authType, encodings, from, until));
		while (this.accepted.size() > CAPACITY) {
			this.accepted.pollLast();
		}
	}

	/** A chain accepted for a host, and when it may be accepted again from memory. */
	private record Accepted(String host, String authType, byte[][] encodings, long fromMillis, long untilMillis) {

		boolean isChain(X509Certificate[] chain) {
			if (chain.length != this.encodings.length) {
				return false;
			}
			try {
				for (int i = 0; i < chain.length; i++) {
					if (!Arrays.equals(chain[i].getEncoded(), this.encodings[i])) {
						return false;
					}
				}
				return true;
			}
			catch (CertificateEncodingException ex) {
				return false;
			}
		}

	}

}
