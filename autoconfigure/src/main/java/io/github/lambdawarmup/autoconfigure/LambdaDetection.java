package io.github.lambdawarmup.autoconfigure;

/**
 * How the auto-configuration decides that the application runs on AWS Lambda.
 */
public enum LambdaDetection {

	/** From the environment variables Lambda sets: {@code AWS_LAMBDA_FUNCTION_NAME} or {@code AWS_LAMBDA_RUNTIME_API}. */
	AUTO,

	/** As if on Lambda, wherever the application runs: for local runs and tests. */
	FORCE_ON,

	/** As if off Lambda: nothing of the warm-up path is registered. */
	FORCE_OFF

}
