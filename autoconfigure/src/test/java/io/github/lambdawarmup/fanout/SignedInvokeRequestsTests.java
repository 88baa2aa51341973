package io.github.lambdawarmup.fanout;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

import io.github.lambdawarmup.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fan-out's own signing against the SDK's signer, the reference: the same request must come out
 * with the same headers, signature included, whatever the function, credentials, endpoint and time.
 */
class SignedInvokeRequestsTests {

	private static final String WARMER_CONTEXT = io.github.lambdawarmup.Invocation.WARMER_CLIENT_CONTEXT;

	private static final AwsV4HttpSigner SDK_SIGNER = AwsV4HttpSigner.create();

	@Property(tries = 400)
	void signsEveryRequestAsTheSdkSignerDoes(@ForAll("calls") Call invocation) {
		SignedInvokeRequests requests = new SignedInvokeRequests(invocation.credentials(), invocation.region(),
				invocation.endpoint(), invocation.path(), invocation.qualifier(), invocation.clientContext(),
				Clock.fixed(invocation.at(), ZoneOffset.UTC));

		SdkHttpFullRequest ours = requests.sign(invocation.type(), invocation.payload());

		SdkHttpRequest sdk = signedBySdk(invocation, invocation.at());
		assertThat(ours.getUri()).isEqualTo(sdk.getUri());
		assertThat(ours.method()).isEqualTo(sdk.method());
		assertThat(headers(ours)).isEqualTo(headers(sdk));
	}

	// The date of the second and the signing key of the day are kept between requests: each must still
	// be the one of the request's own time.
	@Property(tries = 50)
	void keepsSigningAsTheSdkSignerDoesAcrossSecondsAndDays(@ForAll("calls") Call invocation,
			@ForAll("steps") List<Long> stepsMs) {
		MutableClock clock = new MutableClock(invocation.at());
		SignedInvokeRequests requests = new SignedInvokeRequests(invocation.credentials(), invocation.region(),
				invocation.endpoint(), invocation.path(), invocation.qualifier(), invocation.clientContext(), clock);
		for (long step : stepsMs) {
			clock.advance(Duration.ofMillis(step));
			for (String type : List.of("DryRun", "RequestResponse", "Event")) {
				Call at = invocation.withType(type);
				assertThat(headers(requests.sign(type, at.payload()))).isEqualTo(headers(signedBySdk(at, clock.instant())));
			}
		}
	}

	@Test
	void signsWithASessionTokenAndSendsItTrimmedAsTheSdkDoes() {
		AwsCredentials session = AwsSessionCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
				"  token  with   spaces ");
		SignedInvokeRequests requests = new SignedInvokeRequests(session, "us-east-1",
				URI.create("https://lambda.us-east-1.amazonaws.com"), "/2015-03-31/functions/orders/invocations", null,
				WARMER_CONTEXT, Clock.fixed(Instant.parse("2026-11-30T18:00:01Z"), ZoneOffset.UTC));

		SdkHttpFullRequest request = requests.sign("RequestResponse", "{}".getBytes(StandardCharsets.UTF_8));

		assertThat(request.firstMatchingHeader("X-Amz-Security-Token")).hasValue("token  with   spaces");
		assertThat(request.firstMatchingHeader("Authorization")).hasValueSatisfying((authorization) -> assertThat(
				authorization)
			.startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261130/us-east-1/lambda/aws4_request, ")
			.contains("SignedHeaders=content-length;content-type;host;x-amz-client-context;x-amz-content-sha256;"
					+ "x-amz-date;x-amz-invocation-type;x-amz-security-token, Signature="));
	}

	private static SdkHttpRequest signedBySdk(Call invocation, Instant at) {
		SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
			.method(SdkHttpMethod.POST)
			.uri(invocation.endpoint())
			.encodedPath(invocation.path())
			.putHeader("Content-Type", "application/json")
			.putHeader("Content-Length", Integer.toString(invocation.payload().length))
			.putHeader("X-Amz-Invocation-Type", invocation.type());
		if (invocation.qualifier() != null) {
			request.putRawQueryParameter("Qualifier", invocation.qualifier());
		}
		if (invocation.clientContext() != null && invocation.type().equals("RequestResponse")) {
			request.putHeader("X-Amz-Client-Context", invocation.clientContext());
		}
		SdkHttpFullRequest unsigned = request.build();
		return SDK_SIGNER
			.sign((r) -> r.identity(invocation.credentials())
				.request(unsigned)
				.payload(ContentStreamProvider.fromByteArrayUnsafe(invocation.payload()))
				.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "lambda")
				.putProperty(AwsV4HttpSigner.REGION_NAME, invocation.region())
				.putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)))
			.request();
	}

	private static Map<String, List<String>> headers(SdkHttpRequest request) {
		Map<String, List<String>> headers = new TreeMap<>();
		request.forEachHeader((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
		return headers;
	}

	@Provide
	Arbitrary<Call> calls() {
		Arbitrary<String> plainName = Arbitraries.strings().withChars("abcXYZ019-_").ofMinLength(1).ofMaxLength(64);
		Arbitrary<String> functionName = Arbitraries.oneOf(plainName,
				plainName.map((name) -> "arn:aws:lambda:us-east-1:123456789012:function:" + name),
				plainName.map((name) -> "123456789012:function:" + name + ":live"),
				Arbitraries.strings().ofMinLength(1).ofMaxLength(20), Arbitraries.of(".", "..", "a/b", "a b+c"));
		Arbitrary<@Nullable String> qualifier = Arbitraries.oneOf(Arbitraries.of("$LATEST", "12"),
				Arbitraries.strings().withChars("abc019-_").ofMinLength(1).ofMaxLength(12)).injectNull(0.3);
		Arbitrary<String> secret = Arbitraries.strings().withChars("abcXYZ0189/+").ofLength(40);
		Arbitrary<AwsCredentials> credentials = Arbitraries.oneOf(
				secret.map((s) -> AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", s)),
				Combinators.combine(secret, Arbitraries.strings().withChars("abcXYZ0189/+= \té").ofMinLength(1).ofMaxLength(80))
					.as((s, token) -> AwsSessionCredentials.create("ASIAIOSFODNN7EXAMPLE", s, token)));
		Arbitrary<URI> endpoint = Arbitraries.of("https://lambda.us-east-1.amazonaws.com", "https://127.0.0.1:8443",
				"http://localhost:9001", "https://example.com:443", "http://example.com:80", "https://[::1]:8443")
			.map(URI::create);
		Arbitrary<Instant> at = Arbitraries.longs()
			.between(Instant.parse("2000-01-01T00:00:00Z").toEpochMilli(), Instant.parse("2099-12-31T23:59:59Z").toEpochMilli())
			.map(Instant::ofEpochMilli);
		return Combinators.combine(credentials, Arbitraries.of("us-east-1", "eu-west-3", "cn-north-1"), endpoint,
				functionName, qualifier, Arbitraries.of(WARMER_CONTEXT, "e30=").injectNull(0.2),
				Arbitraries.of("RequestResponse", "Event", "DryRun"), Arbitraries.bytes().array(byte[].class).ofMaxSize(2000))
			.as((c, region, e, name, q, context, type, payload) -> new Call(c, region, e,
					"/2015-03-31/functions/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")
							+ "/invocations",
					q, context, type, payload, Instant.EPOCH))
			.flatMap((invocation) -> at.map(invocation::at));
	}

	@Provide
	Arbitrary<List<Long>> steps() {
		return Arbitraries.oneOf(Arbitraries.longs().between(0, 1_500), Arbitraries.of(86_400_000L, 3_600_000L))
			.list()
			.ofMinSize(1)
			.ofMaxSize(6);
	}

	record Call(AwsCredentials credentials, String region, URI endpoint, String path, @Nullable String qualifier,
			@Nullable String clientContext, String type, byte[] payload, Instant at) {

		Call at(Instant time) {
			return new Call(this.credentials, this.region, this.endpoint, this.path, this.qualifier,
					this.clientContext, this.type, this.payload, time);
		}

		Call withType(String invocationType) {
			return new Call(this.credentials, this.region, this.endpoint, this.path, this.qualifier,
					this.clientContext, invocationType, this.payload, this.at);
		}

		@Override
		public String toString() {
			return this.type + " " + this.endpoint + this.path + " q=" + this.qualifier + " " + this.payload.length
					+ " bytes at " + this.at + " with " + this.credentials.getClass().getSimpleName();
		}

	}

}
