package io.github.lambdawarmup.function;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.github.lambdawarmup.Invocation;
import io.github.lambdawarmup.Priming;
import io.github.lambdawarmup.WarmupInterceptor;
import io.github.lambdawarmup.autoconfigure.WarmupAutoConfiguration;
import io.github.lambdawarmup.autoconfigure.WarmupFunctionAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Priming through the real Spring Cloud Function catalog: the user's function gets each declared event, marked,
 * in the first trusted warm-up, and a priming call is not a user's invocation.
 */
class FunctionPrimingTests {

	private static final Invocation FROM_WARMER = new Invocation("r-1", Duration.ofSeconds(30), null,
			Map.of(Invocation.WARMER_KEY, "1"));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
				ContextFunctionCatalogAutoConfiguration.class, WarmupAutoConfiguration.class,
				WarmupFunctionAutoConfiguration.class))
		.withUserConfiguration(SkuFunction.class)
		.withPropertyValues("warmup.lambda-detection=force-on", "spring.cloud.function.definition=sku");

	@Test
	void theFirstTrustedWarmUpRunsEachEventThroughTheFunctionMarked() {
		this.contextRunner.withPropertyValues("warmup.priming.events=classpath:priming-test/*.json").run((context) -> {
			SkuFunction function = context.getBean(SkuFunction.class);
			WarmupInterceptor interceptor = context.getBean(WarmupInterceptor.class);
			// The environment is the process's: other tests of this JVM counted in it too.
			long userInvocations = context.getBean(io.github.lambdawarmup.ExecutionEnvironment.class).userInvocations();
			assertThat(function.seen).isEmpty();
			// The first warm-up primes what its hold has time for, at least one event; each later one runs at least
			// one more, so two warm-ups run both, whatever this machine's speed.
			interceptor.intercept(utf8("{\"lambda-warmup\":{\"holdMs\":500}}"), FROM_WARMER);
			assertThat(function.seen).startsWith("MUG primed=true");
			interceptor.intercept(utf8("{\"lambda-warmup\":{\"holdMs\":0}}"), FROM_WARMER);
			assertThat(function.seen).containsExactly("MUG primed=true", "GRINDER primed=true");
			interceptor.intercept(utf8("{\"lambda-warmup\":{\"holdMs\":0}}"), FROM_WARMER);
			assertThat(function.seen).hasSize(2);
			assertThat(context.getBean(io.github.lambdawarmup.ExecutionEnvironment.class).userInvocations())
				.isEqualTo(userInvocations);
		});
	}

	@Test
	void nothingPrimesUnlessEventsAreDeclared() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(Priming.class);
			context.getBean(WarmupInterceptor.class)
				.intercept(utf8("{\"lambda-warmup\":{\"holdMs\":0}}"), FROM_WARMER);
			assertThat(context.getBean(SkuFunction.class).seen).isEmpty();
		});
	}

	@Test
	void aLocationThatNamesNothingFailsAtStartUpNamingTheProperty() {
		this.contextRunner.withPropertyValues("warmup.priming.events=classpath:no-such-priming/*.json")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("warmup.priming.events")
					.hasMessageContaining("classpath:no-such-priming/*.json");
			});
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Configuration(proxyBeanMethods = false)
	static class SkuFunction {

		final List<String> seen = new CopyOnWriteArrayList<>();

		@Bean
		Function<Message<Sku>, String> sku() {
			return (message) -> {
				this.seen.add(message.getPayload().sku() + " primed="
						+ message.getHeaders().get(Priming.MESSAGE_HEADER));
				return "ok";
			};
		}

	}

	record Sku(String sku) {
	}

}
