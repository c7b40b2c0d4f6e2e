package io.shikong.core.store.jdbc;

import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.store.PostgisTestDatabase;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Loads by feature key into PostGIS (binary COPY into a staging table, one set-based merge), in a schema of its
 * own per test; the concurrent loads come from two stores, as from two processes.
 */
class PostgisMergeIT extends MergeContractTest {

    private final String schema = "merge_" + UUID.randomUUID().toString().replace("-", "");
    private String url;

    @Override
    protected JdbcFeatureStore createStore(LayerCatalog catalog) throws SQLException {
        url = PostgisTestDatabase.freshSchema(schema);
        return new PostgisFeatureStore(PostgisChangeEventsIT.pool(url), catalog, CRS);
    }

    @Override
    protected JdbcFeatureStore secondStore() {
        return new PostgisFeatureStore(PostgisChangeEventsIT.pool(url), catalog(), CRS);
    }

    @Override
    protected void dropDatabase() throws SQLException {
        PostgisChangeEventsIT.dropSchema(schema);
    }
}
