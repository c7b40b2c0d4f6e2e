package io.shikong.api.tiles;

import io.shikong.core.store.PostgisTestDatabase;
import java.util.Map;

/** Tiles end to end on PostGIS (vector tiles by ST_AsMVT), in a schema of its own. */
class PostgisTilesIT extends TilesContract {

    private Map<String, Object> properties;

    @Override
    Map<String, Object> storeProperties() throws Exception {
        properties = PostgisTestDatabase.serverProperties("tiles_it");
        return properties;
    }

    @Override
    Map<String, Object> secondServerProperties() {
        return properties; // a second node on the same database
    }
}
