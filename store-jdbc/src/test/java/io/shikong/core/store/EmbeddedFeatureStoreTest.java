package io.shikong.core.store;

import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.store.jdbc.EmbeddedFeatureStore;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** The store contract on the embedded H2GIS store (a private in-memory database per test). */
class EmbeddedFeatureStoreTest extends FeatureStoreContractTest {

    private static final AtomicInteger DB = new AtomicInteger();

    @Override
    protected DataSource freshDataSource() throws java.sql.SQLException {
        DataSource ds = EmbeddedFeatureStore.dataSource(java.nio.file.Path.of("target", "contract-h2", "db" + DB.incrementAndGet()
                + "-" + ProcessHandle.current().pid()));
        // the published table's DDL uses H2GIS functions: load them before the fixture SQL runs
        try (var c = ds.getConnection()) {
            new io.shikong.core.store.jdbc.H2gisDialect().initialize(c);
        }
        return ds;
    }

    @Override
    protected FeatureStore createStore(DataSource dataSource, LayerCatalog catalog) {
        return new EmbeddedFeatureStore(dataSource, catalog, CRS);
    }
}
