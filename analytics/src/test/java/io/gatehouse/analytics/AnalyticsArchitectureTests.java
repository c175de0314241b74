package io.gatehouse.analytics;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.gatehouse.analytics", importOptions = ImportOption.DoNotIncludeTests.class)
class AnalyticsArchitectureTests {

    @ArchTest
    static final ArchRule analyticsReadsTheDomainOnly = noClasses().that().resideInAPackage("io.gatehouse.analytics..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.gatehouse.gateway..", "io.gatehouse.console..", "io.gatehouse.launcher..");

    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles = slices().matching("io.gatehouse.analytics.(*)..")
            .should().beFreeOfCycles();
}
