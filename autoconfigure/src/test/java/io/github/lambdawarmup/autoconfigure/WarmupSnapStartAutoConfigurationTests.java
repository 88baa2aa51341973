package io.github.lambdawarmup.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.github.lambdawarmup.Priming;
import io.github.lambdawarmup.fanout.LambdaInvoker;
import io.github.lambdawarmup.internal.SnapStartIdentityRefresher;
import io.github.lambdawarmup.internal.SnapStartPriming;

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
	void registersTheSnapStartRefresherWhenCracIsPresent() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(SnapStartIdentityRefresher.class));
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.crac"))
			.run((context) -> assertThat(context).doesNotHaveBean(SnapStartIdentityRefresher.class));
	}

	@Test
	void registersNothingWhenTheStarterIsInactive() {
		new ApplicationContextRunner().withConfiguration(WARMUP)
			.run((context) -> assertThat(context).doesNotHaveBean(SnapStartIdentityRefresher.class));
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
				SnapStartInvokerRefresher refresher = context.getBean(SnapStartInvokerRefresher.class);
				refresher.beforeCheckpoint(null);
				assertThat(context.getBeanFactory().containsSingleton(SnapStartInvokerRefresher.INVOKER_BEAN)).isFalse();
				LambdaInvoker after = context.getBean(LambdaInvoker.class);
				assertThat(after).isNotSameAs(before);
				// Its destroy method (close: the HTTP client and its event loops) ran.
				assertThat(context.getBean(DestroyedBeans.class).names).containsExactly(SnapStartInvokerRefresher.INVOKER_BEAN);
			});
	}

	@Test
	void primesBeforeTheCheckpointWhenPrimingIsConfigured() {
		this.contextRunner.withPropertyValues("warmup.priming.events=classpath:priming-test/*.json")
			.withBean(Priming.Runner.class, () -> (event) -> {
			})
			.run((context) -> {
				SnapStartPriming priming = context.getBean(SnapStartPriming.class);
				priming.beforeCheckpoint(null);
				assertThat(context.getBean(Priming.class).lastReport())
					.isEqualTo(new Priming.Report(Priming.BEFORE_CHECKPOINT, 2, 0, 0,
							context.getBean(Priming.class).lastReport().durationMs()));
			});
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(SnapStartPriming.class));
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
