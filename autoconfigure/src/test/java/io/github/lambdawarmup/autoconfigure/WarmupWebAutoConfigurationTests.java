package io.github.lambdawarmup.autoconfigure;

import org.junit.jupiter.api.Test;

import io.github.lambdawarmup.web.WarmupServletFilter;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;

import static org.assertj.core.api.Assertions.assertThat;

class WarmupWebAutoConfigurationTests {

	private static final AutoConfigurations WARMUP = AutoConfigurations.of(WarmupAutoConfiguration.class,
			WarmupWebAutoConfiguration.class);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(WARMUP)
		.withPropertyValues("warmup.lambda-detection=force-on");

	private final WebApplicationContextRunner webContextRunner = new WebApplicationContextRunner()
		.withConfiguration(WARMUP)
		.withPropertyValues("warmup.lambda-detection=force-on");

	@Test
	void answersNoWarmupOverHttpUnlessAsked() {
		this.webContextRunner
			.run((context) -> assertThat(context).doesNotHaveBean("warmupServletFilter"));
	}

	@Test
	void registersTheServletFilterFirstInAServletApplicationWhenAsked() {
		this.webContextRunner.withPropertyValues("warmup.http-warmups.enabled=true")
			.run((context) -> {
				FilterRegistrationBean<?> registration = context.getBean("warmupServletFilter",
						FilterRegistrationBean.class);
				assertThat(registration.getFilter()).isInstanceOf(WarmupServletFilter.class);
				assertThat(registration.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
			});
	}

	@Test
	void registersNoServletFilterOutsideAServletApplication() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean("warmupServletFilter"));
	}
}
