package io.shikong.core.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.shikong.core.query.Query;
import io.shikong.core.security.Caller;
import io.shikong.core.store.PostgisTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A large page's sort gets more memory than PostgreSQL's default for its transaction only
 * ({@link PostgisDialect#sortMemory}), a larger setting is kept, and small pages and drawing reads leave it alone.
 */
class PostgisSortMemoryIT {

    private static final Caller ADMIN = Caller.of("admin", Caller.ADMIN);

    @Test
    void largePagesGetMemoryToSortIn() {
        assertThat(JdbcFeatureStore.sortBytes(Query.of("l", ADMIN).limit(1000).build())).isZero();
        assertThat(JdbcFeatureStore.sortBytes(Query.of("l", ADMIN).build())).isZero();
        assertThat(JdbcFeatureStore.sortBytes(Query.of("l", ADMIN).limit(10_000).build())).isEqualTo(20_480_000L);
        assertThat(JdbcFeatureStore.sortBytes(Query.of("l", ADMIN).limit(10_000).offset(10_000).build()))
                .isEqualTo(40_960_000L);
        assertThat(JdbcFeatureStore.sortBytes(Query.of("l", ADMIN).limit(1_000_000).build())).isEqualTo(64L << 20);
    }

    @Test
    void setsWorkMemForTheTransactionOnly() throws Exception {
        try (Connection c = DriverManager.getConnection(PostgisTestDatabase.URL, PostgisTestDatabase.USER,
                PostgisTestDatabase.PASSWORD)) {
            long before = workMem(c);
            c.setAutoCommit(false);
            new PostgisDialect().sortMemory(c, 20_480_000L);
            assertThat(workMem(c)).isEqualTo(Math.max(before, 20_480_000L));
            c.rollback();
            assertThat(workMem(c)).isEqualTo(before);
            // a larger setting stays
            try (Statement st = c.createStatement()) {
                st.execute("SET work_mem = '256MB'");
            }
            new PostgisDialect().sortMemory(c, 20_480_000L);
            assertThat(workMem(c)).isEqualTo(256L << 20);
            c.rollback();
        }
    }

    private static long workMem(Connection c) throws Exception {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_size_bytes(current_setting('work_mem'))")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
