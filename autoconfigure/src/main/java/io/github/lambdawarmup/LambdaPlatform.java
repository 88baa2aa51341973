package io.github.lambdawarmup;

import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * What the Lambda service tells an execution environment about itself through the environment
 * variables it sets.
 *
 * @param functionName {@code AWS_LAMBDA_FUNCTION_NAME}
 * @param functionVersion {@code AWS_LAMBDA_FUNCTION_VERSION}
 * @param runtimeApi {@code AWS_LAMBDA_RUNTIME_API}
 * @param initializationType {@code AWS_LAMBDA_INITIALIZATION_TYPE}: {@code on-demand},
 * {@code provisioned-concurrency} or {@code snap-start}
 * @param region {@code AWS_REGION}
 * @param memorySizeMb {@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE}, what every millisecond of this function
 * is billed at
 */
public record LambdaPlatform(@Nullable String functionName, @Nullable String functionVersion,
		@Nullable String runtimeApi, @Nullable String initializationType, @Nullable String region,
		@Nullable Integer memorySizeMb) {

	public static final String FUNCTION_NAME = "AWS_LAMBDA_FUNCTION_NAME";

	public static final String FUNCTION_VERSION = "AWS_LAMBDA_FUNCTION_VERSION";

	public static final String RUNTIME_API = "AWS_LAMBDA_RUNTIME_API";

	public static final String INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";

	public static final String REGION = "AWS_REGION";

	public static final String MEMORY_SIZE = "AWS_LAMBDA_FUNCTION_MEMORY_SIZE";

	/** The environment of this process. */
	public static LambdaPlatform fromSystem() {
		return from(System.getenv());
	}

	/**
	 * What the given variables say.
	 * @param environment the environment variables
	 * @return the platform
	 */
	public static LambdaPlatform from(Map<String, String> environment) {
		return from(environment::get);
	}

	/**
	 * What the given source of variables says: Spring's {@code Environment::getProperty}, for one, so that
	 * tests can set them as properties.
	 * @param variables the value of a variable by its name, or {@code null}
	 * @return the platform
	 */
	public static LambdaPlatform from(Function<String, @Nullable String> variables) {
		return new LambdaPlatform(blankToNull(variables.apply(FUNCTION_NAME)),
				blankToNull(variables.apply(FUNCTION_VERSION)), blankToNull(variables.apply(RUNTIME_API)),
				blankToNull(variables.apply(INITIALIZATION_TYPE)), blankToNull(variables.apply(REGION)),
				positiveInteger(variables.apply(MEMORY_SIZE)));
	}

	/** Whether this process runs as a Lambda execution environment. */
	public boolean isLambda() {
		return this.functionName != null || this.runtimeApi != null;
	}

	/** Whether this environment was started as provisioned concurrency, which needs no warming. */
	public boolean isProvisionedConcurrency() {
		return "provisioned-concurrency".equals(this.initializationType);
	}

	private static @Nullable Integer positiveInteger(@Nullable String value) {
		try {
			int parsed = (value != null) ? Integer.parseInt(value.trim()) : 0;
			return (parsed > 0) ? parsed : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
