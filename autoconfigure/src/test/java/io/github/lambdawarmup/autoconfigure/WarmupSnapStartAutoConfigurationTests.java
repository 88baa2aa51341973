package io.github.lambdawarmup.autoconfigure;

import org.junit.jupiter.api.Test;

import io.github.lambdawarmup.internal.SnapStartIdentityRefresher;

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
}
