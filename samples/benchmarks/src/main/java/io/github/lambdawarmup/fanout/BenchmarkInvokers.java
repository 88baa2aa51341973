package io.github.lambdawarmup.fanout;

import java.net.URI;
import java.time.Duration;

import javax.net.ssl.TrustManagerFactory;

import io.netty.handler.ssl.SslProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The starter's own connections with a chosen TLS implementation, for the fan-out benchmark only. The
 * starter lets Netty choose (BoringSSL when netty-tcnative is on the class path), and the benchmark's class
 * path has it: the JDK's TLS, which an application without netty-tcnative gets, is measured through this.
 * In the starter's package because the choice is not part of its API.
 */
public final class BenchmarkInvokers {

	private BenchmarkInvokers() {
	}

	public static LambdaInvoker ownConnections(AwsCredentialsProvider credentials, Region region, URI endpoint,
			Duration connectTimeout, TrustManagerFactory trust, SslProvider tls) {
		return new SignedRequestInvoker(new NettyTransport(connectTimeout, trust, tls), credentials, region, endpoint);
	}

}
