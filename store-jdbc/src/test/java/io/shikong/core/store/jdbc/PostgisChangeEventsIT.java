package io.shikong.core.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.store.PostgisTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** Change events and the change log of the PostGIS store, in a schema of its own per test. */
class PostgisChangeEventsIT extends ChangeEventsContractTest {

    private final String schema = "change_events_" + UUID.randomUUID().toString().replace("-", "");

    /** A pool on {@code url} (a schema of the test database), as the server builds it. */
    static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(PostgisTestDatabase.USER);
        config.setPassword(PostgisTestDatabase.PASSWORD);
        config.setMaximumPoolSize(4);
        config.addDataSourceProperty("options", "-c plan_cache_mode=force_custom_plan");
        return new HikariDataSource(config);
    }

    static void dropSchema(String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(PostgisTestDatabase.URL, PostgisTestDatabase.USER,
                PostgisTestDatabase.PASSWORD); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Override
    protected JdbcFeatureStore createStore(LayerCatalog catalog) throws SQLException {
        return new PostgisFeatureStore(pool(PostgisTestDatabase.freshSchema(schema)), catalog, CRS);
    }

    @Override
    protected void dropDatabase() throws SQLException {
        dropSchema(schema);
    }
}
