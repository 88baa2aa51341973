package io.github.lambdawarmup.internal;

import org.crac.Context;
import org.crac.Resource;

import io.github.lambdawarmup.Priming;

/**
 * Primes the application before SnapStart takes its snapshot, so that every environment restored from it starts
 * with warm code paths, and none primes again in a warm-up.
 * <p>
 * CRaC holds resources weakly: whoever registers this must keep a reference to it. Not API.
 */
public final class SnapStartPriming implements Resource {

	private final Priming priming;

	public SnapStartPriming(Priming priming) {
		this.priming = priming;
	}

	@Override
	public void beforeCheckpoint(Context<? extends Resource> context) {
		this.priming.prime(Priming.BEFORE_CHECKPOINT, null);
	}

	@Override
	public void afterRestore(Context<? extends Resource> context) {
	}

}
