package io.github.lambdawarmup.autoconfigure;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.github.lambdawarmup.ExecutionEnvironment;
import io.github.lambdawarmup.LambdaPlatform;
import io.github.lambdawarmup.Priming;
import io.github.lambdawarmup.fanout.LambdaInvoker;

import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class WarmupSnapStartAutoConfigurationTests {

	private static final AutoConfigurations WARMUP = AutoConfigurations.of(WarmupAutoConfiguration.class,
			WarmupSnapStartAutoConfiguration.class);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(WARMUP)
		.withPropertyValues("warmup.lambda-detection=force-on");

	@Test
	void registersTheSnapStartHooksWhenCracIsPresent() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(SnapStartHooks.class));
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.crac"))
			.run((context) -> assertThat(context).doesNotHaveBean(SnapStartHooks.class));
	}

	@Test
	void registersNothingWhenTheStarterIsInactive() {
		new ApplicationContextRunner().withConfiguration(WARMUP)
			.run((context) -> assertThat(context).doesNotHaveBean(SnapStartHooks.class));
	}

	@Test
	void beforeTheCheckpointTheFanOutsOwnInvokerIsClosedAndBuiltAgainWhenARoundNeedsIt() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WarmupFanOutAutoConfiguration.class, WarmupAutoConfiguration.class,
					WarmupSnapStartAutoConfiguration.class))
			.withPropertyValues("warmup.lambda-detection=force-on", "AWS_REGION=eu-west-1")
			.withBean(DestroyedBeans.class, DestroyedBeans::new)
			.run((context) -> {
				LambdaInvoker before = context.getBean(LambdaInvoker.class);
				context.getBean(SnapStartHooks.class).beforeCheckpoint(null);
				assertThat(context.getBeanFactory().containsSingleton(WarmupFanOutAutoConfiguration.INVOKER_BEAN)).isFalse();
				LambdaInvoker after = context.getBean(LambdaInvoker.class);
				assertThat(after).isNotSameAs(before);
				// Its destroy method (close: the HTTP client and its event loops) ran.
				assertThat(context.getBean(DestroyedBeans.class).names).containsExactly(WarmupFanOutAutoConfiguration.INVOKER_BEAN);
			});
	}

	@Test
	void afterARestoreTheEnvironmentHasANewIdentity() {
		// An environment of its own: the process's is shared with the other tests of this JVM.
		this.contextRunner.withBean(ExecutionEnvironment.class, () -> new ExecutionEnvironment(Clock.systemUTC(),
				Instant.now(), LambdaPlatform.from(Map.of()))).run((context) -> {
			ExecutionEnvironment environment = context.getBean(ExecutionEnvironment.class);
			String before = environment.id();
			context.getBean(SnapStartHooks.class).afterRestore(null);
			assertThat(environment.id()).isNotEqualTo(before);
		});
	}

	@Test
	void primesBeforeTheCheckpointWhenPrimingIsConfigured() {
		this.contextRunner.withPropertyValues("warmup.priming.events=classpath:priming-test/*.json")
			.withBean(Priming.Runner.class, () -> (event) -> {
			})
			.run((context) -> {
				context.getBean(SnapStartHooks.class).beforeCheckpoint(null);
				assertThat(context.getBean(Priming.class).lastReport())
					.isEqualTo(new Priming.Report(Priming.Phase.BEFORE_CHECKPOINT, 2, 0, 0,
							context.getBean(Priming.class).lastReport().durationMs()));
			});
		// Without priming events, the checkpoint primes nothing.
		this.contextRunner.run((context) -> {
			context.getBean(SnapStartHooks.class).beforeCheckpoint(null);
			assertThat(context).doesNotHaveBean(Priming.class);
		});
	}

	static final class DestroyedBeans implements DestructionAwareBeanPostProcessor {

		final List<String> names = new CopyOnWriteArrayList<>();

		@Override
		public void postProcessBeforeDestruction(Object bean, String beanName) {
			if (bean instanceof LambdaInvoker) {
				this.names.add(beanName);
			}
		}

	}

}
