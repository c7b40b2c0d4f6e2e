package io.shikong.core.sector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.shikong.core.catalog.CatalogLoader;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.FeatureNotFoundException;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.LayerNotFoundException;
import io.shikong.core.error.MissingParameterException;
import io.shikong.core.error.ShikongException;
import io.shikong.core.feature.Feature;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.FeatureStore;
import io.shikong.core.store.jdbc.EmbeddedFeatureStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

/**
 * The sector services on the embedded store, configured by a catalog whose layers and attributes have
 * none of the sample city's names: every rule must come from the catalog's sector section.
 */
class SectorServicesTest {

    static final CrsService CRS = new CrsService();
    static final Caller ADMIN = Caller.of("test", Caller.ADMIN);
    static final Caller UTILITIES = Caller.of("u", "utilities");
    static final Instant Y2020 = Instant.parse("2020-01-01T00:00:00Z");

    static final String LAYERS = """
            layers:
              - name: mains
                geometry: LineString
                access: restricted
                readRoles: [utilities]
                attributes: [{name: kind, type: string}, {name: dn, type: integer}]
              - name: shops
                geometry: Point
                attributes: [{name: grade, type: string}, {name: checked, type: date}, {name: ward, type: string}]
              - name: photos
                geometry: Point
                attributes: [{name: taken, type: timestamp}]
              - name: houses
                geometry: MultiPolygon
                attributes: [{name: kind, type: string}, {name: storeys, type: long}]
            """;

    static final String SECTOR = """
            sector:
              pipelines: {layer: mains, network: kind, diameter: dn}
              inspection:
                layer: shops
                risk: grade
                lastInspected: checked
                district: ward
                intervals: {high: 30, low: 365}
              streetView: {layer: photos, capturedAt: taken}
              buildings: {layer: houses, use: kind, floors: storeys}
            """;

    LayerCatalog catalog;
    FeatureStore store;
    Crs crs84;

    @BeforeEach
    void setUp() throws Exception {
        catalog = load(LAYERS + SECTOR);
        store = new EmbeddedFeatureStore(EmbeddedFeatureStore.inMemory("sector" + java.util.UUID.randomUUID()), catalog, CRS);
        store.initialize();
        crs84 = CRS.resolve("CRS84");
        store.bulkLoad("mains", List.of(
                f("M1", "LINESTRING(123.400 41.800, 123.410 41.800)", Map.of("kind", "water", "dn", 300)),
                f("M2", "LINESTRING(123.400 41.801, 123.410 41.801)", Map.of("kind", "gas", "dn", 150)),
                f("M3", "LINESTRING(123.400 41.900, 123.410 41.900)", Map.of("kind", "gas", "dn", 150))
        ).iterator(), ADMIN);
        store.bulkLoad("shops", List.of(
                // S1 was inspected long ago, then again on 2024-12-15
                new Feature("S1", wkt("POINT(123.401 41.801)"), props("grade", "high", "checked", LocalDate.parse("2020-01-01"), "ward", "north"),
                        Y2020, Instant.parse("2024-12-15T00:00:00Z"), 1),
                new Feature("S1", wkt("POINT(123.401 41.801)"), props("grade", "high", "checked", LocalDate.parse("2024-12-15"), "ward", "north"),
                        Instant.parse("2024-12-15T00:00:00Z"), null, 2),
                f("S2", "POINT(123.402 41.802)", props("grade", "high", "checked", LocalDate.parse("2024-11-01"), "ward", "north")),
                f("S3", "POINT(123.403 41.803)", props("grade", "low", "checked", LocalDate.parse("2024-06-01"), "ward", "north")),
                f("S4", "POINT(123.404 41.804)", props("grade", "low", "checked", null, "ward", "south")),
                f("S5", "POINT(123.405 41.805)", props("grade", "other", "checked", LocalDate.parse("2000-01-01"), "ward", "south"))
        ).iterator(), ADMIN);
        store.bulkLoad("photos", List.of(
                f("P1", "POINT(123.401 41.80001)", Map.of("taken", Instant.parse("2021-01-01T00:00:00Z"))),
                f("P2", "POINT(123.405 41.80000)", Map.of("taken", Instant.parse("2023-01-01T00:00:00Z"))),
                f("P3", "POINT(123.415 41.80005)", Map.of("taken", Instant.parse("2022-01-01T00:00:00Z"))),
                f("P4", "POINT(123.405 41.81000)", Map.of("taken", Instant.parse("2022-01-01T00:00:00Z")))
        ).iterator(), ADMIN);
        store.bulkLoad("houses", List.of(
                f("H1", "MULTIPOLYGON(((123.400 41.800, 123.401 41.800, 123.401 41.801, 123.400 41.801, 123.400 41.800)))",
                        props("kind", "residential", "storeys", 3L)),
                f("H2", "MULTIPOLYGON(((123.402 41.800, 123.403 41.800, 123.403 41.801, 123.402 41.801, 123.402 41.800)))",
                        props("kind", "residential", "storeys", null)),
                f("H3", "MULTIPOLYGON(((123.404 41.800, 123.405 41.800, 123.405 41.801, 123.404 41.801, 123.404 41.800)))",
                        props("kind", null, "storeys", 10L)),
                f("H4", "MULTIPOLYGON(((123.500 41.800, 123.501 41.800, 123.501 41.801, 123.500 41.801, 123.500 41.800)))",
                        props("kind", "office", "storeys", 20L))
        ).iterator(), ADMIN);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    static LayerCatalog load(String yaml) {
        return CatalogLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    static Feature f(String id, String wkt, Map<String, Object> props) {
        return new Feature(id, wkt(wkt), props, Y2020, null, 1);
    }

    static Map<String, Object> props(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static Geometry wkt(String wkt) {
        try {
            Geometry g = new WKTReader().read(wkt);
            g.setSRID(4490);
            return g;
        } catch (org.locationtech.jts.io.ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static List<String> ids(RankedFeatures r) {
        return r.features().stream().map(Feature::id).toList();
    }

    static List<Feature> all(MatchingFeatures m) {
        List<Feature> out = new ArrayList<>();
        try (FeatureCursor c = m.cursor()) {
            c.forEachRemaining(out::add);
        }
        return out;
    }

    static List<String> ids(MatchingFeatures m) {
        return all(m).stream().map(Feature::id).sorted().toList();
    }

    // --- pipelines ------------------------------------------------------------------------------------

    @Test
    void pipelinesNearAreNearestFirstByTheConfiguredNetworkAttribute() {
        PipelineService pipelines = new PipelineService(catalog, store, CRS);
        Geometry p = wkt("POINT(123.405 41.8002)"); // ~22 m north of M1, ~89 m south of M2
        RankedFeatures near = pipelines.near(UTILITIES, p, crs84, 100.0, null, null, null);
        assertThat(ids(near)).containsExactly("M1", "M2");
        assertThat(near.distances().get(0)).isCloseTo(22.2, within(0.5));
        assertThat(near.distances().get(1)).isCloseTo(88.9, within(0.5));
        assertThat(near.layer().name()).isEqualTo("mains");
        assertThat(ids(pipelines.near(UTILITIES, p, crs84, 100.0, List.of("gas"), null, null))).containsExactly("M2");
        assertThat(ids(pipelines.near(UTILITIES, p, crs84, 50.0, null, null, null))).containsExactly("M1");
        // before the pipes were laid there were none
        assertThat(pipelines.near(UTILITIES, p, crs84, 100.0, null, TimeSelection.asOf(Instant.parse("2019-01-01T00:00:00Z")), null)
                .features()).isEmpty();

        assertThatThrownBy(() -> pipelines.near(UTILITIES, p, crs84, null, null, null, null))
                .isInstanceOf(MissingParameterException.class);
        assertThatThrownBy(() -> pipelines.near(UTILITIES, p, crs84, 5001.0, null, null, null))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.locator()).isEqualTo("distance"));
        // a restricted layer: as if it did not exist
        assertThatThrownBy(() -> pipelines.near(Caller.ANONYMOUS, p, crs84, 100.0, null, null, null))
                .isInstanceOf(LayerNotFoundException.class);
    }

    @Test
    void pipelinesUnderAFootprint() {
        PipelineService pipelines = new PipelineService(catalog, store, CRS);
        Geometry square = wkt("POLYGON((123.404 41.7995, 123.406 41.7995, 123.406 41.8005, 123.404 41.8005, 123.404 41.7995))");
        RankedFeatures under = pipelines.under(UTILITIES, square, crs84, null, null, null);
        assertThat(ids(under)).containsExactly("M1");
        assertThat(under.distances()).containsExactly(0.0);
        assertThat(pipelines.under(UTILITIES, square, crs84, List.of("gas"), null, null).features()).isEmpty();
    }

    @Test
    void queryGeometriesAndAnswersInOtherCrss() {
        PipelineService pipelines = new PipelineService(catalog, store, CRS);
        Crs mercator = CRS.resolve("EPSG:3857");
        double[] xy = CRS.transform(123.405, 41.8002, crs84, mercator);
        Geometry p = new org.locationtech.jts.geom.GeometryFactory().createPoint(new org.locationtech.jts.geom.Coordinate(xy[0], xy[1]));
        RankedFeatures near = pipelines.near(UTILITIES, p, mercator, 100.0, null, null, mercator);
        assertThat(ids(near)).containsExactly("M1", "M2");
        assertThat(near.distances().get(0)).isCloseTo(22.2, within(0.5));
        assertThat(near.features().get(0).geometry().getCoordinate().x).isCloseTo(
                CRS.transform(123.400, 41.800, crs84, mercator)[0], within(0.01));
    }

    // --- inspection -----------------------------------------------------------------------------------

    @Test
    void inspectionSitesByDistrictAndRiskLevelWithTheConfiguredAttributes() {
        InspectionService inspection = new InspectionService(catalog, store, CRS);
        assertThat(ids(inspection.sites(Caller.ANONYMOUS, "north", null, null))).containsExactly("S1", "S2", "S3");
        assertThat(ids(inspection.sites(Caller.ANONYMOUS, "north", List.of("high"), null))).containsExactly("S1", "S2");
        assertThat(ids(inspection.sites(Caller.ANONYMOUS, null, List.of("low", "other"), null))).containsExactly("S3", "S4", "S5");
        assertThat(all(inspection.sites(Caller.ANONYMOUS, "north", List.of("high"), null)))
                .filteredOn(s -> s.id().equals("S1")).singleElement()
                .satisfies(s -> assertThat(s.get("checked")).isEqualTo(LocalDate.parse("2024-12-15")));
        Geometry box = wkt("POLYGON((123.4025 41.8025, 123.406 41.8025, 123.406 41.806, 123.4025 41.806, 123.4025 41.8025))");
        assertThat(ids(inspection.within(Caller.ANONYMOUS, box, crs84, null, null, null))).containsExactly("S3", "S4", "S5");
        assertThat(ids(inspection.within(Caller.ANONYMOUS, box, crs84, List.of("low"), null, null))).containsExactly("S3", "S4");
        assertThat(inspection.intervals()).containsExactly(Map.entry("high", 30), Map.entry("low", 365));
    }

    @Test
    void dueForInspectionByTheConfiguredIntervals() {
        InspectionService inspection = new InspectionService(catalog, store, CRS);
        // 2025-01-01: S1 checked 17 days ago (high: 30) no; S2 61 days ago yes; S3 214 days (low: 365) no;
        // S4 never: yes; S5's level has no interval: only when never inspected
        assertThat(ids(inspection.due(Caller.ANONYMOUS, LocalDate.parse("2025-01-01")))).containsExactly("S2", "S4");
        // 2024-12-01: S1 as it stood then (checked in 2020) is due; S2 exactly 30 days ago is not yet
        assertThat(ids(inspection.due(Caller.ANONYMOUS, LocalDate.parse("2024-12-01")))).containsExactly("S1", "S4");
        assertThat(all(inspection.due(Caller.ANONYMOUS, LocalDate.parse("2024-12-01"))))
                .filteredOn(s -> s.id().equals("S1")).singleElement()
                .satisfies(s -> assertThat(s.version()).isEqualTo(1));
    }

    @Test
    void inspectionHistoryIsEveryVersionOldestFirst() {
        InspectionService inspection = new InspectionService(catalog, store, CRS);
        RankedFeatures history = inspection.history(Caller.ANONYMOUS, "S1");
        assertThat(history.features()).extracting(Feature::version).containsExactly(1, 2);
        assertThat(history.distances()).isNull();
        assertThatThrownBy(() -> inspection.history(Caller.ANONYMOUS, "nope")).isInstanceOf(FeatureNotFoundException.class);
    }

    // --- street view ----------------------------------------------------------------------------------

    @Test
    void streetViewNearestAndBeforeByTheConfiguredCaptureTime() {
        StreetViewService streetView = new StreetViewService(catalog, store, CRS);
        Geometry atP2 = wkt("POINT(123.405 41.80001)");
        RankedFeatures nearest = streetView.nearest(Caller.ANONYMOUS, atP2, crs84, null, null, null, null);
        assertThat(ids(nearest)).containsExactly("P2");
        assertThat(nearest.distances().get(0)).isCloseTo(1.1, within(0.1));
        // taken before P2 (2023): P1 is 333 m west, P4 (2022) 1.1 km north, P3 (2022) 833 m east
        assertThat(ids(streetView.nearest(Caller.ANONYMOUS, atP2, crs84, null, Instant.parse("2022-06-01T00:00:00Z"), null, null)))
                .containsExactly("P1");
        assertThat(streetView.nearest(Caller.ANONYMOUS, atP2, crs84, 100.0, Instant.parse("2022-06-01T00:00:00Z"), null, null)
                .features()).isEmpty();
    }

    @Test
    void streetViewAlongARouteInOrderWithTheirPositions() {
        StreetViewService streetView = new StreetViewService(catalog, store, CRS);
        Geometry route = wkt("LINESTRING(123.400 41.800, 123.420 41.800)");
        RankedFeatures along = streetView.along(Caller.ANONYMOUS, route, crs84, null, null, null, null);
        assertThat(ids(along)).containsExactly("P1", "P2", "P3");
        List<Double> positions = along.features().stream().map(f -> ((Number) f.get(StreetViewService.ALONG)).doubleValue()).toList();
        assertThat(positions).isSorted();
        assertThat(positions.get(0)).isCloseTo(83.0, within(1.0));
        assertThat(along.distances().get(2)).isCloseTo(5.6, within(0.2));
        assertThat(ids(streetView.along(Caller.ANONYMOUS, route, crs84, 3.0, null, null, null))).containsExactly("P1", "P2");
        assertThat(ids(streetView.along(Caller.ANONYMOUS, route, crs84, null, Instant.parse("2022-06-01T00:00:00Z"), null, null)))
                .containsExactly("P1", "P3");
        assertThatThrownBy(() -> streetView.along(Caller.ANONYMOUS, wkt("POINT(123.4 41.8)"), crs84, null, null, null, null))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                    assertThat(e.locator()).isEqualTo("geometry");
                    assertThat(e).hasMessageContaining("LineString");
                });
        assertThatThrownBy(() -> streetView.along(Caller.ANONYMOUS, route, crs84, 501.0, null, null, null))
                .isInstanceOf(InvalidParameterException.class);
    }

    // --- buildings ------------------------------------------------------------------------------------

    @Test
    void buildingSummaryByTheConfiguredUseAndFloors() {
        BuildingService buildings = new BuildingService(catalog, store, CRS);
        Geometry area = wkt("POLYGON((123.3995 41.7995, 123.4045 41.7995, 123.4045 41.8015, 123.3995 41.8015, 123.3995 41.7995))");
        BuildingTotals t = buildings.summary(Caller.ANONYMOUS, area, crs84, null);
        Crs zone = CRS.gaussKrugerZone(123.402);
        Function<String, Double> footprint = id -> CRS.transform(wkt(switch (id) {
            case "H1" -> "POLYGON((123.400 41.800, 123.401 41.800, 123.401 41.801, 123.400 41.801, 123.400 41.800))";
            case "H2" -> "POLYGON((123.402 41.800, 123.403 41.800, 123.403 41.801, 123.402 41.801, 123.402 41.800))";
            default -> "POLYGON((123.404 41.800, 123.405 41.800, 123.405 41.801, 123.404 41.801, 123.404 41.800))";
        }), CRS.storage(), zone).getArea();
        assertThat(t.count()).isEqualTo(3);
        assertThat(t.countByUse()).containsExactly(Map.entry("residential", 2L), Map.entry(BuildingService.UNKNOWN_USE, 1L));
        double residential = footprint.apply("H1") * 3 + footprint.apply("H2"); // no storeys: one floor
        assertThat(t.floorAreaM2ByUse().get("residential")).isCloseTo(residential, within(0.1));
        assertThat(t.floorAreaM2ByUse().get("unknown")).isCloseTo(footprint.apply("H3") * 10, within(0.1));
        assertThat(t.floorAreaM2()).isCloseTo(residential + footprint.apply("H3") * 10, within(0.1));
        assertThat(t.method()).contains(zone.code());
    }

    // --- configuration --------------------------------------------------------------------------------

    @Test
    void aCatalogWithoutTheRoleAnswers404NamingIt() {
        LayerCatalog none = load(LAYERS);
        Geometry p = wkt("POINT(123.405 41.8002)");
        var calls = Map.<String, Runnable>of(
                "pipeline", () -> new PipelineService(none, store, CRS).near(UTILITIES, p, crs84, 100.0, null, null, null),
                "inspection", () -> new InspectionService(none, store, CRS).due(Caller.ANONYMOUS, null),
                "street-view", () -> new StreetViewService(none, store, CRS).nearest(Caller.ANONYMOUS, p, crs84, null, null, null, null),
                "building", () -> new BuildingService(none, store, CRS).summary(Caller.ANONYMOUS, p, crs84, null));
        calls.forEach((role, call) -> assertThatThrownBy(call::run).isInstanceOfSatisfying(ShikongException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.locator()).isEqualTo("layer");
            assertThat(e).hasMessageStartingWith("this catalog configures no " + role + " layer");
        }));
        assertThat(new InspectionService(none, store, CRS).intervals()).isEmpty();
    }

    @Test
    void optionalAttributesThatAreNotConfiguredRefuseTheParametersNeedingThem() {
        LayerCatalog partial = load(LAYERS + """
                sector:
                  inspection: {layer: shops, risk: grade, lastInspected: checked, intervals: {high: 30}}
                  streetView: {layer: photos}
                """);
        assertThatThrownBy(() -> new InspectionService(partial, store, CRS).sites(Caller.ANONYMOUS, "north", null, null))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.locator()).isEqualTo("district"));
        assertThat(ids(new InspectionService(partial, store, CRS).sites(Caller.ANONYMOUS, null, List.of("high"), null)))
                .containsExactly("S1", "S2");
        StreetViewService streetView = new StreetViewService(partial, store, CRS);
        assertThatThrownBy(() -> streetView.nearest(Caller.ANONYMOUS, wkt("POINT(123.405 41.8)"), crs84, null,
                Instant.parse("2022-01-01T00:00:00Z"), null, null))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.locator()).isEqualTo("before"));
        assertThat(ids(streetView.nearest(Caller.ANONYMOUS, wkt("POINT(123.405 41.8)"), crs84, null, null, null, null)))
                .containsExactly("P2");
    }

    @Test
    void moreThanTheMaximumIsRefusedNotCut() {
        List<Feature> many = new ArrayList<>();
        for (int i = 0; i < SectorSupport.MAX_RESULTS + 1; i++) {
            many.add(f("X" + i, "POINT(123.45 41.85)", props("grade", "low", "checked", null, "ward", "east")));
        }
        store.bulkLoad("shops", many.iterator(), ADMIN);
        InspectionService inspection = new InspectionService(catalog, store, CRS);
        assertThatThrownBy(() -> inspection.sites(Caller.ANONYMOUS, "east", null, null))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("at most " + SectorSupport.MAX_RESULTS);
    }
}
