package io.shikong.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/** Start-up wiring: logging reaches logback, and bad configuration stops the start naming the key. */
class StartupTest {

    @Test
    void loggingReachesLogbackNotNop() {
        // geotools-wrapper bundles slf4j-api 1.7; if it won, this would be a NOP factory
        assertThat(LoggerFactory.getILoggerFactory().getClass().getName()).isEqualTo("ch.qos.logback.classic.LoggerContext");
    }

    @Test
    void unknownStoreKindFailsTheStartNamingTheKey() {
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1, "shikong.store.kind", "oracle")))
                .hasStackTraceContaining("shikong.store.kind");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "shikong.wms.max-size|0|shikong.wms.max-size: must be at least 1, was 0",
        "shikong.wms.pixel-budget|1000|shikong.wms.pixel-budget: must hold at least one map",
        "shikong.rest.max-limit|-5|shikong.rest.max-limit: must be at least 1, was -5",
        "shikong.rest.default-limit|0|shikong.rest.default-limit: must be at least 1, was 0",
        "shikong.wfs.count-default|0|shikong.wfs.count-default: must be at least 1",
        "shikong.wfs.max-locked-features|0|shikong.wfs.max-locked-features: must be at least 1",
        "shikong.sector.max-results|-1|shikong.sector.max-results: must be at least 1, was -1",
        "shikong.sector.pipelines-max-distance|0|shikong.sector.pipelines-max-distance: must be a positive number",
        "shikong.query.max-vertices|0|shikong.query.max-vertices: must be at least 1",
        "shikong.red-line.max-footprints|0|shikong.red-line.max-footprints: must be at least 1",
        "shikong.red-line.max-area-km2|-1|shikong.red-line.max-area-km2: must be a positive number",
        "shikong.store.pool-size|0|shikong.store.pool-size: must be at least 1",
        "shikong.samples.load|sometimes|shikong.samples.load: must be 'auto', 'true' or 'false'",
    })
    void aBadLimitFailsTheStartNamingTheKey(String key, String value, String message) {
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1, key, value)))
                .hasStackTraceContaining(message);
    }

    @Test
    void missingCatalogFileFailsTheStartNamingTheKey() {
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1, "shikong.catalog", "/nowhere/catalog.yml")))
                .hasStackTraceContaining("shikong.catalog");
    }
}
