package io.github.lambdawarmup.internal;

import org.crac.Context;
import org.crac.Resource;

import io.github.lambdawarmup.ExecutionEnvironment;

/**
 * Gives the environment a new identity after a SnapStart restore. Every environment restored from one
 * snapshot starts with the memory of the environment that took it, id included; without this, a
 * fan-out would count all of them as one.
 * <p>
 * CRaC holds resources weakly: whoever registers this must keep a reference to it. Not API.
 */
public final class SnapStartIdentityRefresher implements Resource {

	private final ExecutionEnvironment environment;

	public SnapStartIdentityRefresher(ExecutionEnvironment environment) {
		this.environment = environment;
	}

	@Override
	public void beforeCheckpoint(Context<? extends Resource> context) {
	}

	@Override
	public void afterRestore(Context<? extends Resource> context) {
		this.environment.restored();
	}

}
