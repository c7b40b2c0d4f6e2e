package io.shikong.core.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.store.PostgisTestDatabase;
import javax.sql.DataSource;

/** {@link Cql2ConformanceContract} on PostGIS. */
class PostgisCql2ConformanceIT extends Cql2ConformanceContract {

    @Override
    DataSource freshDataSource() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(PostgisTestDatabase.freshSchema("cql2_conformance_test"));
        config.setUsername(PostgisTestDatabase.USER);
        config.setPassword(PostgisTestDatabase.PASSWORD);
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }

    @Override
    JdbcFeatureStore createStore(DataSource dataSource, LayerCatalog catalog) {
        return new PostgisFeatureStore(dataSource, catalog, CRS);
    }
}
