package io.shikong.ingest.store;

import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.store.FeatureStore;
import io.shikong.core.store.jdbc.EmbeddedFeatureStore;
import java.util.UUID;

/** Loads and exports through the embedded store (a private in-memory database per test). */
class EmbeddedIngestTest extends IngestStoreContractTest {

    @Override
    protected FeatureStore createStore(LayerCatalog catalog) {
        EmbeddedFeatureStore s = new EmbeddedFeatureStore(EmbeddedFeatureStore.inMemory("ingest" + UUID.randomUUID()),
                catalog, CRS);
        s.initialize();
        return s;
    }
}
