package io.github.lambdawarmup.fanout;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.regions.Region;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the invoker hands its requests to the HTTP client. The client here stands in for an event loop
 * that writes later than it is handed requests, which a real client does only under load: the rule is
 * about what is handed over before what is written, whatever the speeds.
 */
class SignedRequestInvokerTests {

	private static final byte[] WARMUP = "{}".getBytes(StandardCharsets.UTF_8);

	@Test
	void handsTheClientNoMoreWarmupsThanTheWindowBeyondWhatItHasBegunToWrite() {
		SlowWriter http = new SlowWriter(SignedRequestInvoker.WRITES_AHEAD);
		List<InvokeOutcome> outcomes = send(http, 2000, 300, "RequestResponse", Duration.ofSeconds(30));
		assertThat(outcomes).allSatisfy((outcome) -> assertThat(outcome.status()).isEqualTo(200));
		assertThat(http.mostUnwritten.get()).isEqualTo(SignedRequestInvoker.WRITES_AHEAD);
	}

	// The pace is measured from the first warm-up that had to wait, before the calibrated ones are done.
	@Test
	void aSmallPassHandsOverHalfItsCalibratedWarmupsAheadAtMost() {
		int ahead = HoldSchedule.firstPaced(200) / 2;
		SlowWriter http = new SlowWriter(ahead);
		send(http, 200, 200, "Event", Duration.ofSeconds(30));
		assertThat(http.mostUnwritten.get()).isEqualTo(ahead);
	}

	@Test
	void tellsTheRoundHowManyWarmupsItHandsOverAhead() {
		try (LambdaInvoker invoker = invoker(new SlowWriter(1))) {
			assertThat(invoker.prepare(plan(2000)).handedOverAhead()).isEqualTo(SignedRequestInvoker.WRITES_AHEAD);
			assertThat(invoker.prepare(plan(200)).handedOverAhead()).isEqualTo(10);
			assertThat(invoker.prepare(plan(10)).handedOverAhead()).isEqualTo(2);
		}
	}

	// A client that writes nothing would otherwise keep the sender one timeout per window: 15 windows of
	// 2 s here, where one is all it may take.
	@Test
	void waitsForWritesOneInvocationTimeoutInAllAtMost() {
		SlowWriter http = new SlowWriter(Integer.MAX_VALUE);
		send(http, 1000, 1000, "RequestResponse", Duration.ofSeconds(2));
		assertThat(http.mostUnwritten.get()).isEqualTo(1000);
	}

	// DryRuns open a connection each: all are handed over before any is written. Held in a window, the
	// sender would wait out each one's timeout.
	@Test
	void handsEveryDryRunOverAtOnce() {
		SlowWriter http = new SlowWriter(Integer.MAX_VALUE);
		send(http, 1000, 300, "DryRun", Duration.ofSeconds(60));
		assertThat(http.mostUnwritten.get()).isEqualTo(300);
	}

	// From another thread, which must be done sending in 20 s (a guard against a sender that waits too
	// long, not a measure of speed); then the client writes what is left.
	private static List<InvokeOutcome> send(SlowWriter http, int concurrency, int count, String type,
			Duration timeout) {
		List<CompletableFuture<InvokeOutcome>> outcomes = new ArrayList<>();
		try (LambdaInvoker invoker = invoker(http)) {
			LambdaInvoker.Pass pass = invoker.prepare(plan(concurrency));
			byte[] payload = type.equals("DryRun") ? new byte[0] : WARMUP;
			CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
				for (int i = 0; i < count; i++) {
					outcomes.add(pass.invoke(type, payload, timeout));
				}
			});
			assertThat(sending).succeedsWithin(Duration.ofSeconds(20));
			http.senderDone();
			return outcomes.stream().map(CompletableFuture::join).toList();
		}
	}

	private static LambdaInvoker invoker(SdkAsyncHttpClient http) {
		return LambdaInvoker.signedRequests(http,
				StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "secret")),
				Region.US_EAST_1, URI.create("https://lambda.us-east-1.amazonaws.com"));
	}

	private static FanOutPlan plan(int concurrency) {
		return new FanOutPlan("r", new FanOutReport.Target("orders", null, FanOutInvocationType.REQUEST_RESPONSE),
				concurrency, concurrency, null, Duration.ofSeconds(2), Duration.ofSeconds(30), null, null, null, false,
				true, FanOutSettings.DEFAULT_MIN_RETENTION_PERCENT, null, null, null);
	}

	/**
	 * Takes every request at once and begins to write one only when a given number wait, or when the
	 * sender is done; answers each 200 once written.
	 */
	private static final class SlowWriter implements SdkAsyncHttpClient {

		private final int writeWhenWaiting;

		private final LinkedBlockingDeque<Request> waiting = new LinkedBlockingDeque<>();

		private final AtomicInteger mostUnwritten = new AtomicInteger();

		private volatile boolean senderDone;

		private final Thread writer = new Thread(this::write, "slow-writer");

		SlowWriter(int writeWhenWaiting) {
			this.writeWhenWaiting = writeWhenWaiting;
			this.writer.start();
		}

		@Override
		public CompletableFuture<Void> execute(AsyncExecuteRequest request) {
			Request taken = new Request(request, new CompletableFuture<>());
			synchronized (this) {
				this.waiting.add(taken);
				this.mostUnwritten.accumulateAndGet(this.waiting.size(), Math::max);
				notifyAll();
			}
			return taken.done();
		}

		void senderDone() {
			synchronized (this) {
				this.senderDone = true;
				notifyAll();
			}
		}

		private void write() {
			while (true) {
				Request next;
				synchronized (this) {
					while (this.waiting.size() < this.writeWhenWaiting && !(this.senderDone && !this.waiting.isEmpty())) {
						if (this.senderDone && this.waiting.isEmpty()) {
							return;
						}
						try {
							wait();
						}
						catch (InterruptedException ex) {
							return;
						}
					}
					next = this.waiting.getFirst();
				}
				synchronized (this) {
					this.waiting.removeFirst();
				}
				next.request().requestContentPublisher().subscribe(new Drain());
				next.request().responseHandler().onHeaders(SdkHttpFullResponse.builder().statusCode(200).build());
				next.request().responseHandler().onStream(AsyncRequestBody.fromString("{}"));
				next.done().complete(null);
			}
		}

		@Override
		public void close() {
			this.writer.interrupt();
		}

		private record Request(AsyncExecuteRequest request, CompletableFuture<Void> done) {
		}

	}

	private static final class Drain implements Subscriber<ByteBuffer> {

		@Override
		public void onSubscribe(Subscription subscription) {
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(ByteBuffer item) {
		}

		@Override
		public void onError(Throwable failure) {
		}

		@Override
		public void onComplete() {
		}

	}

}
