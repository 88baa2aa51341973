package io.github.lambdawarmup.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when the application runs on AWS Lambda, or when {@code warmup.lambda-detection} forces it.
 *
 * @see LambdaDetection
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnLambdaCondition.class)
public @interface ConditionalOnLambda {

}
