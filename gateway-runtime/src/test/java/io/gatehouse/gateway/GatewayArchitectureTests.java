package io.gatehouse.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.gatehouse.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class GatewayArchitectureTests {

    @ArchTest
    static final ArchRule gatewayImportsNeitherAnalyticsNorTheConsole = noClasses()
            .that().resideInAPackage("io.gatehouse.gateway..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("io.gatehouse.analytics..", "io.gatehouse.console..", "io.gatehouse.launcher..");

    @ArchTest
    static final ArchRule eventSourcesKnowNoEntrypoint = noClasses()
            .that().resideInAnyPackage("io.gatehouse.gateway.event.source..", "io.gatehouse.gateway.event.builtin..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("io.gatehouse.gateway.event.sse..", "io.gatehouse.gateway.event.websocket..",
                    "io.gatehouse.gateway.event.webhook..", "io.gatehouse.gateway.server..");

    @ArchTest
    static final ArchRule eachSourceKindStandsAlone = slices()
            .matching("io.gatehouse.gateway.event.source.(*)..")
            .should().notDependOnEachOther();

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles = slices()
            .matching("io.gatehouse.gateway.(*)..")
            .should().beFreeOfCycles();
}
