package io.github.lambdawarmup.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.amazonaws.services.lambda.runtime.Context;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.github.lambdawarmup.Invocation;
import io.github.lambdawarmup.LambdaContexts;
import io.github.lambdawarmup.WarmupEvent;
import io.github.lambdawarmup.WarmupInterceptor;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers warm-ups that arrive as HTTP requests: requests that carry the {@value #HEADER} header, with
 * an empty body or a warm-up event as their body. They never reach the dispatcher or the filters after
 * this one. A fan-out trigger is refused over HTTP. Every other request passes on untouched.
 */
public class WarmupServletFilter extends OncePerRequestFilter {

	/** The header that marks an HTTP request as a warm-up. */
	public static final String HEADER = "X-Lambda-Warmup";

	// aws-serverless-java-container keeps the Lambda context in this request attribute.
	static final String LAMBDA_CONTEXT_ATTRIBUTE = "com.amazonaws.lambda.context";

	private static final byte[] EMPTY_WARMUP = ("{\"" + WarmupEvent.PROTOCOL_KEY + "\":{}}")
		.getBytes(StandardCharsets.UTF_8);

	private static final byte[] NOT_A_WARMUP = ("{\"protocol\":1,\"status\":\"invalid\",\"errorType\":"
			+ "\"InvalidWarmupEvent\",\"errorMessage\":\"the " + HEADER
			+ " header is set but the body is not a warm-up event\"}")
		.getBytes(StandardCharsets.UTF_8);

	private final WarmupInterceptor interceptor;

	public WarmupServletFilter(WarmupInterceptor interceptor) {
		this.interceptor = interceptor;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Invocation invocation = invocation(request);
		if (request.getHeader(HEADER) == null) {
			this.interceptor.pass(invocation);
			chain.doFilter(request, response);
			return;
		}
		byte[] body = request.getInputStream().readNBytes(WarmupEvent.MAX_EVENT_BYTES + 1);
		Optional<WarmupInterceptor.Answer> answer = this.interceptor.intercept((body.length == 0) ? EMPTY_WARMUP : body, invocation,
				false);
		if (answer.isEmpty()) {
			write(response, HttpServletResponse.SC_BAD_REQUEST, NOT_A_WARMUP);
			return;
		}
		write(response, status(answer.get().kind()), answer.get().json());
	}

	private static int status(WarmupInterceptor.Answer.Kind kind) {
		return switch (kind) {
			case REFUSED -> HttpServletResponse.SC_FORBIDDEN;
			case INVALID -> HttpServletResponse.SC_BAD_REQUEST;
			case WARM, FAN_OUT -> HttpServletResponse.SC_OK;
		};
	}

	private static void write(HttpServletResponse response, int status, byte[] body) throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		response.flushBuffer();
	}

	private static Invocation invocation(HttpServletRequest request) {
		return (request.getAttribute(LAMBDA_CONTEXT_ATTRIBUTE) instanceof Context context)
				? LambdaContexts.invocation(context) : Invocation.unknown();
	}

}
