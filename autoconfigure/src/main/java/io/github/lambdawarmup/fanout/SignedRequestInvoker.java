package io.github.lambdawarmup.fanout;

import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpResponseHandler;
import software.amazon.awssdk.http.async.SdkHttpContentPublisher;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.endpoints.LambdaEndpointProvider;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.lambdawarmup.Invocation;

/**
 * Sends each invocation as a request signed with the SDK's SigV4 signer, through the SDK's HTTP
 * client. The service client's pipeline (interceptors, endpoint rules, marshalling, retries) costs
 * about a millisecond of CPU per request, which on the fraction of a vCPU a warmer has is what spreads a
 * round out; this costs a tenth of that.
 */
final class SignedRequestInvoker extends LambdaInvoker {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String SIGNING_NAME = "lambda";

	private static final String REQUEST_RESPONSE = "RequestResponse";

	private final SdkAsyncHttpClient http;

	private final AwsCredentialsProvider credentials;

	private final Region region;

	private final @Nullable URI endpointOverride;

	private volatile @Nullable URI endpoint;

	private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

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
		URI base = endpoint();
		String path = "/2015-03-31/functions/"
				+ URLEncoder.encode(plan.target().functionName(), StandardCharsets.UTF_8).replace("+", "%20")
				+ "/invocations";
		String qualifier = plan.target().qualifier();
		return (type, payload, timeout, gate) -> {
			try {
				SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
					.method(SdkHttpMethod.POST)
					.uri(base)
					.encodedPath(path)
					.putHeader("Content-Type", "application/json")
					.putHeader("Content-Length", Integer.toString(payload.length))
					.putHeader("X-Amz-Invocation-Type", type);
				if (qualifier != null) {
					request.putRawQueryParameter("Qualifier", qualifier);
				}
				if (REQUEST_RESPONSE.equals(type)) {
					request.putHeader("X-Amz-Client-Context", Invocation.WARMER_CLIENT_CONTEXT);
				}
				SdkHttpFullRequest unsigned = request.build();
				ContentStreamProvider body = ContentStreamProvider.fromByteArrayUnsafe(payload);
				SdkHttpRequest signed = this.signer
					.sign((r) -> r.identity(identity)
						.request(unsigned)
						.payload(body)
						.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
						.putProperty(AwsV4HttpSigner.REGION_NAME, this.region.id()))
					.request();
				return send(signed, payload, timeout, gate);
			}
			catch (RuntimeException ex) {
				return CompletableFuture.completedFuture(InvokeOutcome.failed(ex.getClass().getSimpleName(), ex.getMessage()));
			}
		};
	}

	private CompletableFuture<InvokeOutcome> send(SdkHttpRequest request, byte[] payload, Duration timeout,
			CompletableFuture<Void> gate) {
		Answer answer = new Answer(gate);
		CompletableFuture<Void> execution = this.http.execute(AsyncExecuteRequest.builder()
			.request(request)
			.requestContentPublisher(new BytesPublisher(payload))
			.responseHandler(answer)
			.build());
		execution.whenComplete((ignored, failure) -> {
			if (failure != null) {
				answer.result.complete(failure(failure));
			}
		});
		return answer.result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionally((failure) -> {
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
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException) {
				return InvokeOutcome.failed("ConnectionFailed", cause.getMessage());
			}
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

	/** The one buffer of a request body. */
	private static final class BytesPublisher implements SdkHttpContentPublisher {

		private final byte[] body;

		BytesPublisher(byte[] body) {
			this.body = body;
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

				private final ByteArrayOutputStream body = new ByteArrayOutputStream();

				private boolean truncated;

				// Until the body is read, the HTTP client keeps the connection taken.
				@Override
				public void onSubscribe(Subscription subscription) {
					Answer.this.gate.whenComplete((open, failure) -> subscription.request(Long.MAX_VALUE));
				}

				@Override
				public void onNext(ByteBuffer buffer) {
					int room = InvokeOutcome.MAX_PAYLOAD - this.body.size();
					int take = Math.min(room, buffer.remaining());
					this.truncated |= take < buffer.remaining();
					byte[] bytes = new byte[take];
					buffer.get(bytes);
					this.body.write(bytes, 0, take);
				}

				@Override
				public void onError(Throwable failure) {
					Answer.this.result.complete(failure(failure));
				}

				@Override
				public void onComplete() {
					Answer.this.result.complete(outcome(Answer.this.headers, this.body.toByteArray(), this.truncated));
				}

			});
		}

		@Override
		public void onError(Throwable failure) {
			this.result.complete(failure(failure));
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
