package io.github.lambdawarmup.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.jspecify.annotations.Nullable;

/**
 * Lambda's Invoke API, {@code POST /2015-03-31/functions/{FunctionName}/invocations}, in the wire
 * format of the real service, so that the AWS SDK and the AWS CLI talk to it unchanged. Request
 * signatures are accepted, not checked.
 */
final class InvokeApi implements HttpHandler {

	static final String PATH_PREFIX = "/2015-03-31/functions/";

	private static final String PATH_SUFFIX = "/invocations";

	/** The runtime's cap on a synchronous response, in bytes. */
	static final int MAX_SYNC_PAYLOAD = 6_291_556;

	/** The Invoke API's cap on a synchronous request, in bytes: a hundred bytes below the response's. */
	static final int MAX_SYNC_REQUEST = 6_291_456;

	/** The cap on an asynchronous payload, in bytes. */
	static final int MAX_ASYNC_PAYLOAD = 1_048_576;

	private static final int LOG_TAIL_BYTES = 4096;

	/** The largest client context, decoded, that the Invoke API takes. */
	static final int MAX_CLIENT_CONTEXT = 3583;

	private final ServiceIdentity service;

	private final Function<String, @Nullable FunctionRuntime> functions;

	private final AsyncQueue asyncQueue;

	InvokeApi(ServiceIdentity service, Function<String, @Nullable FunctionRuntime> functions, AsyncQueue asyncQueue) {
		this.service = service;
		this.functions = functions;
		this.asyncQueue = asyncQueue;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getRawPath();
			if (!"POST".equals(exchange.getRequestMethod()) || !path.startsWith(PATH_PREFIX)
					|| !path.endsWith(PATH_SUFFIX) || path.length() <= PATH_PREFIX.length() + PATH_SUFFIX.length()) {
				error(exchange, 404, "UnknownOperationException", Map.of("message", "Unknown operation " + path));
				return;
			}
			String functionName = URLDecoder.decode(
					path.substring(PATH_PREFIX.length(), path.length() - PATH_SUFFIX.length()), StandardCharsets.UTF_8);
			String qualifier = queryParameter(exchange, "Qualifier");
			// A function may be named by its ARN, its partial ARN (account:function:name) or name:qualifier, each of
			// which can carry the qualifier.
			String[] parts = functionName.split(":");
			int name = functionName.startsWith("arn:") ? 6 : (parts.length > 2 && "function".equals(parts[1])) ? 2 : 0;
			if (parts.length > name) {
				functionName = parts[name];
				if (parts.length > name + 1 && qualifier == null) {
					qualifier = parts[name + 1];
				}
			}
			invoke(exchange, functionName, qualifier);
		}
	}

	private void invoke(HttpExchange exchange, String functionName, @Nullable String qualifier) throws IOException {
		FunctionRuntime runtime = this.functions.apply(functionName);
		String arn = this.service.functionArn(functionName) + ((qualifier != null) ? ":" + qualifier : "");
		String version = (runtime != null) ? runtime.function().resolve(qualifier) : null;
		if (runtime == null || version == null) {
			error(exchange, 404, "ResourceNotFoundException",
					Map.of("Type", "User", "Message", "Function not found: " + arn));
			return;
		}
		String invocationType = header(exchange, "X-Amz-Invocation-Type", "RequestResponse");
		byte[] payload = readPayload(exchange.getRequestBody(), MAX_SYNC_PAYLOAD + 1);
		int limit = "Event".equals(invocationType) ? MAX_ASYNC_PAYLOAD : MAX_SYNC_REQUEST;
		if (payload.length > limit) {
			error(exchange, 413, "RequestTooLargeException", Map.of("Type", "User", "message",
					"Request must be smaller than " + limit + " bytes for the InvokeFunction operation"));
			return;
		}
		if (payload.length > 0 && !isJson(payload)) {
			error(exchange, 400, "InvalidRequestContentException",
					Map.of("Type", "User", "message", "Could not parse request body into json"));
			return;
		}
		String clientContext = null;
		String encodedContext = exchange.getRequestHeaders().getFirst("X-Amz-Client-Context");
		if (encodedContext != null && "RequestResponse".equals(invocationType)) {
			try {
				byte[] decoded = Base64.getDecoder().decode(encodedContext);
				if (decoded.length > MAX_CLIENT_CONTEXT) {
					error(exchange, 400, "InvalidParameterValueException", Map.of("Type", "User", "message",
							"Client context must be at most " + MAX_CLIENT_CONTEXT + " bytes"));
					return;
				}
				clientContext = new String(decoded, StandardCharsets.UTF_8);
				Json.MAPPER.readTree(clientContext);
			}
			catch (IllegalArgumentException | tools.jackson.core.JacksonException ex) {
				error(exchange, 400, "InvalidRequestContentException",
						Map.of("Type", "User", "message", "Client context must be base64-encoded JSON"));
				return;
			}
		}
		String requestId = UUID.randomUUID().toString();
		exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
		switch (invocationType) {
			case "DryRun" -> {
				exchange.sendResponseHeaders(204, -1);
			}
			case "Event" -> {
				this.asyncQueue.submit(runtime, payload, version, requestId, arn);
				exchange.sendResponseHeaders(202, -1);
			}
			case "RequestResponse" -> respond(exchange, runtime.invoke(payload, version, requestId, arn, clientContext), version,
					requestId, "Tail".equals(header(exchange, "X-Amz-Log-Type", "None")));
			default -> error(exchange, 400, "InvalidParameterValueException",
					Map.of("Type", "User", "message", "Unsupported invocation type " + invocationType));
		}
	}

	private void respond(HttpExchange exchange, FunctionRuntime.Result result, String version, String requestId,
			boolean tail) throws IOException {
		if (result.throttle() != null) {
			exchange.getResponseHeaders().set("Retry-After", "1");
			error(exchange, 429, "TooManyRequestsException",
					Map.of("Reason", result.throttle().name(), "Type", "User", "message", "Rate Exceeded."));
			return;
		}
		InvocationOutcome outcome = result.outcome();
		exchange.getResponseHeaders().set("X-Amz-Executed-Version", version);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		if (outcome.functionError() != null) {
			exchange.getResponseHeaders().set("X-Amz-Function-Error", outcome.functionError());
		}
		if (tail) {
			exchange.getResponseHeaders().set("X-Amz-Log-Result", logTail(outcome, result, version, requestId));
		}
		exchange.sendResponseHeaders(200, (outcome.payload().length == 0) ? -1 : outcome.payload().length);
		exchange.getResponseBody().write(outcome.payload());
	}

	// The lines Lambda writes around every invocation, as the log tail shows them.
	private String logTail(InvocationOutcome outcome, FunctionRuntime.Result result, String version, String requestId) {
		double millis = result.duration().toNanos() / 1_000_000.0;
		String log = "START RequestId: " + requestId + " Version: " + version + "\n" + outcome.log()
				+ "END RequestId: " + requestId + "\n" + "REPORT RequestId: " + requestId + "\tDuration: "
				+ String.format("%.2f", millis) + " ms\tBilled Duration: " + (long) Math.ceil(millis) + " ms"
				+ (result.initDuration().isZero() ? ""
						: "\tInit Duration: " + String.format("%.2f", result.initDuration().toNanos() / 1_000_000.0)
								+ " ms")
				+ "\n";
		byte[] bytes = log.getBytes(StandardCharsets.UTF_8);
		byte[] tail = (bytes.length <= LOG_TAIL_BYTES) ? bytes
				: Arrays.copyOfRange(bytes, bytes.length - LOG_TAIL_BYTES, bytes.length);
		return Base64.getEncoder().encodeToString(tail);
	}

	// The AWS SDK reads the error code from x-amzn-ErrorType first, then from __type in the body.
	private static void error(HttpExchange exchange, int status, String type, Map<String, String> fields)
			throws IOException {
		Map<String, String> body = new LinkedHashMap<>(fields);
		body.put("__type", type);
		byte[] json = Json.write(body);
		exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, json.length);
		exchange.getResponseBody().write(json);
	}

	private static boolean isJson(byte[] payload) {
		try (tools.jackson.core.JsonParser parser = Json.MAPPER.createParser(payload)) {
			while (parser.nextToken() != null) {
				// Read to the end: the whole payload must be one JSON value.
			}
			return true;
		}
		catch (tools.jackson.core.JacksonException ex) {
			return false;
		}
	}

	private static byte[] readPayload(InputStream body, int limit) throws IOException {
		byte[] payload = body.readNBytes(limit);
		body.transferTo(OutputStream.nullOutputStream());
		return payload;
	}

	private static String header(HttpExchange exchange, String name, String fallback) {
		String value = exchange.getRequestHeaders().getFirst(name);
		return (value != null) ? value : fallback;
	}

	private static @Nullable String queryParameter(HttpExchange exchange, String name) {
		String query = exchange.getRequestURI().getRawQuery();
		if (query == null) {
			return null;
		}
		for (String pair : query.split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0 && pair.substring(0, eq).equals(name)) {
				return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			}
		}
		return null;
	}

}
