package io.shikong.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shikong.core.catalog.CatalogLoader;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.AccessDeniedException;
import io.shikong.core.error.ConflictException;
import io.shikong.core.error.FeatureNotFoundException;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.LayerNotFoundException;
import io.shikong.core.feature.Change;
import io.shikong.core.feature.Feature;
import io.shikong.core.feature.WriteResult;
import io.shikong.core.filter.Ecql;
import io.shikong.core.query.Query;
import io.shikong.core.query.SortKey;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;

/**
 * The one contract every store passes, with the same cases and the same expected answers: PostGIS
 * ({@code PostgisFeatureStoreIT}) and the embedded store ({@code EmbeddedFeatureStoreTest}).
 * Fixtures are in {@code src/test/resources/contract}.
 */
public abstract class FeatureStoreContractTest {

    protected static final CrsService CRS = new CrsService();
    protected static final Caller EDITOR = Caller.of("editor", Caller.EDITOR);
    protected static final Caller WATER = Caller.of("hydrologist", "water");
    protected static final Caller ANON = Caller.ANONYMOUS;

    protected LayerCatalog catalog;
    protected FeatureStore store;
    protected DataSource dataSource;

    /** A data source on an empty database (or schema) of its own. */
    protected abstract DataSource freshDataSource() throws SQLException;

    protected abstract FeatureStore createStore(DataSource dataSource, LayerCatalog catalog);

    @BeforeEach
    void setUp() throws SQLException {
        catalog = CatalogLoader.load(getClass().getResourceAsStream("/contract/catalog.yml"));
        dataSource = freshDataSource();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE legacy_hydrants (hydrant_no INTEGER PRIMARY KEY, label VARCHAR(100), "
                    + "installed_at TIMESTAMP WITH TIME ZONE, the_geom GEOMETRY(POINT, 4490))");
            st.execute("INSERT INTO legacy_hydrants VALUES (7, 'H-7', TIMESTAMP WITH TIME ZONE '2019-01-01 00:00:00+00', ST_GeomFromText('POINT(123.401 41.801)', 4490))");
            st.execute("INSERT INTO legacy_hydrants VALUES (12, 'H-12', NULL, ST_GeomFromText('POINT(123.50 42.00)', 4490))");
        }
        store = createStore(dataSource, catalog);
        store.initialize();
        store.initialize(); // idempotent
        Caller loader = Caller.of("loader", Caller.ADMIN);
        store.bulkLoad("parcels", Fixtures.read("/contract/parcels.wkt", catalog.layer("parcels", loader)).iterator(), loader);
        store.bulkLoad("wells", Fixtures.read("/contract/wells.wkt", catalog.layer("wells", loader)).iterator(), loader);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private Query.Builder parcels() {
        return Query.of("parcels", ANON);
    }

    /** ids with versions, in store order: "A2@2". */
    protected List<String> ids(Query q) {
        List<String> out = new ArrayList<>();
        try (FeatureCursor c = store.read(q)) {
            c.forEachRemaining(f -> out.add(f.id() + "@" + f.version()));
        }
        return out;
    }

    /** The first feature of a query; the cursor is closed. */
    protected Feature first(Query q) {
        try (FeatureCursor c = store.read(q)) {
            return c.next();
        }
    }

    private List<String> filter(String ecql) {
        return ids(parcels().filter(Ecql.parse(ecql, "filter")).build());
    }

    // --- reading and time -------------------------------------------------------------------------

    @Test
    void currentVersionsByDefaultInIdOrder() {
        assertThat(ids(parcels().build())).containsExactly("A1@1", "A2@2", "A4@1", "A5@1", "A6@1");
        assertThat(store.count(parcels().build())).isEqualTo(5);
    }

    @Test
    void asOfShowsTheDataAsItStoodThen() {
        assertThat(ids(parcels().time(TimeSelection.asOf(Instant.parse("2016-06-01T00:00:00Z"))).build()))
                .containsExactly("A1@1", "A2@1", "A3@1", "A4@1");
        // valid time is half-open: at the instant of a change the new version is valid
        assertThat(ids(parcels().time(TimeSelection.asOf(Instant.parse("2020-01-01T00:00:00Z"))).build()))
                .containsExactly("A1@1", "A2@2", "A3@1", "A4@1", "A5@1", "A6@1");
        assertThat(ids(parcels().time(TimeSelection.asOf(Instant.parse("2014-12-31T23:59:59Z"))).build())).isEmpty();
    }

    @Test
    void rangeReturnsEveryVersionValidInIt() {
        var range = new TimeSelection.Range(Instant.parse("2019-06-01T00:00:00Z"), Instant.parse("2020-06-01T00:00:00Z"));
        assertThat(ids(parcels().time(range).build())).containsExactly("A1@1", "A2@1", "A2@2", "A3@1", "A4@1", "A5@1", "A6@1");
        assertThat(ids(parcels().time(TimeSelection.ALL).build())).hasSize(7);
    }

    @Test
    void featureValuesRoundTripWithTypes() {
        Feature a1 = first(parcels().filter(Ecql.parse("IN ('A1')", "filter")).build());
        assertThat(a1.properties()).containsEntry("name", "和平小区1号楼").containsEntry("floors", 6)
                .containsEntry("height_m", 18.5).containsEntry("area_code", 210102L).containsEntry("listed", true)
                .containsEntry("built_on", java.time.LocalDate.of(2001, 5, 1))
                .containsEntry("surveyed_at", Instant.parse("2020-03-01T08:00:00Z"));
        assertThat(a1.validFrom()).isEqualTo(Instant.parse("2015-01-01T00:00:00Z"));
        assertThat(a1.validTo()).isNull();
        assertThat(a1.geometry().getSRID()).isEqualTo(4490);
        assertThat(a1.geometry().equalsExact(Fixtures.wkt("MULTIPOLYGON(((123.400 41.800, 123.401 41.800, 123.401 41.801, 123.400 41.801, 123.400 41.800)))"), 1e-12)).isTrue();
        Feature a4 = first(parcels().filter(Ecql.parse("IN ('A4')", "filter")).build());
        assertThat(a4.properties()).containsEntry("name", "100%_pure").containsEntry("floors", null)
                .containsEntry("listed", null).containsEntry("built_on", null);
    }

    @Test
    void propertiesSelectsAttributes() {
        Feature f = first(parcels().properties(List.of("floors")).limit(1).build());
        assertThat(f.properties()).containsOnlyKeys("floors");
        assertThatThrownBy(() -> store.read(parcels().properties(List.of("nope")).build()))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("nope");
    }

    @Test
    void outputCrsTransformsGeometries() {
        Feature f = first(parcels().filter(Ecql.parse("IN ('A1')", "filter")).outputCrs(CRS.resolve("EPSG:3857")).build());
        Envelope e = f.geometry().getEnvelopeInternal();
        assertThat(e.getMinX()).isCloseTo(123.400 * Math.PI / 180 * 6378137, org.assertj.core.data.Offset.offset(0.01));
        assertThat(f.geometry().getSRID()).isEqualTo(3857);
    }

    // --- bbox -----------------------------------------------------------------------------------

    @Test
    void bboxInStorageAndOtherCrs() {
        Envelope core = new Envelope(123.3995, 123.4105, 41.7995, 41.8005);
        assertThat(ids(parcels().bbox(core, null).build())).containsExactly("A1@1", "A2@2");
        double[] lo = CRS.transform(123.3995, 41.7995, CRS.storage(), CRS.resolve("EPSG:3857"));
        double[] hi = CRS.transform(123.4105, 41.8005, CRS.storage(), CRS.resolve("EPSG:3857"));
        assertThat(ids(parcels().bbox(new Envelope(lo[0], hi[0], lo[1], hi[1]), CRS.resolve("EPSG:3857")).build()))
                .containsExactly("A1@1", "A2@2");
        assertThat(store.count(parcels().bbox(core, null).build())).isEqualTo(2);
    }

    @Test
    void bboxIndexOnlyKeepsFeaturesWhoseBoxMeetsIt() {
        // inside A6's hole: the geometry misses it, its bounding box does not
        Envelope hole = new Envelope(123.4415, 123.4418, 41.8015, 41.8018);
        assertThat(ids(parcels().bbox(hole, null).build())).isEmpty();
        assertThat(ids(parcels().bbox(hole, null).bboxIndexOnly(true).build())).containsExactly("A6@1");
    }

    @Test
    void drawingReadHasTheSameFeaturesWithOnlyWhatIsDrawn() {
        Envelope all = new Envelope(123.3, 123.6, 41.7, 42.1);
        List<Feature> plain = new ArrayList<>();
        try (FeatureCursor c = store.read(parcels().bbox(all, null).properties(List.of("use", "floors")).bboxIndexOnly(true).build())) {
            c.forEachRemaining(plain::add);
        }
        List<Feature> drawn = new ArrayList<>();
        try (FeatureCursor c = store.read(parcels().bbox(all, null).properties(List.of("use", "floors")).bboxIndexOnly(true)
                .drawing(true).build())) {
            c.forEachRemaining(drawn::add);
        }
        assertThat(plain).extracting(Feature::id).containsExactly("A1", "A2", "A4", "A5", "A6");
        // any order, the same features with the same geometries and properties
        assertThat(drawn).extracting(Feature::id).containsExactlyInAnyOrder("A1", "A2", "A4", "A5", "A6");
        for (Feature p : plain) {
            Feature d = drawn.stream().filter(f -> f.id().equals(p.id())).findFirst().orElseThrow();
            assertThat(d.geometry().equalsExact(p.geometry())).as(p.id()).isTrue();
            assertThat(d.geometry().getSRID()).isEqualTo(p.geometry().getSRID());
            assertThat(d.properties()).isEqualTo(p.properties());
            assertThat(p.validFrom()).isNotNull();
            // neither valid time nor version is read
            assertThat(d.validFrom()).isNull();
            assertThat(d.validTo()).isNull();
            assertThat(d.version()).isZero();
        }
        assertThat(drawn.stream().filter(f -> f.id().equals("A2")).findFirst().orElseThrow().get("floors")).isEqualTo(20);
    }

    @Test
    void drawingReadKeepsWhatTheStyleNamesAndTheTimeAsked() {
        Instant before = Instant.parse("2016-06-01T00:00:00Z");
        // a style filtering on valid time names its columns: then they are read
        List<Feature> drawn = new ArrayList<>();
        try (FeatureCursor c = store.read(parcels().properties(List.of("use", "valid_from", "valid_to")).time(TimeSelection.asOf(before))
                .drawing(true).build())) {
            c.forEachRemaining(drawn::add);
        }
        assertThat(drawn).extracting(Feature::id).containsExactlyInAnyOrder("A1", "A2", "A3", "A4");
        Feature a2 = drawn.stream().filter(f -> f.id().equals("A2")).findFirst().orElseThrow();
        assertThat(a2.validFrom()).isEqualTo(Instant.parse("2015-01-01T00:00:00Z"));
        assertThat(a2.validTo()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(a2.get("use")).isEqualTo("office");
        assertThat(a2.properties()).containsOnlyKeys("use");
        // with a limit, which features come depends on the order: the id order still
        List<String> use = List.of("use");
        assertThat(ids(parcels().properties(use).drawing(true).limit(3).build())).containsExactly("A1@0", "A2@0", "A4@0");
        assertThat(ids(parcels().properties(use).drawing(true).offset(3).build())).containsExactly("A5@0", "A6@0");
        // all properties asked (none listed): all is read, valid time and version too
        assertThat(ids(parcels().drawing(true).build())).containsExactlyInAnyOrder("A1@1", "A2@2", "A4@1", "A5@1", "A6@1");
        // a layer without versions: version 1, as in every read of it
        assertThat(ids(Query.of("hydrants", ANON).properties(List.of("label")).drawing(true).build()))
                .containsExactlyInAnyOrder("7@1", "12@1");
    }

    @Test
    void boundsAndTimeExtent() {
        Envelope b = store.bounds("parcels", ANON).orElseThrow();
        assertThat(b.getMinX()).isCloseTo(123.400, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(b.getMaxY()).isCloseTo(42.002, org.assertj.core.data.Offset.offset(1e-9));
        TimeExtent t = store.timeExtent("parcels", ANON).orElseThrow();
        assertThat(t.start()).isEqualTo(Instant.parse("2015-01-01T00:00:00Z"));
        assertThat(t.end()).isNull();
    }

    // --- filters --------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "floors = 6; A1@1,A5@1",
        "floors <> 6; A2@2,A6@1",
        "floors < 6; A6@1",
        "floors <= 6; A1@1,A5@1,A6@1",
        "floors > 6; A2@2",
        "floors >= 10; A2@2",
        "6 < floors; A2@2",
        "height_m BETWEEN 12 AND 19; A1@1,A5@1,A6@1",
        "area_code = 210113; A5@1",
        "listed = true; A1@1,A5@1",
        "built_on < 2005-01-01; A1@1,A2@2",
        "use IN ('office', 'education'); A2@2,A5@1",
        "IN ('A5', 'A1', 'A3'); A1@1,A5@1",
        "name LIKE '%大厦'; A2@2",
        "name LIKE '100\\%%'; A4@1",
        "name LIKE '%\\_%'; A4@1",
        "name ILIKE '%PURE'; A4@1",
        "use IS NULL; A4@1",
        "use IS NOT NULL AND floors < 10; A1@1,A5@1,A6@1",
        "use = 'office' OR use = 'industrial'; A2@2",
        "NOT (use = 'office'); A1@1,A5@1,A6@1",
        "surveyed_at AFTER 2022-06-01T00:00:00Z; A5@1,A6@1",
        "surveyed_at BEFORE 2020-03-01T08:00:01Z; A1@1",
        "surveyed_at TEQUALS 2020-03-01T08:00:00Z; A1@1",
        "surveyed_at DURING 2021-01-01T00:00:00Z/2022-12-31T23:59:58Z; A2@2",
        "valid_from AFTER 2016-06-01T00:00:00Z; A2@2,A5@1,A6@1",
        "height_m / floors > 3.1; A2@2,A5@1,A6@1",
        "BBOX(geom, 123.4005, 41.8005, 123.4105, 41.8006); A1@1,A2@2",
        "INTERSECTS(geom, POINT(123.4105 41.8005)); A2@2",
        "INTERSECTS(geom, LINESTRING(123.395 41.8005, 123.4305 41.8005)); A1@1,A2@2,A4@1",
        "INTERSECTS(geom, POINT(123.4415 41.8015)); ''",
        "INTERSECTS(geom, POINT(123.4405 41.8005)); A6@1",
        "CONTAINS(geom, POINT(123.4005 41.8005)); A1@1",
        "WITHIN(geom, POLYGON((123.39 41.79, 123.415 41.79, 123.415 41.81, 123.39 41.81, 123.39 41.79))); A1@1,A2@2",
        "DISJOINT(geom, POLYGON((123.39 41.79, 123.415 41.79, 123.415 41.81, 123.39 41.81, 123.39 41.79))); A4@1,A5@1,A6@1",
        "DWITHIN(geom, POINT(123.4005 41.8019), 105, meters); A1@1",
        "DWITHIN(geom, POINT(123.4005 41.8019), 95, meters); ''",
        "DWITHIN(geom, POINT(123.4005 41.8019), 0.105, kilometers); A1@1",
        "BEYOND(geom, POINT(123.4005 41.8019), 5, kilometers); A5@1",
        "floors > 5 AND INTERSECTS(geom, POLYGON((123.39 41.79, 123.45 41.79, 123.45 41.81, 123.39 41.81, 123.39 41.79))); A1@1,A2@2",
    })
    void filtersMatchTheSameFeaturesOnEveryStore(String ecql, String expected) {
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(","));
        assertThat(filter(ecql)).as(ecql).containsExactlyElementsOf(want);
        assertThat(store.count(parcels().filter(Ecql.parse(ecql, "filter")).build())).as("count " + ecql).isEqualTo(want.size());
    }

    @Test
    void filterGeometryInAnotherCrs() {
        double[] p = CRS.transform(123.4005, 41.8005, CRS.storage(), CRS.resolve("EPSG:3857"));
        var q = parcels().filter(Ecql.parse("INTERSECTS(geom, POINT(" + p[0] + " " + p[1] + "))", "filter"),
                CRS.resolve("EPSG:3857")).build();
        assertThat(ids(q)).containsExactly("A1@1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "nope = 1; unknown property 'nope'",
        "floors = 'many'; 'many' is not a valid integer",
        "name AFTER 2020-01-01T00:00:00Z; not a date or timestamp",
        "strToUpperCase(name) = 'X'; function strToUpperCase is not supported",
        "floors LIKE '1%'; LIKE needs a text property",
        "INTERSECTS(floors, POINT(1 2)); not the geometry property",
        "INTERSECTS(geom, POLYGON((123.40 41.80, 123.41 41.81, 123.41 41.80, 123.40 41.81, 123.40 41.80))); not valid: Self-intersection",
        "DWITHIN(geom, POINT(123.4 41.8), 10, feet); distance unit 'feet'",
        "floors < height_m + name; arithmetic takes numbers, not string 'name'",
        "geom LIKE 'a%'; cannot be used with LIKE",
        "geom BETWEEN 1 AND 2; cannot be used with BETWEEN",
        "geom AFTER 2020-01-01T00:00:00Z; cannot be used with a temporal operator",
        "geom = 3; cannot be used with =",
        "floors = name; cannot compare 'floors' (integer) with 'name' (string)",
    })
    void badFiltersAreClearErrorsNotSql(String ecql, String message) {
        assertThatThrownBy(() -> filter(ecql)).isInstanceOf(InvalidParameterException.class).hasMessageContaining(message);
    }

    @Test
    void malformedEcqlIsAnInvalidParameter() {
        assertThatThrownBy(() -> Ecql.parse("floors >>> 3", "filter")).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Invalid ECQL");
    }

    // --- sort and paging ------------------------------------------------------------------------

    @Test
    void sortWithTiesIsCompletedByIdSoPagesAreStable() {
        var sorted = parcels().sort(SortKey.desc("floors"));
        assertThat(ids(sorted.build())).containsExactly("A4@1", "A2@2", "A1@1", "A5@1", "A6@1");
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < 5; offset += 2) {
            paged.addAll(ids(sorted.offset(offset).limit(2).build()));
        }
        assertThat(paged).containsExactlyElementsOf(ids(sorted.offset(0).limit(null).build()));
        assertThat(ids(parcels().sort(SortKey.asc("name")).build())).containsExactly("A4@1", "A2@2", "A1@1", "A5@1", "A6@1"); // code-point order: 北 < 和 < 沈 < 环
        assertThatThrownBy(() -> ids(parcels().sort(SortKey.asc("geom")).build())).isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void cursorsGiveTheirConnectionBack() {
        for (int i = 0; i < 40; i++) {
            try (FeatureCursor c = store.read(parcels().build())) {
                assertThat(c.hasNext()).isTrue(); // abandoned half-way on purpose
            }
        }
        assertThat(store.count(parcels().build())).isEqualTo(5);
    }

    // --- access ---------------------------------------------------------------------------------

    @Test
    void restrictedLayersAreInvisibleToAnonymous() {
        assertThatThrownBy(() -> store.read(Query.of("wells", ANON).build())).isInstanceOf(LayerNotFoundException.class);
        assertThatThrownBy(() -> store.count(Query.of("wells", EDITOR).build())).isInstanceOf(LayerNotFoundException.class);
        assertThat(catalog.layers(ANON)).extracting(l -> l.name()).containsExactly("parcels", "hydrants");
        assertThat(store.count(Query.of("wells", WATER).build())).isEqualTo(2);
        assertThatThrownBy(() -> store.read(Query.of("nowhere", WATER).build())).isInstanceOf(LayerNotFoundException.class);
    }

    // --- published table ------------------------------------------------------------------------

    @Test
    void publishedTableIsServedAsItIs() {
        List<Feature> all = new ArrayList<>();
        try (FeatureCursor c = store.read(Query.of("hydrants", ANON).build())) {
            c.forEachRemaining(all::add);
        }
        assertThat(all).extracting(Feature::id).containsExactly("7", "12");
        assertThat(all.get(0).properties()).containsEntry("label", "H-7");
        assertThat(all.get(0).validFrom()).isEqualTo(Instant.parse("2019-01-01T00:00:00Z"));
        assertThat(ids(Query.of("hydrants", ANON).filter(Ecql.parse("IN (12)", "filter")).build())).containsExactly("12@1");
        assertThat(ids(Query.of("hydrants", ANON).time(TimeSelection.asOf(Instant.parse("2018-01-01T00:00:00Z"))).build())).isEmpty();
        assertThatThrownBy(() -> store.write("hydrants", List.of(new Change.Delete("7")), Caller.of("root", Caller.ADMIN)))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void publishedKeyColumnIsATypedPropertyToFilterAndSortBy() {
        List<Feature> all = new ArrayList<>();
        try (FeatureCursor c = store.read(Query.of("hydrants", ANON).build())) {
            c.forEachRemaining(all::add);
        }
        // the key is a property of its own type, first, beside the feature id
        assertThat(all.get(0).properties()).containsEntry("hydrant_no", 7);
        assertThat(all.get(0).properties().keySet()).first().isEqualTo("hydrant_no");
        assertThat(ids(Query.of("hydrants", ANON).filter(Ecql.parse("hydrant_no > 7", "filter")).build()))
                .containsExactly("12@1");
        assertThat(ids(Query.of("hydrants", ANON).sort(List.of(new io.shikong.core.query.SortKey("hydrant_no", false)))
                .build())).containsExactly("12@1", "7@1");
        // asked for by name among the properties, it comes back
        try (FeatureCursor c = store.read(Query.of("hydrants", ANON).properties(List.of("hydrant_no")).build())) {
            assertThat(c.next().properties()).containsOnlyKeys("hydrant_no");
        }
    }

    // --- versioned writes -----------------------------------------------------------------------

    @Test
    void updateAndDeleteKeepHistory() {
        Instant before = Instant.now();
        WriteResult r = store.write("parcels", List.of(
                new Change.Update("A1", null, Map.of("floors", 7)),
                new Change.Insert(Feature.of("A9", Fixtures.wkt("POLYGON((123.45 41.80, 123.451 41.80, 123.451 41.801, 123.45 41.80))"), Map.of("name", "新楼"))),
                new Change.Delete("A5")), EDITOR);
        assertThat(r.inserted()).containsExactly("A9");
        assertThat(r.updated()).isEqualTo(1);
        assertThat(r.deleted()).isEqualTo(1);
        assertThat(ids(parcels().build())).containsExactly("A1@2", "A2@2", "A4@1", "A6@1", "A9@1");

        List<Feature> history = new ArrayList<>();
        try (FeatureCursor c = store.history("parcels", "A1", ANON)) {
            c.forEachRemaining(history::add);
        }
        assertThat(history).extracting(Feature::version).containsExactly(1, 2);
        assertThat(history.get(0).validTo()).isEqualTo(history.get(1).validFrom()).isEqualTo(r.at());
        assertThat(history.get(0).get("floors")).isEqualTo(6);
        assertThat(history.get(1).get("floors")).isEqualTo(7);
        assertThat(history.get(1).get("name")).isEqualTo("和平小区1号楼"); // untouched values are kept

        var asOfBefore = parcels().time(TimeSelection.asOf(before.minusSeconds(1))).build();
        assertThat(ids(asOfBefore)).containsExactly("A1@1", "A2@2", "A4@1", "A5@1", "A6@1");
        try (FeatureCursor c = store.history("parcels", "A5", ANON)) {
            assertThat(c.next().validTo()).isEqualTo(r.at());
        }
    }

    @Test
    void aChangeAimedAtASupersededVersionFailsAndWritesNothing() {
        store.write("parcels", List.of(new Change.Update("A1", null, Map.of("floors", 7), 1)), EDITOR);
        // another client still holds version 1: its update, and the rest of its write, are refused
        assertThatThrownBy(() -> store.write("parcels", List.of(
                new Change.Update("A2", null, Map.of("floors", 3)),
                new Change.Update("A1", null, Map.of("floors", 8), 1)), EDITOR))
                .isInstanceOfSatisfying(io.shikong.core.error.ConflictException.class,
                        e -> assertThat(e.locator()).isEqualTo("Update"));
        assertThatThrownBy(() -> store.write("parcels", List.of(new Change.Delete("A1", 1)), EDITOR))
                .isInstanceOfSatisfying(io.shikong.core.error.ConflictException.class,
                        e -> assertThat(e.locator()).isEqualTo("Delete"));
        assertThat(ids(parcels().build())).contains("A1@2", "A2@2");
        // aimed at the current version it goes through, and twice in one write counts once
        store.write("parcels", List.of(new Change.Update("A1", null, Map.of("floors", 9), 2),
                new Change.Update("A1", null, Map.of("name", "x"), 2)), EDITOR);
        assertThat(ids(parcels().build())).contains("A1@3");
    }

    @Test
    void writesInOneMillisecondNeverLeaveAZeroLengthVersion() {
        for (int i = 0; i < 20; i++) {
            store.write("parcels", List.of(new Change.Update("A4", null, Map.of("floors", i))), EDITOR);
        }
        List<Feature> history = new ArrayList<>();
        try (FeatureCursor c = store.history("parcels", "A4", ANON)) {
            c.forEachRemaining(history::add);
        }
        assertThat(history).hasSize(21);
        for (Feature v : history.subList(0, 20)) {
            assertThat(v.validTo()).as("version " + v.version()).isAfter(v.validFrom());
            // every version can be read back as of the instant it began
            assertThat(ids(parcels().filter(Ecql.parse("IN ('A4')", "f")).time(TimeSelection.asOf(v.validFrom())).build()))
                    .containsExactly("A4@" + v.version());
        }
    }

    @Test
    void replaceWritesAllValues() {
        store.write("parcels", List.of(new Change.Replace(Feature.of("A1",
                Fixtures.wkt("POLYGON((123.40 41.80, 123.402 41.80, 123.402 41.802, 123.40 41.80))"), Map.of("use", "public")))), EDITOR);
        Feature f = first(parcels().filter(Ecql.parse("IN ('A1')", "filter")).build());
        assertThat(f.version()).isEqualTo(2);
        assertThat(f.properties()).containsEntry("use", "public").containsEntry("name", null);
        assertThat(f.geometry().getGeometryType()).isEqualTo("MultiPolygon");
    }

    @Test
    void aFailedWriteLeavesTheDataAsItWas() {
        List<String> before = ids(parcels().time(TimeSelection.ALL).build());
        assertThatThrownBy(() -> store.write("parcels", List.of(
                new Change.Update("A1", null, Map.of("floors", 8)),
                new Change.Insert(Feature.of("A10", Fixtures.wkt("POLYGON((123.40 41.80, 123.41 41.81, 123.41 41.80, 123.40 41.81, 123.40 41.80))"), Map.of()))),
                EDITOR)).isInstanceOf(InvalidParameterException.class).hasMessageContaining("Self-intersection");
        assertThatThrownBy(() -> store.write("parcels", List.of(new Change.Delete("A1"), new Change.Delete("A3")), EDITOR))
                .isInstanceOf(FeatureNotFoundException.class);
        assertThatThrownBy(() -> store.write("parcels", List.of(new Change.Insert(Feature.of("A2",
                Fixtures.wkt("POINT(123.4 41.8)"), Map.of()))), EDITOR)).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> store.write("parcels", List.of(new Change.Insert(Feature.of("A2",
                Fixtures.wkt("POLYGON((123.40 41.80, 123.402 41.80, 123.402 41.802, 123.40 41.80))"), Map.of()))), EDITOR))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> store.write("parcels", List.of(new Change.Update("A1", null, Map.of("colour", "red"))), EDITOR))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("colour");
        assertThat(ids(parcels().time(TimeSelection.ALL).build())).containsExactlyElementsOf(before);
    }

    @Test
    void changingAFeatureTwiceInOneWriteMakesOneVersion() {
        WriteResult r = store.write("parcels", List.of(
                new Change.Update("A1", null, Map.of("floors", 7)),
                new Change.Update("A1", Fixtures.wkt("POLYGON((123.40 41.80, 123.402 41.80, 123.402 41.802, 123.40 41.80))"), Map.of()),
                new Change.Insert(Feature.of("A9", Fixtures.wkt("POINT(123.45 41.80)").buffer(0.001), Map.of("name", "a"))),
                new Change.Update("A9", null, Map.of("name", "b")),
                new Change.Insert(Feature.of("A10", Fixtures.wkt("POINT(123.46 41.80)").buffer(0.001), Map.of())),
                new Change.Delete("A10")), EDITOR);
        assertThat(r.updated()).isEqualTo(3);
        List<Feature> a1 = new ArrayList<>();
        try (FeatureCursor c = store.history("parcels", "A1", ANON)) {
            c.forEachRemaining(a1::add);
        }
        assertThat(a1).extracting(Feature::version).containsExactly(1, 2);
        assertThat(a1.get(1).get("floors")).isEqualTo(7);
        assertThat(a1.get(1).geometry().getArea()).isGreaterThan(1e-6);
        assertThat(ids(parcels().filter(Ecql.parse("IN ('A9', 'A10')", "filter")).time(TimeSelection.ALL).build()))
                .containsExactly("A9@1");
        assertThat(first(parcels().filter(Ecql.parse("IN ('A9')", "filter")).build()).get("name")).isEqualTo("b");
    }

    @Test
    void twoCurrentVersionsOfOneIdAreRefused() {
        Caller admin = Caller.of("root", Caller.ADMIN);
        List<Feature> rows = List.of(
                new Feature("W1", Fixtures.wkt("POINT(123.4 41.8)"), Map.of(), Instant.parse("2020-01-01T00:00:00Z"), null, 2));
        assertThatThrownBy(() -> store.bulkLoad("wells", rows.iterator(), admin)).isInstanceOf(InvalidParameterException.class);
        assertThat(ids(Query.of("wells", admin).time(TimeSelection.ALL).build())).containsExactly("W1@1", "W2@1");
    }

    @Test
    void writesNeedARole() {
        var delete = List.<Change>of(new Change.Delete("A1"));
        assertThatThrownBy(() -> store.write("parcels", delete, ANON)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> store.write("wells", List.of(new Change.Delete("W1")), EDITOR))
                .isInstanceOf(LayerNotFoundException.class);
        store.write("wells", List.of(new Change.Update("W1", Fixtures.wkt("POINT(123.451 41.851)"), Map.of())), WATER);
        Feature w1 = first(Query.of("wells", WATER).filter(Ecql.parse("IN ('W1')", "filter")).build());
        assertThat(((Point) w1.geometry()).getX()).isEqualTo(123.451);
        assertThat(w1.get("depth_m")).isEqualTo(120.5);
    }

    @Test
    void aFailedBulkLoadLoadsNothing() {
        Caller admin = Caller.of("root", Caller.ADMIN);
        List<Feature> rows = List.of(
                new Feature("B1", Fixtures.wkt("POINT(123.4 41.8)"), Map.of("depth_m", 3.0), Instant.parse("2020-01-01T00:00:00Z"), null, 1),
                new Feature("B2", Fixtures.wkt("POINT(123.4 41.8)"), Map.of("depth_m", "deep"), Instant.parse("2020-01-01T00:00:00Z"), null, 1));
        assertThatThrownBy(() -> store.bulkLoad("wells", rows.iterator(), admin)).isInstanceOf(InvalidParameterException.class);
        assertThat(store.count(Query.of("wells", admin).build())).isEqualTo(2);
    }
}
