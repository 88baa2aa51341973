package io.github.lambdawarmup.samples.web;

import java.util.UUID;

/**
 * API Gateway REST (v1) proxy events, as the service sends them to a function.
 */
final class ApiGatewayEvents {

	private ApiGatewayEvents() {
	}

	/**
	 * An event.
	 * @param method the HTTP method
	 * @param path the request path
	 * @param body the body as it appears inside the JSON string (already escaped), or {@code null}
	 * @param extraHeaders header entries to add, each as {@code "Name":"value",}
	 * @return the event JSON
	 */
	static String rest(String method, String path, String body, String extraHeaders) {
		String escapedBody = (body != null) ? "\"" + body.replace("\"", "\\\"").replace("\\\\\"", "\\\"") + "\"" : "null";
		return "{\"resource\":\"/{proxy+}\",\"path\":\"" + path + "\",\"httpMethod\":\"" + method + "\","
				+ "\"headers\":{" + extraHeaders
				+ "\"Content-Type\":\"application/json\",\"Host\":\"x.execute-api.us-east-1.amazonaws.com\"},"
				+ "\"multiValueHeaders\":{\"Content-Type\":[\"application/json\"]},\"queryStringParameters\":null,"
				+ "\"pathParameters\":{\"proxy\":\"" + path.substring(1) + "\"},\"stageVariables\":null,"
				+ "\"requestContext\":{\"resourcePath\":\"/{proxy+}\",\"httpMethod\":\"" + method + "\",\"path\":\"/prod"
				+ path + "\",\"accountId\":\"123456789012\",\"protocol\":\"HTTP/1.1\",\"stage\":\"prod\","
				+ "\"requestId\":\"" + UUID.randomUUID() + "\",\"identity\":{\"sourceIp\":\"203.0.113.7\"},"
				+ "\"apiId\":\"x\"},\"body\":" + escapedBody + ",\"isBase64Encoded\":false}";
	}

}
