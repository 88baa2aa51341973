package io.github.lambdawarmup.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.lambdawarmup.WarmupEvent;
import io.github.lambdawarmup.fanout.InvokeSigningBenchmark;

/**
 * The bare baseline of a dispatch: the same requests (the warm-ups with their client context, signed with
 * SigV4 as the Invoke API requires, by the SDK's signer before the clock starts) sent over TLS connections
 * opened and handshaken beforehand, as raw HTTP/1.1 from one thread, with no SDK client and no event loop.
 * Its spread is what this machine allows for those bytes; a warmer's spread is judged against it.
 */
final class BareDispatch {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

	private BareDispatch() {
	}

	/**
	 * Sends {@code n} warm-ups holding {@code hold} each and returns the spread of their starts in
	 * environments that were already warm.
	 */
	static long spreadMs(URI endpoint, TrustManager[] trust, int n, Duration hold) throws Exception {
		SSLContext tls = SSLContext.getInstance("TLS");
		tls.init(null, trust, null);
		List<SSLSocket> sockets = new ArrayList<>(n);
		ExecutorService readers = Executors.newFixedThreadPool(32);
		try {
			for (int i = 0; i < n; i++) {
				SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(endpoint.getHost(), endpoint.getPort());
				socket.startHandshake();
				sockets.add(socket);
			}
			String round = UUID.randomUUID().toString();
			AwsCredentialsIdentity credentials = LocalClients.ROLE_CREDENTIALS.resolveIdentity().join();
			List<byte[]> requests = new ArrayList<>(n);
			for (int i = 0; i < n; i++) {
				byte[] body = new WarmupEvent.WarmUp(WarmupEvent.Source.LAMBDA_WARMUP, round, i, n, hold).toJson();
				byte[] request = signed(endpoint, credentials, body);
				requests.add(request);
			}
			for (int i = 0; i < n; i++) {
				sockets.get(i).getOutputStream().write(requests.get(i));
				sockets.get(i).getOutputStream().flush();
			}
			List<Future<JsonNode>> answers = new ArrayList<>(n);
			for (SSLSocket socket : sockets) {
				answers.add(readers.submit(() -> readAnswer(socket.getInputStream())));
			}
			long first = Long.MAX_VALUE;
			long last = Long.MIN_VALUE;
			for (Future<JsonNode> answer : answers) {
				JsonNode json = answer.get();
				if (json.path("coldStart").asBoolean(true)) {
					continue;
				}
				long started = json.path("startedAtMs").asLong();
				first = Math.min(first, started);
				last = Math.max(last, started);
			}
			return (first <= last) ? last - first : -1;
		}
		finally {
			readers.shutdownNow();
			for (SSLSocket socket : sockets) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// Closing a benchmark's socket.
				}
			}
		}
	}

	// The request a warmer sends, as bytes: the SDK's signer adds the same headers as the starter's.
	private static byte[] signed(URI endpoint, AwsCredentialsIdentity credentials, byte[] body) {
		SdkHttpRequest request = InvokeSigningBenchmark.signedBySdk(SIGNER, endpoint, credentials, body);
		StringBuilder head = new StringBuilder("POST ").append(request.encodedPath()).append(" HTTP/1.1\r\n");
		request.forEachHeader((name, values) -> values
			.forEach((value) -> head.append(name).append(": ").append(value).append("\r\n")));
		head.append("\r\n");
		byte[] bytes = head.toString().getBytes(StandardCharsets.US_ASCII);
		byte[] whole = Arrays.copyOf(bytes, bytes.length + body.length);
		System.arraycopy(body, 0, whole, bytes.length, body.length);
		return whole;
	}

	private static JsonNode readAnswer(InputStream raw) throws IOException {
		InputStream in = new BufferedInputStream(raw);
		int contentLength = -1;
		StringBuilder line = new StringBuilder();
		while (true) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("the connection closed before the answer");
			}
			if (b == '\n') {
				String header = line.toString().trim();
				line.setLength(0);
				if (header.isEmpty()) {
					break;
				}
				if (header.toLowerCase().startsWith("content-length:")) {
					contentLength = Integer.parseInt(header.substring("content-length:".length()).trim());
				}
			}
			else {
				line.append((char) b);
			}
		}
		if (contentLength < 0) {
			throw new UncheckedIOException(new IOException("an answer without Content-Length"));
		}
		return JSON.readTree(in.readNBytes(contentLength));
	}

}
