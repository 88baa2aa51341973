package io.github.lambdawarmup.fanout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay in front of an HTTPS endpoint that accepts each connection at once but relays nothing for a
 * while: every TLS handshake through it takes at least that long, as the handshakes of a round do when a
 * fresh environment opens hundreds of connections at once on a fraction of a vCPU.
 */
final class SlowHandshakeRelay implements AutoCloseable {

	private final ServerSocket server;

	private final URI upstream;

	private final Duration delay;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final AtomicInteger accepted = new AtomicInteger();

	private SlowHandshakeRelay(InetAddress address, URI upstream, Duration delay) throws IOException {
		this.server = new ServerSocket(0, 1024, address);
		this.upstream = upstream;
		this.delay = delay;
		daemon(this::accept);
	}

	static SlowHandshakeRelay start(URI upstream, Duration delay) {
		return startOn(InetAddress.getLoopbackAddress(), upstream, delay);
	}

	/** A relay listening on another address, such as one the upstream's certificate does not name. */
	static SlowHandshakeRelay startOn(InetAddress address, URI upstream, Duration delay) {
		try {
			return new SlowHandshakeRelay(address, upstream, delay);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The relay's endpoint: the upstream's scheme and host name, so that its certificate still matches. */
	URI endpoint() {
		return URI.create(this.upstream.getScheme() + "://" + this.upstream.getHost() + ":" + this.server.getLocalPort());
	}

	/** The relay's endpoint by the address it listens on. */
	URI endpointByAddress() {
		return URI.create(this.upstream.getScheme() + "://" + this.server.getInetAddress().getHostAddress() + ":"
				+ this.server.getLocalPort());
	}

	/** How many connections it has accepted. */
	int accepted() {
		return this.accepted.get();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				this.accepted.incrementAndGet();
				this.sockets.add(client);
				daemon(() -> relay(client));
			}
			catch (IOException ex) {
				// Closed.
			}
		}
	}

	private void relay(Socket client) {
		try {
			Thread.sleep(this.delay.toMillis());
			Socket target = new Socket(this.upstream.getHost(), this.upstream.getPort());
			this.sockets.add(target);
			daemon(() -> pipe(target, client));
			pipe(client, target);
		}
		catch (IOException | InterruptedException ex) {
			close(client);
		}
	}

	private static void pipe(Socket from, Socket to) {
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			byte[] buffer = new byte[16 * 1024];
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// The other side went away.
		}
		finally {
			close(from);
			close(to);
		}
	}

	private static void daemon(Runnable task) {
		Thread thread = new Thread(task, "slow-handshake-relay");
		thread.setDaemon(true);
		thread.start();
	}

	private static void close(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Closing a test's socket.
		}
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		this.sockets.forEach(SlowHandshakeRelay::close);
	}

}
