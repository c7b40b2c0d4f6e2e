package io.shikong.core.redline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shikong.core.catalog.CatalogLoader;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.SectorLayers;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import io.shikong.core.store.jdbc.EmbeddedFeatureStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * The repair of an invalid footprint is bounded before it starts: a star polygon of n vertices crosses itself
 * about n²/2 times, and GeometryFixer's work grows with the crossings (3,001 vertices: 4.5 million, minutes of
 * CPU). Over {@code shikong.red-line.max-repair-crossings} or {@code max-repair-vertices} the check is refused;
 * within them the footprint is repaired and kept with the result.
 */
class RedLineRepairLimitsTest {

    static final CrsService CRS = new CrsService();
    static final Caller ADMIN = Caller.of("test", Caller.ADMIN);
    static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    FeatureStore store;
    RedLineIndex index;

    @BeforeEach
    void setUp() {
        LayerCatalog catalog = CatalogLoader.load(new ByteArrayInputStream("""
                layers:
                  - name: eco_red_lines
                    geometry: MultiPolygon
                    transactions: true
                    attributes:
                      - {name: zone_name, type: string}
                      - {name: category, type: string}
                      - {name: protection_level, type: string}
                """.getBytes(StandardCharsets.UTF_8)));
        store = new EmbeddedFeatureStore(EmbeddedFeatureStore.inMemory("repair" + java.util.UUID.randomUUID()), catalog, CRS);
        store.initialize();
        index = new RedLineIndex(store, "eco_red_lines", ADMIN);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    RedLineChecker checker(RedLineLimits limits) {
        return new RedLineChecker(index, CRS, CRS.storage(), SectorLayers.RedLine.DEFAULT, limits);
    }

    /** The star polygon {n/(n/2-1)} around Shenyang: every edge crosses most others. */
    static Polygon star(int n) {
        Coordinate[] c = new Coordinate[n + 1];
        int k = n / 2 - 1;
        for (int i = 0; i < n; i++) {
            double t = 2 * Math.PI * ((long) i * k % n) / n;
            c[i] = new Coordinate(123.4 + 0.01 * Math.cos(t), 41.8 + 0.01 * Math.sin(t));
        }
        c[n] = c[0];
        Polygon p = new GeometryFactory().createPolygon(c);
        p.setSRID(4490);
        return p;
    }

    @Test
    void aStarOfThousandsOfVerticesIsRefusedBeforeAnyRepair() {
        RedLineChecker checker = checker(RedLineLimits.DEFAULTS);
        // refused by counting crossings up to the limit (SelfCrossings, below), before GeometryFixer would run
        assertThatThrownBy(() -> checker.check(List.of(star(3001)), 0, NOW, true))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                    assertThat(e.locator()).isEqualTo("footprint");
                    assertThat(e.getMessage()).startsWith("footprint 1 is not valid (Self-intersection at ")
                            .endsWith(") and its edges cross each other more than 1000 times; at most 1000 crossings are "
                                    + "repaired (shikong.red-line.max-repair-crossings): send a valid footprint");
                });
    }

    @Test
    void overTheVertexLimitForRepairIsRefused() {
        RedLineChecker checker = checker(new RedLineLimits(200_000, 1e10, 50_000, 100, 1000));
        assertThatThrownBy(() -> checker.check(List.of(star(101)), 0, NOW, true))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageEndingWith("and has 102 vertices; at most 100 are repaired "
                        + "(shikong.red-line.max-repair-vertices): send a valid footprint");
    }

    @Test
    void aStarWithinTheLimitsIsRepairedAndTheResultKeepsTheRepairedFootprint() {
        assertThat(SelfCrossings.count(star(21), 10_000)).isEqualTo(189);
        assertThat(SelfCrossings.count(star(3001), 1000)).isEqualTo(1001);
        CheckReport r = checker(RedLineLimits.DEFAULTS).check(List.of(star(21)), 0, NOW, true);
        CheckReport.FootprintResult f = r.footprints().get(0);
        assertThat(f.repaired()).isTrue();
        assertThat(f.checked()).isNotNull();
        assertThat(f.checked().isValid()).isTrue();
        assertThat(f.areaM2()).isPositive();
        // the map of a kept check repairs again within the same bounds, a valid footprint as it is
        Geometry valid = f.checked();
        assertThat(checker(RedLineLimits.DEFAULTS).repaired(valid)).isSameAs(valid);
        assertThatThrownBy(() -> checker(RedLineLimits.DEFAULTS).repaired(star(3001)))
                .hasMessageContaining("shikong.red-line.max-repair-crossings");
    }
}
