package io.shikong.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.shikong.api.rest.GeoJsonGeometryReader;
import io.shikong.core.redline.RedLineLimits;
import io.shikong.core.sector.SectorLimits;
import io.shikong.ows.wfs.lock.LockManager;
import io.shikong.ows.wms.PixelBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The configuration tree as application.yml binds it: its defaults are today's behaviour (and the
 * defaults the libraries use when made without configuration), the flat keys of earlier versions are
 * still read, and the nested keys reach the beans that enforce them.
 */
class ConfigurationTest {

    static ApplicationContext run(Map<String, Object> properties) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "configuration-test")), "db");
        Map<String, Object> props = new HashMap<>(properties);
        props.putIfAbsent("shikong.store.file", dir.resolve("shikong").toString());
        props.putIfAbsent("shikong.samples.load", "false");
        return ApplicationContext.run(props);
    }

    @Test
    void theDefaultsAreTodaysBehaviourAndTheLibrariesOwn() throws Exception {
        try (ApplicationContext ctx = run(Map.of())) {
            ShikongConfiguration c = ctx.getBean(ShikongConfiguration.class);
            assertThat(c.service().publicUrl()).isEmpty();
            assertThat(c.store().kind()).isEqualTo("embedded");
            assertThat(c.store().url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/shikong");
            assertThat(c.store().user()).isEqualTo("shikong");
            assertThat(c.store().poolSize()).isEqualTo(16);
            assertThat(c.samples().seed()).isEqualTo(20261124L);
            assertThat(c.rest().defaultLimit()).isEqualTo(100);
            assertThat(c.rest().maxLimit()).isEqualTo(10000);
            assertThat(c.wfs().countDefault()).isEqualTo(10000);
            assertThat(c.wfs().maxCount()).isEqualTo(1000000);
            assertThat(c.wms().maxSize()).isEqualTo(4096);
            assertThat(c.wms().pixelBudget()).isEqualTo(64L * 1024 * 1024);
            // what the libraries do when made without configuration (tests, benchmarks) is what the server does
            assertThat(c.sector().limits()).isEqualTo(SectorLimits.DEFAULTS);
            assertThat(c.redLine().limits()).isEqualTo(RedLineLimits.DEFAULTS);
            assertThat(c.query().maxVertices()).isEqualTo(GeoJsonGeometryReader.MAX_VERTICES);
            assertThat(c.query().maxDistance()).isEqualTo(100_000);
            assertThat(c.redLine().maxFootprints()).isEqualTo(GeoJsonGeometryReader.MAX_FOOTPRINTS);
            assertThat(c.wfs().maxLocks()).isEqualTo(LockManager.MAX_LOCKS);
            assertThat(c.wfs().maxLockedFeatures()).isEqualTo(LockManager.MAX_LOCKED_FEATURES);
            // the tile cache's default (data/tiles) is left out by the tests' application-test.yml
            assertThat(c.tiles().cachePath()).isEmpty();
            assertThat(ctx.findBean(io.shikong.tiles.seed.SeedJobs.class)).isEmpty();
            assertThat(c.tiles().metatile()).isEqualTo(4);
            assertThat(c.tiles().gutter()).isEqualTo(64);
            assertThat(c.tiles().maxLayers()).isEqualTo(16);
            io.shikong.tiles.mvt.MvtSettings mvt = io.shikong.tiles.mvt.MvtSettings.defaults();
            assertThat(c.tiles().mvtExtent()).isEqualTo(mvt.extent());
            assertThat(c.tiles().mvtBuffer()).isEqualTo(mvt.buffer());
            assertThat(c.tiles().maxAge()).isEqualTo(60);
            assertThat(c.tiles().asOfMaxAge()).isEqualTo(86400);
        }
    }

    @Test
    void theTileKeysReachTheTileServiceAndBadOnesStopTheStart() throws Exception {
        Path cache = Files.createTempDirectory(Files.createDirectories(Path.of("target", "configuration-test")), "tiles");
        try (ApplicationContext ctx = run(Map.of("shikong.tiles.cache-dir", cache.toString(), "shikong.tiles.mvt-buffer", 128))) {
            io.shikong.tiles.TileService tiles = ctx.getBean(io.shikong.tiles.TileService.class);
            assertThat(tiles.cache()).hasValueSatisfying(c -> assertThat(c.root()).isEqualTo(cache.toAbsolutePath()));
            assertThat(ctx.getBean(io.shikong.tiles.mvt.MvtSettings.class).buffer()).isEqualTo(128);
            assertThat(ctx.findBean(io.shikong.tiles.seed.SeedJobs.class)).isPresent();
            assertThat(Files.isDirectory(cache.resolve("jobs"))).isTrue();
        }
        for (Map.Entry<String, Object> bad : Map.<String, Object>of("shikong.tiles.metatile", 0, "shikong.tiles.max-layers", 0,
                "shikong.tiles.mvt-buffer", 4000, "shikong.tiles.max-age", -1).entrySet()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(Map.of(bad.getKey(), bad.getValue())).close())
                    .as(bad.getKey()).hasStackTraceContaining(bad.getKey());
        }
    }

    @Test
    void theIngestKeysHaveTheirDefaultsAndRefuseBadValues() throws Exception {
        try (ApplicationContext ctx = run(Map.of())) {
            ShikongConfiguration.Ingest i = ctx.getBean(ShikongConfiguration.class).ingest();
            assertThat(i.importPath()).isEmpty();
            assertThat(i.workPath()).isEmpty();
            assertThat(i.maxUploadSize()).isEqualTo(16L * 1024 * 1024);
            assertThat(i.maxJobs()).isEqualTo(100);
            assertThat(i.threads()).isEqualTo(2);
        }
        try (ApplicationContext ctx = run(Map.of("shikong.ingest.import-dir", "/srv/imports", "shikong.ingest.threads", 1))) {
            ShikongConfiguration.Ingest i = ctx.getBean(ShikongConfiguration.class).ingest();
            assertThat(i.importPath()).contains(Path.of("/srv/imports"));
            assertThat(i.threads()).isEqualTo(1);
        }
        for (Map.Entry<String, Object> bad : Map.<String, Object>of("shikong.ingest.max-upload-size", 0,
                "shikong.ingest.max-jobs", 0, "shikong.ingest.threads", 0).entrySet()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(Map.of(bad.getKey(), bad.getValue())).close())
                    .as(bad.getKey()).hasStackTraceContaining(bad.getKey());
        }
    }

    @Test
    void theServerKeysHaveTheirDefaultsReachNettyAndRefuseBadValues() throws Exception {
        try (ApplicationContext ctx = run(Map.of())) {
            ShikongConfiguration c = ctx.getBean(ShikongConfiguration.class);
            ShikongConfiguration.Server s = c.server();
            assertThat(s.maxConcurrentRequests()).isEqualTo(12).isLessThan(c.store().poolSize());
            assertThat(s.maxQueuedRequests()).isEqualTo(200);
            assertThat(s.queueTimeout()).isEqualTo(java.time.Duration.ofSeconds(10));
            assertThat(s.writeTimeout()).isEqualTo(java.time.Duration.ofSeconds(60));
            assertThat(s.connectionWait()).isEqualTo(java.time.Duration.ofSeconds(2));
            assertThat(s.retryAfter()).isEqualTo(5);
            assertThat(s.contentSecurityPolicy()).startsWith("default-src 'self';").contains("frame-ancestors 'self'");
            assertThat(c.redLine().maxStoredChecks()).isEqualTo(10000);
            assertThat(ctx.getBean(io.micronaut.http.server.HttpServerConfiguration.class).getIdleTimeout())
                    .isEqualTo(java.time.Duration.ofSeconds(60));
            // CORS: on, any origin may read, no credentials
            var cors = ctx.getBean(io.micronaut.http.server.HttpServerConfiguration.class).getCors();
            assertThat(cors.isEnabled()).isTrue();
            assertThat(cors.getConfigurations().get("all").getAllowedOrigins()).containsExactly("*");
            assertThat(cors.getConfigurations().get("all").isAllowCredentials()).isFalse();
        }
        try (ApplicationContext ctx = run(Map.of("shikong.server.write-timeout", "7s"))) {
            assertThat(ctx.getBean(io.micronaut.http.server.HttpServerConfiguration.class).getIdleTimeout())
                    .isEqualTo(java.time.Duration.ofSeconds(7));
        }
        for (Map.Entry<String, Object> bad : Map.<String, Object>of("shikong.server.max-concurrent-requests", 0,
                "shikong.server.max-queued-requests", -1, "shikong.server.write-timeout", "0s",
                "shikong.server.connection-wait", "100ms", "shikong.server.retry-after", 0,
                "shikong.red-line.max-stored-checks", 0).entrySet()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(Map.of(bad.getKey(), bad.getValue())).close())
                    .as(bad.getKey()).hasStackTraceContaining(bad.getKey());
        }
        // on PostGIS the places must leave a pooled connection free (checked before any connection is made)
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(Map.of("shikong.store.kind", "postgis",
                        "shikong.store.pool-size", 4, "shikong.server.max-concurrent-requests", 4)).close())
                .hasStackTraceContaining("shikong.server.max-concurrent-requests: must be less than shikong.store.pool-size (4)");
    }

    @Test
    void theSamplesLoadIntoAnEmbeddedStoreOnlyUnlessTold() throws Exception {
        ShikongConfiguration.Samples auto = new ShikongConfiguration.Samples("auto", 1);
        assertThat(auto.loadInto("embedded")).isTrue();
        assertThat(auto.loadInto("postgis")).isFalse();
        assertThat(new ShikongConfiguration.Samples("TRUE", 1).loadInto("postgis")).isTrue();
        assertThat(new ShikongConfiguration.Samples("false", 1).loadInto("embedded")).isFalse();
    }

    @Test
    void theFlatKeysOfEarlierVersionsAreStillRead() throws Exception {
        Map<String, Object> old = new HashMap<>();
        old.put("shikong.public-url", "https://maps.example.cn/");
        old.put("shikong.max-limit", 5000);
        old.put("shikong.default-limit", 20);
        old.put("shikong.wfs-count-default", 50);
        old.put("shikong.wfs-max-count", 6000);
        old.put("shikong.wms-max-size", 2048);
        old.put("shikong.samples", false);
        old.put("shikong.samples-seed", 7L);
        old.put("shikong.store.file", Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "configuration-test")), "db").resolve("shikong").toString());
        try (ApplicationContext ctx = ApplicationContext.run(old)) {
            ShikongConfiguration c = ctx.getBean(ShikongConfiguration.class);
            assertThat(c.service().publicUrl()).isEqualTo("https://maps.example.cn/");
            assertThat(c.rest()).isEqualTo(new ShikongConfiguration.Rest(20, 5000));
            assertThat(c.wfs().countDefault()).isEqualTo(50);
            assertThat(c.wfs().maxCount()).isEqualTo(6000);
            assertThat(c.wms().maxSize()).isEqualTo(2048);
            assertThat(c.samples()).isEqualTo(new ShikongConfiguration.Samples("false", 7));
        }
    }

    @Test
    void theNestedKeysReachTheBeansThatEnforceThem() throws Exception {
        try (ApplicationContext ctx = run(Map.of("shikong.wfs.max-locks", 3, "shikong.wfs.max-locked-features", 40,
                "shikong.sector.max-results", 12, "shikong.wms.pixel-budget", 32L * 1024 * 1024))) {
            assertThat(ctx.getBean(LockManager.class).maxLockedFeatures()).isEqualTo(40);
            // one budget for the process, whoever asks
            assertThat(ctx.getBean(PixelBudget.class).pixels()).isEqualTo(32L * 1024 * 1024);
            assertThat(ctx.getBean(PixelBudget.class)).isSameAs(ctx.getBean(PixelBudget.class));
            assertThat(ctx.getBean(ShikongConfiguration.class).sector().limits().maxResults()).isEqualTo(12);
        }
    }
}
