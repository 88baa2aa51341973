package io.github.lambdawarmup.fanout;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;

import io.github.lambdawarmup.local.LocalLambdaClients;
import io.github.lambdawarmup.DispatchCalibration;
import io.github.lambdawarmup.ExecutionEnvironment;
import io.github.lambdawarmup.Invocation;
import io.github.lambdawarmup.LambdaPlatform;
import io.github.lambdawarmup.WarmupEvent;
import io.github.lambdawarmup.local.InProcessEnvironment;
import io.github.lambdawarmup.local.InvocationRecord;
import io.github.lambdawarmup.local.LocalFunction;
import io.github.lambdawarmup.local.LocalLambda;
import io.github.lambdawarmup.local.ThrottleReason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fan-out through the real AWS SDK client against the local Lambda service, whose environments run
 * the real warm-up interceptor.
 */
class WarmupFanOutTests {

	// One service and one client for the class: starting and closing them costs seconds. Each test deploys
	// functions of its own.
	private static LocalLambda lambda;

	private static LambdaAsyncClient client;

	private static LambdaInvoker signed;

	private static LambdaInvoker throughSdkHttpClient;

	private static LambdaInvoker throughClient;

	private String orders;

	@BeforeAll
	static void startService() {
		lambda = LocalLambda.builder().start();
		client = client(lambda.endpoint(), RetryMode.STANDARD);
		signed = signedInvoker(lambda.endpoint());
		throughSdkHttpClient = sdkHttpClientInvoker(lambda.endpoint());
		throughClient = LambdaInvoker.of(client);
	}

	@AfterAll
	static void stopService() {
		signed.close();
		throughSdkHttpClient.close();
		client.close();
		lambda.close();
	}

	@BeforeEach
	void deployOrders(TestInfo test) {
		this.orders = deploy(LocalFunction.builder(name(test, "orders"),
				WarmupEnvironments.answeringWarmups(Duration.ofMillis(20))).alias("live", "7"));
	}

	private static String deploy(LocalFunction.Builder function) {
		LocalFunction built = function.build();
		lambda.deploy(built);
		return built.name();
	}

	private static String name(TestInfo test, String function) {
		return function + "-" + test.getTestMethod().orElseThrow().getName() + "-"
				+ Integer.toHexString(test.getDisplayName().hashCode());
	}

	@Test
	void reachesTwoHundredDistinctEnvironmentsAndCountsThemAsTheServiceDoes() {
		FanOutReport report = fanOut(settings(this.orders).maxConcurrency(500).hold(Duration.ofSeconds(2)).build())
			.fanOut(200);
		Set<String> handedOut = environmentsThatServedWarmups();
		assertThat(report.status()).isEqualTo(FanOutReport.COMPLETED);
		assertThat(report.invoked()).isEqualTo(200);
		assertThat(report.distinctEnvironments()).isEqualTo(handedOut.size());
		assertReachedAllWhereTheHoldsCoveredTheDispatch(report, 200);
		assertThat(report.reached().coldEnvironments()).isEqualTo(report.distinctEnvironments());
		assertThat(report.failures().total()).isZero();
	}

	@Test
	void aSecondRoundFindsTheEnvironmentsWarm() {
		WarmupFanOut fanOut = fanOut(settings(this.orders).hold(Duration.ofMillis(500)).build());
		fanOut.fanOut(10);
		FanOutReport second = fanOut.fanOut(10);
		assertReachedAllWhereTheHoldsCoveredTheDispatch(second, 10);
		assertThat(second.reached().coldEnvironments()).isZero();
	}

	@Test
	void plansTheFirstRoundWithAGuessAndLaterOnesWithTheSpreadItMeasuredOnWarmEnvironments() {
		ExecutionEnvironment environment = environment();
		WarmupFanOut fanOut = fanOutFrom(environment, this.orders);
		FanOutReport cold = fanOut.fanOut(20);
		assertThat(cold.timing().expectedSpreadMs()).isEqualTo(20 * FanOutRound.GUESSED_SPREAD_MS_PER_WARMUP);
		assertThat(cold.holds().mode()).isEqualTo(FanOutReport.Holds.DEADLINE);
		assertThat(cold.reached().coldEnvironments()).isEqualTo(20);
		// Every environment was cold: their starts say when their inits ended, which measures nothing.
		assertThat(cold.timing().dispatchSpreadMs()).isNull();
		FanOutReport warm = fanOut.fanOut(20);
		assertThat(warm.reached().coldEnvironments()).isZero();
		// The last warm-ups carried the pace of sending; the environment that ran the round learned the
		// spread its answers measured, which is newer.
		assertThat(warm.calibration()).isNotNull();
		DispatchCalibration learned = environment.calibration();
		assertThat(learned.spreadMs()).isEqualTo(warm.timing().dispatchSpreadMs());
		assertThat(learned.concurrency()).isEqualTo(20);
		FanOutReport next = fanOut.fanOut(10);
		assertThat(next.timing().expectedSpreadMs()).isEqualTo(learned.spreadMsFor(10));
	}

	@Test
	void warmupsCarryTheCalibrationToEveryEnvironmentTheyReach(TestInfo test) {
		List<ExecutionEnvironment> reached = new java.util.concurrent.CopyOnWriteArrayList<>();
		String recorded = deployRecording(test, reached);
		ExecutionEnvironment warmer = environment();
		DispatchCalibration known = new DispatchCalibration(100, 250, Instant.now().toEpochMilli());
		warmer.learn(known);
		FanOutReport report = fanOutFrom(warmer, recorded).fanOut(5);
		assertThat(report.timing().expectedSpreadMs()).isEqualTo(known.spreadMsFor(5));
		assertThat(reached).hasSize(report.distinctEnvironments())
			.allSatisfy((environment) -> assertThat(environment.calibration()).isEqualTo(known));
	}

	@Test
	void warmupsCarryTheArrivalFactorSoThatAnEnvironmentThatKnowsOnlyAPacePlansForTheArrival(TestInfo test) {
		List<ExecutionEnvironment> reached = new java.util.concurrent.CopyOnWriteArrayList<>();
		String recorded = deployRecording(test, reached);
		ExecutionEnvironment warmer = environment();
		warmer.learn(new DispatchCalibration(100, 250, Instant.now().toEpochMilli()));
		// A round it ran itself measured its warm-ups arriving over 1.8 times the time they took to leave.
		warmer.learnArrival(180);
		FanOutReport report = fanOutFrom(warmer, recorded).fanOut(20);
		List<ExecutionEnvironment> paced = reached.stream()
			.filter((environment) -> environment.calibration().arrivalPercent() != null)
			.toList();
		assertThat(paced).isNotEmpty().allSatisfy((environment) -> {
			assertThat(environment.calibration().arrivalPercent()).isEqualTo(180);
			assertThat(environment.arrivalPercent()).isEqualTo(180);
		});
		// The next trigger lands on one of them: it expects the pace it learned times the factor.
		ExecutionEnvironment next = paced.get(0);
		DispatchCalibration pace = next.calibration();
		FanOutReport nextRound = fanOutFrom(next, recorded).fanOut(10);
		assertThat(nextRound.timing().expectedSpreadMs()).isEqualTo(pace.expectedArrivalMsFor(10))
			.isEqualTo((long) Math.ceil(pace.spreadMsFor(10) * 1.8));
		assertReachedAllWhereTheHoldsCoveredTheDispatch(report, 20);
	}

	@Test
	void reportsTheBilledHoldOfTheRound() {
		FanOutReport report = fanOut(settings(this.orders).hold(Duration.ofMillis(200)).build()).fanOut(5);
		assertThat(report.holds().mode()).isEqualTo(FanOutReport.Holds.FIXED);
		// Each of the five environments reports the 200 ms it held.
		assertThat(report.holds().billedMs()).isEqualTo(5 * 200);
		assertThat(report.holds().gbSeconds()).isNull();
	}

	@Test
	void neverHoldsLongerThanTheMaximum() {
		FanOutReport report = fanOut(settings(this.orders).hold(Duration.ofMinutes(5)).maxHold(Duration.ofMillis(300)).build())
			.fanOut(2);
		assertThat(report.holds().longestMs()).isEqualTo(300);
	}

	@Test
	void capsTheConcurrency() {
		FanOutReport report = fanOut(settings(this.orders).maxConcurrency(20).build()).fanOut(500);
		assertThat(report.asked()).isEqualTo(500);
		assertThat(report.invoked()).isEqualTo(20);
		assertThat(lambda.invocations(this.orders)).hasSize(20);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void countsFunctionErrors(Transport transport, TestInfo test) {
		String broken = deploy(LocalFunction.builder(name(test, "broken"),
				InProcessEnvironment.factory(Duration.ZERO, (spec) -> (e, i) -> {
					throw new IllegalStateException("the function is broken");
				})));
		FanOutReport report = fanOut(settings(broken).build(), transport).fanOut(4);
		assertThat(report.failures().functionErrors()).isEqualTo(4);
		assertThat(report.distinctEnvironments()).isZero();
		assertThat(report.failures().firstFailure()).contains("the function is broken");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void countsAnswersOfAVersionWithoutTheStarterAsUnrecognised(Transport transport, TestInfo test) {
		String plain = deploy(LocalFunction.builder(name(test, "plain"),
				InProcessEnvironment.factory(Duration.ZERO, (spec) -> (e, i) -> "{\"price\":12}".getBytes())));
		FanOutReport report = fanOut(settings(plain).build(), transport).fanOut(3);
		assertThat(report.failures().unrecognisedAnswers()).isEqualTo(3);
		assertThat(report.distinctEnvironments()).isZero();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void reportsAMissingFunction(Transport transport) {
		FanOutReport report = fanOut(settings("missing").build(), transport).fanOut(3);
		assertThat(report.failures().byKind()).isEqualTo(Map.of("ResourceNotFoundException", 3));
		assertThat(report.failures().firstFailure()).contains("Function not found");
	}

	@ParameterizedTest
	@EnumSource(ThrottleReason.class)
	void countsEveryThrottleOnceAndNeverRetriesIt(ThrottleReason reason) {
		for (Transport transport : Transport.values()) {
			lambda.clearInvocations();
			// The shared client retries throttles (standard mode); the fan-out turns retries off per request.
			lambda.throttleNext(this.orders, 6, reason);
			// With the pre-connect, as the starter runs: a pooled connection the service closed while idle
			// fails a DryRun, not a warm-up (retries are off).
			FanOutReport report = fanOut(settings(this.orders).build(), transport).fanOut(6);
			// Every warm-up counted once. Through the SDK's service client, which returns pooled connections as
			// each answer comes, one can rarely fail on a connection the service closed (seen: SdkClientException):
			// a transport failure, counted as such, not a throttle.
			int throttled = report.failures().throttled();
			assertThat(throttled + report.failures().other()).as(report.toString()).isEqualTo(6);
			assertThat(throttled).as(report.toString()).isGreaterThanOrEqualTo((transport != Transport.SDK_CLIENT) ? 6 : 1);
			assertThat(report.failures().throttleReasons()).isEqualTo(Map.of(reason.name(), throttled));
			// The client retries throttles by default; the fan-out must not: the service saw no more than the six.
			assertThat(lambda.invocations(this.orders)).hasSizeBetween(throttled, 6);
		}
	}

	@Test
	void aSecondRoundCountsTheEnvironmentsKeptFromTheFirst() {
		WarmupFanOut fanOut = fanOut(settings(this.orders).hold(Duration.ofMillis(500)).build());
		FanOutReport first = fanOut.fanOut(5);
		// A first round finds only new environments: nothing kept, and a warning that says why that may be.
		assertThat(first.retention().previousRound()).isNull();
		assertThat(first.retention().kept()).isZero();
		assertThat(first.reason()).contains("unless this is the first round");
		assertThat(first.users()).isEqualTo(new FanOutReport.Users(0, 0));
		FanOutReport second = fanOut.fanOut(5);
		assertThat(second.retention()).as(second.toString()).isNotNull();
		assertThat(second.retention().previousRound()).isEqualTo(first.round());
		// Every environment the second round reached had been started by the first: all were kept.
		assertThat(second.reached().coldEnvironments()).isZero();
		assertThat(second.retention().kept()).isEqualTo(second.distinctEnvironments());
		assertThat(second.retention().percent()).isEqualTo(second.reached().percent());
	}

	@Test
	void aKeepAliveShorterThanTheRateShowsAsARetentionWarning(TestInfo test) {
		String shortLived = deploy(LocalFunction.builder(name(test, "short-lived"),
				WarmupEnvironments.answeringWarmups(Duration.ZERO)).keepAlive(Duration.ofMillis(300)));
		WarmupFanOut fanOut = fanOut(settings(shortLived).hold(Duration.ofMillis(200)).build());
		FanOutReport first = fanOut.fanOut(3);
		await().atMost(Duration.ofSeconds(30)).until(() -> lambda.environments(shortLived) == 0);
		FanOutReport second = fanOut.fanOut(3);
		assertThat(second.retention().previousRound()).isEqualTo(first.round());
		assertThat(second.retention().kept()).isZero();
		assertThat(second.retention().belowMinimum()).isTrue();
		assertThat(second.reason()).contains("were kept from round " + first.round()).contains("more often");
	}

	@Test
	void aRoundCountsTheUserInvocationsAndColdStartsSinceThePreviousOne(TestInfo test) {
		String served = deploy(LocalFunction.builder(name(test, "served"), WarmupEnvironments.answeringWarmups(Duration.ZERO))
			.reservedConcurrency(1));
		client.invoke((r) -> r.functionName(served).payload(SdkBytes.fromUtf8String("{\"orderId\":1}"))).join();
		client.invoke((r) -> r.functionName(served).payload(SdkBytes.fromUtf8String("{\"orderId\":2}"))).join();
		WarmupFanOut fanOut = fanOut(settings(served).hold(Duration.ofMillis(100)).build());
		assertThat(fanOut.fanOut(1).users()).isEqualTo(new FanOutReport.Users(2, 1));
		client.invoke((r) -> r.functionName(served).payload(SdkBytes.fromUtf8String("{\"orderId\":3}"))).join();
		assertThat(fanOut.fanOut(1).users()).isEqualTo(new FanOutReport.Users(1, 0));
	}

	@Test
	void reportsAPartialFailure() {
		lambda.throttleNext(this.orders, 3, ThrottleReason.ConcurrentInvocationLimitExceeded);
		FanOutReport report = fanOut(settings(this.orders).hold(Duration.ofMillis(500)).build()).fanOut(10);
		assertThat(report.failures().throttled()).isEqualTo(3);
		assertThat(report.reached().answered()).isEqualTo(7);
		assertReachedAllWhereTheHoldsCoveredTheDispatch(report, 7);
	}

	@Test
	void reachesNoMoreThanTheReservedConcurrency(TestInfo test) {
		String small = deploy(LocalFunction.builder(name(test, "small"), WarmupEnvironments.answeringWarmups(Duration.ZERO))
			.reservedConcurrency(5));
		FanOutReport report = fanOut(settings(small).hold(Duration.ofSeconds(1)).build()).fanOut(10);
		assertThat(report.distinctEnvironments()).as(report.toString()).isLessThanOrEqualTo(5);
		assertThat(lambda.environments(small)).isLessThanOrEqualTo(5);
		// Every warm-up either found an environment or was throttled; where none found a reused one, all
		// five environments were busy at once and the other five warm-ups were throttled.
		assertThat(report.reached().answered() + report.failures().throttled()).isEqualTo(10);
		if (report.passes().stream().allMatch((pass) -> pass.reusedAnswers() == 0)) {
			assertThat(report.distinctEnvironments()).isEqualTo(5);
			assertThat(report.failures().throttleReasons())
				.isEqualTo(Map.of("ReservedFunctionConcurrentInvocationLimitExceeded", 5));
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void timesOutHungTargets(Transport transport, TestInfo test) {
		String slow = deploy(LocalFunction.builder(name(test, "slow"), InProcessEnvironment.factory(Duration.ZERO,
				(spec) -> (e, i) -> {
					Thread.sleep(3_000);
					return e;
				})));
		FanOutReport report = fanOut(settings(slow).invocationTimeout(Duration.ofMillis(300)).build(), transport)
			.fanOut(3);
		assertThat(report.failures().byKind()).isEqualTo(Map.of("TimedOut", 3));
	}

	@Test
	void reportsARefusedConnection() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		URI closed = URI.create("http://127.0.0.1:" + closedPort);
		// One warm-up: the SDK's Netty pool can leave one of several concurrent acquisitions on a refused
		// port waiting until its timeout (seen here), which is the pool's behaviour, not the classification
		// under test. Generous timeouts: on a loaded machine even a refusal takes time to be noticed.
		Duration patience = Duration.ofSeconds(60);
		try (LambdaAsyncClient unreachable = LocalLambdaClients.asyncClient(closed)
			.httpClientBuilder(NettyNioAsyncHttpClient.builder().connectionAcquisitionTimeout(patience))
			.build();
				LambdaInvoker unreachableSigned = LambdaInvoker.signedRequests(
						NettyNioAsyncHttpClient.builder().connectionAcquisitionTimeout(patience).build(),
						LocalLambdaClients.CREDENTIALS, Region.US_EAST_1,
						closed);
				LambdaInvoker unreachableOwn = signedInvoker(closed)) {
			for (LambdaInvoker invoker : List.of(LambdaInvoker.of(unreachable), unreachableSigned, unreachableOwn)) {
				FanOutReport report = fanOut(invoker,
						settings(this.orders).preConnect(false).invocationTimeout(patience).build())
					.fanOut(1);
				assertThat(report.failures().byKind()).isEqualTo(Map.of("ConnectionFailed", 1));
			}
		}
	}

	// Lambda never answers a RequestResponse invocation with 202; a proxy or a mock might.
	@Test
	void countsA202ToARequestResponseWarmupAsUnrecognised() throws Exception {
		com.sun.net.httpserver.HttpServer accepting = com.sun.net.httpserver.HttpServer
			.create(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
		accepting.createContext("/", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			exchange.sendResponseHeaders(202, -1);
			exchange.close();
		});
		accepting.start();
		try (LambdaInvoker invoker = signedInvoker(URI.create("http://127.0.0.1:" + accepting.getAddress().getPort()))) {
			FanOutReport report = fanOut(invoker, settings(this.orders).preConnect(false).build())
				.fanOut(3);
			assertThat(report.failures().unrecognisedAnswers()).isEqualTo(3);
			assertThat(report.distinctEnvironments()).isZero();
		}
		finally {
			accepting.stop(0);
		}
	}

	@Test
	void firesEventsAndForgets() {
		FanOutReport report = fanOut(settings(this.orders).invocationType(FanOutInvocationType.EVENT).build()).fanOut(5);
		assertThat(report.invoked()).isEqualTo(5);
		assertThat(report.reached()).isNull();
		await().until(() -> lambda.invocations(this.orders).size() == 5);
	}

	@Test
	void backsOffAsProvisionedConcurrency() {
		FanOutReport report = WarmupFanOut.builder(signed, settings(this.orders).build())
			.platform(LambdaPlatform.from(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "provisioned-concurrency")))
			.environment(environment())
			.build()
			.fanOut(5);
		assertThat(report.status()).isEqualTo(FanOutReport.SKIPPED);
		assertThat(lambda.invocations(this.orders)).isEmpty();
	}

	@Test
	void saysWhyWithoutAClientOrAFunction() {
		FanOutReport noClient = WarmupFanOut.builder(() -> null, settings(this.orders).build())
			.platform(LambdaPlatform.from(Map.of()))
			.environment(environment())
			.build()
			.fanOut(5);
		assertThat(noClient.status()).isEqualTo(FanOutReport.UNAVAILABLE);
		assertThat(noClient.reason()).contains("warmup.fan-out.client.region");
		FanOutReport noFunction = fanOut(settings(null).build()).fanOut(5);
		assertThat(noFunction.status()).isEqualTo(FanOutReport.UNAVAILABLE);
		assertThat(noFunction.reason()).contains("warmup.fan-out.function-name");
	}

	@Test
	void neverThrowsOutOfARound() {
		FanOutReport report = WarmupFanOut.builder(() -> {
			throw new IllegalStateException("the client could not be built");
		}, settings(this.orders).build())
			.platform(LambdaPlatform.from(Map.of()))
			.environment(environment())
			.build()
			.fanOut(3);
		assertThat(report.status()).isEqualTo(FanOutReport.UNAVAILABLE);
		assertThat(report.reason()).contains("the client could not be built");
	}

	@Test
	void aTriggerWarmsTheQualifierItWasInvokedAsAndCapsItsConcurrency() {
		WarmupFanOut fanOut = fanOut(settings(this.orders).maxConcurrency(4).build());
		FanOutReport report = fanOut.handle(new WarmupEvent.FanOutTrigger(WarmupEvent.Source.LAMBDA_WARMUP, 100),
				new Invocation("r", Duration.ofSeconds(30), lambda.functionArn(this.orders) + ":live"));
		assertThat(report.target().qualifier()).isEqualTo("live");
		assertThat(report.invoked()).isEqualTo(4);
	}

	@Test
	void inLambdaTheTriggeredEnvironmentRunsTheRoundAndWarmupsNeverFanOutAgain(TestInfo test) {
		WarmupFanOut inner = fanOut(settings(this.orders).hold(Duration.ofMillis(500)).build());
		String warmer = deploy(LocalFunction.builder(name(test, "warmer"), WarmupEnvironments.withFanOut(Duration.ZERO, inner)));
		String answer = client
			.invoke((r) -> r.functionName(warmer)
				.clientContext(Invocation.WARMER_CLIENT_CONTEXT)
				.payload(SdkBytes.fromUtf8String("{\"lambda-warmup\":{\"action\":\"fan-out\",\"concurrency\":8}}")))
			.join()
			.payload()
			.asUtf8String();
		assertThat(answer).contains("\"status\":\"completed\"").contains("\"distinctEnvironments\":8");
		assertThat(lambda.invocations(warmer)).hasSize(1);
		assertThat(lambda.invocations(this.orders)).hasSize(8).allMatch(InvocationRecord::warmup);
	}

	@Test
	void appliesTheConcurrencyWindowThatMatchesNow() {
		ConcurrencyWindow always = new ConcurrencyWindow(Set.of(), java.time.LocalTime.MIDNIGHT,
				java.time.LocalTime.MIDNIGHT.minusNanos(1), 3);
		FanOutReport report = fanOut(settings(this.orders).windows(List.of(always)).build()).fanOut();
		assertThat(report.asked()).isEqualTo(3);
	}

	private Set<String> environmentsThatServedWarmups() {
		return lambda.invocations(this.orders)
			.stream()
			.filter((r) -> r.warmup() && "ok".equals(r.outcome()))
			.map(InvocationRecord::environmentId)
			.collect(Collectors.toSet());
	}

	// Whether N warm-ups find N environments depends on the machine: they do when every hold lasted longer than
	// the spread of their arrivals, which the report measures. When they did not, the report must say so.
	private static void assertReachedAllWhereTheHoldsCoveredTheDispatch(FanOutReport report, int expected) {
		assertThat(report.distinctEnvironments()).as(report.toString()).isLessThanOrEqualTo(expected);
		Long spread = report.timing().dispatchSpreadMs();
		if (spread != null && report.passes().size() == 1 && spread < report.passes().get(0).holdMs()) {
			assertThat(report.distinctEnvironments()).as(report.toString()).isEqualTo(expected);
		}
		else if (report.distinctEnvironments() < expected) {
			assertThat(report.passes()).as(report.toString())
				.anyMatch((pass) -> pass.reusedAnswers() > 0 || pass.stoppedAfter() != null);
		}
	}

	private WarmupFanOut fanOut(FanOutSettings settings) {
		return fanOut(settings, Transport.OWN_CONNECTIONS);
	}

	private WarmupFanOut fanOut(FanOutSettings settings, Transport transport) {
		return fanOut(switch (transport) {
			case OWN_CONNECTIONS -> signed;
			case SDK_HTTP_CLIENT -> throughSdkHttpClient;
			case SDK_CLIENT -> throughClient;
		}, settings);
	}

	// A round sent by signed requests from a given environment, the one a trigger landed on.
	private WarmupFanOut fanOutFrom(ExecutionEnvironment environment, String function) {
		return WarmupFanOut.builder(signed, settings(function).build())
			.platform(LambdaPlatform.from(Map.of()))
			.environment(environment)
			.build();
	}

	// A function whose environments answer warm-ups and are handed to the test as they answer.
	private String deployRecording(TestInfo test, List<ExecutionEnvironment> reached) {
		return deploy(LocalFunction.builder(name(test, "recorded"),
				WarmupEnvironments.answeringWarmups(Duration.ZERO, reached::add)));
	}

	private WarmupFanOut fanOut(LambdaInvoker invoker, FanOutSettings settings) {
		return WarmupFanOut.builder(invoker, settings)
			.platform(LambdaPlatform.from(Map.of()))
			.environment(environment())
			.build();
	}

	static LambdaInvoker signedInvoker(URI endpoint) {
		return LambdaInvoker.signedRequests(LocalLambdaClients.CREDENTIALS, Region.US_EAST_1, endpoint,
				Duration.ofSeconds(10), null);
	}

	static LambdaInvoker sdkHttpClientInvoker(URI endpoint) {
		return LambdaInvoker.signedRequests(NettyNioAsyncHttpClient.builder().maxConcurrency(500).build(),
				LocalLambdaClients.CREDENTIALS, Region.US_EAST_1, endpoint);
	}

	/**
	 * The three ways a fan-out sends: the starter's signed requests over its own connections (its
	 * default) or through the SDK's HTTP client (when the application customizes it), and an
	 * application's own service client.
	 */
	enum Transport {

		OWN_CONNECTIONS, SDK_HTTP_CLIENT, SDK_CLIENT

	}

	private static ExecutionEnvironment environment() {
		return new ExecutionEnvironment(Clock.systemUTC(), Instant.now(), LambdaPlatform.from(Map.of()));
	}

	static LambdaAsyncClient client(URI endpoint, RetryMode retryMode) {
		return LocalLambdaClients.asyncClient(endpoint)
			.overrideConfiguration((o) -> o.retryStrategy(retryMode))
			.httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(500).maxPendingConnectionAcquires(10_000))
			.build();
	}

	static SettingsBuilder settings(String functionName) {
		return new SettingsBuilder(functionName);
	}

	/** Fan-out settings with test defaults. */
	static final class SettingsBuilder {

		private final String functionName;

		private FanOutInvocationType invocationType = FanOutInvocationType.REQUEST_RESPONSE;

		private int maxConcurrency = 200;

		private Duration hold;

		private Duration maxHold = Duration.ofSeconds(1);

		private Duration invocationTimeout = Duration.ofSeconds(10);

		private List<ConcurrencyWindow> windows = List.of();

		private boolean preConnect = true;

		SettingsBuilder(String functionName) {
			this.functionName = functionName;
		}

		SettingsBuilder invocationType(FanOutInvocationType invocationType) {
			this.invocationType = invocationType;
			return this;
		}

		SettingsBuilder maxConcurrency(int maxConcurrency) {
			this.maxConcurrency = maxConcurrency;
			return this;
		}

		SettingsBuilder hold(Duration hold) {
			this.hold = hold;
			this.maxHold = (hold.compareTo(this.maxHold) > 0) ? hold : this.maxHold;
			return this;
		}

		SettingsBuilder maxHold(Duration maxHold) {
			this.maxHold = maxHold;
			return this;
		}

		SettingsBuilder invocationTimeout(Duration invocationTimeout) {
			this.invocationTimeout = invocationTimeout;
			return this;
		}

		SettingsBuilder preConnect(boolean preConnect) {
			this.preConnect = preConnect;
			return this;
		}

		SettingsBuilder windows(List<ConcurrencyWindow> windows) {
			this.windows = windows;
			return this;
		}

		FanOutSettings build() {
			return new FanOutSettings(this.functionName, null, this.invocationType, 10, this.windows, ZoneId.of("UTC"),
					this.maxConcurrency, this.hold, this.maxHold, this.invocationTimeout, this.preConnect);
		}

	}

}
