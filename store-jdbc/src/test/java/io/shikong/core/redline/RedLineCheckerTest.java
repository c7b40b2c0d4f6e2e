package io.shikong.core.redline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.shikong.core.catalog.CatalogLoader;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.feature.Change;
import io.shikong.core.feature.Feature;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import io.shikong.core.store.jdbc.EmbeddedFeatureStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.PolygonArea;
import net.sf.geographiclib.PolygonResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

/**
 * Compliance checks against expectations computed by hand, with GeographicLib on the CGCS2000 ellipsoid
 * as the reference for areas and distances.
 */
class RedLineCheckerTest {

    /** CGCS2000: GRS 80 axes. */
    static final Geodesic CGCS2000 = new Geodesic(6378137, 1 / 298.257222101);
    static final CrsService CRS = new CrsService();
    static final Caller ADMIN = Caller.of("test", Caller.ADMIN);
    static final Instant Y2015 = Instant.parse("2015-01-01T00:00:00Z");
    static final Instant Y2020 = Instant.parse("2020-01-01T00:00:00Z");

    FeatureStore store;
    RedLineIndex index;
    RedLineChecker checker;
    double lonAt100m;

    @BeforeEach
    void setUp() throws Exception {
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
        store = new EmbeddedFeatureStore(EmbeddedFeatureStore.inMemory("redline" + java.util.UUID.randomUUID()), catalog, CRS);
        store.initialize();
        // 100 m due east of (41.90, 123.50) on the ellipsoid
        lonAt100m = CGCS2000.Direct(41.90, 123.50, 90, 100).lon2;
        store.bulkLoad("eco_red_lines", List.of(
                // Z1 grew eastwards in 2020
                zone("Z1", 1, "POLYGON((123.40 41.80, 123.42 41.80, 123.42 41.82, 123.40 41.82, 123.40 41.80))", Y2015, Y2020),
                zone("Z1", 2, "POLYGON((123.40 41.80, 123.43 41.80, 123.43 41.82, 123.40 41.82, 123.40 41.80))", Y2020, null),
                zone("Z2", 1, "POLYGON((123.48 41.89, 123.50 41.89, 123.50 41.91, 123.48 41.91, 123.48 41.89))", Y2015, null)
        ).iterator(), ADMIN);
        index = new RedLineIndex(store, "eco_red_lines", ADMIN);
        checker = new RedLineChecker(index, CRS, CRS.storage());
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    static Feature zone(String id, int version, String wkt, Instant from, Instant to) throws Exception {
        Geometry g = new WKTReader().read(wkt);
        g.setSRID(4490);
        return new Feature(id, g, Map.of("zone_name", id + "保护区", "category", "water_source", "protection_level", "core"),
                from, to, version);
    }

    static Geometry wkt(String wkt) throws Exception {
        Geometry g = new WKTReader().read(wkt);
        g.setSRID(4490);
        return g;
    }

    /** Geodesic area of a lon/lat rectangle, m². */
    static double geodesicArea(double lon1, double lat1, double lon2, double lat2) {
        PolygonArea p = new PolygonArea(CGCS2000, false);
        p.AddPoint(lat1, lon1);
        p.AddPoint(lat1, lon2);
        p.AddPoint(lat2, lon2);
        p.AddPoint(lat2, lon1);
        PolygonResult r = p.Compute(false, true);
        return Math.abs(r.area);
    }

    @Test
    void halfInsideOverlapIsTheGeodesicAreaWithinAThousandth() throws Exception {
        Geometry footprint = wkt("POLYGON((123.41 41.805, 123.43 41.805, 123.43 41.815, 123.41 41.815, 123.41 41.805))");
        CheckReport r = checker.check(List.of(footprint), 0, Instant.parse("2019-06-01T00:00:00Z"), false);
        CheckReport.FootprintResult f = r.footprints().get(0);
        assertThat(f.verdict()).isEqualTo(CheckReport.OVERLAPS);
        assertThat(f.zones()).hasSize(1);
        CheckReport.ZoneHit hit = f.zones().get(0);
        assertThat(hit.id()).isEqualTo("Z1");
        assertThat(hit.version()).isEqualTo(1);
        double expected = geodesicArea(123.41, 41.805, 123.42, 41.815);
        assertThat(hit.overlapM2()).isCloseTo(expected, within(expected * 0.001));
        assertThat(f.areaM2()).isCloseTo(geodesicArea(123.41, 41.805, 123.43, 41.815), within(expected * 0.002));
        assertThat(hit.shareOfFootprint()).isCloseTo(0.5, within(0.001));
        assertThat(hit.shareOfZone()).isCloseTo(expected / geodesicArea(123.40, 41.80, 123.42, 41.82), within(0.001));
        assertThat(r.method()).contains("Gauss-Krüger");
        assertThat(r.redLineVersion()).isEqualTo(Y2015);
        assertThat(r.zonesInForce()).isEqualTo(2);
    }

    @Test
    void asOfBeforeABoundaryChangeUsesTheOldBoundary() throws Exception {
        Geometry footprint = wkt("POLYGON((123.41 41.805, 123.43 41.805, 123.43 41.815, 123.41 41.815, 123.41 41.805))");
        CheckReport now = checker.check(List.of(footprint), 0, Instant.now(), false);
        assertThat(now.footprints().get(0).zones().get(0).version()).isEqualTo(2);
        assertThat(now.footprints().get(0).zones().get(0).shareOfFootprint()).isCloseTo(1.0, within(1e-6));
        assertThat(now.redLineVersion()).isEqualTo(Y2020);
        CheckReport before = checker.check(List.of(footprint), 0, Y2020.minusSeconds(1), false);
        assertThat(before.footprints().get(0).zones().get(0).shareOfFootprint()).isCloseTo(0.5, within(0.001));
    }

    @Test
    void aFootprint100MetresAwayReports100MetresWithinHalfAMetre() throws Exception {
        // a small square whose west edge is 100 m (geodesic) east of Z2's east edge at latitude 41.90
        double w = lonAt100m;
        Geometry footprint = wkt("POLYGON((" + w + " 41.8995, " + (w + 0.001) + " 41.8995, " + (w + 0.001) + " 41.9005, "
                + w + " 41.9005, " + w + " 41.8995))");
        CheckReport.FootprintResult clear = checker.check(List.of(footprint), 0, Instant.now(), false).footprints().get(0);
        assertThat(clear.verdict()).isEqualTo(CheckReport.CLEAR);
        assertThat(clear.zones()).isEmpty();
        assertThat(clear.nearest().id()).isEqualTo("Z2");
        assertThat(clear.nearest().distanceM()).isCloseTo(100.0, within(0.5));

        CheckReport.FootprintResult buffered = checker.check(List.of(footprint), 150, Instant.now(), false).footprints().get(0);
        assertThat(buffered.verdict()).isEqualTo(CheckReport.WITHIN_BUFFER);
        assertThat(buffered.zones()).extracting(CheckReport.ZoneHit::id).containsExactly("Z2");
        assertThat(buffered.zones().get(0).distanceM()).isCloseTo(100.0, within(0.5));
        assertThat(buffered.zones().get(0).overlapM2()).isZero();
        assertThat(buffered.nearest()).isNull();
        assertThat(checker.check(List.of(footprint), 90, Instant.now(), false).footprints().get(0).verdict())
                .isEqualTo(CheckReport.CLEAR);
    }

    @Test
    void aFootprintAlongAZoneEdgeTouchesButDoesNotOverlap() throws Exception {
        // shares Z2's east edge (123.50) exactly
        Geometry edge = wkt("POLYGON((123.50 41.895, 123.51 41.895, 123.51 41.905, 123.50 41.905, 123.50 41.895))");
        CheckReport.FootprintResult f = checker.check(List.of(edge), 0, Instant.now(), false).footprints().get(0);
        assertThat(f.verdict()).isEqualTo(CheckReport.WITHIN_BUFFER);
        assertThat(f.zones()).extracting(CheckReport.ZoneHit::id).containsExactly("Z2");
        assertThat(f.zones().get(0).overlapM2()).isZero();
        assertThat(f.zones().get(0).distanceM()).isZero();
    }

    @Test
    void aLineFootprintCrossingAZoneOverlapsWithoutArea() throws Exception {
        CheckReport.FootprintResult f = checker.check(List.of(wkt("LINESTRING(123.47 41.90, 123.49 41.90)")), 0,
                Instant.now(), false).footprints().get(0);
        assertThat(f.verdict()).isEqualTo(CheckReport.OVERLAPS);
        assertThat(f.areaM2()).isZero();
        assertThat(f.zones().get(0).shareOfFootprint()).isZero();
    }

    @Test
    void theIndexFollowsChangesToTheLayer() throws Exception {
        Geometry far = wkt("POINT(123.60 41.95)");
        assertThat(checker.check(List.of(far), 0, Instant.now(), false).footprints().get(0).verdict()).isEqualTo(CheckReport.CLEAR);
        Instant beforeWrite = Instant.now();
        Thread.sleep(2);
        store.write("eco_red_lines", List.of(new Change.Update("Z2",
                wkt("MULTIPOLYGON(((123.48 41.89, 123.61 41.89, 123.61 41.96, 123.48 41.96, 123.48 41.89)))"), Map.of())), ADMIN);
        assertThat(checker.check(List.of(far), 0, Instant.now(), false).footprints().get(0).verdict()).isEqualTo(CheckReport.OVERLAPS);
        assertThat(checker.check(List.of(far), 0, beforeWrite, false).footprints().get(0).verdict()).isEqualTo(CheckReport.CLEAR);
    }

    @Test
    void invalidFootprintsAreRefusedOrRepaired() throws Exception {
        Geometry bowtie = wkt("POLYGON((123.41 41.805, 123.43 41.815, 123.43 41.805, 123.41 41.815, 123.41 41.805))");
        assertThatThrownBy(() -> checker.check(List.of(bowtie), 0, Instant.now(), false))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Self-intersection")
                .hasMessageContaining("repair=true");
        CheckReport.FootprintResult fixed = checker.check(List.of(bowtie), 0, Instant.now(), true).footprints().get(0);
        assertThat(fixed.repaired()).isTrue();
        assertThat(fixed.note()).contains("made valid");
        assertThat(fixed.areaM2()).isPositive();
        assertThatThrownBy(() -> checker.check(List.of(wkt("POLYGON EMPTY")), 0, Instant.now(), false))
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> checker.check(List.of(wkt("POLYGON((100 20, 130 20, 130 50, 100 50, 100 20))")), 0,
                Instant.now(), false)).hasMessageContaining("km²");
        // within 3 degrees, but 2.5° × 2° at 42°N is about 46,000 km²
        assertThatThrownBy(() -> checker.check(List.of(wkt("POLYGON((122 41, 124.5 41, 124.5 43, 122 43, 122 41))")), 0,
                Instant.now(), false)).hasMessageContaining("at most 10000 km²");
        assertThatThrownBy(() -> checker.check(List.of(wkt("POINT(10.0 45.0)")), 0, Instant.now(), false))
                .hasMessageContaining("73.5°E");
        assertThatThrownBy(() -> checker.check(List.of(wkt("GEOMETRYCOLLECTION(POINT(123.4 41.8), POINT(123.5 41.8))")), 0,
                Instant.now(), false)).hasMessageContaining("FeatureCollection");
        assertThatThrownBy(() -> checker.check(List.of(wkt("POINT(123.4 41.8)")), -1, Instant.now(), false))
                .hasMessageContaining("buffer");
        assertThatThrownBy(() -> checker.check(List.of(wkt("POINT(4629511 41535737)")), 0, Instant.now(), false))
                .hasMessageContaining("crs");
    }
}
