package io.shikong.tiles.mvt;

import static org.assertj.core.api.Assertions.assertThat;

import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.query.VectorTileQuery;
import io.shikong.core.store.FeatureStore;
import io.shikong.core.store.jdbc.EmbeddedFeatureStore;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Vector tiles of the embedded store: the Java encoder over {@code store.read}. */
class VectorTilesEmbeddedTest extends VectorTilesContract {

    @Override
    FeatureStore createStore(LayerCatalog catalog) {
        FeatureStore s = new EmbeddedFeatureStore(EmbeddedFeatureStore.inMemory("mvt-" + UUID.randomUUID()), catalog, CRS);
        s.initialize();
        return s;
    }

    @Test
    void theEmbeddedStoreHasNoEncoderOfItsOwn() {
        assertThat(store.vectorTile(new VectorTileQuery("pois", LOADER, new org.locationtech.jts.geom.Envelope(0, 1, 0, 1),
                CRS.resolve("EPSG:3857"), 4096, 64, 0, null, io.shikong.core.query.TimeSelection.CURRENT, List.of())))
                .isEmpty();
    }
}
