package io.github.lambdawarmup.fanout;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.endpoints.LambdaEndpointProvider;

import io.github.lambdawarmup.Invocation;

/**
 * Sends each invocation as a SigV4-signed request ({@link SignedInvokeRequests}) through an
 * {@link InvokeTransport}. The service client's pipeline (interceptors, endpoint rules, marshalling,
 * retries) costs about a millisecond of CPU per request, which on the fraction of a vCPU a warmer has is
 * what spreads a round out; this costs a small fraction of that.
 */
final class SignedRequestInvoker extends LambdaInvoker {

	private static final String DRY_RUN = "DryRun";

	/**
	 * How many warm-ups may be handed to the transport before it has begun to write them. The client
	 * takes a request at once and writes it when its event loop gets to it: with TLS on a fraction of a
	 * vCPU, several times later. A warm-up's hold is decided as it is handed over, from the pace of the
	 * pass so far, so the sender waits for the writes instead of running ahead of them: the pace it sees is
	 * the pace of the wire, and the sender's own thread leaves the core to the event loop. Never more than
	 * half the warm-ups that go by the calibration ({@link HoldSchedule#firstPaced}): the pace is measured
	 * from the first warm-up that had to wait, and the paced ones must see the wire. On the pinned
	 * benchmark the window kept rounds of 1,000 to one pass with the JDK's TLS, where without it the
	 * sender ran 1.5 to 8 times ahead of the wire and half the rounds needed a second.
	 */
	static final int WRITES_AHEAD = 64;

	private final InvokeTransport transport;

	private final AwsCredentialsProvider credentials;

	private final Region region;

	private final @Nullable URI endpointOverride;

	private volatile @Nullable URI endpoint;

	SignedRequestInvoker(SdkAsyncHttpClient http, AwsCredentialsProvider credentials, Region region,
			@Nullable URI endpoint) {
		this(new SdkHttpTransport(http), credentials, region, endpoint);
	}

	SignedRequestInvoker(InvokeTransport transport, AwsCredentialsProvider credentials, Region region,
			@Nullable URI endpoint) {
		this.transport = transport;
		this.credentials = credentials;
		this.region = region;
		this.endpointOverride = endpoint;
	}

	@Override
	Pass prepare(FanOutPlan plan) {
		AwsCredentials identity;
		try {
			identity = this.credentials.resolveCredentials();
		}
		catch (RuntimeException ex) {
			InvokeOutcome unavailable = InvokeOutcome.failed("CredentialsUnavailable", ex.getMessage());
			return (type, payload, timeout, gate) -> CompletableFuture.completedFuture(unavailable);
		}
		String path = "/2015-03-31/functions/"
				+ URLEncoder.encode(plan.target().functionName(), StandardCharsets.UTF_8).replace("+", "%20")
				+ "/invocations";
		SignedInvokeRequests requests = new SignedInvokeRequests(identity, this.region.id(), endpoint(), path,
				plan.target().qualifier(), Invocation.WARMER_CLIENT_CONTEXT, Clock.systemUTC());
		int ahead = Math.min(WRITES_AHEAD, HoldSchedule.firstPaced(plan.concurrency()) / 2);
		WriteWindow writes = new WriteWindow(ahead);
		return new Pass() {

			@Override
			public CompletableFuture<InvokeOutcome> invoke(String type, byte[] payload, Duration timeout,
					CompletableFuture<Void> gate) {
				// DryRuns open the connections, every one at once; warm-ups wait for the writes.
				WriteWindow.Room room = DRY_RUN.equals(type) ? WriteWindow.Room.none() : writes.awaitRoom(timeout);
				try {
					return SignedRequestInvoker.this.transport.send(requests.sign(type, payload), payload, room, timeout,
							gate);
				}
				catch (RuntimeException ex) {
					room.release();
					return CompletableFuture.completedFuture(InvokeOutcome.failed(ex));
				}
			}

			@Override
			public int handedOverAhead() {
				return ahead;
			}

		};
	}

	private URI endpoint() {
		URI resolved = this.endpoint;
		if (resolved == null) {
			resolved = (this.endpointOverride != null) ? this.endpointOverride
					: LambdaEndpointProvider.defaultProvider()
						.resolveEndpoint((p) -> p.region(this.region))
						.join()
						.url();
			this.endpoint = resolved;
		}
		return resolved;
	}

	@Override
	public void close() {
		this.transport.close();
	}

	@Override
	public String toString() {
		return "LambdaInvoker[signed requests to " + endpoint() + " through " + this.transport + "]";
	}

}
