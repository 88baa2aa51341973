package io.github.lambdawarmup.local;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A function the local service hosts, and how its environments behave.
 *
 * @param name the function's name
 * @param environments starts its environments
 * @param reservedConcurrency the most environments it may have at once; beyond, invocations get 429
 * @param timeout how long one invocation may run
 * @param keepAlive how long an idle environment is kept before it is reclaimed
 * @param memoryMb its memory size
 * @param aliases alias names and the version each points to
 * @param variables extra environment variables of its environments
 * @param routing which idle environment takes the next invocation
 * @param maximumRetryAttempts how many times an {@code Event} invocation that ends in a function error is
 * tried again (Lambda's {@code EventInvokeConfig}: 0 to 2, 2 unless set)
 * @param maximumEventAge how long an {@code Event} invocation is kept and tried (60 s to 6 h, 6 h unless set)
 */
public record LocalFunction(String name, EnvironmentFactory environments, int reservedConcurrency, Duration timeout,
		Duration keepAlive, int memoryMb, Map<String, String> aliases, Map<String, String> variables,
		IdleRouting routing, int maximumRetryAttempts, Duration maximumEventAge) {

	/** The version an unqualified invocation runs. */
	public static final String LATEST = "$LATEST";

	public LocalFunction {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(environments, "environments");
		if (reservedConcurrency < 1) {
			throw new IllegalArgumentException("reservedConcurrency must be at least 1, was " + reservedConcurrency);
		}
		aliases = Map.copyOf(aliases);
		variables = Map.copyOf(variables);
		Objects.requireNonNull(routing, "routing");
		if (maximumRetryAttempts < 0 || maximumRetryAttempts > 2) {
			throw new IllegalArgumentException("maximumRetryAttempts must be from 0 to 2, was " + maximumRetryAttempts);
		}
		if (maximumEventAge.isNegative() || maximumEventAge.isZero() || maximumEventAge.compareTo(Duration.ofHours(6)) > 0) {
			throw new IllegalArgumentException("maximumEventAge must be positive and at most 6 h, was " + maximumEventAge);
		}
	}

	public static Builder builder(String name, EnvironmentFactory environments) {
		return new Builder(name, environments);
	}

	/**
	 * The version a qualifier names: an alias's version, a version itself, or {@value #LATEST}.
	 * @param qualifier the qualifier, or {@code null}
	 * @return the version, or {@code null} for an unknown qualifier
	 */
	String resolve(String qualifier) {
		if (qualifier == null || qualifier.isEmpty() || LATEST.equals(qualifier)) {
			return LATEST;
		}
		if (this.aliases.containsKey(qualifier)) {
			return this.aliases.get(qualifier);
		}
		return this.aliases.containsValue(qualifier) ? qualifier : null;
	}

	/** Builds a {@link LocalFunction} with the defaults of a new Lambda function. */
	public static final class Builder {

		private final String name;

		private final EnvironmentFactory environments;

		private int reservedConcurrency = 1000;

		private Duration timeout = Duration.ofSeconds(30);

		private Duration keepAlive = Duration.ofMinutes(6);

		private int memoryMb = 1024;

		private final Map<String, String> aliases = new LinkedHashMap<>();

		private final Map<String, String> variables = new LinkedHashMap<>();

		private IdleRouting routing = IdleRouting.MOST_RECENT;

		private int maximumRetryAttempts = 2;

		private Duration maximumEventAge = Duration.ofHours(6);

		private Builder(String name, EnvironmentFactory environments) {
			this.name = name;
			this.environments = environments;
		}

		public Builder reservedConcurrency(int reservedConcurrency) {
			this.reservedConcurrency = reservedConcurrency;
			return this;
		}

		public Builder timeout(Duration timeout) {
			this.timeout = timeout;
			return this;
		}

		/** Idle environments live this long; Lambda's is unpublished, measured at 5 to 7 minutes. */
		public Builder keepAlive(Duration keepAlive) {
			this.keepAlive = keepAlive;
			return this;
		}

		public Builder memoryMb(int memoryMb) {
			this.memoryMb = memoryMb;
			return this;
		}

		public Builder alias(String alias, String version) {
			this.aliases.put(alias, version);
			return this;
		}

		public Builder variable(String name, String value) {
			this.variables.put(name, value);
			return this;
		}

		/** Which idle environment takes the next invocation; most recent first unless set. */
		public Builder routing(IdleRouting routing) {
			this.routing = routing;
			return this;
		}

		/**
		 * What becomes of {@code Event} invocations, as Lambda's {@code EventInvokeConfig} says: how many
		 * times one that ends in a function error is tried again (0 to 2), and how long any is kept while it
		 * is throttled or retried (up to 6 h). Lambda's defaults, 2 and 6 h, unless set.
		 */
		public Builder eventInvokeConfig(int maximumRetryAttempts, Duration maximumEventAge) {
			this.maximumRetryAttempts = maximumRetryAttempts;
			this.maximumEventAge = maximumEventAge;
			return this;
		}

		public LocalFunction build() {
			return new LocalFunction(this.name, this.environments, this.reservedConcurrency, this.timeout,
					this.keepAlive, this.memoryMb, this.aliases, this.variables, this.routing,
					this.maximumRetryAttempts, this.maximumEventAge);
		}

	}

}
