package io.github.lambdawarmup.fanout;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpResponseHandler;
import software.amazon.awssdk.http.async.SdkHttpContentPublisher;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.endpoints.LambdaEndpointProvider;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.lambdawarmup.Invocation;

/**
 * Sends each invocation as a SigV4-signed request ({@link SignedInvokeRequests}) through the SDK's
 * HTTP client. The service client's pipeline (interceptors, endpoint rules, marshalling, retries) costs
 * about a millisecond of CPU per request, which on the fraction of a vCPU a warmer has is what spreads a
 * round out; this costs a small fraction of that.
 */
final class SignedRequestInvoker extends LambdaInvoker {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final byte[] NO_BYTES = new byte[0];

	private static final String DRY_RUN = "DryRun";

	/**
	 * How many warm-ups may be handed to the HTTP client before it has begun to write them. The client
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

	private final SdkAsyncHttpClient http;

	private final AwsCredentialsProvider credentials;

	private final Region region;

	private final @Nullable URI endpointOverride;

	private volatile @Nullable URI endpoint;

	SignedRequestInvoker(SdkAsyncHttpClient http, AwsCredentialsProvider credentials, Region region,
			@Nullable URI endpoint) {
		this.http = http;
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
				BytesPublisher body = new BytesPublisher(payload,
						DRY_RUN.equals(type) ? null : writes.awaitRoom(timeout));
				try {
					return send(requests.sign(type, payload), body, timeout, gate);
				}
				catch (RuntimeException ex) {
					body.written();
					return CompletableFuture
						.completedFuture(InvokeOutcome.failed(ex.getClass().getSimpleName(), ex.getMessage()));
				}
			}

			@Override
			public int handedOverAhead() {
				return ahead;
			}

		};
	}

	private CompletableFuture<InvokeOutcome> send(SdkHttpRequest request, BytesPublisher body, Duration timeout,
			CompletableFuture<Void> gate) {
		Answer answer = new Answer(gate);
		CompletableFuture<Void> execution = this.http.execute(AsyncExecuteRequest.builder()
			.request(request)
			.requestContentPublisher(body)
			.responseHandler(answer)
			.build());
		execution.whenComplete((ignored, failure) -> {
			body.written();
			if (failure != null) {
				answer.result.complete(failure(failure));
			}
		});
		return answer.result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionally((failure) -> {
			body.written();
			execution.cancel(true);
			return (failure instanceof TimeoutException)
					? InvokeOutcome.failed("TimedOut", "no answer within " + timeout.toMillis() + " ms")
					: failure(failure);
		});
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

	private static InvokeOutcome failure(Throwable failure) {
		InvokeOutcome connection = InvokeOutcome.connectionFailure(failure);
		if (connection != null) {
			return connection;
		}
		Throwable cause = (failure.getCause() != null) ? failure.getCause() : failure;
		return InvokeOutcome.failed(cause.getClass().getSimpleName(), cause.getMessage());
	}

	@Override
	public void close() {
		this.http.close();
	}

	@Override
	public String toString() {
		return "LambdaInvoker[signed requests to " + endpoint() + "]";
	}

	/**
	 * The warm-ups of a round the HTTP client has not begun to write. A round waits for room for one
	 * invocation timeout in all, at most: a client that writes nothing, because no connection opens, then
	 * takes the rest at once and fails them in one timeout, not in one timeout per window.
	 */
	private static final class WriteWindow {

		private final Semaphore room;

		private long waitUntilNanos;

		private boolean waited;

		WriteWindow(int size) {
			this.room = new Semaphore(size);
		}

		// The room taken, or null when there is none and no more time to wait for it.
		synchronized @Nullable Semaphore awaitRoom(Duration timeout) {
			long now = System.nanoTime();
			if (!this.waited) {
				this.waited = true;
				this.waitUntilNanos = now + timeout.toNanos();
			}
			try {
				return this.room.tryAcquire(Math.max(0, this.waitUntilNanos - now), TimeUnit.NANOSECONDS) ? this.room
						: null;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		}

	}

	/** The one buffer of a request body, which gives its room back once the client begins to write it. */
	private static final class BytesPublisher implements SdkHttpContentPublisher {

		private final byte[] body;

		private final AtomicReference<@Nullable Semaphore> room;

		BytesPublisher(byte[] body, @Nullable Semaphore room) {
			this.body = body;
			this.room = new AtomicReference<>(room);
		}

		// Once, whichever comes first: the write, a failure, the timeout.
		void written() {
			Semaphore taken = this.room.getAndSet(null);
			if (taken != null) {
				taken.release();
			}
		}

		@Override
		public Optional<Long> contentLength() {
			return Optional.of((long) this.body.length);
		}

		@Override
		public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
			subscriber.onSubscribe(new Subscription() {

				private boolean sent;

				@Override
				public void request(long n) {
					if (!this.sent && n > 0) {
						this.sent = true;
						written();
						subscriber.onNext(ByteBuffer.wrap(SignedRequestInvoker.BytesPublisher.this.body));
						subscriber.onComplete();
					}
				}

				@Override
				public void cancel() {
					this.sent = true;
				}

			});
		}

	}

	/** Reads an answer: its status, the headers that matter, and at most {@link InvokeOutcome#MAX_PAYLOAD} bytes. */
	private static final class Answer implements SdkAsyncHttpResponseHandler {

		final CompletableFuture<InvokeOutcome> result = new CompletableFuture<>();

		private final CompletableFuture<Void> gate;

		private volatile @Nullable SdkHttpResponse headers;

		Answer(CompletableFuture<Void> gate) {
			this.gate = gate;
		}

		@Override
		public void onHeaders(SdkHttpResponse headers) {
			this.headers = headers;
		}

		@Override
		public void onStream(Publisher<ByteBuffer> stream) {
			stream.subscribe(new Subscriber<ByteBuffer>() {

				private byte[] body = NO_BYTES;

				private int size;

				private boolean truncated;

				// Until the body is read, the HTTP client keeps the connection taken.
				@Override
				public void onSubscribe(Subscription subscription) {
					Answer.this.gate.whenComplete((open, failure) -> subscription.request(Long.MAX_VALUE));
				}

				// Into one array, sized by the answer's length when it gives one.
				@Override
				public void onNext(ByteBuffer buffer) {
					int take = Math.min(InvokeOutcome.MAX_PAYLOAD - this.size, buffer.remaining());
					this.truncated |= take < buffer.remaining();
					if (this.size + take > this.body.length) {
						int expected = (int) Math.min(InvokeOutcome.MAX_PAYLOAD, contentLength(Answer.this.headers));
						this.body = Arrays.copyOf(this.body, Math.max(this.size + take, Math.max(expected, 2 * this.body.length)));
					}
					buffer.get(this.body, this.size, take);
					this.size += take;
				}

				@Override
				public void onError(Throwable failure) {
					Answer.this.result.complete(failure(failure));
				}

				@Override
				public void onComplete() {
					byte[] bytes = (this.size == this.body.length) ? this.body : Arrays.copyOf(this.body, this.size);
					Answer.this.result.complete(outcome(Answer.this.headers, bytes, this.truncated));
				}

			});
		}

		@Override
		public void onError(Throwable failure) {
			this.result.complete(failure(failure));
		}

		private static long contentLength(@Nullable SdkHttpResponse response) {
			if (response != null) {
				try {
					return response.firstMatchingHeader("Content-Length").map(Long::parseLong).orElse(0L);
				}
				catch (NumberFormatException ex) {
					// A length that is no number is no hint.
				}
			}
			return 0;
		}

		private static InvokeOutcome outcome(@Nullable SdkHttpResponse response, byte[] body, boolean truncated) {
			if (response == null) {
				return InvokeOutcome.failed("NoResponse", "the connection closed before an answer");
			}
			int status = response.statusCode();
			if (status < 300) {
				return new InvokeOutcome(status, response.firstMatchingHeader("X-Amz-Function-Error").orElse(null), null,
						null, null, body, truncated);
			}
			JsonNode error = parse(body);
			String code = response.firstMatchingHeader("x-amzn-ErrorType")
				.map((type) -> type.split(":")[0])
				.orElseGet(() -> {
					String type = error.path("__type").asString(null);
					return (type != null) ? type.substring(type.indexOf('#') + 1) : "Http" + status;
				});
			String message = error.path("message").asString(error.path("Message").asString(null));
			String reason = error.path("Reason").asString(null);
			if (status == 429) {
				return new InvokeOutcome(status, null, InvokeOutcome.THROTTLED, reason, message, body, truncated);
			}
			return new InvokeOutcome(status, null, code, null, message, body, truncated);
		}

		private static JsonNode parse(byte[] body) {
			try {
				JsonNode json = JSON.readTree(body);
				return (json != null) ? json : JSON.missingNode();
			}
			catch (JacksonException ex) {
				return JSON.missingNode();
			}
		}

	}

}
