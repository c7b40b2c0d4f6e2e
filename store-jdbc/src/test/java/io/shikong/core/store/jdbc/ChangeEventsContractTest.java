package io.shikong.core.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shikong.core.catalog.CatalogLoader;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.FeatureNotFoundException;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.feature.Change;
import io.shikong.core.feature.Feature;
import io.shikong.core.feature.WriteResult;
import io.shikong.core.security.Caller;
import io.shikong.core.store.ChangeEvent;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Change events and the change log, the same on both stores: what a write, a failed write and a bulk load
 * tell the listeners and leave in the log, and what {@code changesSince} reads back
 * ({@code EmbeddedChangeEventsTest}, {@code PostgisChangeEventsIT}).
 */
abstract class ChangeEventsContractTest {

    static final CrsService CRS = new CrsService();
    static final Caller ADMIN = Caller.of("test", Caller.ADMIN);
    static final GeometryFactory GF = new GeometryFactory(new PrecisionModel(), 4490);
    static final String CATALOG = """
            layers:
              - name: parcels
                geometry: MultiPolygon
                transactions: true
                attributes:
                  - {name: name, type: string}
              - name: eco_red_lines
                geometry: MultiPolygon
                transactions: true
                attributes:
                  - {name: zone_name, type: string}
            """;

    protected LayerCatalog catalog;
    protected JdbcFeatureStore store;
    protected final BlockingQueue<ChangeEvent> events = new LinkedBlockingQueue<>();

    /** A store on an empty database (or schema) of its own, not yet initialized. */
    protected abstract JdbcFeatureStore createStore(LayerCatalog catalog) throws SQLException;

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
        store.initialize();
        store.initialize(); // idempotent, the change log too
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

    static Envelope box(double x, double y, double size) {
        return new Envelope(x, x + size, y, y + size);
    }

    static Feature parcel(String id, Geometry g) {
        return new Feature(id, g, Map.of("name", id), null, null, 0);
    }

    /** Waits (bounded) until the store's change feed, if it has one, has read the log up to {@code seq}. */
    private void awaitFeedAt(long seq) {
        for (int i = 0; i < 600 && store.feedPosition() < seq; i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        assertThat(store.feedPosition()).as("change feed position").isGreaterThanOrEqualTo(seq);
    }

    /** The one event the last write told, taken off the queue. */
    private ChangeEvent onlyEvent() {
        List<ChangeEvent> told = new ArrayList<>();
        events.drainTo(told);
        assertThat(told).hasSize(1);
        return told.get(0);
    }

    private long logRows() throws SQLException {
        try (Connection c = store.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM shikong_changes")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void anInsertIsOneLocalEventWithItsEnvelopeAndSequence() {
        long before = store.lastChangeSequence();
        WriteResult r = store.write("parcels", List.of(new Change.Insert(parcel("P1", square(123.40, 41.80, 0.01)))), ADMIN);

        ChangeEvent e = onlyEvent();
        assertThat(e.layer()).isEqualTo("parcels");
        assertThat(e.remote()).isFalse();
        assertThat(e.sequence()).isGreaterThan(before).isEqualTo(store.lastChangeSequence());
        assertThat(e.boxes()).containsExactly(box(123.40, 41.80, 0.01));
        assertThat(e.validFrom()).isEqualTo(r.at());
    }

    @Test
    void anUpdateThatMovesAFeatureCarriesTheOldAndTheNewEnvelope() {
        store.write("parcels", List.of(new Change.Insert(parcel("P1", square(123.40, 41.80, 0.01)))), ADMIN);
        ChangeEvent inserted = onlyEvent();

        WriteResult r = store.write("parcels", List.of(new Change.Update("P1", square(123.50, 41.90, 0.02), Map.of())), ADMIN);

        ChangeEvent moved = onlyEvent();
        assertThat(moved.sequence()).isGreaterThan(inserted.sequence());
        assertThat(moved.boxes()).containsExactlyInAnyOrder(box(123.40, 41.80, 0.01), box(123.50, 41.90, 0.02));
        assertThat(moved.validFrom()).isEqualTo(r.at());

        store.write("parcels", List.of(new Change.Delete("P1")), ADMIN);
        assertThat(onlyEvent().boxes()).containsExactly(box(123.50, 41.90, 0.02));
    }

    @Test
    void aFailedWriteTellsNothingAndLogsNothing() throws SQLException {
        store.write("parcels", List.of(new Change.Insert(parcel("P1", square(123.40, 41.80, 0.01)))), ADMIN);
        events.clear();
        long seq = store.lastChangeSequence();
        long rows = logRows();

        // the insert runs, then the update fails: all rolled back
        assertThatThrownBy(() -> store.write("parcels", List.of(
                new Change.Insert(parcel("P2", square(123.45, 41.85, 0.01))),
                new Change.Update("missing", null, Map.of("name", "x"))), ADMIN))
                .isInstanceOf(FeatureNotFoundException.class);
        // a bad geometry after a good update
        Geometry bowtie = GF.createPolygon(new Coordinate[] {new Coordinate(0, 0), new Coordinate(1, 1),
                new Coordinate(1, 0), new Coordinate(0, 1), new Coordinate(0, 0)});
        assertThatThrownBy(() -> store.write("parcels", List.of(
                new Change.Update("P1", square(123.60, 41.60, 0.01), Map.of()),
                new Change.Insert(parcel("P3", bowtie))), ADMIN))
                .isInstanceOf(InvalidParameterException.class);

        assertThat(events).isEmpty();
        assertThat(store.lastChangeSequence()).isEqualTo(seq);
        assertThat(logRows()).isEqualTo(rows);
        assertThat(store.changesSince(seq)).contains(List.of());
    }

    @Test
    void aBulkLoadIsOneEventCoveringEveryVersionFromTheEarliestValidFrom() {
        List<Feature> versions = new ArrayList<>();
        List<Envelope> envelopes = new ArrayList<>();
        Instant earliest = Instant.parse("2003-04-05T06:07:08Z");
        for (int i = 0; i < 3000; i++) {
            double x = 123.0 + (i % 60) * 0.01;
            double y = 41.5 + (i / 60) * 0.01;
            versions.add(new Feature("B" + i, square(x, y, 0.005), Map.of("name", "B" + i),
                    earliest.plus(Duration.ofDays(i % 97)), null, 1));
            envelopes.add(box(x, y, 0.005));
        }
        long before = store.lastChangeSequence();

        assertThat(store.bulkLoad("parcels", versions.iterator(), ADMIN)).isEqualTo(3000);

        ChangeEvent e = onlyEvent();
        assertThat(e.layer()).isEqualTo("parcels");
        assertThat(e.sequence()).isGreaterThan(before);
        assertThat(e.validFrom()).isEqualTo(earliest);
        assertThat(e.boxes()).isNotEmpty().hasSizeLessThanOrEqualTo(ChangeBoxes.MAX);
        for (Envelope env : envelopes) {
            assertThat(e.boxes().stream().anyMatch(b -> b.covers(env))).as("%s covered", env).isTrue();
        }
        assertThat(store.changesSince(before).orElseThrow()).containsExactly(
                new ChangeEvent(e.sequence(), "parcels", e.boxes(), earliest, true));
    }

    @Test
    void changesSinceReadsTheLogInOrderAndIsEmptyOncePrunedPastIt() {
        long start = store.lastChangeSequence();
        List<ChangeEvent> local = new ArrayList<>();
        store.write("parcels", List.of(new Change.Insert(parcel("P1", square(123.40, 41.80, 0.01)))), ADMIN);
        local.add(onlyEvent());
        store.write("eco_red_lines", List.of(new Change.Insert(new Feature("Z1", square(123.30, 41.70, 0.05),
                Map.of("zone_name", "Z"), null, null, 0))), ADMIN);
        local.add(onlyEvent());
        store.write("parcels", List.of(new Change.Update("P1", square(123.41, 41.81, 0.01), Map.of())), ADMIN);
        local.add(onlyEvent());
        long last = store.lastChangeSequence();
        assertThat(last).isEqualTo(local.get(2).sequence());

        List<ChangeEvent> read = store.changesSince(start).orElseThrow();
        assertThat(read).hasSize(3);
        for (int i = 0; i < 3; i++) {
            ChangeEvent l = local.get(i);
            assertThat(read.get(i)).isEqualTo(new ChangeEvent(l.sequence(), l.layer(), l.boxes(), l.validFrom(), true));
        }
        assertThat(store.changesSince(local.get(0).sequence()).orElseThrow()).extracting(ChangeEvent::sequence)
                .containsExactly(local.get(1).sequence(), local.get(2).sequence());
        assertThat(store.changesSince(last)).contains(List.of());
        // a sequence the log never reached: another database, or a log recreated
        assertThat(store.changesSince(last + 1000)).isEmpty();

        // the store's own feed reads (and skips) its rows a moment after the commits: pruned before it did,
        // it would rightly report the gap as whole-layer changes, so let it reach the last row first
        awaitFeedAt(last);
        assertThat(store.pruneChangeLog(1, Duration.ofDays(3650))).isEqualTo(last - 1);
        assertThat(store.changesSince(start)).isEmpty();
        assertThat(store.changesSince(local.get(1).sequence()).orElseThrow()).extracting(ChangeEvent::sequence)
                .containsExactly(last);
        assertThat(store.lastChangeSequence()).isEqualTo(last);

        // pruned to nothing, the log still knows where it stands
        assertThat(store.pruneChangeLog(0, Duration.ZERO)).isEqualTo(last);
        assertThat(store.lastChangeSequence()).isEqualTo(last);
        assertThat(store.changesSince(last)).contains(List.of());
        assertThat(store.changesSince(last - 1)).isEmpty();
        store.write("parcels", List.of(new Change.Delete("P1")), ADMIN);
        ChangeEvent after = onlyEvent();
        assertThat(after.sequence()).isGreaterThan(last);
        assertThat(store.changesSince(last).orElseThrow()).extracting(ChangeEvent::sequence).containsExactly(after.sequence());
    }

    @Test
    void anEmptyWriteIsNoChange() {
        long seq = store.lastChangeSequence();
        store.write("parcels", List.of(), ADMIN);
        store.bulkLoad("parcels", List.<Feature>of().iterator(), ADMIN);
        assertThat(events).isEmpty();
        assertThat(store.lastChangeSequence()).isEqualTo(seq);
    }

    @Test
    void theBoundsFollowAWriteAtOnce() {
        store.write("parcels", List.of(new Change.Insert(parcel("P1", square(123.40, 41.80, 0.01)))), ADMIN);
        assertThat(store.bounds("parcels", ADMIN)).contains(box(123.40, 41.80, 0.01));
        store.write("parcels", List.of(new Change.Insert(parcel("P2", square(124.00, 42.00, 0.01)))), ADMIN);
        assertThat(store.bounds("parcels", ADMIN)).contains(new Envelope(123.40, 124.01, 41.80, 42.01));
    }
}
