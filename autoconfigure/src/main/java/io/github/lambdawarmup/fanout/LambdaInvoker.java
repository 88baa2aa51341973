package io.github.lambdawarmup.fanout;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;


/**
 * How a fan-out sends its invocations to the Lambda Invoke API.
 * <p>
 * Each warm-up is signed with SigV4 (the signature the SDK's signer makes, for a tenth of its garbage),
 * so a round pays neither the service client's per-request pipeline nor its retries.
 * {@link #signedRequests(AwsCredentialsProvider, Region, URI, Duration, TrustManagerFactory)} is the fast
 * way and the starter's default: over connections of its own, on Netty. {@link #signedRequests(SdkAsyncHttpClient,
 * AwsCredentialsProvider, Region, URI)} sends through one of the SDK's HTTP clients, configured as the
 * application likes (a proxy, its own limits), as the starter does when the application defines a
 * {@link FanOutHttpClientCustomizer}. {@link #of(LambdaAsyncClient)} sends through an existing service
 * client, as the starter does when the application defines its own {@code LambdaAsyncClient} bean.
 */
public abstract sealed class LambdaInvoker implements AutoCloseable permits SignedRequestInvoker, SdkClientInvoker {

	LambdaInvoker() {
	}

	/**
	 * Sends over connections of its own (one per invocation in flight, on one Netty event loop), signing
	 * each request with SigV4 as the SDK's signer does. TLS connections verify the endpoint's certificate
	 * and host name; no proxy is used.
	 * @param credentials the credentials to sign with, resolved once per pass
	 * @param region the region of the function
	 * @param endpoint the Invoke API's endpoint, or {@code null} for the region's own
	 * @param connectTimeout how long opening a connection, its TLS handshake included, may take
	 * @param trust the trust of the TLS connections, or {@code null} for the JVM's
	 * @return the invoker; it opens no connection and starts no thread before its first invocation
	 */
	public static LambdaInvoker signedRequests(AwsCredentialsProvider credentials, Region region, @Nullable URI endpoint,
			Duration connectTimeout, @Nullable TrustManagerFactory trust) {
		return new SignedRequestInvoker(new NettyTransport(connectTimeout, trust, null), credentials, region, endpoint);
	}

	/**
	 * Sends through one of the SDK's HTTP clients, signing each request with SigV4 as the SDK's signer does.
	 * @param http the HTTP client; closed with this invoker
	 * @param credentials the credentials to sign with, resolved once per pass
	 * @param region the region of the function
	 * @param endpoint the Invoke API's endpoint, or {@code null} for the region's own
	 * @return the invoker
	 */
	public static LambdaInvoker signedRequests(SdkAsyncHttpClient http, AwsCredentialsProvider credentials, Region region,
			@Nullable URI endpoint) {
		return new SignedRequestInvoker(http, credentials, region, endpoint);
	}

	/**
	 * Sends through an existing service client, with its retries switched off per request unless they
	 * are off already.
	 * @param client the client; not closed with this invoker
	 * @return the invoker
	 */
	public static LambdaInvoker of(LambdaAsyncClient client) {
		return new SdkClientInvoker(client);
	}

	/**
	 * Prepares the invocations of one pass: everything that does not change from one invocation to the
	 * next, such as resolved credentials, is done here, before the first one leaves.
	 */
	abstract Pass prepare(FanOutPlan plan);

	@Override
	public void close() {
	}

	/** The invocations of one pass. */
	interface Pass {

		/**
		 * Sends one invocation.
		 * @param type {@code RequestResponse}, {@code Event} or {@code DryRun}
		 * @param payload the event
		 * @param timeout how long it may take
		 * @return what came of it; never completes exceptionally
		 */
		default CompletableFuture<InvokeOutcome> invoke(String type, byte[] payload, Duration timeout) {
			return invoke(type, payload, timeout, CompletableFuture.completedFuture(null));
		}

		/**
		 * Sends one invocation whose answer is read only once a gate opens: its connection stays taken
		 * until then, so that invocations sent together open a connection each.
		 * @param type {@code RequestResponse}, {@code Event} or {@code DryRun}
		 * @param payload the event
		 * @param timeout how long it may take
		 * @param gate completes when the answer may be read
		 * @return what came of it; never completes exceptionally
		 */
		CompletableFuture<InvokeOutcome> invoke(String type, byte[] payload, Duration timeout,
				CompletableFuture<Void> gate);

		/**
		 * How many warm-ups this pass hands the HTTP client before it waits for the client to write: their
		 * hand-over takes no time and says nothing of the pace of the wire.
		 * @return the warm-ups handed over ahead, none by default
		 */
		default int handedOverAhead() {
			return 0;
		}

	}

}
