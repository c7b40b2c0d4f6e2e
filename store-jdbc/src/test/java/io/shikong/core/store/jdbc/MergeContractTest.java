package io.shikong.core.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shikong.core.catalog.CatalogLoader;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.AccessDeniedException;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.LayerNotFoundException;
import io.shikong.core.feature.Change;
import io.shikong.core.feature.Feature;
import io.shikong.core.query.Query;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
import io.shikong.core.store.ChangeEvent;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.LoadOptions;
import io.shikong.core.store.LoadResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Loads by feature key ({@code FeatureStore.merge}), the same answers on both stores ({@code EmbeddedMergeTest},
 * {@code PostgisMergeIT}): inserts, reloads that change nothing, exactly the changed versions, snapshots,
 * refused backdating, duplicate ids and invalid features, dry runs, access, concurrent loads and the one
 * change event per load.
 */
abstract class MergeContractTest {

    static final CrsService CRS = new CrsService();
    static final Caller STEWARD = Caller.of("steward", "steward");
    static final Caller EDITOR = Caller.of("editor", Caller.EDITOR);
    static final GeometryFactory GF = new GeometryFactory(new PrecisionModel(), 4490);
    static final String CATALOG = """
            layers:
              - name: parcels
                geometry: MultiPolygon
                transactions: true
                writeRoles: [steward]
                attributes:
                  - {name: name, type: string}
                  - {name: floors, type: integer}
                  - {name: height_m, type: double}
                  - {name: area_code, type: long}
                  - {name: listed, type: boolean}
                  - {name: built_on, type: date}
                  - {name: surveyed_at, type: timestamp}
              - name: wells
                geometry: Point
                access: restricted
                readRoles: [water]
                writeRoles: [water]
                attributes:
                  - {name: depth_m, type: double}
              - name: hydrants
                table: legacy_hydrants
                id: hydrant_no
                idType: integer
                geometryColumn: the_geom
                geometry: Point
                attributes:
                  - {name: label, type: string}
            """;

    static final Instant T1 = Instant.parse("2024-01-01T00:00:00Z");
    static final Instant T2 = Instant.parse("2024-06-01T00:00:00Z");
    static final Instant T3 = Instant.parse("2025-01-01T00:00:00Z");

    protected LayerCatalog catalog;
    protected JdbcFeatureStore store;
    protected final BlockingQueue<ChangeEvent> events = new LinkedBlockingQueue<>();

    /** A store on an empty database (or schema) of its own, not yet initialized. */
    protected abstract JdbcFeatureStore createStore(LayerCatalog catalog) throws SQLException;

    /** A second store on the same database, as another process would have (or this one, embedded). */
    protected abstract JdbcFeatureStore secondStore() throws SQLException;

    /** Drops what {@link #createStore} made; after the store is closed. */
    protected void dropDatabase() throws SQLException {
    }

    static LayerCatalog catalog() {
        return CatalogLoader.load(new ByteArrayInputStream(CATALOG.getBytes(StandardCharsets.UTF_8)));
    }

    @BeforeEach
    void setUp() throws SQLException {
        catalog = catalog();
        store = createStore(catalog);
        try (Connection c = store.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE legacy_hydrants (hydrant_no INTEGER PRIMARY KEY, label VARCHAR(100), "
                    + "the_geom GEOMETRY(POINT, 4490))");
        }
        store.initialize();
        store.addChangeListener(events::add);
    }

    @AfterEach
    void tearDown() throws SQLException {
        store.close();
        dropDatabase();
    }

    static Geometry square(double x, double y, double size) {
        return GF.createPolygon(new Coordinate[] {new Coordinate(x, y), new Coordinate(x + size, y),
                new Coordinate(x + size, y + size), new Coordinate(x, y + size), new Coordinate(x, y)});
    }

    /** The same square, its ring starting at another corner and running the other way. */
    static Geometry squareRotated(double x, double y, double size) {
        return GF.createPolygon(new Coordinate[] {new Coordinate(x + size, y + size), new Coordinate(x + size, y),
                new Coordinate(x, y), new Coordinate(x, y + size), new Coordinate(x + size, y + size)});
    }

    static Envelope box(double x, double y, double size) {
        return new Envelope(x, x + size, y, y + size);
    }

    static Map<String, Object> values(String name, int floors) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", name);
        v.put("floors", floors);
        v.put("height_m", floors * 3.1);
        v.put("area_code", 210_100_000_000L + floors);
        v.put("listed", floors % 2 == 0);
        v.put("built_on", LocalDate.of(1990 + floors % 30, 5, 4));
        v.put("surveyed_at", Instant.parse("2023-03-04T05:06:07.123456Z"));
        return v;
    }

    /** The parcels P0..P{n-1}: P{i} a square at column i, named and with i floors. */
    static List<Feature> parcels(int n) {
        List<Feature> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Feature.of("P" + i, square(123.0 + i * 0.01, 41.8, 0.005), values("parcel " + i, i)));
        }
        return out;
    }

    LoadResult load(List<Feature> features, boolean snapshot, Instant validFrom) {
        return store.merge("parcels", features.iterator(), new LoadOptions(snapshot, validFrom, false), STEWARD);
    }

    static LoadResult counts(long inserted, long changed, long unchanged, long closed) {
        return new LoadResult(inserted, changed, unchanged, closed, false);
    }

    /** Every row of the layer, as "id/version/from/to/name", in id and version order. */
    List<String> rows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = store.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT \"id\", version, valid_from, valid_to, \"name\", ST_AsText(\"geom\") "
                     + "FROM \"parcels\" ORDER BY \"id\", version")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "/" + rs.getInt(2) + "/" + JdbcFeatureStore.instant(rs, 3) + "/"
                        + JdbcFeatureStore.instant(rs, 4) + "/" + rs.getString(5) + "/" + rs.getString(6));
            }
        }
        return rows;
    }

    List<Feature> history(String id) {
        List<Feature> out = new ArrayList<>();
        try (FeatureCursor c = store.history("parcels", id, STEWARD)) {
            c.forEachRemaining(out::add);
        }
        return out;
    }

    Map<String, Feature> at(TimeSelection time) {
        Map<String, Feature> out = new LinkedHashMap<>();
        try (FeatureCursor c = store.read(Query.of("parcels", STEWARD).time(time).build())) {
            c.forEachRemaining(f -> out.put(f.id(), f));
        }
        return out;
    }

    private ChangeEvent onlyEvent() {
        List<ChangeEvent> told = new ArrayList<>();
        events.drainTo(told);
        assertThat(told).hasSize(1);
        return told.get(0);
    }

    static void assertCovered(ChangeEvent e, Envelope... envelopes) {
        for (Envelope env : envelopes) {
            assertThat(e.boxes().stream().anyMatch(b -> b.covers(env))).as("%s covered by %s", env, e.boxes()).isTrue();
        }
    }

    @Test
    void aFirstLoadInsertsEveryFeatureAsVersionOneWithItsTypedValues() {
        long before = store.lastChangeSequence();
        assertThat(load(parcels(40), false, T1)).isEqualTo(counts(40, 0, 0, 0));

        Map<String, Feature> current = at(TimeSelection.CURRENT);
        assertThat(current).hasSize(40);
        Feature p7 = current.get("P7");
        assertThat(p7.version()).isEqualTo(1);
        assertThat(p7.validFrom()).isEqualTo(T1);
        assertThat(p7.validTo()).isNull();
        assertThat(p7.properties()).isEqualTo(values("parcel 7", 7));
        assertThat(p7.geometry().getGeometryType()).isEqualTo("MultiPolygon");

        ChangeEvent e = onlyEvent();
        assertThat(e.layer()).isEqualTo("parcels");
        assertThat(e.sequence()).isGreaterThan(before).isEqualTo(store.lastChangeSequence());
        assertThat(e.validFrom()).isEqualTo(T1);
        for (int i = 0; i < 40; i++) {
            assertCovered(e, box(123.0 + i * 0.01, 41.8, 0.005));
        }
    }

    @Test
    void theSameInputAgainChangesNothingAndTellsNothing() throws SQLException {
        load(parcels(40), false, T1);
        events.clear();
        List<String> rows = rows();
        long seq = store.lastChangeSequence();

        // a ring starting elsewhere and running the other way is the same geometry
        List<Feature> again = new ArrayList<>(parcels(40));
        again.set(3, Feature.of("P3", squareRotated(123.03, 41.8, 0.005), values("parcel 3", 3)));
        assertThat(load(again, false, T2)).isEqualTo(counts(0, 0, 40, 0));
        assertThat(load(again, true, null)).isEqualTo(counts(0, 0, 40, 0));

        assertThat(rows()).isEqualTo(rows);
        assertThat(events).isEmpty();
        assertThat(store.lastChangeSequence()).isEqualTo(seq);
    }

    @Test
    void oneAttributeChangedAndOneGeometryMovedAreExactlyTwoNewVersions() {
        load(parcels(40), false, T1);
        events.clear();
        List<Feature> next = new ArrayList<>(parcels(40));
        Map<String, Object> renamed = values("parcel 5 renamed", 5);
        renamed.put("built_on", null);
        next.set(5, Feature.of("P5", next.get(5).geometry(), renamed));
        next.set(9, Feature.of("P9", square(124.0, 42.0, 0.01), values("parcel 9", 9)));

        assertThat(load(next, false, T2)).isEqualTo(counts(0, 2, 38, 0));

        List<Feature> p5 = history("P5");
        assertThat(p5).extracting(Feature::version).containsExactly(1, 2);
        assertThat(p5.get(0).validTo()).isEqualTo(T2);
        assertThat(p5.get(1).validFrom()).isEqualTo(T2);
        assertThat(p5.get(1).validTo()).isNull();
        assertThat(p5.get(0).get("name")).isEqualTo("parcel 5");
        assertThat(p5.get(1).properties()).isEqualTo(renamed);
        assertThat(history("P9")).hasSize(2);
        assertThat(history("P8")).hasSize(1);

        Map<String, Feature> before = at(TimeSelection.asOf(T2.minusSeconds(1)));
        Map<String, Feature> after = at(TimeSelection.asOf(T2));
        assertThat(before.get("P9").geometry().getEnvelopeInternal()).isEqualTo(box(123.09, 41.8, 0.005));
        assertThat(after.get("P9").geometry().getEnvelopeInternal()).isEqualTo(box(124.0, 42.0, 0.01));
        assertThat(after.get("P5").get("name")).isEqualTo("parcel 5 renamed");
        assertThat(after).hasSize(40);

        ChangeEvent e = onlyEvent();
        assertThat(e.validFrom()).isEqualTo(T2);
        assertCovered(e, box(123.05, 41.8, 0.005), box(123.09, 41.8, 0.005), box(124.0, 42.0, 0.01));
        // nothing else changed: no box reaches the untouched parcels P6..P8 (between P5 and P9)
        assertThat(e.boxes().stream().noneMatch(b -> b.intersects(box(123.065, 41.801, 0.001)))).isTrue();
    }

    @Test
    void aSnapshotClosesTheAbsentFeaturesAndAnIncrementalLoadLeavesThem() {
        load(parcels(10), false, T1);
        List<Feature> without3 = new ArrayList<>(parcels(10));
        without3.remove(3);

        assertThat(load(without3, false, T2)).isEqualTo(counts(0, 0, 9, 0));
        assertThat(at(TimeSelection.CURRENT)).containsKey("P3");
        events.clear();

        assertThat(load(without3, true, T2)).isEqualTo(counts(0, 0, 9, 1));
        assertThat(at(TimeSelection.CURRENT)).hasSize(9).doesNotContainKey("P3");
        assertThat(history("P3")).singleElement().satisfies(f -> {
            assertThat(f.version()).isEqualTo(1);
            assertThat(f.validTo()).isEqualTo(T2);
        });
        ChangeEvent e = onlyEvent();
        assertCovered(e, box(123.03, 41.8, 0.005));
        assertThat(e.validFrom()).isEqualTo(T2);

        // loaded again later, the closed feature comes back as its next version
        assertThat(load(parcels(10), true, T3)).isEqualTo(counts(1, 0, 9, 0));
        assertThat(history("P3")).extracting(Feature::version, Feature::validFrom, Feature::validTo)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, T1, T2),
                        org.assertj.core.groups.Tuple.tuple(2, T3, null));
    }

    @Test
    void aBackdatedLoadIsRefusedWithTheFeatureAndBothInstantsAndChangesNothing() throws SQLException {
        load(parcels(10), false, T2);
        List<Feature> changed = new ArrayList<>(parcels(10));
        changed.set(4, Feature.of("P4", changed.get(4).geometry(), values("changed", 4)));
        List<String> rows = rows();
        events.clear();

        assertThatThrownBy(() -> load(changed, false, T1))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("'P4'").hasMessageContaining(T1.toString()).hasMessageContaining(T2.toString())
                .hasMessageContaining("nothing was loaded");
        // the same instant would leave a version of zero length
        assertThatThrownBy(() -> load(changed, false, T2)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("'P4'");
        // a snapshot closing a feature before it began
        assertThatThrownBy(() -> load(parcels(9), true, T1)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("'P9'");
        // unchanged features need no check: a backdated reload of the same data is fine and does nothing
        assertThat(load(parcels(10), false, T1)).isEqualTo(counts(0, 0, 10, 0));

        assertThat(rows()).isEqualTo(rows);
        assertThat(events).isEmpty();

        // an id closed at T3 cannot come back before T3
        load(parcels(9), true, T3);
        assertThatThrownBy(() -> load(parcels(10), false, T3.minusSeconds(60)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("'P9'")
                .hasMessageContaining(T3.toString());
        assertThat(load(parcels(10), false, T3).inserted()).isEqualTo(1);
    }

    @Test
    void duplicateIdsAreRefusedNamingOne() throws SQLException {
        load(parcels(5), false, T1);
        List<String> rows = rows();
        events.clear();
        List<Feature> input = new ArrayList<>(parcels(5));
        input.add(Feature.of("P8", square(125, 42, 0.01), values("new", 8)));
        input.add(Feature.of("P2", square(125, 43, 0.01), values("again", 2)));

        assertThatThrownBy(() -> load(input, true, T2)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("'P2'").hasMessageContaining("2 times").hasMessageContaining("#3 and #7");
        assertThat(rows()).isEqualTo(rows);
        assertThat(events).isEmpty();
    }

    @Test
    void duplicateIdsInAFirstLoadAreRefusedAndTheEmptyLayerStaysAsItWas() throws SQLException {
        // an empty layer: PostGIS copies such a load straight into the table, its primary key finds the duplicate
        List<Feature> input = new ArrayList<>(parcels(5));
        input.add(Feature.of("P3", square(125, 43, 0.01), values("again", 3)));

        assertThatThrownBy(() -> load(input, false, T1)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("P3").hasMessageContaining("nothing was loaded");
        assertThat(rows()).isEmpty();
        assertThat(events).isEmpty();
        // and the layer takes the input without the duplicate, indexes and all
        assertThat(load(parcels(5), false, T1)).isEqualTo(counts(5, 0, 0, 0));
        assertThat(at(TimeSelection.CURRENT)).containsOnlyKeys("P0", "P1", "P2", "P3", "P4");
    }

    @Test
    void anInvalidFeatureRefusesTheLoadBeforeAnythingIsWritten() throws SQLException {
        load(parcels(5), false, T1);
        List<String> rows = rows();
        events.clear();
        Geometry bowtie = GF.createPolygon(new Coordinate[] {new Coordinate(0, 0), new Coordinate(1, 1),
                new Coordinate(1, 0), new Coordinate(0, 1), new Coordinate(0, 0)});
        Map<String, Feature> bad = new LinkedHashMap<>();
        bad.put("invalid geometry", Feature.of("P9", bowtie, values("x", 9)));
        bad.put("a Point", Feature.of("P9", GF.createPoint(new Coordinate(123, 41)), values("x", 9)));
        Map<String, Object> unknown = values("x", 9);
        unknown.put("colour", "red");
        bad.put("colour", Feature.of("P9", square(1, 1, 1), unknown));
        Map<String, Object> wrongType = values("x", 9);
        wrongType.put("floors", "many");
        bad.put("floors", Feature.of("P9", square(1, 1, 1), wrongType));

        for (var entry : bad.entrySet()) {
            List<Feature> input = new ArrayList<>(parcels(5));
            input.add(0, Feature.of("P1", square(2, 2, 1), values("changed first", 1)));
            input.remove(2); // P1 once, changed, before the bad feature
            input.add(entry.getValue());
            assertThatThrownBy(() -> load(input, true, T2)).as(entry.getKey())
                    .isInstanceOf(InvalidParameterException.class).hasMessageContaining(entry.getKey());
        }
        assertThat(rows()).isEqualTo(rows);
        assertThat(events).isEmpty();
    }

    @Test
    void aDryRunCountsAndKeepsNothing() throws SQLException {
        load(parcels(10), false, T1);
        List<String> rows = rows();
        events.clear();
        long seq = store.lastChangeSequence();
        List<Feature> next = new ArrayList<>(parcels(12));
        next.remove(0);
        next.set(0, Feature.of("P1", square(3, 3, 1), values("moved", 1)));

        LoadResult r = store.merge("parcels", next.iterator(), new LoadOptions(true, T2, true), STEWARD);
        assertThat(r).isEqualTo(new LoadResult(2, 1, 8, 1, true));
        assertThat(rows()).isEqualTo(rows);
        assertThat(events).isEmpty();
        assertThat(store.lastChangeSequence()).isEqualTo(seq);
        // the same load for real does what the dry run said
        assertThat(load(next, true, T2)).isEqualTo(counts(2, 1, 8, 1));
        // empty input: nothing to do, or, as a snapshot, every current feature closed
        assertThat(load(List.of(), false, T3)).isEqualTo(counts(0, 0, 0, 0));
        assertThat(store.merge("parcels", List.<Feature>of().iterator(), new LoadOptions(true, T3, true), STEWARD))
                .isEqualTo(new LoadResult(0, 0, 0, 11, true));
        // a dry run is refused like the load would be
        assertThatThrownBy(() -> store.merge("parcels", parcels(3).iterator(), new LoadOptions(true, T1, true), STEWARD))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void onlyCallersWhoMayWriteTheLayerLoadAndPublishedTablesNever() throws SQLException {
        Iterator<Feature> untouched = new Iterator<>() {
            @Override
            public boolean hasNext() {
                throw new AssertionError("the input was read before access was checked");
            }

            @Override
            public Feature next() {
                throw new AssertionError();
            }
        };
        assertThatThrownBy(() -> store.merge("parcels", untouched, LoadOptions.SNAPSHOT, Caller.ANONYMOUS))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> store.merge("parcels", untouched, LoadOptions.SNAPSHOT, EDITOR))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> store.merge("wells", untouched, LoadOptions.SNAPSHOT, STEWARD))
                .isInstanceOf(LayerNotFoundException.class);
        assertThatThrownBy(() -> store.merge("hydrants", untouched, LoadOptions.SNAPSHOT, Caller.of("root", Caller.ADMIN)))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("published table");
        assertThat(rows()).isEmpty();
        assertThat(events).isEmpty();

        Feature well = Feature.of("W1", GF.createPoint(new Coordinate(123.4, 41.8)), Map.of("depth_m", 12.5));
        assertThat(store.merge("wells", List.of(well).iterator(), LoadOptions.INCREMENTAL, Caller.of("h", "water")))
                .isEqualTo(counts(1, 0, 0, 0));
    }

    @Test
    void aLoadValidFromNowFollowsTheLatestVersionAndWritesWaitForNothingLeft() {
        assertThat(load(parcels(3), false, null)).isEqualTo(counts(3, 0, 0, 0));
        Instant first = history("P0").get(0).validFrom();
        assertThat(first).isAfter(T3);
        store.write("parcels", List.of(new Change.Update("P1", null, Map.of("name", "edited"))), STEWARD);
        assertThat(load(parcels(3), false, null)).isEqualTo(counts(0, 1, 2, 0));
        List<Feature> p1 = history("P1");
        assertThat(p1).extracting(Feature::version).containsExactly(1, 2, 3);
        assertThat(p1.get(1).validTo()).isEqualTo(p1.get(2).validFrom()).isAfter(p1.get(1).validFrom());
        assertThat(p1.get(2).get("name")).isEqualTo("parcel 1");
    }

    @Test
    void twoLoadsAtOnceAreSerializedNeverInterleaved() throws Exception {
        int n = 3000;
        load(parcels(n), false, T1);
        events.clear();
        JdbcFeatureStore other = secondStore();
        List<Feature> a = new ArrayList<>();
        List<Feature> b = new ArrayList<>();
        for (Feature f : parcels(n)) {
            a.add(Feature.of(f.id(), f.geometry(), values("A", 1)));
            b.add(Feature.of(f.id(), f.geometry(), values("B", 2)));
        }
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<LoadResult> ra = pool.submit(() -> {
                start.await();
                return store.merge("parcels", a.iterator(), LoadOptions.SNAPSHOT, STEWARD);
            });
            Future<LoadResult> rb = pool.submit(() -> {
                start.await();
                return other.merge("parcels", b.iterator(), LoadOptions.SNAPSHOT, STEWARD);
            });
            assertThat(ra.get(5, TimeUnit.MINUTES)).isEqualTo(counts(0, n, 0, 0));
            assertThat(rb.get(5, TimeUnit.MINUTES)).isEqualTo(counts(0, n, 0, 0));
        } finally {
            pool.shutdownNow();
            if (other != store) {
                other.close();
            }
        }
        Map<String, List<Feature>> histories = new HashMap<>();
        try (FeatureCursor c = store.read(Query.of("parcels", STEWARD).time(TimeSelection.ALL).build())) {
            c.forEachRemaining(f -> histories.computeIfAbsent(f.id(), k -> new ArrayList<>()).add(f));
        }
        assertThat(histories).hasSize(n);
        String lastName = null;
        for (var h : histories.values()) {
            assertThat(h).extracting(Feature::version).containsExactly(1, 2, 3);
            assertThat(h.get(0).validTo()).isEqualTo(h.get(1).validFrom());
            assertThat(h.get(1).validTo()).isEqualTo(h.get(2).validFrom());
            assertThat(h.get(2).validTo()).isNull();
            assertThat(h.get(1).validFrom()).isBefore(h.get(2).validFrom());
            // one load entirely before the other: the same winner everywhere
            String name = (String) h.get(2).get("name");
            assertThat(h.get(1).get("name")).isNotEqualTo(name);
            if (lastName == null) {
                lastName = name;
            }
            assertThat(name).isEqualTo(lastName);
        }
        // the events of this store's load (the other store's arrives as a remote event, or here when it is this one)
        List<ChangeEvent> told = new ArrayList<>();
        events.drainTo(told);
        assertThat(told.stream().filter(e -> !e.remote())).hasSizeBetween(1, 2);
    }

    @Test
    void writesDuringALoadNeverInterleaveWithIt() throws Exception {
        int n = 3000;
        load(parcels(n), false, T1);
        List<Feature> renamed = new ArrayList<>();
        for (Feature f : parcels(n)) {
            renamed.add(Feature.of(f.id(), f.geometry(), values("loaded", 3)));
        }
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int writes = 20;
        try {
            Future<LoadResult> loading = pool.submit(() -> {
                start.await();
                return store.merge("parcels", renamed.iterator(), LoadOptions.INCREMENTAL, STEWARD);
            });
            Future<?> writing = pool.submit(() -> {
                start.await();
                for (int i = 0; i < writes; i++) {
                    store.write("parcels", List.of(new Change.Update("P0", null, Map.of("name", "edit " + i))), STEWARD);
                }
                return null;
            });
            assertThat(loading.get(5, TimeUnit.MINUTES).changed()).isEqualTo(n);
            writing.get(5, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        List<Feature> p0 = history("P0");
        assertThat(p0).hasSize(2 + writes);
        for (int i = 0; i < p0.size(); i++) {
            Feature v = p0.get(i);
            assertThat(v.version()).isEqualTo(i + 1);
            if (i + 1 < p0.size()) {
                assertThat(v.validTo()).isEqualTo(p0.get(i + 1).validFrom()).isAfter(v.validFrom());
            } else {
                assertThat(v.validTo()).isNull();
            }
        }
        // the last writes came after the load, whenever it ran
        assertThat(p0.get(p0.size() - 1).get("name")).isIn("edit " + (writes - 1), "loaded");
        assertThat(at(TimeSelection.CURRENT)).hasSize(n);
    }
}
