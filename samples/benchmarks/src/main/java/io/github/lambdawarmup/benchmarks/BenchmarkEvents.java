package io.github.lambdawarmup.benchmarks;

import java.nio.charset.StandardCharsets;

/**
 * Events of the sizes the benchmarks compare: an API Gateway request of about 1 KB, the same request
 * with a body that brings it to about 256 KB, and a warm-up.
 */
final class BenchmarkEvents {

	static final byte[] WARMUP = "{\"lambda-warmup\":{\"round\":\"b\",\"index\":0,\"size\":1,\"holdMs\":0}}"
		.getBytes(StandardCharsets.UTF_8);

	private BenchmarkEvents() {
	}

	static byte[] apiGateway(int targetBytes) {
		String prefix = "{\"resource\":\"/orders\",\"path\":\"/orders\",\"httpMethod\":\"POST\",\"headers\":{"
				+ "\"Accept\":\"application/json\",\"Content-Type\":\"application/json\","
				+ "\"Host\":\"abc123.execute-api.us-east-1.amazonaws.com\",\"User-Agent\":\"curl/8.4.0\","
				+ "\"X-Amzn-Trace-Id\":\"Root=1-65a1b2c3-1234567890abcdef12345678\",\"X-Forwarded-For\":\"203.0.113.7\"},"
				+ "\"queryStringParameters\":{\"currency\":\"EUR\"},\"requestContext\":{\"resourcePath\":\"/orders\","
				+ "\"httpMethod\":\"POST\",\"path\":\"/prod/orders\",\"accountId\":\"123456789012\",\"stage\":\"prod\","
				+ "\"requestId\":\"c6af9ac6-7b61-11e6-9a41-93e8deadbeef\",\"identity\":{\"sourceIp\":\"203.0.113.7\"},"
				+ "\"apiId\":\"abc123\"},\"isBase64Encoded\":false,\"body\":\"";
		String suffix = "\"}";
		StringBuilder body = new StringBuilder();
		int item = 0;
		while (prefix.length() + body.length() + suffix.length() < targetBytes) {
			body.append("{\\\"sku\\\":\\\"SKU-").append(item++).append("\\\",\\\"quantity\\\":2},");
		}
		return (prefix + body + suffix).getBytes(StandardCharsets.UTF_8);
	}

}
