package io.github.lambdawarmup.fanout;

import java.nio.channels.ClosedChannelException;
import java.time.Clock;
import java.time.Duration;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.http.SdkHttpRequest;

import io.github.lambdawarmup.internal.RememberedServerTrust;

/**
 * Sends over connections of its own: one Netty channel per invocation in flight, on one event loop,
 * with nothing per request but the request itself. The SDK's HTTP clients are general (a channel pool
 * with health checks, handlers added and removed per request, reactive streams for every body), and on
 * the fraction of a vCPU a warmer has that generality, not TLS, spread a round of 1,000 over two to
 * three times what the machine allows; this writes each warm-up as a request already encoded.
 * <p>
 * A connection is opened when no idle one is left and kept for reuse until it has been idle
 * {@link #MAX_IDLE}: a round opens its connections first and hands its warm-ups over as the wire takes
 * them. TLS verifies the endpoint's certificate and host name ({@link RememberedServerTrust}: the first
 * connection's chain in full, the others' against it); no proxy is used.
 */
final class NettyTransport implements InvokeTransport {

	/** As long as the last connection a round opens may wait in the pool while the round's pass goes. */
	static final Duration MAX_IDLE = Duration.ofSeconds(60);

	// Lambda's largest synchronous answer is 6 MB; more is read no further.
	private static final int MAX_ANSWER = 7 * 1024 * 1024;

	private static final AttributeKey<Exchange> EXCHANGE = AttributeKey.valueOf(NettyTransport.class, "exchange");

	private static final ChannelHandler ANSWERS = new Answers();

	private final EventLoopGroup events;

	private final Bootstrap bootstrap;

	private final SslContext tls;

	private final Duration connectTimeout;

	private final Clock clock;

	private final Deque<Idle> idle = new ConcurrentLinkedDeque<>();

	/**
	 * Creates a transport whose connections are not yet opened.
	 * @param connectTimeout how long a connection, its TLS handshake included, may take to open
	 * @param trust the trust of its TLS connections, or {@code null} for the JVM's own
	 * @param provider the TLS implementation, or {@code null} for Netty's choice: BoringSSL when
	 * netty-tcnative is on the class path, the JDK's otherwise
	 */
	NettyTransport(Duration connectTimeout, @Nullable TrustManagerFactory trust, @Nullable SslProvider provider) {
		this(connectTimeout, trust, provider, Clock.systemUTC());
	}

	/** The same, with the wall clock idle connections and remembered certificate chains age by. */
	NettyTransport(Duration connectTimeout, @Nullable TrustManagerFactory trust, @Nullable SslProvider provider,
			Clock clock) {
		this(connectTimeout, RememberedServerTrust.of(trust, clock), provider, clock);
	}

	/** The same, with the trust manager of its TLS connections. */
	NettyTransport(Duration connectTimeout, TrustManager trust, @Nullable SslProvider provider, Clock clock) {
		this.connectTimeout = connectTimeout;
		this.clock = clock;
		try {
			this.tls = SslContextBuilder.forClient()
				.sslProvider(provider)
				.trustManager(trust)
				.endpointIdentificationAlgorithm("HTTPS")
				.build();
		}
		catch (SSLException ex) {
			throw new IllegalStateException("Cannot set up TLS for the fan-out's connections", ex);
		}
		// Threads start with the first connection: an environment that runs no round has none.
		this.events = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("lambda-warmup-fan-out", true),
				NioIoHandler.newFactory());
		this.bootstrap = new Bootstrap().group(this.events)
			.channel(NioSocketChannel.class)
			.option(ChannelOption.TCP_NODELAY, true)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
	}

	@Override
	public CompletableFuture<InvokeOutcome> send(SdkHttpRequest request, byte[] body, WriteWindow.Room room,
			Duration timeout, CompletableFuture<Void> gate) {
		Exchange exchange = new Exchange(gate, room);
		FullHttpRequest encoded = encode(request, body);
		ChannelFuture connected = connection(request);
		Channel channel = connected.channel();
		channel.attr(EXCHANGE).set(exchange);
		connected.addListener((opened) -> {
			if (!opened.isSuccess()) {
				encoded.release();
				exchange.end(failure(opened.cause()));
				return;
			}
			channel.writeAndFlush(encoded).addListener((written) -> {
				room.release();
				if (!written.isSuccess()) {
					exchange.end(failure(written.cause()));
					channel.close();
				}
			});
		});
		return exchange.result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionally((failure) -> {
			room.release();
			channel.close();
			return (failure instanceof TimeoutException) ? InvokeTransport.timedOut(timeout) : InvokeOutcome.of(failure);
		});
	}

	// The most recently used idle connection still open, or a new one. Idle time is wall-clock time: Lambda
	// freezes an environment between invocations, a monotonic clock may not count the freeze, and the
	// service closes a connection left idle that long; one taken again would fail its invocation.
	private ChannelFuture connection(SdkHttpRequest request) {
		long now = this.clock.millis();
		for (Idle candidate = this.idle.pollFirst(); candidate != null; candidate = this.idle.pollFirst()) {
			if (candidate.channel.isActive() && now - candidate.sinceMillis < MAX_IDLE.toMillis()) {
				return candidate.channel.newSucceededFuture();
			}
			candidate.channel.close();
		}
		String host = request.host();
		int port = request.port();
		boolean https = "https".equals(request.protocol());
		return this.bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {

			@Override
			protected void initChannel(SocketChannel channel) {
				if (https) {
					SslHandler handshake = NettyTransport.this.tls.newHandler(channel.alloc(), host, port);
					handshake.setHandshakeTimeoutMillis(NettyTransport.this.connectTimeout.toMillis());
					channel.pipeline().addLast(handshake);
				}
				channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_ANSWER), ANSWERS);
			}

		}).connect(host, port);
	}

	private void release(Channel channel, boolean reusable) {
		if (reusable && channel.isActive()) {
			this.idle.offerFirst(new Idle(channel, this.clock.millis()));
		}
		else {
			channel.close();
		}
	}

	// Netty's own wrapping taken off: a failed handshake is reported as the SSLHandshakeException it is.
	private static InvokeOutcome failure(Throwable failure) {
		return InvokeOutcome.failed((failure instanceof DecoderException && failure.getCause() != null)
				? failure.getCause() : failure);
	}

	private static FullHttpRequest encode(SdkHttpRequest request, byte[] body) {
		String uri = request.encodedPath() + request.encodedQueryParameters().map((query) -> "?" + query).orElse("");
		FullHttpRequest encoded = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri,
				Unpooled.wrappedBuffer(body));
		request.forEachHeader((name, values) -> encoded.headers().add(name, values));
		return encoded;
	}

	@Override
	public void close() {
		for (Idle each = this.idle.pollFirst(); each != null; each = this.idle.pollFirst()) {
			each.channel.close();
		}
		this.events.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
	}

	@Override
	public String toString() {
		return "the starter's own connections";
	}

	private record Idle(Channel channel, long sinceMillis) {
	}

	/** One invocation on its connection: ends once, with its answer or its failure. */
	private final class Exchange {

		final CompletableFuture<InvokeOutcome> result = new CompletableFuture<>();

		private final CompletableFuture<Void> gate;

		private final WriteWindow.Room room;

		Exchange(CompletableFuture<Void> gate, WriteWindow.Room room) {
			this.gate = gate;
			this.room = room;
		}

		// The connection is given back only once the gate opens: invocations sent together open one each.
		void answered(Channel channel, InvokeOutcome outcome, boolean reusable) {
			this.gate.whenComplete((open, failure) -> {
				// Given back before the answer is: whoever waits for it may send again at once. A timeout in
				// between closes the connection, and a closed one is never taken again.
				if (this.result.isDone()) {
					channel.close();
					return;
				}
				release(channel, reusable);
				this.result.complete(outcome);
			});
		}

		void end(InvokeOutcome outcome) {
			this.room.release();
			this.result.complete(outcome);
		}

	}

	/** Hands each answer, or the end of its connection, to the invocation waiting on it. */
	@ChannelHandler.Sharable
	private static final class Answers extends SimpleChannelInboundHandler<FullHttpResponse> {

		@Override
		protected void channelRead0(ChannelHandlerContext context, FullHttpResponse response) {
			Exchange exchange = context.channel().attr(EXCHANGE).getAndSet(null);
			if (exchange == null) {
				context.close();
				return;
			}
			ByteBuf content = response.content();
			int length = Math.min(content.readableBytes(), InvokeOutcome.MAX_PAYLOAD);
			byte[] body = new byte[length];
			content.getBytes(content.readerIndex(), body);
			InvokeOutcome outcome = InvokeOutcome.answered(response.status().code(),
					(name) -> response.headers().get(name), body, length < content.readableBytes());
			exchange.answered(context.channel(), outcome, HttpUtil.isKeepAlive(response));
		}

		@Override
		public void channelInactive(ChannelHandlerContext context) {
			Exchange exchange = context.channel().attr(EXCHANGE).getAndSet(null);
			if (exchange != null) {
				exchange.end(InvokeOutcome.of(new ClosedChannelException()));
			}
			context.fireChannelInactive();
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
			Exchange exchange = context.channel().attr(EXCHANGE).getAndSet(null);
			if (exchange != null) {
				exchange.end(failure(cause));
			}
			context.close();
		}

	}

}
