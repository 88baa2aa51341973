package io.github.lambdawarmup.autoconfigure;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import io.github.lambdawarmup.Priming;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternUtils;

/**
 * Reads the priming events {@code warmup.priming.events} names, at start-up: a location that names nothing is
 * a bad setting, and fails there.
 */
final class PrimingEvents {

	private PrimingEvents() {
	}

	static List<Priming.Event> load(List<String> locations, ResourceLoader resourceLoader) {
		ResourcePatternResolver resolver = ResourcePatternUtils.getResourcePatternResolver(resourceLoader);
		List<Priming.Event> events = new ArrayList<>();
		for (String location : locations) {
			Resource[] resources;
			try {
				resources = resolver.getResources(location.strip());
			}
			catch (FileNotFoundException ex) {
				// A pattern under a folder that does not exist.
				resources = new Resource[0];
			}
			catch (IOException ex) {
				throw new IllegalStateException(PrimingConfiguredCondition.PROPERTY + ": cannot resolve '" + location
						+ "': " + ex.getMessage(), ex);
			}
			List<Resource> found = Arrays.stream(resources)
				.filter(Resource::exists)
				.sorted(Comparator.comparing((resource) -> String.valueOf(resource.getFilename())))
				.toList();
			if (found.isEmpty()) {
				throw new IllegalStateException(PrimingConfiguredCondition.PROPERTY + ": '" + location
						+ "' names no resource");
			}
			for (Resource resource : found) {
				events.add(new Priming.Event(String.valueOf(resource.getFilename()), read(resource)));
			}
		}
		return events;
	}

	private static byte[] read(Resource resource) {
		try {
			return resource.getContentAsByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(PrimingConfiguredCondition.PROPERTY + ": cannot read " + resource, ex);
		}
	}

}
