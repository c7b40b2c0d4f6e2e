package io.shikong.core.redline;

import static org.assertj.core.api.Assertions.assertThat;

import io.shikong.core.catalog.CatalogLoader;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.SectorLayers;
import io.shikong.core.crs.CrsService;
import io.shikong.core.feature.Feature;
import io.shikong.core.security.Caller;
import io.shikong.core.store.jdbc.EmbeddedFeatureStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

/** Checks kept through the repository interface on the embedded store; the red-line layer and attributes from the catalog. */
class CheckRepositoryTest {

    static final CrsService CRS = new CrsService();
    static final Caller ADMIN = Caller.of("test", Caller.ADMIN);

    static LayerCatalog catalog() {
        return CatalogLoader.load(new ByteArrayInputStream("""
                layers:
                  - name: reserves
                    geometry: Polygon
                    attributes: [{name: title, type: string}, {name: kind, type: string}, {name: grade, type: string}]
                sector:
                  redLine: {layer: reserves, name: title, category: kind, protectionLevel: grade}
                """.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aSavedCheckIsFoundAgainByAnotherRepositoryOnTheSameDatabase() {
        LayerCatalog catalog = catalog();
        try (EmbeddedFeatureStore store = new EmbeddedFeatureStore(EmbeddedFeatureStore.inMemory("checks" + java.util.UUID.randomUUID()), catalog, CRS)) {
            store.initialize();
            CheckRepository checks = new CheckStore(store);
            assertThat(checks.find("c1")).isEmpty();
            StoredCheck check = new StoredCheck("c1", Instant.parse("2025-01-02T03:04:05.678Z"), "ab".repeat(32),
                    Instant.parse("2020-01-01T00:00:00Z"), "{\"wkt\":\"POINT(1 2)\"}", "{\"footprints\":[\"红线\"]}");
            checks.save(check);
            assertThat(checks.find("c1")).contains(check);
            StoredCheck noVersion = new StoredCheck("c2", Instant.parse("2025-01-02T03:04:05Z"), "cd".repeat(32), null, "{}", "{}");
            checks.save(noVersion);
            CheckRepository again = new CheckStore(store.dataSource(), store.dialect());
            assertThat(again.find("c2")).contains(noVersion);
            assertThat(again.find("c1")).contains(check);
        }
    }

    @Test
    void theCheckerReportsTheConfiguredAttributes() throws Exception {
        LayerCatalog catalog = catalog();
        SectorLayers.RedLine redLine = catalog.sector().redLine();
        assertThat(redLine.layer()).isEqualTo("reserves");
        try (EmbeddedFeatureStore store = new EmbeddedFeatureStore(EmbeddedFeatureStore.inMemory("checks" + java.util.UUID.randomUUID()), catalog, CRS)) {
            store.initialize();
            Geometry zone = new WKTReader().read("POLYGON((123.40 41.80, 123.42 41.80, 123.42 41.82, 123.40 41.82, 123.40 41.80))");
            zone.setSRID(4490);
            store.bulkLoad("reserves", List.of(new Feature("R1", zone, Map.of("title", "浑河湿地", "kind", "wetland", "grade", "core"),
                    Instant.parse("2015-01-01T00:00:00Z"), null, 1)).iterator(), ADMIN);
            RedLineChecker checker = new RedLineChecker(new RedLineIndex(store, redLine.layer(), ADMIN), CRS, CRS.storage(), redLine);
            Geometry inside = new WKTReader().read("POINT(123.41 41.81)");
            inside.setSRID(4490);
            CheckReport report = checker.check(List.of(inside), 0, Instant.parse("2025-01-01T00:00:00Z"), false);
            CheckReport.ZoneHit hit = report.footprints().get(0).zones().get(0);
            assertThat(hit.name()).isEqualTo("浑河湿地");
            assertThat(hit.category()).isEqualTo("wetland");
            assertThat(hit.protectionLevel()).isEqualTo("core");
            Geometry outside = new WKTReader().read("POINT(123.45 41.81)");
            outside.setSRID(4490);
            CheckReport clear = checker.check(List.of(outside), 0, Instant.parse("2025-01-01T00:00:00Z"), false);
            assertThat(clear.footprints().get(0).nearest().name()).isEqualTo("浑河湿地");
            // attributes left out are reported as absent
            RedLineChecker bare = new RedLineChecker(new RedLineIndex(store, "reserves", ADMIN), CRS, CRS.storage(),
                    new SectorLayers.RedLine("reserves", "title", null, null));
            CheckReport.ZoneHit plain = bare.check(List.of(inside), 0, Instant.parse("2025-01-01T00:00:00Z"), false)
                    .footprints().get(0).zones().get(0);
            assertThat(plain.name()).isEqualTo("浑河湿地");
            assertThat(plain.category()).isNull();
            assertThat(plain.protectionLevel()).isNull();
        }
    }
}
