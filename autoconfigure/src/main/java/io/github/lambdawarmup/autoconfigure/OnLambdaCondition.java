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
 */
class OnLambdaCondition extends SpringBootCondition {

	private static final String DETECTION_PROPERTY = "warmup.lambda-detection";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment environment = context.getEnvironment();
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnLambda.class);
		LambdaDetection detection = Binder.get(environment)
			.bind(DETECTION_PROPERTY, LambdaDetection.class)
			.orElse(LambdaDetection.AUTO);
		return switch (detection) {
			case FORCE_ON -> ConditionOutcome.match(message.because(DETECTION_PROPERTY + " is force-on"));
			case FORCE_OFF -> ConditionOutcome.noMatch(message.because(DETECTION_PROPERTY + " is force-off"));
			case AUTO -> detect(environment, message);
		};
	}

	private ConditionOutcome detect(Environment environment, ConditionMessage.Builder message) {
		for (String variable : new String[] { LambdaPlatform.FUNCTION_NAME, LambdaPlatform.RUNTIME_API }) {
			if (environment.containsProperty(variable)) {
				return ConditionOutcome.match(message.found("environment variable").items(variable));
			}
		}
		return ConditionOutcome.noMatch(message.didNotFind("environment variable")
			.items(LambdaPlatform.FUNCTION_NAME, LambdaPlatform.RUNTIME_API));
	}

}
