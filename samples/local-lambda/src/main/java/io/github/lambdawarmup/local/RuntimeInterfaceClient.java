package io.github.lambdawarmup.local;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where the AWS runtime interface client and the libraries it needs are on this service's class path:
 * a process environment puts them ahead of the function's jar, as Lambda's runtime puts its own.
 */
final class RuntimeInterfaceClient {

	private static final List<String> CLASSES = List.of("com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
			"com.amazonaws.services.lambda.runtime.Context",
			"com.amazonaws.services.lambda.runtime.serialization.PojoSerializer");

	private RuntimeInterfaceClient() {
	}

	static Set<Path> classpath() {
		Set<Path> jars = new LinkedHashSet<>();
		for (String name : CLASSES) {
			try {
				jars.add(Path.of(Class.forName(name).getProtectionDomain().getCodeSource().getLocation().toURI()));
			}
			catch (ClassNotFoundException | URISyntaxException ex) {
				throw new IllegalStateException("The runtime interface client is not on the class path: " + name, ex);
			}
		}
		return jars;
	}

}
