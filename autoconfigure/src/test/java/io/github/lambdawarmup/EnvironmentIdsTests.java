package io.github.lambdawarmup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class EnvironmentIdsTests {

	@Test
	void anIdAtStartIsARandomVersion4UuidFromTheBytesItRead(@TempDir Path directory) throws Exception {
		Path source = directory.resolve("random");
		byte[] bytes = new byte[16];
		Arrays.fill(bytes, (byte) 0xff);
		Files.write(source, bytes);
		UUID id = UUID.fromString(EnvironmentIds.atStart(source));
		assertThat(id.version()).isEqualTo(4);
		assertThat(id.variant()).isEqualTo(2);
		// Every bit but the six that mark the version and variant is the source's.
		assertThat(id.toString()).isEqualTo("ffffffff-ffff-4fff-bfff-ffffffffffff");
	}

	@Test
	void idsAtStartDifferFromEachOther() {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			ids.add(EnvironmentIds.atStart());
		}
		assertThat(ids).hasSize(1000).allSatisfy((id) -> assertThat(UUID.fromString(id).version()).isEqualTo(4));
	}

	@Test
	void withoutTheKernelsRandomSourceAnIdComesFromSecureRandom(@TempDir Path directory) throws Exception {
		Path tooShort = directory.resolve("short");
		Files.write(tooShort, new byte[] { (byte) 0xff, (byte) 0xff, (byte) 0xff });
		String fromShort = EnvironmentIds.atStart(tooShort);
		// Not the three bytes it could read, padded: a source that runs short is not used at all.
		assertThat(fromShort).doesNotStartWith("ffffff");
		Set<String> ids = Set.of(EnvironmentIds.atStart(directory.resolve("missing")), fromShort);
		assertThat(ids).hasSize(2).allSatisfy((id) -> assertThat(UUID.fromString(id).version()).isEqualTo(4));
	}

}
