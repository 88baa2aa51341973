package io.github.lambdawarmup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.jspecify.annotations.Nullable;

/**
 * Who may make this function hold, fan out, or say who it is.
 * <p>
 * Only callers authenticated by IAM can invoke a function through the Invoke API, and only they can set
 * a client context: a warm-up whose client context carries {@link Invocation#WARMER_KEY} holds its
 * environment and answers with its identity. Anyone else who reaches the function (through API
 * Gateway, a function URL, a load balancer, an event source) gets an answer at once, with no hold and
 * nothing about the environment, unless the warm-up carries the configured trigger secret. A fan-out
 * trigger runs when it carries the same client context, or the secret: a schedule invokes asynchronously, and an asynchronous invocation
 * carries no client context. A status request needs the same proof.
 *
 * @param triggerSecret the secret a trigger sent by a schedule carries, or {@code null} when only
 * synchronous, IAM-authenticated callers may trigger a fan-out
 */
public record WarmupTrust(@Nullable String triggerSecret) {

	/** Trust in IAM alone: no trigger secret. */
	public static final WarmupTrust IAM_ONLY = new WarmupTrust(null);

	/**
	 * Whether a warm-up may hold its environment and answer with its identity: from an IAM caller with the
	 * warmer's client context, or carrying the trigger secret (a warmer that cannot set a client context,
	 * such as one that warms over HTTP).
	 */
	public boolean mayHold(WarmupEvent.WarmUp warmUp, Invocation invocation) {
		return isProven(warmUp.secret(), invocation);
	}

	/** Whether a trigger may run a fan-out. */
	public boolean mayFanOut(WarmupEvent.FanOutTrigger trigger, Invocation invocation) {
		return isProven(trigger.secret(), invocation);
	}

	/** Whether a status request may read this environment's status. */
	public boolean mayReadStatus(WarmupEvent.StatusRequest request, Invocation invocation) {
		return isProven(request.secret(), invocation);
	}

	private boolean isProven(@Nullable String given, Invocation invocation) {
		if (invocation.isFromWarmer()) {
			return true;
		}
		String expected = this.triggerSecret;
		// Compared in constant time: how long a refusal takes says nothing of the secret.
		return expected != null && given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
				given.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public String toString() {
		return "WarmupTrust[triggerSecret=" + ((this.triggerSecret != null) ? "(set)" : "(none)") + "]";
	}

}
