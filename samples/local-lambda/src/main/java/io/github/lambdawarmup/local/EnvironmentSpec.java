package io.github.lambdawarmup.local;

import java.time.Duration;
import java.util.Map;

/**
 * What an execution environment is started with.
 *
 * @param environmentId the service's id of the environment (the runtime does not see it)
 * @param functionName the function's name
 * @param version the function version it runs
 * @param memoryMb the memory size
 * @param timeout the function timeout
 * @param variables the environment variables Lambda sets
 */
public record EnvironmentSpec(String environmentId, String functionName, String version, int memoryMb,
		Duration timeout, Map<String, String> variables) {
}
