package io.github.lambdawarmup.benchmarks.fleet;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;
import tools.jackson.databind.json.JsonMapper;

import io.github.lambdawarmup.ExecutionEnvironment;
import io.github.lambdawarmup.HoldPolicy;
import io.github.lambdawarmup.LambdaPlatform;
import io.github.lambdawarmup.WarmupAnswer;
import io.github.lambdawarmup.WarmupEvent;

/**
 * The Invoke API of the simulated fleet, for the real {@link io.github.lambdawarmup.fanout.WarmupFanOut}: each
 * call moves virtual time by what the warmer's dispatch costs it (measured by the fan-out benchmark over
 * HTTPS), places the warm-up as Lambda would, keeps its environment busy for the hold the warm-up asked for (as
 * bounded by the starter's {@link HoldPolicy}), and answers with the environment's warm-up answer.
 */
final class SimulatedLambda implements LambdaAsyncClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Fleet fleet;

	private final LambdaPlatform platform;

	private final HoldPolicy holdPolicy;

	private final double dispatchMsPerWarmup;

	private final double preConnectMsPerWarmup;

	private final Rounds rounds;

	private double owedMs;

	SimulatedLambda(Fleet fleet, LambdaPlatform platform, HoldPolicy holdPolicy, double dispatchMsPerWarmup,
			double preConnectMsPerWarmup, Rounds rounds) {
		this.fleet = fleet;
		this.platform = platform;
		this.holdPolicy = holdPolicy;
		this.dispatchMsPerWarmup = dispatchMsPerWarmup;
		this.preConnectMsPerWarmup = preConnectMsPerWarmup;
		this.rounds = rounds;
	}

	@Override
	public CompletableFuture<InvokeResponse> invoke(InvokeRequest request) {
		if ("DryRun".equals(request.invocationTypeAsString())) {
			spend(this.preConnectMsPerWarmup);
			return CompletableFuture.completedFuture(InvokeResponse.builder().statusCode(204).build());
		}
		spend(this.dispatchMsPerWarmup);
		WarmupEvent.WarmUp warmUp = (WarmupEvent.WarmUp) WarmupEvent.detect(request.payload().asByteArrayUnsafe())
			.orElseThrow();
		Fleet.Placement placement = this.fleet.place();
		if (placement == null) {
			return CompletableFuture.failedFuture(TooManyRequestsException.builder()
				.reason("ReservedFunctionConcurrentInvocationLimitExceeded")
				.message("Rate Exceeded.")
				.statusCode(429)
				.build());
		}
		Fleet.Env env = placement.env();
		ExecutionEnvironment execution = env.execution(this.platform);
		if (warmUp.calibration() != null) {
			execution.learn(warmUp.calibration());
		}
		Duration hold = this.holdPolicy.bound(warmUp.hold(), Duration.ofMinutes(15));
		this.fleet.run(placement, hold.toMillis());
		this.rounds.reached(env.id);
		long startedAt = VirtualTime.EPOCH.toEpochMilli() + placement.startsAt();
		boolean userColdStart = env.userColdStart && !env.userColdStartReported;
		WarmupAnswer answer = new WarmupAnswer(WarmupEvent.PROTOCOL_VERSION, WarmupAnswer.WARM, execution.id(),
				placement.cold(), 0, this.fleet.time().now() - env.createdAt, env.invocations,
				this.platform.functionName(), this.platform.functionVersion(), warmUp.round(), warmUp.index(),
				hold.toMillis(), startedAt, env.userSinceWarmUp, userColdStart, env.lastRound, env.lastRoundAtMs);
		env.userSinceWarmUp = 0;
		env.userColdStartReported = true;
		env.lastRound = warmUp.round();
		env.lastRoundAtMs = startedAt;
		return CompletableFuture.completedFuture(InvokeResponse.builder()
			.statusCode(200)
			.executedVersion("$LATEST")
			.payload(SdkBytes.fromByteArrayUnsafe(JSON.writeValueAsBytes(answer)))
			.build());
	}

	// The warmer's CPU time for one request, in virtual time; fractions of a millisecond add up.
	private void spend(double ms) {
		this.owedMs += ms;
		long whole = (long) this.owedMs;
		if (whole > 0) {
			this.owedMs -= whole;
			this.fleet.time().advanceTo(this.fleet.time().now() + whole);
		}
	}

	@Override
	public String serviceName() {
		return "lambda";
	}

	@Override
	public void close() {
	}

}
