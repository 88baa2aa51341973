package io.github.lambdawarmup.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of lambda-warmup.
 */
@ConfigurationProperties("warmup")
public class WarmupProperties {

	/**
	 * Whether to answer warm-up invocations ahead of the application's code.
	 */
	private boolean enabled = true;

	/**
	 * How to decide that the application runs on AWS Lambda: auto (from the environment variables
	 * Lambda sets), force-on or force-off. Off Lambda, nothing of the warm-up path is registered.
	 */
	private LambdaDetection lambdaDetection = LambdaDetection.AUTO;

	/**
	 * Longest time a warm-up may keep this environment busy, whatever it asks for.
	 */
	private Duration maxHold = Duration.ofSeconds(1);

	/**
	 * Time kept free before the invocation's deadline when a warm-up holds the environment.
	 */
	private Duration answerMargin = Duration.ofMillis(200);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public LambdaDetection getLambdaDetection() {
		return this.lambdaDetection;
	}

	public void setLambdaDetection(LambdaDetection lambdaDetection) {
		this.lambdaDetection = lambdaDetection;
	}

	public Duration getMaxHold() {
		return this.maxHold;
	}

	public void setMaxHold(Duration maxHold) {
		this.maxHold = maxHold;
	}

	public Duration getAnswerMargin() {
		return this.answerMargin;
	}

	public void setAnswerMargin(Duration answerMargin) {
		this.answerMargin = answerMargin;
	}

}
