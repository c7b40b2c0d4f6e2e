package io.shikong.core.store.jdbc;

import io.shikong.core.catalog.LayerCatalog;
import java.util.UUID;

/** Change events and the change log of the embedded store (a private in-memory database per test). */
class EmbeddedChangeEventsTest extends ChangeEventsContractTest {

    @Override
    protected JdbcFeatureStore createStore(LayerCatalog catalog) {
        return new EmbeddedFeatureStore(EmbeddedFeatureStore.inMemory("changes" + UUID.randomUUID()), catalog, CRS);
    }
}
