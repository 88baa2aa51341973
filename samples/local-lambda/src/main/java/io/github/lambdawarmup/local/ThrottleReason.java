package io.github.lambdawarmup.local;

/**
 * The {@code Reason} values of Lambda's {@code TooManyRequestsException}.
 */
public enum ThrottleReason {

	/** The account's concurrency is used up. */
	ConcurrentInvocationLimitExceeded,

	/** The account's invocation rate is exceeded. */
	FunctionInvocationRateLimitExceeded,

	/** The function's reserved concurrency is used up. */
	ReservedFunctionConcurrentInvocationLimitExceeded,

	/** The function's invocation rate for its reserved concurrency is exceeded. */
	ReservedFunctionInvocationRateLimitExceeded,

	/** The caller's rate is exceeded. */
	CallerRateLimitExceeded

}
