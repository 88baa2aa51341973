package io.github.lambdawarmup.local;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.LambdaAsyncClientBuilder;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaClientBuilder;

/**
 * The AWS SDK's Lambda clients pointed at a local-lambda: its endpoint, its region, and static credentials
 * (it checks none). Each method hands over a builder, so that a test adds what it needs (timeouts, retries,
 * an HTTP client) and closes what it builds. {@link LocalLambda#clientBuilder()} and
 * {@link LocalLambda#asyncClientBuilder()} do the same for a running service.
 */
public final class LocalLambdaClients {

	/** The credentials the clients sign with. */
	public static final AwsCredentialsProvider CREDENTIALS = StaticCredentialsProvider
		.create(AwsBasicCredentials.create("local", "local"));

	/** The region of a local-lambda started with its defaults. */
	public static final Region REGION = Region.US_EAST_1;

	private LocalLambdaClients() {
	}

	/**
	 * A builder of the synchronous client for an endpoint, in {@link #REGION}.
	 * @param endpoint a local-lambda's endpoint, or any other (a closed port, for one)
	 * @return the builder
	 */
	public static LambdaClientBuilder client(URI endpoint) {
		return LambdaClient.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(CREDENTIALS);
	}

	/**
	 * A builder of the asynchronous client for an endpoint, in {@link #REGION}.
	 * @param endpoint a local-lambda's endpoint, or any other (a closed port, for one)
	 * @return the builder
	 */
	public static LambdaAsyncClientBuilder asyncClient(URI endpoint) {
		return LambdaAsyncClient.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(CREDENTIALS);
	}

}
