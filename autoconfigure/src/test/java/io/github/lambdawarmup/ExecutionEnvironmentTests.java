package io.github.lambdawarmup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ExecutionEnvironmentTests {

	private final ExecutionEnvironment environment = new ExecutionEnvironment(Clock.systemUTC(), Instant.now(),
			LambdaPlatform.from(Map.of()));

	@Test
	void firstInvocationIsTheColdStart() {
		assertThat(this.environment.initDuration()).isNull();
		assertThat(this.environment.userColdStart()).isNull();
		assertThat(user("a").coldStart()).isTrue();
		assertThat(user("b").coldStart()).isFalse();
		assertThat(this.environment.initDuration()).isNotNull();
		assertThat(this.environment.invocations()).isEqualTo(2);
	}

	@Test
	void theSameRequestSeenTwiceCountsOnce() {
		Invocation.Served first = user("a");
		assertThat(user("a")).isSameAs(first);
		assertThat(this.environment.invocations()).isEqualTo(1);
		assertThat(this.environment.userInvocations()).isEqualTo(1);
	}

	@Test
	void aUserColdStartIsToldToListenersAndSaidByTheNextWarmUpOnly() {
		List<Duration> told = new ArrayList<>();
		this.environment.addListener(told::add);
		user("a");
		user("b");
		assertThat(told).hasSize(1);
		assertThat(this.environment.userColdStart()).isTrue();
		Invocation.Served firstWarmUp = this.environment.serve("w1", Invocation.Kind.WARM_UP, "r1");
		assertThat(firstWarmUp.userColdStart()).isTrue();
		assertThat(firstWarmUp.userInvocations()).isEqualTo(2);
		assertThat(firstWarmUp.previousRound()).isNull();
		user("c");
		Invocation.Served secondWarmUp = this.environment.serve("w2", Invocation.Kind.WARM_UP, "r2");
		assertThat(secondWarmUp.userColdStart()).isFalse();
		assertThat(secondWarmUp.userInvocations()).isEqualTo(1);
		assertThat(secondWarmUp.previousRound()).isEqualTo("r1");
		assertThat(secondWarmUp.previousRoundAtMs()).isNotNull();
		assertThat(this.environment.lastRound()).isEqualTo("r2");
		assertThat(this.environment.userInvocations()).isEqualTo(3);
		assertThat(this.environment.warmUps()).isEqualTo(2);
	}

	@Test
	void aWarmUpFirstMeansNoUserPaidTheColdStart() {
		List<Duration> told = new ArrayList<>();
		this.environment.addListener(told::add);
		this.environment.serve("w1", Invocation.Kind.WARM_UP, "r1");
		user("a");
		assertThat(told).isEmpty();
		assertThat(this.environment.userColdStart()).isFalse();
		assertThat(this.environment.serve("w2", Invocation.Kind.WARM_UP, "r2").userColdStart()).isFalse();
	}

	@Test
	void anUntrustedWarmUpLeavesTheLastRoundAlone() {
		this.environment.serve("w1", Invocation.Kind.WARM_UP, "r1");
		this.environment.serve("w2", Invocation.Kind.WARM_UP, null);
		assertThat(this.environment.lastRound()).isEqualTo("r1");
	}

	private Invocation.Served user(String requestId) {
		return this.environment.serve(requestId, Invocation.Kind.USER, null);
	}

	@Test
	void aSnapStartRestoreGivesANewIdentityAndANewColdStart() {
		String before = this.environment.id();
		user("a");
		this.environment.restored();
		assertThat(this.environment.id()).isNotEqualTo(before);
		assertThat(this.environment.invocations()).isZero();
		assertThat(user("b").coldStart()).isTrue();
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

	@Test
	void anArrivalFactorMeasuredHereIsPreferredToOneAWarmUpCarries() {
		assertThat(this.environment.arrivalPercent()).isNull();
		this.environment.learn(new DispatchCalibration(10, 50, 1_000, 150));
		assertThat(this.environment.arrivalPercent()).isEqualTo(150);
		this.environment.learnArrival(220);
		this.environment.learn(new DispatchCalibration(10, 50, 2_000, 130));
		assertThat(this.environment.arrivalPercent()).isEqualTo(220);
		assertThat(this.environment.calibration().measuredAtMs()).isEqualTo(2_000);
	}

	@Test
	void anArrivalFactorIsKeptWithinItsBoundsAndNeedsADispatchLongEnoughToMeasure() {
		assertThat(DispatchCalibration.arrivalPercent(100, 180)).isEqualTo(180);
		assertThat(DispatchCalibration.arrivalPercent(100, 60)).isEqualTo(DispatchCalibration.MIN_ARRIVAL_PERCENT);
		assertThat(DispatchCalibration.arrivalPercent(100, 5_000)).isEqualTo(DispatchCalibration.MAX_ARRIVAL_PERCENT);
		assertThat(DispatchCalibration.arrivalPercent(5, 50)).isNull();
		assertThat(new DispatchCalibration(100, 200, 1, 150).expectedArrivalMsFor(50)).isEqualTo(150);
		assertThat(new DispatchCalibration(100, 200, 1).expectedArrivalMsFor(50)).isEqualTo(100);
		assertThatExceptionOfType(InvalidWarmupEventException.class)
			.isThrownBy(() -> new DispatchCalibration(100, 200, 1, 99))
			.withMessageContaining("calibration.arrivalPercent");
	}

}
