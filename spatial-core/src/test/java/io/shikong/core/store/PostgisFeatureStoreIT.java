package io.shikong.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.store.jdbc.PostgisFeatureStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The store contract on a real PostGIS (provisioned by {@code make test}), in a schema of its own that
 * is dropped and recreated for each test. Never skipped: without PostGIS this fails.
 */
class PostgisFeatureStoreIT extends FeatureStoreContractTest {

    static final String URL = System.getProperty("shikong.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/shikong");
    static final String USER = System.getProperty("shikong.test.pg.user", "shikong");
    static final String PASSWORD = System.getProperty("shikong.test.pg.password", "shikong");
    private static final String SCHEMA = "contract_test";

    @Override
    protected DataSource freshDataSource() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            st.execute("CREATE SCHEMA " + SCHEMA);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA + ",public");
        config.setUsername(USER);
        config.setPassword(PASSWORD);
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    @Override
    protected FeatureStore createStore(DataSource dataSource, LayerCatalog catalog) {
        return new PostgisFeatureStore(dataSource, catalog, CRS);
    }
}
