package io.github.lambdawarmup.local;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Starts a handler that reads its configuration from system properties while it is constructed, as
 * Spring Cloud Function's {@code FunctionInvoker} reads {@code MAIN_CLASS}, and puts back what the properties
 * were: a test calls a handler directly, in a JVM that other tests share.
 */
public final class HandlerProperties {

	private HandlerProperties() {
	}

	/**
	 * Constructs a handler with some system properties set, then restores them.
	 * @param properties the properties the handler reads while it starts
	 * @param handler constructs the handler, which must be ready when it returns
	 * @param <T> the handler's type
	 * @return the handler
	 */
	public static synchronized <T> T start(Map<String, String> properties, Supplier<T> handler) {
		Map<String, String> previous = new HashMap<>();
		properties.forEach((name, value) -> previous.put(name, System.setProperty(name, value)));
		try {
			return handler.get();
		}
		finally {
			previous.forEach((name, value) -> {
				if (value != null) {
					System.setProperty(name, value);
				}
				else {
					System.clearProperty(name);
				}
			});
		}
	}

}
