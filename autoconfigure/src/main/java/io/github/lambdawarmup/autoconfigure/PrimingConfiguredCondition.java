package io.github.lambdawarmup.autoconfigure;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code warmup.priming.events} names at least one location, as a YAML list or comma-separated.
 */
class PrimingConfiguredCondition extends SpringBootCondition {

	static final String PROPERTY = "warmup.priming.events";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("priming events");
		List<String> events = Binder.get(context.getEnvironment())
			.bind(PROPERTY, Bindable.listOf(String.class))
			.orElse(List.of());
		return events.isEmpty() ? ConditionOutcome.noMatch(message.didNotFind("property").items(PROPERTY))
				: ConditionOutcome.match(message.found("property").items(PROPERTY));
	}

}
