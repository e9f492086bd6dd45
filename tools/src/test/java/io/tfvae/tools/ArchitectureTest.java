package io.tfvae.tools;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The tools module reaches models only through SavedModels: of the framework it may use the dataset
 * readers (io.tfvae.data) and nothing else.
 */
class ArchitectureTest {
  @Test
  void toolsUseTheFrameworksDataReadersOnly() {
    JavaClasses tools =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tfvae.tools");
    noClasses()
        .that()
        .resideInAPackage("io.tfvae.tools..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.tfvae.config..",
            "io.tfvae.nn..",
            "io.tfvae.distributions..",
            "io.tfvae.bounds..",
            "io.tfvae.objectives..",
            "io.tfvae.models..",
            "io.tfvae.training..",
            "io.tfvae.export..",
            "io.tfvae.cli..",
            "org.tensorflow.framework..")
        .because("the tools evaluate SavedModels through the signature contract alone")
        .check(tools);
  }
}
