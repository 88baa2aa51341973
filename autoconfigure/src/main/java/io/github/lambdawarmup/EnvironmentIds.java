package io.github.lambdawarmup;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Random ids for an environment, in the form of a version 4 UUID.
 * <p>
 * The first id is made during the application's start, which a user's cold start waits for: it is read
 * straight from the kernel's random source, where {@link UUID#randomUUID()} would first set up a
 * {@code SecureRandom} (about 3 ms of a cold start on Lambda's C1-only JVM, measured with Spring's start-up
 * timeline). An id after a SnapStart restore comes from {@code SecureRandom}, which Lambda's Java runtimes
 * reseed on restore.
 */
final class EnvironmentIds {

	static final Path KERNEL_RANDOM = Path.of("/dev/urandom");

	private EnvironmentIds() {
	}

	/** An id for a process that has just started: from the kernel, or from {@code SecureRandom} without one. */
	static String atStart() {
		return atStart(KERNEL_RANDOM);
	}

	static String atStart(Path source) {
		byte[] random = new byte[16];
		// A FileInputStream, not Files.newInputStream: that loads some thirty classes of NIO's channels.
		try (InputStream in = new FileInputStream(source.toFile())) {
			if (in.readNBytes(random, 0, random.length) == random.length) {
				return version4(random).toString();
			}
		}
		catch (IOException | UnsupportedOperationException | SecurityException ex) {
			// Not Linux, or not readable: the JDK's own generator.
		}
		return afterRestore();
	}

	/** An id for an environment restored from a snapshot. */
	static String afterRestore() {
		return UUID.randomUUID().toString();
	}

	// As UUID.randomUUID marks its 122 random bits: version 4, IETF variant.
	private static UUID version4(byte[] random) {
		random[6] = (byte) ((random[6] & 0x0f) | 0x40);
		random[8] = (byte) ((random[8] & 0x3f) | 0x80);
		ByteBuffer bits = ByteBuffer.wrap(random);
		return new UUID(bits.getLong(), bits.getLong());
	}

}
