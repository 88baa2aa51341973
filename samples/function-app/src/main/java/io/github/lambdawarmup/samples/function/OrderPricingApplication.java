package io.github.lambdawarmup.samples.function;

import java.util.function.Function;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * An order-pricing function: Lambda calls it through Spring Cloud Function's {@code FunctionInvoker};
 * lambda-warmup answers warm-ups before it runs.
 */
@SpringBootApplication(proxyBeanMethods = false)
@EnableConfigurationProperties(PricingProperties.class)
public class OrderPricingApplication {

	public static void main(String[] args) {
		SpringApplication.run(OrderPricingApplication.class, args);
	}

	@Bean
	PriceCatalog priceCatalog(PricingProperties properties) {
		return new PriceCatalog(properties.getPrices());
	}

	@Bean
	Function<Order, Quote> priceOrder(PriceCatalog catalog, PricingProperties properties) {
		return new OrderPricer(catalog, properties);
	}

}
