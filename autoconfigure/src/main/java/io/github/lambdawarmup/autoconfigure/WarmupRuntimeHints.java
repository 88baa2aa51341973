package io.github.lambdawarmup.autoconfigure;

import org.jspecify.annotations.Nullable;

import io.github.lambdawarmup.DispatchCalibration;
import io.github.lambdawarmup.EnvironmentStatus;
import io.github.lambdawarmup.WarmupAnswer;
import io.github.lambdawarmup.WarmupErrorAnswer;
import io.github.lambdawarmup.actuate.WarmupStatus;
import io.github.lambdawarmup.fanout.FanOutReport;
import io.github.lambdawarmup.function.WarmupFunctionAroundWrapperPostProcessor;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.util.ClassUtils;

/**
 * What a native image needs to keep for the warm-up path: the answers Jackson writes and reads by reflection
 * (nested records included), and the field of Spring Cloud Function's registry that the function path sets
 * when ahead-of-time processing left it empty.
 */
class WarmupRuntimeHints implements RuntimeHintsRegistrar {

	private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		this.bindings.registerReflectionHints(hints.reflection(), WarmupAnswer.class, WarmupErrorAnswer.class,
				EnvironmentStatus.class, DispatchCalibration.class, FanOutReport.class, WarmupStatus.class);
		if (ClassUtils.isPresent(WarmupFunctionAroundWrapperPostProcessor.REGISTRY_CLASS, classLoader)) {
			hints.reflection()
				.registerTypeIfPresent(classLoader, WarmupFunctionAroundWrapperPostProcessor.REGISTRY_CLASS,
						(type) -> type.withField(WarmupFunctionAroundWrapperPostProcessor.REGISTRY_WRAPPER_FIELD));
		}
	}

}
