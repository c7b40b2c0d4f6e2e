package io.shikong.core.store.jdbc;

import io.shikong.core.catalog.LayerCatalog;
import java.util.UUID;

/** Loads by feature key into the embedded store (a private in-memory database per test). */
class EmbeddedMergeTest extends MergeContractTest {

    @Override
    protected JdbcFeatureStore createStore(LayerCatalog catalog) {
        return new EmbeddedFeatureStore(EmbeddedFeatureStore.inMemory("merge" + UUID.randomUUID()), catalog, CRS);
    }

    /** One process holds the embedded database: the second load comes through the same store. */
    @Override
    protected JdbcFeatureStore secondStore() {
        return store;
    }
}
