package io.github.lambdawarmup.local;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Invoke API over HTTPS, through the real SDK client and its Netty HTTP client, trusting the
 * certificate the service made at start.
 */
class HttpsEndpointTests {

	private LocalLambda lambda;

	@BeforeEach
	void start() {
		this.lambda = LocalLambda.builder()
			.https()
			.function(LocalFunction.builder("echo", InProcessEnvironment.factory(Duration.ZERO,
					(spec) -> (event, invocation) -> event)).build())
			.start();
	}

	@AfterEach
	void stop() {
		this.lambda.close();
	}

	@Test
	void servesTheInvokeApiOverHttpsBesidePlainHttp() {
		assertThat(this.lambda.httpsEndpoint().getScheme()).isEqualTo("https");
		assertThat(this.lambda.endpoint().getScheme()).isEqualTo("http");
		try (LambdaAsyncClient client = client(NettyNioAsyncHttpClient.builder()
			.tlsTrustManagersProvider(this.lambda::trustManagers))) {
			InvokeResponse response = client
				.invoke((r) -> r.functionName("echo").payload(SdkBytes.fromUtf8String("{\"over\":\"tls\"}")))
				.join();
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.payload().asString(StandardCharsets.UTF_8)).isEqualTo("{\"over\":\"tls\"}");
		}
	}

	@Test
	void aClientThatDoesNotTrustTheCertificateCannotConnect() {
		try (LambdaAsyncClient client = client(NettyNioAsyncHttpClient.builder())) {
			assertThatThrownBy(() -> client.invoke((r) -> r.functionName("echo").payload(SdkBytes.fromUtf8String("1")))
				.join()).hasCauseInstanceOf(SdkClientException.class)
				.hasStackTraceContaining("SSLHandshakeException: PKIX path building failed");
		}
	}

	private LambdaAsyncClient client(NettyNioAsyncHttpClient.Builder http) {
		return LocalLambdaClients.asyncClient(this.lambda.httpsEndpoint())
			.overrideConfiguration((o) -> o.retryStrategy((b) -> b.maxAttempts(1)))
			.httpClientBuilder(http)
			.build();
	}

}
