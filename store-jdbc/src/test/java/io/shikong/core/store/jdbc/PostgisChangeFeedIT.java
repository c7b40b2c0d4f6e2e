package io.shikong.core.store.jdbc;

import static io.shikong.core.store.jdbc.ChangeEventsContractTest.ADMIN;
import static io.shikong.core.store.jdbc.ChangeEventsContractTest.CRS;
import static io.shikong.core.store.jdbc.ChangeEventsContractTest.box;
import static io.shikong.core.store.jdbc.ChangeEventsContractTest.parcel;
import static io.shikong.core.store.jdbc.ChangeEventsContractTest.square;
import static org.assertj.core.api.Assertions.assertThat;

import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.feature.Change;
import io.shikong.core.feature.Feature;
import io.shikong.core.feature.WriteResult;
import io.shikong.core.redline.RedLineIndex;
import io.shikong.core.store.ChangeEvent;
import io.shikong.core.store.PostgisTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

/**
 * Two processes on one PostGIS, played by two stores with pools of their own on one schema: a write through
 * one reaches the other's listeners as a remote event with the same boxes, through LISTEN/NOTIFY and the
 * change log; the other's red-line index and bounds follow; the feed survives losing its connection.
 */
class PostgisChangeFeedIT {

    /** Generous: delivery takes milliseconds, a slow machine must not fail the test. */
    private static final int WAIT_SECONDS = 60;

    private final String schema = "change_feed_" + UUID.randomUUID().toString().replace("-", "");
    private JdbcFeatureStore a;
    private JdbcFeatureStore b;
    private RedLineIndex redLinesOnB;
    private final BlockingQueue<ChangeEvent> toA = new LinkedBlockingQueue<>();
    private final BlockingQueue<ChangeEvent> toB = new LinkedBlockingQueue<>();

    @BeforeEach
    void setUp() throws SQLException {
        String url = PostgisTestDatabase.freshSchema(schema);
        LayerCatalog catalog = ChangeEventsContractTest.catalog();
        a = new PostgisFeatureStore(PostgisChangeEventsIT.pool(url), catalog, CRS);
        a.initialize();
        b = new PostgisFeatureStore(PostgisChangeEventsIT.pool(url), catalog, CRS);
        b.initialize();
        // the index listens first: when the test's queue hears of a change, the index has too
        redLinesOnB = new RedLineIndex(b, "eco_red_lines", ADMIN);
        a.addChangeListener(toA::add);
        b.addChangeListener(toB::add);
    }

    @AfterEach
    void tearDown() throws SQLException {
        a.close();
        b.close();
        PostgisChangeEventsIT.dropSchema(schema);
    }

    /** The first event of the queue that matches, waiting for it. */
    private static ChangeEvent await(BlockingQueue<ChangeEvent> queue, Predicate<ChangeEvent> wanted)
            throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            ChangeEvent e = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(e).as("an event within %d s", WAIT_SECONDS).isNotNull();
            if (wanted.test(e)) {
                return e;
            }
        }
        throw new AssertionError("no matching event among 1000");
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < WAIT_SECONDS * 20; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not within " + WAIT_SECONDS + " s: " + what);
    }

    private static ChangeEvent local(BlockingQueue<ChangeEvent> queue) {
        ChangeEvent e = queue.poll();
        assertThat(e).isNotNull();
        assertThat(e.remote()).isFalse();
        return e;
    }

    private static List<Integer> feedPids(JdbcFeatureStore store) throws SQLException {
        List<Integer> pids = new ArrayList<>();
        try (Connection c = store.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT pid FROM pg_stat_activity WHERE application_name = ?")) {
            ps.setString(1, store.feedApplicationName());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pids.add(rs.getInt(1));
                }
            }
        }
        return pids;
    }

    @Test
    void aWriteThroughOneStoreReachesTheOtherAsRemoteWithTheSameBoxes() throws Exception {
        assertThat(b.bounds("parcels", ADMIN)).isEmpty();
        a.write("parcels", List.of(new Change.Insert(parcel("P1", square(123.40, 41.80, 0.01)))), ADMIN);
        ChangeEvent inserted = local(toA);
        ChangeEvent there = await(toB, e -> e.sequence() == inserted.sequence());
        assertThat(there).isEqualTo(new ChangeEvent(inserted.sequence(), "parcels", inserted.boxes(),
                inserted.validFrom(), true));
        // B's cached bounds follow the remote change
        assertThat(b.bounds("parcels", ADMIN)).contains(box(123.40, 41.80, 0.01));

        a.write("parcels", List.of(new Change.Update("P1", square(123.50, 41.90, 0.02), Map.of())), ADMIN);
        ChangeEvent moved = local(toA);
        ChangeEvent movedThere = await(toB, e -> e.sequence() == moved.sequence());
        assertThat(movedThere.remote()).isTrue();
        assertThat(movedThere.boxes()).containsExactlyInAnyOrder(box(123.40, 41.80, 0.01), box(123.50, 41.90, 0.02));
        assertThat(movedThere.validFrom()).isEqualTo(moved.validFrom());
        assertThat(b.bounds("parcels", ADMIN)).contains(box(123.50, 41.90, 0.02));

        // and the other way; A hears B's change, never its own back
        b.write("parcels", List.of(new Change.Delete("P1")), ADMIN);
        ChangeEvent deleted = local(toB);
        ChangeEvent deletedThere = await(toA, e -> true);
        assertThat(deletedThere.sequence()).isEqualTo(deleted.sequence());
        assertThat(deletedThere.remote()).isTrue();
        assertThat(deletedThere.boxes()).containsExactly(box(123.50, 41.90, 0.02));
        assertThat(toA).isEmpty();
    }

    @Test
    void theRedLineIndexOfOneStoreSeesAZoneInsertedThroughTheOther() throws Exception {
        Envelope area = box(123.30, 41.70, 0.05);
        RedLineIndex.Snapshot before = redLinesOnB.snapshot();
        assertThat(before.candidates(area, java.time.Instant.now())).isEmpty();

        WriteResult r = a.write("eco_red_lines", List.of(new Change.Insert(new Feature("Z1", square(123.30, 41.70, 0.05),
                Map.of("zone_name", "新区 New zone"), null, null, 0))), ADMIN);
        ChangeEvent e = await(toB, ev -> ev.layer().equals("eco_red_lines"));
        assertThat(e.remote()).isTrue();

        RedLineIndex.Snapshot after = redLinesOnB.snapshot();
        assertThat(after).isNotSameAs(before);
        assertThat(after.candidates(area, r.at())).extracting(z -> z.feature().id()).containsExactly("Z1");
    }

    @Test
    void theFeedReconnectsAfterItsConnectionIsKilledAndCatchesUp() throws Exception {
        awaitTrue(() -> b.feed().connections() >= 1, "B's feed listening");
        List<Integer> pids = feedPids(b);
        assertThat(pids).hasSize(1);
        try (Connection c = a.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
            ps.setInt(1, pids.get(0));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getBoolean(1)).isTrue();
            }
        }
        // written while B's feed is down or reconnecting: read from the log when it is back
        a.write("parcels", List.of(new Change.Insert(parcel("P7", square(123.70, 41.70, 0.01)))), ADMIN);
        ChangeEvent missed = local(toA);
        ChangeEvent caughtUp = await(toB, e -> e.sequence() == missed.sequence());
        assertThat(caughtUp.boxes()).containsExactly(box(123.70, 41.70, 0.01));
        assertThat(caughtUp.remote()).isTrue();

        awaitTrue(() -> b.feed().connections() >= 2, "B's feed listening again");
        assertThat(feedPids(b)).hasSize(1).doesNotContain(pids.get(0));
        a.write("parcels", List.of(new Change.Update("P7", null, Map.of("name", "again"))), ADMIN);
        ChangeEvent next = local(toA);
        assertThat(await(toB, e -> e.sequence() == next.sequence()).remote()).isTrue();
    }

    @Test
    void aFeedBehindAPrunedLogReportsEveryLayerChangedThenFollowsAgain() throws Exception {
        long start = a.lastChangeSequence();
        a.write("parcels", List.of(new Change.Insert(parcel("P1", square(123.40, 41.80, 0.01)))), ADMIN);
        a.write("parcels", List.of(new Change.Insert(parcel("P2", square(123.45, 41.85, 0.01)))), ADMIN);
        long pruned = a.pruneChangeLog(0, java.time.Duration.ZERO);
        assertThat(pruned).isEqualTo(a.lastChangeSequence()).isGreaterThan(start);

        // a node that saw up to `start` when it went down
        BlockingQueue<ChangeEvent> heard = new LinkedBlockingQueue<>();
        PostgisDialect dialect = new PostgisDialect();
        ChangeFeed feed = new ChangeFeed(() -> a.dataSource().getConnection(), dialect, new ChangeLog(dialect), start,
                "another node", heard::add, () -> List.of("parcels", "eco_red_lines"));
        feed.start();
        try {
            List<ChangeEvent> whole = List.of(await(heard, e -> true), await(heard, e -> true));
            assertThat(whole).extracting(ChangeEvent::layer).containsExactly("parcels", "eco_red_lines");
            assertThat(whole).allSatisfy(e -> {
                assertThat(e.wholeLayer()).isTrue();
                assertThat(e.remote()).isTrue();
                assertThat(e.sequence()).isEqualTo(pruned);
                assertThat(e.validFrom()).isEqualTo(java.time.Instant.MIN);
            });
            a.write("parcels", List.of(new Change.Delete("P1")), ADMIN);
            long deleted = a.lastChangeSequence();
            assertThat(await(heard, e -> true)).extracting(ChangeEvent::sequence, ChangeEvent::wholeLayer)
                    .containsExactly(deleted, false);
            assertThat(feed.lastSeen()).isEqualTo(deleted);
        } finally {
            feed.stop();
        }
    }

    @Test
    void closingStopsTheFeedAndItsConnection() throws Exception {
        awaitTrue(() -> b.feed().connections() >= 1, "B's feed listening");
        assertThat(feedPids(b)).hasSize(1);
        ChangeFeed feed = b.feed();
        String name = b.feedApplicationName();
        b.close();
        try (Connection c = a.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = ?")) {
            ps.setString(1, name);
            awaitTrue(() -> {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) == 0;
                } catch (SQLException ex) {
                    throw new IllegalStateException(ex);
                }
            }, "B's feed connection closed");
        }
        assertThat(feed.connections()).isEqualTo(1);
    }
}
