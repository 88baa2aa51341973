package io.github.lambdawarmup;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noConstructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape of the library, as rules that fail the build: data flows one way, from the protocol to the
 * Spring-facing packages, never back.
 */
class ArchitectureTests {

	private static final DescribedPredicate<JavaClass> PUBLIC_API = JavaClass.Predicates
		.resideInAPackage("io.github.lambdawarmup..")
		.and(DescribedPredicate.not(JavaClass.Predicates.resideInAnyPackage("io.github.lambdawarmup.internal..",
				"io.github.lambdawarmup.local..", "io.github.lambdawarmup.autoconfigure..")))
		.and(com.tngtech.archunit.core.domain.properties.HasModifiers.Predicates
			.modifier(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC))
		.as("public classes of the library's API");

	private static final JavaClasses LIBRARY = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.github.lambdawarmup");

	@Test
	void theProtocolCoreUsesNoSpring() {
		noClasses().that()
			.resideInAnyPackage("io.github.lambdawarmup", "io.github.lambdawarmup.internal")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework..")
			.check(LIBRARY);
	}

	@Test
	void theProtocolCoreNeverImportsTheSpringFacingPackages() {
		noClasses().that()
			.resideInAPackage("io.github.lambdawarmup")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.github.lambdawarmup.fanout..", "io.github.lambdawarmup.function..",
					"io.github.lambdawarmup.web..", "io.github.lambdawarmup.autoconfigure..",
					"io.github.lambdawarmup.actuate..")
			.check(LIBRARY);
	}

	@Test
	void onlyTheAutoConfigurationKnowsTheAutoConfiguration() {
		noClasses().that()
			.resideOutsideOfPackage("io.github.lambdawarmup.autoconfigure..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.github.lambdawarmup.autoconfigure..")
			.check(LIBRARY);
	}

	@Test
	void noPublicSignatureExposesTheInternalPackage() {
		DescribedPredicate<JavaClass> internal = JavaClass.Predicates.resideInAPackage("io.github.lambdawarmup.internal..");
		noMethods().that()
			.arePublic()
			.and()
			.areDeclaredInClassesThat(PUBLIC_API)
			.should()
			.haveRawReturnType(internal)
			.orShould()
			.haveRawParameterTypes(DescribedPredicate.anyElementThat(internal))
			.check(LIBRARY);
		noConstructors().that()
			.arePublic()
			.and()
			.areDeclaredInClassesThat(PUBLIC_API)
			.should()
			.haveRawParameterTypes(DescribedPredicate.anyElementThat(internal))
			.check(LIBRARY);
	}

	@Test
	void theFeaturePackagesHaveNoCycles() {
		slices().matching("io.github.lambdawarmup.(*)..").should().beFreeOfCycles().check(LIBRARY);
	}

}
