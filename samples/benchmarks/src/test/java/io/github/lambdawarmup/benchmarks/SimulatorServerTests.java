package io.github.lambdawarmup.benchmarks;

import java.util.Map;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorServerTests {

	@Test
	void definesAliasesFromTheCommandLine() {
		SimulatorServer server = new SimulatorServer();
		new CommandLine(server).parseArgs("--alias", "live=1", "--alias", "beta=2");
		assertThat(server.aliases).isEqualTo(Map.of("live", "1", "beta", "2"));
	}

}
