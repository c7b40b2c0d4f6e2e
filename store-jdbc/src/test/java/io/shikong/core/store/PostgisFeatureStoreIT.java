package io.shikong.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.store.jdbc.PostgisFeatureStore;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The store contract on a real PostGIS (provisioned by {@code make test}), in a schema of its own that
 * is dropped and recreated for each test. Never skipped: without PostGIS this fails.
 */
class PostgisFeatureStoreIT extends FeatureStoreContractTest {

    @Override
    protected DataSource freshDataSource() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(PostgisTestDatabase.freshSchema("contract_test"));
        config.setUsername(PostgisTestDatabase.USER);
        config.setPassword(PostgisTestDatabase.PASSWORD);
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    @Override
    protected FeatureStore createStore(DataSource dataSource, LayerCatalog catalog) {
        return new PostgisFeatureStore(dataSource, catalog, CRS);
    }
}
