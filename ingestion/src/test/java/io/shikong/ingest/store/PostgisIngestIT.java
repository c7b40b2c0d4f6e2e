package io.shikong.ingest.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.store.FeatureStore;
import io.shikong.core.store.PostgisTestDatabase;
import io.shikong.core.store.jdbc.PostgisFeatureStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/** Loads (binary COPY and the set-based merge) and exports through PostGIS, in a schema of its own per test. */
class PostgisIngestIT extends IngestStoreContractTest {

    private final String schema = "ingest_" + UUID.randomUUID().toString().replace("-", "");

    @Override
    protected FeatureStore createStore(LayerCatalog catalog) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(PostgisTestDatabase.freshSchema(schema));
        config.setUsername(PostgisTestDatabase.USER);
        config.setPassword(PostgisTestDatabase.PASSWORD);
        config.setMaximumPoolSize(4);
        PostgisFeatureStore s = new PostgisFeatureStore(new HikariDataSource(config), catalog, CRS);
        s.initialize();
        return s;
    }

    @Override
    protected void dropDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(PostgisTestDatabase.URL, PostgisTestDatabase.USER,
                PostgisTestDatabase.PASSWORD); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
