package io.github.lambdawarmup;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.lambdawarmup.internal.SnapStartIdentityRefresher;

import static org.assertj.core.api.Assertions.assertThat;

class ExecutionEnvironmentTests {

	private final ExecutionEnvironment environment = new ExecutionEnvironment(Clock.systemUTC(), Instant.now(),
			LambdaPlatform.from(Map.of()));

	@Test
	void firstInvocationIsTheColdStart() {
		assertThat(this.environment.initDuration()).isNull();
		assertThat(this.environment.serve("a")).isEqualTo(new Invocation.Served(true, 1));
		assertThat(this.environment.serve("b")).isEqualTo(new Invocation.Served(false, 2));
		assertThat(this.environment.initDuration()).isNotNull();
	}

	@Test
	void theSameRequestSeenTwiceCountsOnce() {
		this.environment.serve("a");
		assertThat(this.environment.serve("a")).isEqualTo(new Invocation.Served(true, 1));
		assertThat(this.environment.invocations()).isEqualTo(1);
	}

	@Test
	void aSnapStartRestoreGivesANewIdentityAndANewColdStart() {
		String before = this.environment.id();
		this.environment.serve("a");
		new SnapStartIdentityRefresher(this.environment).afterRestore(null);
		assertThat(this.environment.id()).isNotEqualTo(before);
		assertThat(this.environment.invocations()).isZero();
		assertThat(this.environment.serve("b").coldStart()).isTrue();
	}

	@Test
	void detectsLambdaFromItsEnvironmentVariables() {
		assertThat(LambdaPlatform.from(Map.of()).isLambda()).isFalse();
		assertThat(LambdaPlatform.from(Map.of("AWS_LAMBDA_FUNCTION_NAME", "f")).isLambda()).isTrue();
		assertThat(LambdaPlatform.from(Map.of("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001")).isLambda()).isTrue();
		assertThat(LambdaPlatform.from(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "provisioned-concurrency"))
			.isProvisionedConcurrency()).isTrue();
	}

	@Test
	void remembersTheNewestDispatchCalibration() {
		DispatchCalibration older = new DispatchCalibration(100, 300, 1_000);
		DispatchCalibration newer = new DispatchCalibration(200, 250, 2_000);
		assertThat(this.environment.calibration()).isNull();
		this.environment.learn(newer);
		this.environment.learn(older);
		assertThat(this.environment.calibration()).isEqualTo(newer);
		assertThat(newer.spreadMsFor(1000)).isEqualTo(1250);
	}

}
