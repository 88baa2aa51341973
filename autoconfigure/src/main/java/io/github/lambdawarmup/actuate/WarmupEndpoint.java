package io.github.lambdawarmup.actuate;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/warmup}: whether the starter is active, this environment, the fan-out in force now, its
 * last report and what warming costs against provisioned concurrency. Under Lambda's {@code FunctionInvoker}
 * no HTTP server runs: the same status answers a status request over the Invoke API.
 */
@Endpoint(id = "warmup")
public class WarmupEndpoint {

	private final WarmupStatusHandler status;

	public WarmupEndpoint(WarmupStatusHandler status) {
		this.status = status;
	}

	@ReadOperation
	public WarmupStatus warmup() {
		return this.status.status();
	}

}
