package io.github.lambdawarmup.autoconfigure;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings that would start silently and then break every round or switch warming off fail at
 * start-up, naming the property.
 */
class WarmupPropertiesValidationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WarmupFanOutAutoConfiguration.class, WarmupAutoConfiguration.class))
		.withPropertyValues("warmup.lambda-detection=force-on");

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			a window without concurrency    | warmup.fan-out.windows[0].concurrency | warmup.fan-out.windows[0].from=08:00;warmup.fan-out.windows[0].to=18:00
			max-concurrency below concurrency | warmup.fan-out.max-concurrency     | warmup.fan-out.concurrency=30;warmup.fan-out.max-concurrency=20
			a window above max-concurrency  | warmup.fan-out.windows[0].concurrency | warmup.fan-out.windows[0].concurrency=300
			concurrency above 10,000        | warmup.fan-out.concurrency            | warmup.fan-out.concurrency=20000;warmup.fan-out.max-concurrency=10000
			a negative concurrency          | warmup.fan-out.concurrency            | warmup.fan-out.concurrency=-1
			max-hold above Lambda's timeout | warmup.max-hold                       | warmup.max-hold=1h
			a negative max-hold             | warmup.max-hold                       | warmup.max-hold=-1s
			a hold as long as the timeout   | warmup.fan-out.hold                   | warmup.max-hold=10s;warmup.fan-out.hold=5s;warmup.fan-out.invocation-timeout=5s
			a hold above max-hold           | warmup.fan-out.hold                   | warmup.fan-out.hold=3s
			a rate of a millisecond         | warmup.fan-out.schedule.rate          | warmup.fan-out.schedule.rate=1ms
			both rate and cron              | warmup.fan-out.schedule.cron          | warmup.fan-out.schedule.rate=4m;warmup.fan-out.schedule.cron=0 0/4 * * * *
			a cron that does not parse      | warmup.fan-out.schedule.cron          | warmup.fan-out.schedule.cron=every four minutes
			""")
	void refusesToStartAndNamesTheProperty(String setting, String property, String values) {
		this.contextRunner.withPropertyValues(values.split(";")).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.satisfies((failure) -> assertThat(((InvalidConfigurationPropertyValueException) failure).getName())
					.isEqualTo(property));
		});
	}

	@Test
	void startsWithTheDefaultsAndWithAWholeDayWindow() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed());
		this.contextRunner
			.withPropertyValues("warmup.fan-out.windows[0].concurrency=20", "warmup.fan-out.schedule.cron=0 0/4 * * * *")
			.run((context) -> assertThat(context).hasNotFailed());
	}

}
