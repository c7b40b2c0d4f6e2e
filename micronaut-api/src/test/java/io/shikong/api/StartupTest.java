package io.shikong.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
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

    @Test
    void missingCatalogFileFailsTheStartNamingTheKey() {
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1, "shikong.catalog", "/nowhere/catalog.yml")))
                .hasStackTraceContaining("shikong.catalog");
    }
}
