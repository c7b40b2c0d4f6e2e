package io.shikong.core.store.jdbc;

import io.shikong.core.catalog.LayerCatalog;
import java.nio.file.Path;
import javax.sql.DataSource;

/** {@link Cql2ConformanceContract} on the embedded H2GIS store. */
class EmbeddedCql2ConformanceTest extends Cql2ConformanceContract {

    @Override
    DataSource freshDataSource() {
        return EmbeddedFeatureStore.dataSource(Path.of("target", "cql2-h2", "db-" + ProcessHandle.current().pid()
                + "-" + java.util.UUID.randomUUID()));
    }

    @Override
    JdbcFeatureStore createStore(DataSource dataSource, LayerCatalog catalog) {
        return new EmbeddedFeatureStore(dataSource, catalog, CRS);
    }
}
