package io.github.lambdawarmup.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.github.lambdawarmup.Priming;

/**
 * Runs a priming event, an HTTP event as API Gateway, an ALB or a function URL delivers it, through the web
 * container behind {@link WarmupStreamHandler}: the application's filters, the dispatcher and its controllers,
 * with the {@link Priming#HTTP_HEADER} request header added. The answer is dropped; an answer of 400 or more is a
 * failed priming, logged.
 */
public final class WarmupWebPrimingRunner implements Priming.Runner {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	public void run(Priming.Event event) throws Exception {
		RequestStreamHandler container = WarmupStreamHandler.container();
		if (container == null) {
			throw new IllegalStateException("No web container to prime through: name "
					+ WarmupStreamHandler.class.getName() + "::handleRequest as the function's handler");
		}
		ByteArrayOutputStream answer = new ByteArrayOutputStream();
		container.handleRequest(new ByteArrayInputStream(marked(event)), answer, null);
		int status = JSON.readTree(answer.toByteArray()).path("statusCode").asInt(200);
		if (status >= 400) {
			throw new IllegalStateException("the application answered " + status);
		}
	}

	static byte[] marked(Priming.Event event) {
		JsonNode root = JSON.readTree(event.body());
		if (!(root instanceof ObjectNode request) || !(request.has("httpMethod") || request.has("requestContext"))) {
			throw new IllegalArgumentException(event.name() + " is not an HTTP event (API Gateway, ALB or function URL)");
		}
		ObjectNode headers = (request.get("headers") instanceof ObjectNode present) ? present
				: request.putObject("headers");
		headers.put(Priming.HTTP_HEADER, "true");
		if (request.get("multiValueHeaders") instanceof ObjectNode multiValue) {
			multiValue.putArray(Priming.HTTP_HEADER).add("true");
		}
		return JSON.writeValueAsBytes(request);
	}

}
