package io.github.lambdawarmup.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where the AWS runtime interface client and the libraries it needs are on this service's class path:
 * a process environment puts them ahead of the function's jar, as Lambda's runtime puts its own.
 */
final class RuntimeInterfaceClient {

	// One class of each jar the runtime client needs: itself, the core interfaces, the serialization
	// library and the SDK's utils-lite, which Lambda's runtime brings and a plain handler's jar does not.
	private static final List<String> CLASSES = List.of("com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
			"com.amazonaws.services.lambda.runtime.Context",
			"com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
			"software.amazon.awssdk.utilslite.SdkInternalThreadLocal");

	/** The system property that makes the runtime client load its JNI library from a given path. */
	static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

	private static @org.jspecify.annotations.Nullable Path nativeLibrary;

	private RuntimeInterfaceClient() {
	}

	/**
	 * The runtime client's JNI library, extracted once for all environments. Left to itself, every
	 * runtime extracts it to the same file, /tmp/.libaws-lambda-jni.so, which is safe in Lambda, where each
	 * sandbox has a /tmp of its own, and crashes runtimes that start together on one machine.
	 */
	static synchronized Path nativeLibrary() {
		if (nativeLibrary == null) {
			String arch = System.getProperty("os.arch");
			boolean arm = arch.equals("aarch64") || arch.equals("arm64");
			boolean musl = Files.exists(Path.of(arm ? "/lib/ld-musl-aarch64.so.1" : "/lib/ld-musl-x86_64.so.1"));
			String name = "libaws-lambda-jni.linux" + (musl ? "_musl-" : "-") + (arm ? "aarch_64" : "x86_64") + ".so";
			try (InputStream library = RuntimeInterfaceClient.class.getClassLoader().getResourceAsStream("jni/" + name)) {
				if (library == null) {
					throw new IllegalStateException("The runtime interface client has no JNI library " + name);
				}
				Path directory = Files.createTempDirectory("local-lambda-jni");
				Path target = directory.resolve(name);
				Files.copy(library, target, StandardCopyOption.REPLACE_EXISTING);
				target.toFile().deleteOnExit();
				directory.toFile().deleteOnExit();
				nativeLibrary = target;
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Failed to extract the runtime interface client's JNI library", ex);
			}
		}
		return nativeLibrary;
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
