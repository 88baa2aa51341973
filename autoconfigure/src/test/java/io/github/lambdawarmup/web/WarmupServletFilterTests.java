package io.github.lambdawarmup.web;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.github.lambdawarmup.WarmupInterceptor;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import io.github.lambdawarmup.local.LocalContext;

import static org.assertj.core.api.Assertions.assertThat;

class WarmupServletFilterTests {

	private final WarmupServletFilter filter = new WarmupServletFilter(WarmupInterceptor.withDefaults());

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	private final MockFilterChain chain = new MockFilterChain();

	@Test
	void passesOrdinaryRequestsOnUntouched() throws Exception {
		MockHttpServletRequest request = request("{\"lambda-warmup\":{}}");
		this.filter.doFilter(request, this.response, this.chain);
		assertThat(this.chain.getRequest()).isSameAs(request);
	}

	@Test
	void answersAMarkedRequestWithAnEmptyBody() throws Exception {
		MockHttpServletRequest request = request("");
		request.addHeader("X-Lambda-Warmup", "true");
		this.filter.doFilter(request, this.response, this.chain);
		assertThat(this.chain.getRequest()).isNull();
		assertThat(this.response.getStatus()).isEqualTo(200);
		assertThat(this.response.getContentAsString()).contains("\"status\":\"warm\"");
	}

	@Test
	void answersAMarkedRequestCarryingAWarmupEventWithoutSayingAnythingToAnAnonymousCaller() throws Exception {
		MockHttpServletRequest request = request("{\"lambda-warmup\":{\"round\":\"r\",\"index\":1,\"size\":2,\"holdMs\":900000}}");
		request.addHeader("x-lambda-warmup", "1");
		this.filter.doFilter(request, this.response, this.chain);
		assertThat(this.chain.getRequest()).isNull();
		assertThat(this.response.getContentAsString()).isEqualTo("{\"protocol\":1,\"status\":\"warm\"}");
	}

	@Test
	void answersAMarkedRequestInvokedByTheWarmerWithTheEnvironmentsIdentity() throws Exception {
		MockHttpServletRequest request = request("{\"lambda-warmup\":{\"round\":\"r\",\"index\":1,\"size\":2}}");
		request.setAttribute(WarmupServletFilter.LAMBDA_CONTEXT_ATTRIBUTE,
				LocalContext.of("orders").withClientContext(java.util.Map.of(io.github.lambdawarmup.Invocation.WARMER_KEY, "1")));
		request.addHeader("x-lambda-warmup", "1");
		this.filter.doFilter(request, this.response, this.chain);
		assertThat(this.response.getContentAsString()).contains("\"round\":\"r\"").contains("environmentId");
	}

	@Test
	void refusesAFanOutTrigger() throws Exception {
		MockHttpServletRequest request = request("{\"lambda-warmup\":{\"action\":\"fan-out\"}}");
		request.addHeader("X-Lambda-Warmup", "true");
		this.filter.doFilter(request, this.response, this.chain);
		assertThat(this.chain.getRequest()).isNull();
		assertThat(this.response.getStatus()).isEqualTo(403);
		assertThat(this.response.getContentAsString()).contains("FanOutRefused");
	}

	@Test
	void rejectsAMarkedRequestWhoseBodyIsNotAWarmup() throws Exception {
		MockHttpServletRequest request = request("{\"sku\":\"MUG\"}");
		request.addHeader("X-Lambda-Warmup", "true");
		this.filter.doFilter(request, this.response, this.chain);
		assertThat(this.chain.getRequest()).isNull();
		assertThat(this.response.getStatus()).isEqualTo(400);
		assertThat(this.response.getContentAsString()).contains("body is not a warm-up event");
	}

	private static MockHttpServletRequest request(String body) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/orders");
		request.setContent(body.getBytes(StandardCharsets.UTF_8));
		request.setAttribute(WarmupServletFilter.LAMBDA_CONTEXT_ATTRIBUTE, LocalContext.of("orders"));
		return request;
	}

}
