package io.github.lambdawarmup.autoconfigure;

import io.github.lambdawarmup.LambdaPlatform;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Reads Lambda's environment variables through the Spring {@link Environment}, so that tests can set
 * them as properties.
 * <p>
 * Ahead-of-time processing evaluates conditions once, at build time, where Lambda's variables are not set.
 * There, with detection on {@code auto}, the condition matches, and {@link #onLambda(Environment)} decides again
 * at run time: an AOT-processed application off Lambda builds an inactive interceptor.
 */
class OnLambdaCondition extends SpringBootCondition {

	private static final String DETECTION_PROPERTY = "warmup.lambda-detection";

	// A system property Spring's AOT processor (AbstractAotProcessor) sets for the time it runs; not public there.
	// Read through the environment, as the fan-out's region condition reads it.
	static final String AOT_PROCESSING = "spring.aot.processing";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnLambda.class);
		Environment environment = context.getEnvironment();
		if (environment.getProperty(AOT_PROCESSING, Boolean.class, false)
				&& detection(environment) == LambdaDetection.AUTO) {
			return ConditionOutcome.match(message.because("AOT processing: Lambda is detected at run time"));
		}
		return outcome(environment, message);
	}

	/**
	 * Whether the application runs on Lambda, or is told to act as if it did, read at run time.
	 * @param environment the application's environment
	 * @return whether the warm-up path should act
	 */
	static boolean onLambda(Environment environment) {
		return outcome(environment, ConditionMessage.forCondition(ConditionalOnLambda.class)).isMatch();
	}

	private static LambdaDetection detection(Environment environment) {
		return Binder.get(environment).bind(DETECTION_PROPERTY, LambdaDetection.class).orElse(LambdaDetection.AUTO);
	}

	private static ConditionOutcome outcome(Environment environment, ConditionMessage.Builder message) {
		LambdaDetection detection = detection(environment);
		return switch (detection) {
			case FORCE_ON -> ConditionOutcome.match(message.because(DETECTION_PROPERTY + " is force-on"));
			case FORCE_OFF -> ConditionOutcome.noMatch(message.because(DETECTION_PROPERTY + " is force-off"));
			case AUTO -> detect(environment, message);
		};
	}

	private static ConditionOutcome detect(Environment environment, ConditionMessage.Builder message) {
		for (String variable : new String[] { LambdaPlatform.FUNCTION_NAME, LambdaPlatform.RUNTIME_API }) {
			if (environment.containsProperty(variable)) {
				return ConditionOutcome.match(message.found("environment variable").items(variable));
			}
		}
		return ConditionOutcome.noMatch(message.didNotFind("environment variable")
			.items(LambdaPlatform.FUNCTION_NAME, LambdaPlatform.RUNTIME_API));
	}

}
