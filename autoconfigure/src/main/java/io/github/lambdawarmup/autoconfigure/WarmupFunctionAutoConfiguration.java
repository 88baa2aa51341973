package io.github.lambdawarmup.autoconfigure;

import com.amazonaws.services.lambda.runtime.Context;

import io.github.lambdawarmup.Priming;
import io.github.lambdawarmup.WarmupInterceptor;
import io.github.lambdawarmup.function.WarmupFunctionAroundWrapper;
import io.github.lambdawarmup.function.WarmupFunctionAroundWrapperPostProcessor;
import io.github.lambdawarmup.function.WarmupFunctionPrimingRunner;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.function.adapter.aws.AWSLambdaUtils;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.FunctionAroundWrapper;
import org.springframework.cloud.function.json.JsonMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the plain-function path: warm-ups are answered by a Spring Cloud Function
 * around-wrapper, before input conversion, routing and the user's function. An around-wrapper the
 * application already has (Spring Cloud Function's observation wrapper, for one) is decorated, not
 * replaced.
 */
// After the web path: in a web application, priming goes through the container, not the catalog.
@AutoConfiguration(after = { WarmupAutoConfiguration.class, WarmupWebAutoConfiguration.class },
		afterName = "org.springframework.cloud.function.observability.ObservationAutoConfiguration")
@ConditionalOnClass({ FunctionAroundWrapper.class, AWSLambdaUtils.class, Context.class })
@ConditionalOnBean(WarmupInterceptor.class)
public final class WarmupFunctionAutoConfiguration {

	@Bean
	static WarmupFunctionAroundWrapperPostProcessor warmupFunctionAroundWrapperPostProcessor(
			ObjectProvider<WarmupInterceptor> interceptor) {
		return new WarmupFunctionAroundWrapperPostProcessor(interceptor);
	}

	@Bean
	@ConditionalOnMissingBean(Priming.Runner.class)
	@Conditional(PrimingConfiguredCondition.class)
	WarmupFunctionPrimingRunner warmupFunctionPrimingRunner(ObjectProvider<FunctionCatalog> catalog,
			ObjectProvider<JsonMapper> jsonMapper, Environment environment) {
		return new WarmupFunctionPrimingRunner(catalog, jsonMapper,
				environment.getProperty("spring.cloud.function.definition"));
	}

	@Bean
	@ConditionalOnMissingBean(FunctionAroundWrapper.class)
	WarmupFunctionAroundWrapper warmupFunctionAroundWrapper(WarmupInterceptor interceptor) {
		return new WarmupFunctionAroundWrapper(interceptor, null);
	}

}
