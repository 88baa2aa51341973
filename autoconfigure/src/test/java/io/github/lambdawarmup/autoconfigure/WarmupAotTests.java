package io.github.lambdawarmup.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.lambdawarmup.DispatchCalibration;
import io.github.lambdawarmup.EnvironmentStatus;
import io.github.lambdawarmup.Invocation;
import io.github.lambdawarmup.WarmupAnswer;
import io.github.lambdawarmup.WarmupErrorAnswer;
import io.github.lambdawarmup.WarmupInterceptor;
import io.github.lambdawarmup.actuate.WarmupStatus;
import io.github.lambdawarmup.actuate.WarmupStatusHandler;
import io.github.lambdawarmup.fanout.FanOutReport;
import io.github.lambdawarmup.function.WarmupFunctionAroundWrapper;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ahead-of-time processing decides conditions at build time, without Lambda's variables: the warm-up beans
 * are kept there and Lambda is detected again when the application runs.
 */
@ExtendWith(OutputCaptureExtension.class)
class WarmupAotTests {

	// As Spring's AOT processor runs the application's context: with spring.aot.processing set.
	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WarmupAutoConfiguration.class, WarmupFunctionAutoConfiguration.class))
		.withPropertyValues(OnLambdaCondition.AOT_PROCESSING + "=true");

	@Test
	void aotProcessingKeepsTheWarmupBeansWithoutLambdasVariables() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(WarmupInterceptor.class)
			.hasSingleBean(WarmupFunctionAroundWrapper.class));
	}

	@Test
	void aotProcessingLeavesThemOutWhenDetectionIsForcedOff() {
		this.contextRunner.withPropertyValues("warmup.lambda-detection=force-off")
			.run((context) -> assertThat(context).doesNotHaveBean(WarmupInterceptor.class));
	}

	@Test
	void offLambdaAtRunTimeTheInterceptorPassesEverythingOn() {
		this.contextRunner.run((context) -> {
			WarmupInterceptor interceptor = context.getBean(WarmupInterceptor.class);
			assertThat(interceptor.isActive()).isFalse();
			byte[] warmUp = "{\"lambda-warmup\":{\"holdMs\":0}}".getBytes(StandardCharsets.UTF_8);
			assertThat(interceptor.intercept(warmUp, new Invocation("r-1", Duration.ofSeconds(30), null, java.util.Map.of(Invocation.WARMER_KEY, "1")))).isEmpty();
		});
	}

	@Test
	void offLambdaAtRunTimeTheStatusSaysTheWarmUpPathIsInactive() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(WarmupActuateAutoConfiguration.class))
			.run((context) -> assertThat(context.getBean(WarmupStatusHandler.class).status().activation().active())
				.isFalse());
		this.contextRunner.withConfiguration(AutoConfigurations.of(WarmupActuateAutoConfiguration.class))
			.withPropertyValues("AWS_LAMBDA_FUNCTION_NAME=orders")
			.run((context) -> assertThat(context.getBean(WarmupStatusHandler.class).status().activation().active())
				.isTrue());
	}

	@Test
	void onLambdaAtRunTimeTheInterceptorAnswersWarmUps() {
		this.contextRunner.withPropertyValues("AWS_LAMBDA_FUNCTION_NAME=orders").run((context) -> {
			WarmupInterceptor interceptor = context.getBean(WarmupInterceptor.class);
			assertThat(interceptor.isActive()).isTrue();
			byte[] warmUp = "{\"lambda-warmup\":{\"holdMs\":0}}".getBytes(StandardCharsets.UTF_8);
			assertThat(interceptor.intercept(warmUp, new Invocation("r-1", Duration.ofSeconds(30), null, java.util.Map.of(Invocation.WARMER_KEY, "1"))))
				.hasValueSatisfying((answer) -> assertThat(answer.kind()).isEqualTo(WarmupInterceptor.Answer.Kind.WARM));
		});
	}

	@Test
	void runtimeHintsCoverEveryAnswerJacksonWritesAndTheRegistrysWrapperField() {
		RuntimeHints hints = new RuntimeHints();
		SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(org.springframework.aot.hint.RuntimeHintsRegistrar.class)
			.forEach((registrar) -> registrar.registerHints(hints, getClass().getClassLoader()));
		for (Class<?> type : new Class<?>[] { WarmupAnswer.class, WarmupErrorAnswer.class, EnvironmentStatus.class,
				DispatchCalibration.class, FanOutReport.class, FanOutReport.Holds.class, FanOutReport.Retention.class,
				WarmupStatus.class, WarmupStatus.Activation.class }) {
			assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getName()).accepts(hints);
		}
		assertThat(RuntimeHintsPredicates.reflection().onField(SimpleFunctionRegistry.class, "functionAroundWrapper"))
			.accepts(hints);
	}

	@Test
	void theStartUpLineSaysWhetherTheWarmUpPathIsActive(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WarmupOnly.class)
			.web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", OnLambdaCondition.AOT_PROCESSING + "=true")
			.run()) {
			assertThat(output).contains(WarmupStartupLine.INACTIVE).doesNotContain("lambda-warmup active (");
		}
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WarmupOnly.class)
			.web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", OnLambdaCondition.AOT_PROCESSING + "=true",
					"AWS_LAMBDA_FUNCTION_NAME=orders")
			.run()) {
			assertThat(output).contains("lambda-warmup active (");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(WarmupAutoConfiguration.class)
	static class WarmupOnly {

	}

}
