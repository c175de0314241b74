package io.gatehouse.core;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.gatehouse.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CorePackagesTests {

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = slices().matching("io.gatehouse.core.(*)..").should().beFreeOfCycles();
}
