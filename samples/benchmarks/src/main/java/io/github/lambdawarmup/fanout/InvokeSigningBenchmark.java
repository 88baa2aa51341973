package io.github.lambdawarmup.fanout;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import io.github.lambdawarmup.DispatchCalibration;
import io.github.lambdawarmup.Invocation;
import io.github.lambdawarmup.WarmupEvent;

/**
 * One signed Invoke request of a fan-out: built and signed by the starter, or built and signed with the
 * SDK's SigV4 signer as the starter did before. Run with {@code -prof gc} for the garbage of each
 * ({@code gc.alloc.rate.norm}). The starter's signer is internal to its package, hence this package.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InvokeSigningBenchmark {

	private static final URI ENDPOINT = URI.create("https://lambda.us-east-1.amazonaws.com");

	private static final String PATH = "/2015-03-31/functions/orders/invocations";

	private final AwsCredentials credentials = AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE",
			"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

	private final byte[] payload = new WarmupEvent.WarmUp(WarmupEvent.Source.LAMBDA_WARMUP,
			"5a074cdc-ea7e-4a98-97d2-a81734d8389f", 500, 1000, Duration.ofMillis(420),
			new DispatchCalibration(999, 240, 1_796_063_123_663L, 110))
		.toJson();

	private final SignedInvokeRequests starter = new SignedInvokeRequests(this.credentials, "us-east-1", ENDPOINT,
			PATH, null, Invocation.WARMER_CLIENT_CONTEXT, Clock.systemUTC());

	private final AwsV4HttpSigner sdk = AwsV4HttpSigner.create();

	@Benchmark
	public SdkHttpRequest starterSigner() {
		return this.starter.sign("RequestResponse", this.payload);
	}

	@Benchmark
	public SdkHttpRequest sdkSigner() {
		return signedBySdk(this.sdk, ENDPOINT, this.credentials, this.payload);
	}

	/**
	 * A warm-up's Invoke request to the function {@code orders}, built and signed with the SDK's SigV4
	 * signer: the headers the starter's signer adds too, which a property test checks.
	 * @param signer the SDK's signer
	 * @param endpoint the Invoke API's endpoint
	 * @param credentials the credentials to sign with
	 * @param payload the warm-up
	 * @return the signed request
	 */
	public static SdkHttpRequest signedBySdk(AwsV4HttpSigner signer, URI endpoint, AwsCredentialsIdentity credentials,
			byte[] payload) {
		SdkHttpFullRequest request = SdkHttpFullRequest.builder()
			.method(SdkHttpMethod.POST)
			.uri(endpoint)
			.encodedPath(PATH)
			.putHeader("Content-Type", "application/json")
			.putHeader("Content-Length", Integer.toString(payload.length))
			.putHeader("X-Amz-Invocation-Type", "RequestResponse")
			.putHeader("X-Amz-Client-Context", Invocation.WARMER_CLIENT_CONTEXT)
			.build();
		return signer
			.sign((r) -> r.identity(credentials)
				.request(request)
				.payload(ContentStreamProvider.fromByteArrayUnsafe(payload))
				.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "lambda")
				.putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"))
			.request();
	}

}
