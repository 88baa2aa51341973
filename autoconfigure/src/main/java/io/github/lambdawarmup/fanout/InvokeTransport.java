package io.github.lambdawarmup.fanout;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Sends one signed Invoke request and reads its answer: through the SDK's HTTP client
 * ({@link SdkHttpTransport}) or over connections of the starter's own ({@link NettyTransport}).
 */
interface InvokeTransport extends AutoCloseable {

	/**
	 * Sends a request.
	 * @param request the signed request
	 * @param body its body
	 * @param room the write window's room it took, released once it is written, fails or times out
	 * @param timeout how long it may take in all
	 * @param gate completes when the answer may be read: until then its connection stays taken
	 * @return what came of it; never completes exceptionally
	 */
	CompletableFuture<InvokeOutcome> send(SdkHttpRequest request, byte[] body, WriteWindow.Room room, Duration timeout,
			CompletableFuture<Void> gate);

	@Override
	void close();

	static InvokeOutcome timedOut(Duration timeout) {
		return InvokeOutcome.failed("TimedOut", "no answer within " + timeout.toMillis() + " ms");
	}

}
