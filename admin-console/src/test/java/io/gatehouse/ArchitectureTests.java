package io.gatehouse;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The module and package boundaries of DESIGN.md, checked over every module's production classes. */
@AnalyzeClasses(packages = "io.gatehouse", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    private static final String CORE = "io.gatehouse.core..";
    private static final String GATEWAY = "io.gatehouse.gateway..";
    private static final String ANALYTICS = "io.gatehouse.analytics..";
    private static final String CONSOLE = "io.gatehouse.console..";
    private static final String LAUNCHER = "io.gatehouse.launcher..";

    @ArchTest
    static final ArchRule coreDependsOnNoOtherModule = noClasses().that().resideInAPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage(GATEWAY, ANALYTICS, CONSOLE, LAUNCHER);

    @ArchTest
    static final ArchRule gatewayNeverImportsAnalyticsOrTheConsole = noClasses().that().resideInAPackage(GATEWAY)
            .should().dependOnClassesThat().resideInAnyPackage(ANALYTICS, CONSOLE, LAUNCHER);

    @ArchTest
    static final ArchRule analyticsNeverImportsTheGatewayOrTheConsole = noClasses().that().resideInAPackage(ANALYTICS)
            .should().dependOnClassesThat().resideInAnyPackage(GATEWAY, CONSOLE, LAUNCHER);

    @ArchTest
    static final ArchRule consoleUsesTheGatewayOnlyThroughTheLauncher = noClasses().that().resideInAPackage(CONSOLE)
            .should().dependOnClassesThat().resideInAnyPackage(GATEWAY, LAUNCHER);

    @ArchTest
    static final ArchRule noCyclesBetweenModules = slices().matching("io.gatehouse.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noCyclesBetweenCoreFeatures = slices().matching("io.gatehouse.core.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noCyclesBetweenGatewayFeatures = slices().matching("io.gatehouse.gateway.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noCyclesBetweenAnalyticsFeatures = slices().matching("io.gatehouse.analytics.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noCyclesBetweenConsoleFeatures = slices().matching("io.gatehouse.console.(*)..").should().beFreeOfCycles();
}
