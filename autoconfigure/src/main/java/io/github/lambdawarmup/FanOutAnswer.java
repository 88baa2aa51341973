package io.github.lambdawarmup;

/**
 * What a fan-out trigger is answered with: the report of the round it ran, or a
 * {@link WarmupErrorAnswer} that says why none ran. Serialised as JSON.
 */
public interface FanOutAnswer {

	/**
	 * What happened, in a word: a round's status ({@code completed}, {@code skipped},
	 * {@code unavailable}), or an error's ({@code refused}, {@code failed}).
	 * @return the status
	 */
	String status();

}
