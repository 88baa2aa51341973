package io.github.lambdawarmup.local;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.RequestTooLargeException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The real AWS SDK v2 client against the local Invoke API.
 */
class InvokeApiTests {

	private LocalLambda lambda;

	private LambdaClient client;

	@BeforeEach
	void start() {
		this.lambda = LocalLambda.builder()
			.function(LocalFunction.builder("echo", InProcessEnvironment.factory(Duration.ofMillis(20), (spec) -> (event,
					invocation) -> {
				String text = new String(event, StandardCharsets.UTF_8);
				if (text.contains("fail")) {
					throw new IllegalStateException("asked to fail");
				}
				if (text.contains("sleep")) {
					Thread.sleep(5_000);
				}
				return ("{\"environment\":\"" + spec.environmentId() + "\",\"arn\":\"" + invocation.invokedFunctionArn()
						+ "\",\"echo\":" + text + "}")
					.getBytes(StandardCharsets.UTF_8);
			})).reservedConcurrency(2).timeout(Duration.ofSeconds(1)).alias("live", "3").build())
			.start();
		this.client = this.lambda.clientBuilder()
			.overrideConfiguration((o) -> o.retryStrategy(RetryMode.STANDARD).retryStrategy((b) -> b.maxAttempts(1)))
			.build();
	}

	@AfterEach
	void stop() {
		this.client.close();
		this.lambda.close();
	}

	@Test
	void answersASynchronousInvocation() {
		InvokeResponse response = invoke("echo", null, "{\"a\":1}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.functionError()).isNull();
		assertThat(response.executedVersion()).isEqualTo("$LATEST");
		assertThat(response.payload().asUtf8String()).contains("\"echo\":{\"a\":1}").contains("\"environment\":\"echo-1\"");
	}

	@Test
	void theFirstInvocationIsColdAndTheSecondReusesTheEnvironment() {
		invoke("echo", null, "1");
		invoke("echo", null, "2");
		assertThat(this.lambda.invocations()).extracting(InvocationRecord::coldStart).containsExactly(true, false);
		assertThat(this.lambda.invocations()).extracting(InvocationRecord::environmentId)
			.containsExactly("echo-1", "echo-1");
	}

	@Test
	void resolvesAnAliasAndPassesTheQualifiedArn() {
		InvokeResponse response = invoke("echo", "live", "{}");
		assertThat(response.executedVersion()).isEqualTo("3");
		assertThat(response.payload().asUtf8String())
			.contains("\"arn\":\"arn:aws:lambda:us-east-1:000000000000:function:echo:live\"");
	}

	@Test
	void acceptsAFunctionArn() {
		InvokeResponse response = invoke(this.lambda.functionArn("echo") + ":live", null, "{}");
		assertThat(response.executedVersion()).isEqualTo("3");
	}

	@Test
	void acceptsANameWithItsQualifierAndAPartialArn() {
		assertThat(invoke("echo:live", null, "{}").executedVersion()).isEqualTo("3");
		assertThat(invoke("000000000000:function:echo:live", null, "{}").executedVersion()).isEqualTo("3");
		assertThat(invoke("000000000000:function:echo", null, "{}").executedVersion()).isEqualTo("$LATEST");
	}

	@Test
	void reportsAFunctionError() {
		InvokeResponse response = invoke("echo", null, "\"fail\"");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.functionError()).isEqualTo("Unhandled");
		assertThat(response.payload().asUtf8String()).contains("\"errorMessage\":\"asked to fail\"")
			.contains("\"errorType\":\"java.lang.IllegalStateException\"");
	}

	@Test
	void timesOutASlowFunctionAndReplacesItsEnvironment() {
		InvokeResponse response = invoke("echo", null, "\"sleep\"");
		assertThat(response.functionError()).isEqualTo("Unhandled");
		assertThat(response.payload().asUtf8String()).contains("Sandbox.Timedout").contains("Task timed out after 1.00 seconds");
		assertThat(this.lambda.environments("echo")).isZero();
		assertThat(this.lambda.summary().environmentsCrashed()).isEqualTo(1);
	}

	@Test
	void anUnknownFunctionIsNotFound() {
		assertThatExceptionOfType(ResourceNotFoundException.class).isThrownBy(() -> invoke("nope", null, "{}"))
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(404))
			.withMessageContaining("Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope");
	}

	@Test
	void anUnknownQualifierIsNotFound() {
		assertThatExceptionOfType(ResourceNotFoundException.class).isThrownBy(() -> invoke("echo", "staging", "{}"));
	}

	@Test
	void exhaustingReservedConcurrencyThrottles() throws Exception {
		Thread first = new Thread(() -> invoke("echo", null, "\"sleep\""));
		Thread second = new Thread(() -> invoke("echo", null, "\"sleep\""));
		first.start();
		second.start();
		await().until(() -> this.lambda.environments("echo") == 2 && this.lambda.idleEnvironments("echo") == 0);
		assertThatExceptionOfType(TooManyRequestsException.class).isThrownBy(() -> invoke("echo", null, "{}"))
			.satisfies((ex) -> {
				assertThat(ex.statusCode()).isEqualTo(429);
				assertThat(ex.reasonAsString()).isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded");
			});
		first.join();
		second.join();
	}

	@ParameterizedTest
	@EnumSource(ThrottleReason.class)
	void reportsEveryThrottleReasonAsTheServiceDoes(ThrottleReason reason) {
		this.lambda.throttleNext("echo", 1, reason);
		assertThatExceptionOfType(TooManyRequestsException.class).isThrownBy(() -> invoke("echo", null, "{}"))
			.satisfies((ex) -> {
				assertThat(ex.reasonAsString()).isEqualTo(reason.name());
				assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("TooManyRequestsException");
			});
		assertThat(invoke("echo", null, "{}").statusCode()).isEqualTo(200);
	}

	@Test
	void aDryRunRunsNothing() {
		InvokeResponse response = this.client
			.invoke((r) -> r.functionName("echo").invocationType(InvocationType.DRY_RUN).payload(SdkBytes.fromUtf8String("{}")));
		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(this.lambda.invocations()).isEmpty();
	}

	@Test
	void anEventIsQueuedAndRunLater() {
		InvokeResponse response = this.client
			.invoke((r) -> r.functionName("echo").invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String("{}")));
		assertThat(response.statusCode()).isEqualTo(202);
		await().until(() -> this.lambda.invocations().size() == 1);
	}

	@Test
	void tailsTheLog() {
		InvokeResponse response = this.client
			.invoke((r) -> r.functionName("echo").logType(LogType.TAIL).payload(SdkBytes.fromUtf8String("{}")));
		String log = new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
		assertThat(log).startsWith("START RequestId: ").contains("END RequestId: ").contains("REPORT RequestId: ")
			.contains("Init Duration: ");
	}

	@Test
	void rejectsAnOversizedPayload() {
		String big = "\"" + "x".repeat(InvokeApi.MAX_SYNC_PAYLOAD) + "\"";
		assertThatExceptionOfType(RequestTooLargeException.class).isThrownBy(() -> invoke("echo", null, big))
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(413));
	}

	@Test
	void takesRequestsUpToTheRequestLimitNotTheResponseLimit() {
		String overLimit = "\"" + "x".repeat(InvokeApi.MAX_SYNC_REQUEST - 1) + "\"";
		assertThat(overLimit.length()).isEqualTo(InvokeApi.MAX_SYNC_REQUEST + 1);
		assertThatExceptionOfType(RequestTooLargeException.class).isThrownBy(() -> invoke("echo", null, overLimit))
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(413));
	}

	@Test
	void refusesAPayloadThatIsNotJsonAsLambdaDoes() {
		assertThatExceptionOfType(software.amazon.awssdk.services.lambda.model.InvalidRequestContentException.class)
			.isThrownBy(() -> invoke("echo", null, "{\"unterminated\":"))
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(400));
	}

	@Test
	void answersAnInvocationOfNoFunctionWithAnError() throws Exception {
		java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest.newBuilder(this.lambda.endpoint().resolve("/2015-03-31/functions/invocations"))
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("UnknownOperationException");
	}

	@Test
	void aHandlerThatReturnsNothingAnswersNull() {
		try (LocalLambda nothing = LocalLambda.builder()
			.function(LocalFunction.builder("nothing", InProcessEnvironment.factory(Duration.ZERO, (spec) -> (e, i) -> null))
				.build())
			.start();
				LambdaClient client = nothing.clientBuilder()
					.build()) {
			InvokeResponse response = client.invoke((r) -> r.functionName("nothing").payload(SdkBytes.fromUtf8String("{}")));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.payload().asUtf8String()).isEqualTo("null");
		}
	}

	@Test
	void reclaimsIdleEnvironmentsAfterTheKeepAlive() {
		LocalLambda shortLived = LocalLambda.builder()
			.function(LocalFunction.builder("f", InProcessEnvironment.factory(Duration.ZERO, (spec) -> (e, i) -> e))
				.keepAlive(Duration.ofMillis(200))
				.build())
			.reclaimInterval(Duration.ofMillis(50))
			.start();
		try (LambdaClient local = shortLived.clientBuilder()
			.build()) {
			local.invoke((r) -> r.functionName("f").payload(SdkBytes.fromUtf8String("1")));
			await().until(() -> shortLived.summary().environmentsReclaimed() == 1);
			local.invoke((r) -> r.functionName("f").payload(SdkBytes.fromUtf8String("2")));
			assertThat(shortLived.invocations()).extracting(InvocationRecord::coldStart).containsExactly(true, true);
		}
		finally {
			shortLived.close();
		}
	}

	@Test
	void setsLambdasVariablesAndLetsTheFunctionOverrideThem() {
		this.lambda.deploy(LocalFunction.builder("provisioned", InProcessEnvironment.factory(Duration.ZERO,
				(spec) -> (e, i) -> (spec.variables().get("AWS_LAMBDA_FUNCTION_NAME") + " "
						+ spec.variables().get("AWS_LAMBDA_INITIALIZATION_TYPE") + " "
						+ spec.variables().get("AWS_REGION"))
					.getBytes(StandardCharsets.UTF_8)))
			.variable("AWS_LAMBDA_INITIALIZATION_TYPE", "provisioned-concurrency")
			.build());
		assertThat(invoke("provisioned", null, "{}").payload().asUtf8String())
			.isEqualTo("provisioned provisioned-concurrency us-east-1");
	}

	private InvokeResponse invoke(String function, String qualifier, String payload) {
		return this.client.invoke((r) -> r.functionName(function).qualifier(qualifier).payload(SdkBytes.fromUtf8String(payload)));
	}

}
