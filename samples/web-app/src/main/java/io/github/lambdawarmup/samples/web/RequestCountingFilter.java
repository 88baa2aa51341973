package io.github.lambdawarmup.samples.web;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The application's own filter, registered at the highest precedence as a user's might be: it counts
 * the requests it sees, which must never include a warm-up.
 */
public class RequestCountingFilter extends OncePerRequestFilter {

	/** How many requests this filter saw in this environment; the tests read it. */
	public static final AtomicLong seen = new AtomicLong();

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		seen.incrementAndGet();
		response.setHeader("X-Request-Count", Long.toString(seen.get()));
		chain.doFilter(request, response);
	}

}
