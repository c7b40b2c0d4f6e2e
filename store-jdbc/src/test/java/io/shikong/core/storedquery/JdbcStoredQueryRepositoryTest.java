package io.shikong.core.storedquery;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shikong.core.store.PostgisTestDatabase;
import io.shikong.core.store.jdbc.EmbeddedFeatureStore;
import io.shikong.core.store.jdbc.H2gisDialect;
import io.shikong.core.store.jdbc.PostgisDialect;
import io.shikong.core.store.jdbc.SqlDialect;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The stored query table on both databases: create, duplicate, list, drop, and a second repository on the same database. */
class JdbcStoredQueryRepositoryTest {

    static DataSource dataSource(String kind) throws Exception {
        if (kind.equals("embedded")) {
            return EmbeddedFeatureStore.inMemory("stored-queries-" + java.util.UUID.randomUUID());
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(PostgisTestDatabase.freshSchema("stored_query_repo"));
        config.setUsername(PostgisTestDatabase.USER);
        config.setPassword(PostgisTestDatabase.PASSWORD);
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    static SqlDialect dialect(String kind) {
        return kind.equals("embedded") ? new H2gisDialect() : new PostgisDialect();
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "postgis"})
    void keepsQueriesUntilDropped(String kind) throws Exception {
        DataSource ds = dataSource(kind);
        try {
            StoredQueryRepository repo = new JdbcStoredQueryRepository(ds, dialect(kind));
            assertThat(repo.list()).isEmpty();
            String big = "<d>" + "查询 query ".repeat(6000) + "</d>";
            String longId = "urn:x:" + "i".repeat(JdbcStoredQueryRepository.MAX_ID_LENGTH - 6);
            assertThat(repo.create("urn:x:a", "<a/>")).isTrue();
            assertThat(repo.create(longId, big)).isTrue();
            assertThat(repo.create("urn:x:a", "<other/>")).isFalse();
            assertThat(repo.count()).isEqualTo(2);
            assertThat(repo.find("urn:x:a")).get().satisfies(r -> {
                assertThat(r.definition()).isEqualTo("<a/>");
                assertThat(r.createdAt()).isNotNull();
            });
            assertThat(repo.find(longId).orElseThrow().definition()).isEqualTo(big);
            assertThat(repo.list()).extracting(StoredQueryRepository.StoredQueryRecord::id).containsExactly("urn:x:a", longId);

            // another repository on the same database (a restart, another node) sees the same queries
            StoredQueryRepository again = new JdbcStoredQueryRepository(ds, dialect(kind));
            assertThat(again.find(longId)).isPresent();
            assertThat(again.drop("urn:x:a")).isTrue();
            assertThat(again.drop("urn:x:a")).isFalse();
            assertThat(repo.find("urn:x:a")).isEmpty();

            // concurrent creations of one id: exactly one wins
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Boolean>> results = pool.invokeAll(java.util.Collections.nCopies(8, () -> repo.create("urn:x:race", "<r/>")));
                long won = 0;
                for (Future<Boolean> f : results) {
                    won += f.get() ? 1 : 0;
                }
                assertThat(won).isEqualTo(1);
            } finally {
                pool.shutdown();
            }
        } finally {
            ((HikariDataSource) ds).close();
        }
    }
}
