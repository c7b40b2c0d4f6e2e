package io.shikong.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of ARCHITECTURE.md, checked on the compiled classes of every module: a module or
 * package that imports what it must not fails the build.
 */
class ArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void load() {
        // the rules are about the modules' code: neither this module's tests nor the test-jars on its test
        // classpath (store-jdbc's tests may use whatever they test together)
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.shikong");
    }

    @Test
    void theOgcLayerKnowsNoHttpFramework() {
        noClasses().that().resideInAPackage("io.shikong.ows..")
                .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "reactor..", "org.reactivestreams..")
                .because("the OGC protocol layer is plain Java; micronaut-api adapts it to HTTP")
                .check(classes);
    }

    @Test
    void noOgcPackageImportsTheRestApiOrTheHttpLayer() {
        noClasses().that().resideInAPackage("io.shikong.ows..")
                .should().dependOnClassesThat().resideInAPackage("io.shikong.api..")
                .check(classes);
    }

    @Test
    void libraryModulesKnowNothingOfTheModulesAboveThem() {
        noClasses().that().resideInAnyPackage("io.shikong.core..", "io.shikong.styles..", "io.shikong.samples..")
                .should().dependOnClassesThat().resideInAnyPackage("io.shikong.api..", "io.shikong.ows..",
                        "io.micronaut..")
                .check(classes);
        noClasses().that().resideInAPackage("io.shikong.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.shikong.styles..", "io.shikong.samples..")
                .check(classes);
    }

    @Test
    void theTileServiceKnowsNoHttpNoOgcProtocolAndNoJdbcStore() {
        noClasses().that().resideInAPackage("io.shikong.tiles..")
                .should().dependOnClassesThat().resideInAnyPackage("io.shikong.api..", "io.shikong.ows..", "io.micronaut..",
                        "reactor..", "org.reactivestreams..", "io.shikong.core.store.jdbc..", "java.sql..")
                .because("tile-service makes tiles from the store SPI and the styles; micronaut-api serves them over HTTP "
                        + "and ows as WMTS")
                .check(classes);
    }

    @Test
    void packagesOfTheTileServiceHaveNoCycles() {
        slices().matching("io.shikong.tiles.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void stylesUseTheFeatureModelNotTheJdbcStores() {
        noClasses().that().resideInAPackage("io.shikong.styles..")
                .should().dependOnClassesThat().resideInAnyPackage("io.shikong.core.store.jdbc..", "java.sql..",
                        "com.zaxxer..", "org.postgresql..", "org.h2..", "org.h2gis..")
                .check(classes);
    }

    @Test
    void theOgcServicesDoNotReachIntoEachOther() {
        noClasses().that().resideInAPackage("io.shikong.ows.wms..")
                .should().dependOnClassesThat().resideInAPackage("io.shikong.ows.wfs..")
                .because("WMS and WFS share encoders through io.shikong.ows.gml, fes and xml, not each other's internals")
                .check(classes);
    }

    @Test
    void packagesOfSpatialCoreHaveNoCycles() {
        slices().matching("io.shikong.core.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void packagesOfTheOgcLayerHaveNoCycles() {
        slices().matching("io.shikong.ows.(*)..").should().beFreeOfCycles().check(classes);
    }
}
