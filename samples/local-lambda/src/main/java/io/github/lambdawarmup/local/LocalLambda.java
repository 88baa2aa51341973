package io.github.lambdawarmup.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaAsyncClientBuilder;
import software.amazon.awssdk.services.lambda.LambdaClientBuilder;

/**
 * A local stand-in for the AWS Lambda service on the loopback interface: the Invoke API of the real
 * service, execution environments that serve one invocation at a time, cold starts, keep-alive,
 * reserved concurrency and throttling.
 */
public final class LocalLambda implements AutoCloseable {

	private static final System.Logger logger = System.getLogger(LocalLambda.class.getName());

	/** The JDK server's limit, in seconds, on the time a request may take to arrive whole. */
	public static final String MAX_REQUEST_SECONDS = "sun.net.httpserver.maxReqTime";

	static {
		// The JDK's server closes idle connections beyond 200 (read once, when its configuration class
		// loads). Lambda keeps a client's connections open, and a warmer opens one per warm-up.
		if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
			System.setProperty("sun.net.httpserver.maxIdleConnections", "20000");
		}
		// A client that stalls before its request is whole (headers or body) would hold a handler thread
		// forever: the server closes its connection after this many seconds. Long invocations are not
		// affected: the clock stops once the request has been read.
		if (System.getProperty(MAX_REQUEST_SECONDS) == null) {
			System.setProperty(MAX_REQUEST_SECONDS, "30");
		}
		// Without TCP_NODELAY, a response written in two segments (headers, then body) waits for the client's
		// delayed acknowledgement: tens of milliseconds on every invocation and every Runtime API answer,
		// which Lambda does not add.
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
	}

	private final HttpServer server;

	private final @Nullable HttpsServer httpsServer;

	private final @Nullable ServiceCertificates tls;

	private final ExecutorService handlers;

	private final ScheduledExecutorService reaper;

	private final AsyncQueue asyncQueue;

	private final Map<String, FunctionRuntime> functions = new ConcurrentHashMap<>();

	private final ServiceStats stats = new ServiceStats();

	private final ServiceIdentity service;

	private final Clock clock;

	private LocalLambda(Builder builder) {
		this.service = new ServiceIdentity(builder.region, builder.accountId);
		this.clock = builder.clock;
		builder.functions.forEach(this::deploy);
		this.asyncQueue = new AsyncQueue(builder.asyncPollers, builder.asyncRetryDelay);
		this.handlers = Executors.newCachedThreadPool(DaemonThreads.named("local-lambda-http"));
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port), 1024);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to bind the local Lambda service to port " + builder.port, ex);
		}
		this.server.setExecutor(this.handlers);
		InvokeApi invokeApi = new InvokeApi(this.service, this.functions::get, this.asyncQueue);
		this.server.createContext(InvokeApi.PATH_PREFIX, invokeApi);
		if (builder.https) {
			this.tls = ServiceCertificates.create();
			try {
				this.httpsServer = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Failed to bind the local Lambda service's HTTPS endpoint", ex);
			}
			this.httpsServer.setHttpsConfigurator(new HttpsConfigurator(this.tls.serverContext()));
			this.httpsServer.setExecutor(this.handlers);
			this.httpsServer.createContext(InvokeApi.PATH_PREFIX, invokeApi);
		}
		else {
			this.tls = null;
			this.httpsServer = null;
		}
		this.reaper = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("local-lambda-reaper"));
		long interval = builder.reclaimInterval.toMillis();
		this.reaper.scheduleWithFixedDelay(() -> this.functions.values().forEach(FunctionRuntime::reclaimIdle), interval,
				interval, TimeUnit.MILLISECONDS);
		this.server.start();
		if (this.httpsServer != null) {
			this.httpsServer.start();
		}
		logger.log(System.Logger.Level.INFO, "local Lambda service listening on {0}{1} with functions {2}", endpoint(),
				(this.httpsServer != null) ? " and " + httpsEndpoint() : "", this.functions.keySet());
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Adds a function to the running service.
	 * @param function the function
	 * @throws IllegalArgumentException if a function of that name exists
	 */
	public void deploy(LocalFunction function) {
		FunctionRuntime runtime = new FunctionRuntime(function, this.service, this.clock, this.stats);
		if (this.functions.putIfAbsent(function.name(), runtime) != null) {
			throw new IllegalArgumentException("a function named " + function.name() + " exists");
		}
	}

	/** The invocations of one function, in order of completion. */
	public List<InvocationRecord> invocations(String functionName) {
		return invocations().stream().filter((r) -> r.functionName().equals(functionName)).toList();
	}

	/** The endpoint to point an AWS SDK client or the AWS CLI at. */
	public URI endpoint() {
		InetSocketAddress address = this.server.getAddress();
		return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
	}

	/**
	 * The HTTPS endpoint, beside the plain one, when the service was built with {@link Builder#https()}:
	 * every connection to it pays a TLS handshake, as connections to Lambda do.
	 * @throws IllegalStateException if the service has no HTTPS endpoint
	 */
	public URI httpsEndpoint() {
		if (this.httpsServer == null) {
			throw new IllegalStateException("this local Lambda service was started without https()");
		}
		InetSocketAddress address = this.httpsServer.getAddress();
		return URI.create("https://" + address.getAddress().getHostAddress() + ":" + address.getPort());
	}

	/**
	 * Trust managers that trust the root of the HTTPS endpoint's certificate chain, made when the service
	 * started, and no other: what a client configures instead of the JVM's trust store.
	 * @throws IllegalStateException if the service has no HTTPS endpoint
	 */
	public TrustManager[] trustManagers() {
		if (this.tls == null) {
			throw new IllegalStateException("this local Lambda service was started without https()");
		}
		return this.tls.trustManagers();
	}

	/**
	 * The root of the HTTPS endpoint's certificate chain, for a client in another process to trust. The
	 * endpoint sends its own certificate and the intermediate CA's, as Lambda's does.
	 * @throws IllegalStateException if the service has no HTTPS endpoint
	 */
	public Certificate certificate() {
		if (this.tls == null) {
			throw new IllegalStateException("this local Lambda service was started without https()");
		}
		return this.tls.root();
	}

	/**
	 * The same root in PEM, as Spring Boot's SSL bundles and other processes read it.
	 * @throws IllegalStateException if the service has no HTTPS endpoint
	 */
	public String certificatePem() {
		try {
			return "-----BEGIN CERTIFICATE-----\n"
					+ Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(certificate().getEncoded())
					+ "\n-----END CERTIFICATE-----\n";
		}
		catch (CertificateEncodingException ex) {
			throw new IllegalStateException("Cannot encode the local service's certificate", ex);
		}
	}

	/**
	 * Trust managers that trust one certificate and no other: for a client of a service in another
	 * process, given its {@link #certificate()}.
	 */
	public static TrustManager[] trustManagersFor(Certificate certificate) {
		return ServiceCertificates.trustManagersFor(certificate);
	}

	/**
	 * The same as a factory, for clients that take one (Netty's {@code SslContextBuilder}).
	 */
	public static TrustManagerFactory trustFor(Certificate certificate) {
		return ServiceCertificates.trustFor(certificate);
	}

	/**
	 * A builder of the SDK's synchronous client for this service's HTTP endpoint, in its region; the caller
	 * closes what it builds.
	 */
	public LambdaClientBuilder clientBuilder() {
		return LocalLambdaClients.client(endpoint()).region(Region.of(region()));
	}

	/**
	 * A builder of the SDK's asynchronous client for this service's HTTP endpoint, in its region; the
	 * caller closes what it builds.
	 */
	public LambdaAsyncClientBuilder asyncClientBuilder() {
		return LocalLambdaClients.asyncClient(endpoint()).region(Region.of(region()));
	}

	/** The region the service pretends to be in. */
	public String region() {
		return this.service.region();
	}

	/** The ARN of a function. */
	public String functionArn(String functionName) {
		return this.service.functionArn(functionName);
	}

	/** What the service saw, in numbers. */
	public ServiceSummary summary() {
		return this.stats.summary();
	}

	/** Every invocation the service saw, in order of completion. */
	public List<InvocationRecord> invocations() {
		return this.stats.invocations();
	}

	/** Forgets the invocations seen so far; the counters of environments stay. */
	public void clearInvocations() {
		this.stats.clearInvocations();
	}

	/** How many environments a function has now, busy or idle. */
	public int environments(String functionName) {
		return runtime(functionName).environments();
	}

	/** The environments a function has now, busy or idle. */
	public List<LocalEnvironment> liveEnvironments(String functionName) {
		return runtime(functionName).liveEnvironments();
	}

	/** The environments of a function that are serving an invocation now. */
	public List<LocalEnvironment> busyEnvironments(String functionName) {
		return runtime(functionName).busyEnvironments();
	}

	/** How many environments of a function are idle now. */
	public int idleEnvironments(String functionName) {
		return runtime(functionName).idleEnvironments();
	}

	/** Stops every idle environment of a function now, as if its keep-alive had passed. */
	public void expireIdleEnvironments(String functionName) {
		runtime(functionName).expireIdle();
	}

	/**
	 * Fault injection: the next {@code count} invocations of a function are throttled with the given
	 * reason, as the real service does when an account or rate limit is hit.
	 */
	public void throttleNext(String functionName, int count, ThrottleReason reason) {
		runtime(functionName).throttleNext(count, reason);
	}

	private FunctionRuntime runtime(String functionName) {
		FunctionRuntime runtime = this.functions.get(functionName);
		if (runtime == null) {
			throw new IllegalArgumentException("no function " + functionName);
		}
		return runtime;
	}

	@Override
	public void close() {
		this.server.stop(0);
		if (this.httpsServer != null) {
			this.httpsServer.stop(0);
		}
		this.reaper.shutdownNow();
		this.asyncQueue.close();
		this.functions.values().forEach(FunctionRuntime::close);
		this.handlers.shutdownNow();
	}

	/** Configures a {@link LocalLambda}. */
	public static final class Builder {

		private final List<LocalFunction> functions = new java.util.ArrayList<>();

		private int port;

		private String region = "us-east-1";

		private String accountId = "000000000000";

		private Duration reclaimInterval = Duration.ofSeconds(1);

		private int asyncPollers = 64;

		private Duration asyncRetryDelay = Duration.ofMinutes(1);

		private Clock clock = Clock.systemUTC();

		private boolean https;

		private Builder() {
		}

		/** Also serves the Invoke API over HTTPS, with a certificate made at start. */
		public Builder https() {
			this.https = true;
			return this;
		}

		public Builder function(LocalFunction function) {
			this.functions.add(function);
			return this;
		}

		/** The port to listen on; 0, the default, picks a free one. */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		public Builder region(String region) {
			this.region = region;
			return this;
		}

		public Builder accountId(String accountId) {
			this.accountId = accountId;
			return this;
		}

		/** How often idle environments are checked against their keep-alive. */
		public Builder reclaimInterval(Duration reclaimInterval) {
			this.reclaimInterval = reclaimInterval;
			return this;
		}

		/** How many pollers dispatch {@code Event} invocations at once. */
		public Builder asyncPollers(int asyncPollers) {
			this.asyncPollers = asyncPollers;
			return this;
		}

		/**
		 * The delay before an {@code Event} invocation that ended in a function error is tried again, doubled
		 * for the second retry: Lambda waits about a minute, then two (the default). A function's
		 * {@link LocalFunction.Builder#eventInvokeConfig} says how many retries and how long events are kept.
		 */
		public Builder asyncRetryDelay(Duration asyncRetryDelay) {
			this.asyncRetryDelay = asyncRetryDelay;
			return this;
		}

		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		public LocalLambda start() {
			return new LocalLambda(this);
		}

	}

}
