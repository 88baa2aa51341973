package io.github.lambdawarmup.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The function sample as local-lambda runs it in real JVM environments: its handler, its main class,
 * and its deployment jar, which the build makes.
 */
final class FunctionSample {

	static final String HANDLER = "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest";

	static final String MAIN_CLASS = "io.github.lambdawarmup.samples.function.OrderPricingApplication";

	private FunctionSample() {
	}

	/** Whether the deployment jar is there; says how to make it when it is not. */
	static boolean isBuilt(Path jar) {
		if (Files.isRegularFile(jar)) {
			return true;
		}
		System.err.println("No deployment jar at " + jar + ": build it with mvn install -DskipTests");
		return false;
	}

}
