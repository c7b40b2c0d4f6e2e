package io.shikong.core.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.store.PostgisTestDatabase;
import javax.sql.DataSource;

/** {@link StoreLimitsContract} on PostGIS: the statement timeout is the server's {@code statement_timeout}. */
class PostgisStoreLimitsIT extends StoreLimitsContract {

    @Override
    DataSource freshDataSource() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(PostgisTestDatabase.freshSchema("store_limits_test"));
        config.setUsername(PostgisTestDatabase.USER);
        config.setPassword(PostgisTestDatabase.PASSWORD);
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    @Override
    JdbcFeatureStore createStore(DataSource dataSource, LayerCatalog catalog) {
        return new PostgisFeatureStore(dataSource, catalog, CRS);
    }
}
