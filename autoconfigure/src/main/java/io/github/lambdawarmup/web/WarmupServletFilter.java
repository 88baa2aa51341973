package io.github.lambdawarmup.web;

import java.io.IOException;

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
 * Answers warm-ups that arrive as HTTP requests: requests that carry the
 * {@code X-Lambda-Warmup} header, with an empty body or a warm-up event as their body. They
 * never reach the dispatcher or the filters after this one. A fan-out trigger is refused over HTTP.
 * Every other request passes on untouched (and is counted by {@link WarmupStreamHandler}, which sees
 * every event).
 */
public class WarmupServletFilter extends OncePerRequestFilter {

	// aws-serverless-java-container keeps the Lambda context in this request attribute.
	static final String LAMBDA_CONTEXT_ATTRIBUTE = "com.amazonaws.lambda.context";

	private final WarmupInterceptor interceptor;

	public WarmupServletFilter(WarmupInterceptor interceptor) {
		this.interceptor = interceptor;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getHeader(HttpWarmupRequests.HEADER) == null) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body = request.getInputStream().readNBytes(WarmupEvent.MAX_EVENT_BYTES + 1);
		HttpWarmupAnswer answer = HttpWarmupAnswer.of(this.interceptor, body, invocation(request));
		response.setStatus(answer.status());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(answer.json().length);
		response.getOutputStream().write(answer.json());
		response.flushBuffer();
	}

	private static Invocation invocation(HttpServletRequest request) {
		return (request.getAttribute(LAMBDA_CONTEXT_ATTRIBUTE) instanceof Context context)
				? LambdaContexts.invocation(context) : Invocation.unknown();
	}

}
