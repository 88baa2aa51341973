package io.github.lambdawarmup.fanout;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpResponseHandler;
import software.amazon.awssdk.http.async.SdkHttpContentPublisher;

/**
 * Sends through one of the SDK's HTTP clients (Netty, the AWS CRT, or any other), configured as the
 * application likes: with a proxy, its own trust, its own limits.
 */
final class SdkHttpTransport implements InvokeTransport {

	private static final byte[] NO_BYTES = new byte[0];

	private final SdkAsyncHttpClient http;

	SdkHttpTransport(SdkAsyncHttpClient http) {
		this.http = http;
	}

	@Override
	public CompletableFuture<InvokeOutcome> send(SdkHttpRequest request, byte[] payload, WriteWindow.Room room,
			Duration timeout, CompletableFuture<Void> gate) {
		BytesPublisher body = new BytesPublisher(payload, room);
		Answer answer = new Answer(gate);
		CompletableFuture<Void> execution = this.http.execute(AsyncExecuteRequest.builder()
			.request(request)
			.requestContentPublisher(body)
			.responseHandler(answer)
			.build());
		execution.whenComplete((ignored, failure) -> {
			body.written();
			if (failure != null) {
				answer.result.complete(InvokeOutcome.of(failure));
			}
		});
		return answer.result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionally((failure) -> {
			body.written();
			execution.cancel(true);
			return (failure instanceof TimeoutException) ? InvokeTransport.timedOut(timeout) : InvokeOutcome.of(failure);
		});
	}

	@Override
	public void close() {
		this.http.close();
	}

	@Override
	public String toString() {
		return "the SDK's " + this.http.clientName() + " HTTP client";
	}

	/** The one buffer of a request body, which gives its room back once the client begins to write it. */
	private static final class BytesPublisher implements SdkHttpContentPublisher {

		private final byte[] body;

		private final WriteWindow.Room room;

		BytesPublisher(byte[] body, WriteWindow.Room room) {
			this.body = body;
			this.room = room;
		}

		// Once, whichever comes first: the write, a failure, the timeout.
		void written() {
			this.room.release();
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
						subscriber.onNext(ByteBuffer.wrap(BytesPublisher.this.body));
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
					Answer.this.result.complete(InvokeOutcome.of(failure));
				}

				@Override
				public void onComplete() {
					byte[] bytes = (this.size == this.body.length) ? this.body : Arrays.copyOf(this.body, this.size);
					SdkHttpResponse response = Answer.this.headers;
					Answer.this.result.complete((response != null)
							? InvokeOutcome.answered(response.statusCode(),
									(name) -> response.firstMatchingHeader(name).orElse(null), bytes, this.truncated)
							: InvokeOutcome.failed("NoResponse", "the connection closed before an answer"));
				}

			});
		}

		@Override
		public void onError(Throwable failure) {
			this.result.complete(InvokeOutcome.of(failure));
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

	}

}
