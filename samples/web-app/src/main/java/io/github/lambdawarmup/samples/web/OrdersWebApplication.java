package io.github.lambdawarmup.samples.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * A REST API for orders. On Lambda its handler is {@code io.github.lambdawarmup.web.WarmupStreamHandler},
 * which answers warm-ups and hands everything else to aws-serverless-java-container.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class OrdersWebApplication {

	public static void main(String[] args) {
		SpringApplication.run(OrdersWebApplication.class, args);
	}

	@Bean
	OrderStore orderStore() {
		return new OrderStore();
	}

	@Bean
	FilterRegistrationBean<RequestCountingFilter> requestCountingFilter() {
		FilterRegistrationBean<RequestCountingFilter> registration = new FilterRegistrationBean<>(
				new RequestCountingFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
