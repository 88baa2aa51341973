package io.github.lambdawarmup.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The samples are what users copy: they use the library's public API only, never its {@code internal}
 * package. This module is the last one the build makes, so the other samples' classes are there to read.
 */
class SamplesUsePublicApiTests {

	private static final List<Path> SAMPLES = List.of(Path.of("../function-app/target/classes"),
			Path.of("../web-app/target/classes"), Path.of("../local-lambda/target/classes"), Path.of("target/classes"));

	@Test
	void noSampleUsesTheLibrarysInternalPackage() {
		assertThat(SAMPLES).as("the samples' classes (build them first: mvn install -DskipTests)")
			.allMatch(Files::isDirectory);
		JavaClasses samples = new ClassFileImporter().importPaths(SAMPLES);
		assertThat(samples).hasSizeGreaterThan(50);
		// The function sample's classes include what Spring AOT generated (named Type__BeanDefinitions and the
		// like), which refers to the library's beans: the samples' own code is what they are made of.
		noClasses().that()
			.haveNameNotMatching(".*__.*")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.github.lambdawarmup.internal..")
			.because("the internal package may change in any release")
			.check(samples);
	}

}
