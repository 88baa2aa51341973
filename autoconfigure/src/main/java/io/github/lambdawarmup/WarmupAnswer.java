package io.github.lambdawarmup;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * What an environment answers to a warm-up: who it is and what it has done. This is the JSON a
 * fan-out counts distinct environments from.
 *
 * @param protocol the protocol version, {@value WarmupEvent#PROTOCOL_VERSION}
 * @param status always {@code "warm"}
 * @param environmentId the random id of the environment that answered
 * @param coldStart whether this warm-up was the environment's first invocation
 * @param initDurationMs milliseconds from the environment's start to its first invocation
 * @param ageMs milliseconds since the environment started
 * @param invocations invocations the environment has served, this one included
 * @param functionName the function's name, when known
 * @param functionVersion the function version the environment runs, when known
 * @param round the round id the warm-up carried, if any
 * @param index the warm-up's index in its round
 * @param heldMs how long the environment was held busy
 * @param startedAtMs when the warm-up began in this environment, in milliseconds since the epoch: the
 * spread of these over a round is how long the round took to reach all its environments
 * @param userInvocations the user's invocations this environment served since its previous warm-up
 * @param userColdStart whether a user's invocation paid this environment's cold start; said by its first
 * warm-up only, so that a round counts each such cold start once
 * @param previousRound the round of this environment's previous warm-up, if any: the environments a
 * round finds from the round before are the ones Lambda kept alive between them
 * @param previousRoundAtMs when that warm-up began, in milliseconds since the epoch
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WarmupAnswer(int protocol, String status, String environmentId, boolean coldStart, long initDurationMs,
		long ageMs, long invocations, @Nullable String functionName, @Nullable String functionVersion,
		@Nullable String round, int index, long heldMs, long startedAtMs, long userInvocations, boolean userColdStart,
		@Nullable String previousRound, @Nullable Long previousRoundAtMs) {

	/** The status of every warm answer. */
	public static final String WARM = "warm";

}
