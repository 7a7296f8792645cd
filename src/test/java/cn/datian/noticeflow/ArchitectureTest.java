package cn.datian.noticeflow;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layering of docs/architecture.md, checked on the compiled classes: packages depend
 * one way, down the picture, and no two feature packages need each other.
 */
class ArchitectureTest {

  private static final String ROOT = "cn.datian.noticeflow";

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
  }

  @Test
  void noCycleBetweenPackages() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void packagesDependOnlyDownTheLayers() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        // top: what starts, wires and answers, used by nothing
        .layer("Wiring")
        .definedBy(pkg("web"), pkg("startup"), pkg("demo"), pkg("operations"))
        // the views over everything: the board, the reports and the official documents
        .layer("Overview")
        .definedBy(pkg("oversight"), pkg("report"), pkg("document"))
        // what hangs off a department's response: evidence, deadlines and 督办, Tasklist's columns
        .layer("ResponseWork")
        .definedBy(pkg("evidence"), pkg("deadline"), pkg("tasklist"))
        // one department's response to a notice: its stage and steps
        .layer("Response")
        .definedBy(pkg("response"))
        // the notice itself: drafting, sign-off, publication, consolidation, its audit trail
        .layer("Notice")
        .definedBy(pkg("notice"))
        // shared services every feature may use: who is who, working days, recipients, mail
        .layer("Platform")
        .definedBy(pkg("identity"), pkg("calendar"), pkg("directory"), pkg("mail"))
        // bottom: configuration, engine helpers, process variables
        .layer("Foundation")
        .definedBy(ROOT, pkg("common"), pkg("process"))
        .whereLayer("Wiring")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("Overview")
        .mayOnlyBeAccessedByLayers("Wiring")
        .whereLayer("ResponseWork")
        .mayOnlyBeAccessedByLayers("Overview", "Wiring")
        .whereLayer("Response")
        .mayOnlyBeAccessedByLayers("ResponseWork", "Overview", "Wiring")
        .whereLayer("Notice")
        .mayOnlyBeAccessedByLayers("Response", "ResponseWork", "Overview", "Wiring")
        .whereLayer("Platform")
        .mayOnlyBeAccessedByLayers("Notice", "Response", "ResponseWork", "Overview", "Wiring")
        .whereLayer("Foundation")
        .mayOnlyBeAccessedByLayers(
            "Platform", "Notice", "Response", "ResponseWork", "Overview", "Wiring")
        .check(classes);
  }

  private static String pkg(String name) {
    return ROOT + "." + name + "..";
  }
}
