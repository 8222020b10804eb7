package io.execctl.arch;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package arrows of docs/architecture.md. A new arrow is a design decision: make it here, on
 * purpose, and say why in that document.
 */
@AnalyzeClasses(packages = "io.execctl", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainDependsOnNothing = noClasses()
            .that()
            .resideInAPackage("io.execctl.domain..")
            .should()
            .dependOnClassesThat()
            .resideOutsideOfPackages("io.execctl.domain..", "java..")
            .because("the domain is pure JDK value types and rules");

    @ArchTest
    static final ArchRule configUsesOnlyDomain = noClasses()
            .that()
            .resideInAPackage("io.execctl.config..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.execctl.store..",
                    "io.execctl.kis..",
                    "io.execctl.engine..",
                    "io.execctl.sim..",
                    "io.execctl.metrics..",
                    "io.execctl.report..",
                    "io.execctl.cli..");

    @ArchTest
    static final ArchRule simNeverUsesClientOrEngine = noClasses()
            .that()
            .resideInAPackage("io.execctl.sim..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.execctl.kis..",
                    "io.execctl.engine..",
                    "io.execctl.store..",
                    "io.execctl.config..",
                    "io.execctl.report..",
                    "io.execctl.cli..")
            .because(
                    "the simulator is written independently of the client, so a client bug cannot hide behind a shared helper");

    @ArchTest
    static final ArchRule simHasItsOwnPriceRules = noClasses()
            .that()
            .resideInAPackage("io.execctl.sim..")
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("io.execctl.domain.KrxTick")
            .because("the simulated exchange checks prices with its own tick grid and band (sim.market.PriceGrid),"
                    + " so a tick bug in the client meets a refusal instead of hiding behind shared code");

    @ArchTest
    static final ArchRule kisUsesOnlyDomainAndConfig = noClasses()
            .that()
            .resideInAPackage("io.execctl.kis..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.execctl.store..",
                    "io.execctl.engine..",
                    "io.execctl.sim..",
                    "io.execctl.report..",
                    "io.execctl.cli..")
            .because("the broker client reaches the token cache through its own port interface");

    @ArchTest
    static final ArchRule storeUsesOnlyDomainConfigAndKisPorts = noClasses()
            .that()
            .resideInAPackage("io.execctl.store..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.execctl.engine..",
                    "io.execctl.sim..",
                    "io.execctl.report..",
                    "io.execctl.cli..",
                    "io.execctl.metrics..");

    @ArchTest
    static final ArchRule storeSeesOnlyKisPorts = noClasses()
            .that()
            .resideInAPackage("io.execctl.store..")
            .should()
            .dependOnClassesThat(resideInAPackage("io.execctl.kis..")
                    .and(DescribedPredicate.not(resideInAPackage("io.execctl.kis.port.."))))
            .because("the store implements the client's ports (token cache) and knows nothing else of it");

    @ArchTest
    static final ArchRule metricsNeverUsesSimReportOrCli = noClasses()
            .that()
            .resideInAPackage("io.execctl.metrics..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.execctl.sim..", "io.execctl.report..", "io.execctl.cli..")
            .because("metrics adapts the engine's and the client's counter ports onto Prometheus; it runs nothing");

    @ArchTest
    static final ArchRule onlyCliImportsMetrics = noClasses()
            .that()
            .resideOutsideOfPackages("io.execctl.metrics..", "io.execctl.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.execctl.metrics..")
            .because("the engine and the client count through their own small interfaces; the composition root"
                    + " plugs the Prometheus adapters in, so no trading code depends on the metrics library");

    @ArchTest
    static final ArchRule onlyMetricsAndCliUsePrometheus = noClasses()
            .that()
            .resideOutsideOfPackages("io.execctl.metrics..", "io.execctl.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.prometheus..");

    @ArchTest
    static final ArchRule reportUsesDomainAndStore = noClasses()
            .that()
            .resideInAPackage("io.execctl.report..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.execctl.kis..",
                    "io.execctl.engine..",
                    "io.execctl.sim..",
                    "io.execctl.config..",
                    "io.execctl.metrics..",
                    "io.execctl.cli..")
            .because("a report reads the database and formats it: it never talks to the broker or runs a loop");

    @ArchTest
    static final ArchRule reportIsDatabaseInFormattedOut = classes()
            .that()
            .resideInAPackage("io.execctl.report..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "io.execctl.report..",
                    "io.execctl.domain..",
                    "io.execctl.store..",
                    "java..",
                    "org.jdbi..",
                    "tech.tablesaw..",
                    "com.fasterxml.jackson..")
            .because("reports are built on tablesaw (tables, CSV) and Jackson (JSON) over what the store reads");

    @ArchTest
    static final ArchRule engineUsesOnlyItsArrowsAndPlainLibraries = classes()
            .that()
            .resideInAPackage("io.execctl.engine..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "io.execctl.engine..",
                    "io.execctl.domain..",
                    "io.execctl.config..",
                    "io.execctl.store..",
                    "io.execctl.kis..",
                    "java..",
                    "org.jdbi..",
                    "org.slf4j..",
                    "com.fasterxml.jackson..")
            .because("the engine reaches the broker through kis and the database through store: no HTTP or SQL"
                    + " driver of its own, no terminal output (that is cli and report)");

    @ArchTest
    static final ArchRule engineNeverUsesSimOrCli = noClasses()
            .that()
            .resideInAPackage("io.execctl.engine..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.execctl.sim..", "io.execctl.cli..", "io.execctl.report..");

    @ArchTest
    static final ArchRule proofReadsTheDatabaseAndTheLedgerOverHttp = classes()
            .that()
            .resideInAPackage("io.execctl.proof..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "io.execctl.proof..",
                    "io.execctl.domain..",
                    "io.execctl.store..",
                    "io.execctl.config..",
                    "java..",
                    "org.jdbi..",
                    "okhttp3..",
                    "kotlin..",
                    "com.fasterxml.jackson..")
            .because("the ledger check reads the simulator's ledger over HTTP with its own model (never by importing"
                    + " sim), so a chaos run can check a simulator in another process and cannot share its bugs");

    @ArchTest
    static final ArchRule demoIsAStrategyAndAView = classes()
            .that()
            .resideInAPackage("io.execctl.demo..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "io.execctl.demo..",
                    "io.execctl.domain..",
                    "io.execctl.store..",
                    "java..",
                    "org.jdbi..",
                    "org.slf4j..")
            .because("the demo strategy writes the contract tables as any strategy would and the view reads tables:"
                    + " neither talks to the broker or the engine");

    @ArchTest
    static final ArchRule onlyCliUsesProofAndDemo = noClasses()
            .that()
            .resideOutsideOfPackages("io.execctl.cli..", "io.execctl.proof..", "io.execctl.demo..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.execctl.proof..", "io.execctl.demo..")
            .because("the ledger check and the demo are tools composed by the cli, never part of the engine");

    @ArchTest
    static final ArchRule nothingImportsCli = noClasses()
            .that()
            .resideOutsideOfPackage("io.execctl.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.execctl.cli..")
            .because("cli is the composition root");

    @ArchTest
    static final ArchRule noCycles =
            slices().matching("io.execctl.(*)..").should().beFreeOfCycles();
}
