package io.shikong.core.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.shikong.core.security.Caller;
import io.shikong.core.store.LoadOptions;
import io.shikong.core.store.LoadResult;
import io.shikong.core.store.PostgisTestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Large loads into PostGIS: a loading process killed in the middle of its COPY leaves the layer exactly as it
 * was (no rows, no lock, no staging table behind), and the throughput of the merge at 200k buildings (printed,
 * not asserted).
 */
class PostgisMergeLargeIT {

    private static final Logger LOG = LoggerFactory.getLogger(PostgisMergeLargeIT.class);
    private static final Caller LOADER = Caller.of("loader", Caller.ADMIN);

    private final String schema = "merge_large_" + UUID.randomUUID().toString().replace("-", "");
    private String url;
    private JdbcFeatureStore store;

    @BeforeEach
    void setUp() throws SQLException {
        url = PostgisTestDatabase.freshSchema(schema);
        store = new PostgisFeatureStore(PostgisChangeEventsIT.pool(url), MergeKillChild.catalog(), MergeContractTest.CRS);
        store.initialize();
    }

    @AfterEach
    void tearDown() throws SQLException {
        store.close();
        PostgisChangeEventsIT.dropSchema(schema);
    }

    /** Every row of the layer summed up: count, versions, and a digest of ids, versions, times and values. */
    private String state() throws SQLException {
        try (Connection c = store.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*), COALESCE(MAX(version), 0), md5(COALESCE(string_agg(id || '/' "
                     + "|| version || '/' || valid_from || '/' || COALESCE(valid_to::text, '-') || '/' || kill_marker || '/' "
                     + "|| ST_AsEWKT(geom), ';' ORDER BY id, version), '')) FROM " + MergeKillChild.LAYER)) {
            rs.next();
            return rs.getLong(1) + " rows, max version " + rs.getInt(2) + ", " + rs.getString(3);
        }
    }

    private long count(String sql, String parameter) throws SQLException {
        try (Connection c = store.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void aLoadKilledInTheMiddleOfItsCopyLeavesTheLayerAsItWas() throws Exception {
        LoadResult first = store.merge(MergeKillChild.LAYER, MergeKillChild.buildings(5000, "first", i -> { }),
                LoadOptions.SNAPSHOT, LOADER);
        assertThat(first.inserted()).isEqualTo(5000);
        String before = state();
        long sequence = store.lastChangeSequence();

        killInTheMiddleOfItsCopy("second");

        assertThat(state()).isEqualTo(before);
        assertThat(store.lastChangeSequence()).isEqualTo(sequence);
        // no staging table of this layer's loads left anywhere
        assertThat(count("SELECT COUNT(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                + "WHERE c.relname = ? AND a.attname = 'kill_marker'", LayerMerge.STAGE)).isZero();
        // nobody holds the layer's load lock
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtext(?))")) {
                ps.setString(1, PostgisDialect.loadLockKey(MergeKillChild.LAYER));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getBoolean(1)).as("the load lock is free").isTrue();
                }
            }
            c.rollback();
            c.setAutoCommit(true);
        }
        // and the layer loads again
        LoadResult again = store.merge(MergeKillChild.LAYER, MergeKillChild.buildings(5000, "third", i -> { }),
                LoadOptions.SNAPSHOT, LOADER);
        assertThat(again.changed()).isEqualTo(5000);
    }

    /** Starts a child process loading 300k buildings, kills it once its COPY runs, waits until its session is gone. */
    private void killInTheMiddleOfItsCopy(String label) throws Exception {
        String app = "shikong-kill-" + UUID.randomUUID();
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                MergeKillChild.class.getName(), url, app, "300000", label)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("started")) {
                LOG.info("child: {}", line);
            }
            assertThat(line).as("the child began its load").isEqualTo("started");
            // its connection is in the COPY
            long copying = 0;
            for (int i = 0; i < 600 && copying == 0; i++) {
                copying = count("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = ? AND query LIKE 'COPY%'", app);
                if (copying == 0) {
                    Thread.sleep(100);
                }
            }
            assertThat(copying).as("the child's COPY is running").isEqualTo(1);
            child.destroyForcibly();
            child.waitFor();
        }
        // the server ends the dead client's session (and its transaction) when it reads the closed socket
        long sessions = 1;
        for (int i = 0; i < 600 && sessions > 0; i++) {
            sessions = count("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = ?", app);
            if (sessions > 0) {
                Thread.sleep(100);
            }
        }
        assertThat(sessions).as("the killed process's sessions are gone").isZero();
    }

    @Test
    void aFirstLoadKilledInTheMiddleOfItsCopyLeavesTheLayerEmptyWithItsIndexes() throws Exception {
        // an empty layer: the load copies straight into the table, its indexes dropped until it ends
        String indexes = indexes();
        String empty = state();
        long sequence = store.lastChangeSequence();
        killInTheMiddleOfItsCopy("first");

        assertThat(empty).startsWith("0 rows");
        assertThat(state()).isEqualTo(empty);
        assertThat(indexes()).isEqualTo(indexes);
        assertThat(store.lastChangeSequence()).isEqualTo(sequence);
        LoadResult again = store.merge(MergeKillChild.LAYER, MergeKillChild.buildings(5000, "again", i -> { }),
                LoadOptions.SNAPSHOT, LOADER);
        assertThat(again.inserted()).isEqualTo(5000);
        assertThat(indexes()).isEqualTo(indexes);
    }

    /** The definitions of the layer table's indexes, in name order. */
    private String indexes() throws SQLException {
        try (Connection c = store.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT string_agg(indexdef, E'\\n' ORDER BY indexname) FROM pg_indexes WHERE schemaname = ? AND tablename = ?")) {
            ps.setString(1, schema);
            ps.setString(2, MergeKillChild.LAYER);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Test
    void aLargeMergeAt200kBuildingsRebuildsTheIndexesAsTheyWere() throws SQLException {
        int n = 200_000;
        String indexes = indexes();
        assertThat(indexes).contains("USING gist", "CREATE UNIQUE INDEX", "WHERE (valid_to IS NULL)", "_pkey");
        LoadResult inserted = store.merge(MergeKillChild.LAYER, MergeKillChild.buildings(n, "v1", i -> { }),
                LoadOptions.SNAPSHOT, LOADER);
        // the first load is large for the empty table: it dropped the indexes, built them again, the same, and
        // analyzed the table (the planner's row estimate)
        assertThat(indexes()).isEqualTo(indexes);
        assertThat(count("SELECT reltuples::bigint FROM pg_class WHERE oid = ?::regclass", schema + "." + MergeKillChild.LAYER))
                .isPositive();
        LoadResult unchanged = store.merge(MergeKillChild.LAYER, MergeKillChild.buildings(n, "v1", i -> { }),
                LoadOptions.SNAPSHOT, LOADER);
        // every tenth building renamed, the last thousand absent
        LoadResult changed = store.merge(MergeKillChild.LAYER, new java.util.Iterator<>() {
            private final java.util.Iterator<io.shikong.core.feature.Feature> same = MergeKillChild.buildings(n - 1000, "v1", i -> { });
            private int i;

            @Override
            public boolean hasNext() {
                return same.hasNext();
            }

            @Override
            public io.shikong.core.feature.Feature next() {
                io.shikong.core.feature.Feature f = same.next();
                if (i++ % 10 == 0) {
                    java.util.Map<String, Object> v = new java.util.LinkedHashMap<>(f.properties());
                    v.put("kill_marker", "v2 " + f.id());
                    return io.shikong.core.feature.Feature.of(f.id(), f.geometry(), v);
                }
                return f;
            }
        }, LoadOptions.SNAPSHOT, LOADER);
        assertThat(inserted.inserted()).isEqualTo(n);
        assertThat(unchanged.unchanged()).isEqualTo(n);
        assertThat(changed).isEqualTo(new LoadResult(0, (n - 1000) / 10, (n - 1000) - (n - 1000) / 10, 1000, false));
        assertThat(indexes()).isEqualTo(indexes);
    }
}
