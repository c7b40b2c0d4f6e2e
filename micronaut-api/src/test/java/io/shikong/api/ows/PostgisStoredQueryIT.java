package io.shikong.api.ows;

import io.shikong.core.store.PostgisTestDatabase;
import java.util.Map;

/** WFS stored query management end to end on PostGIS, in a schema of its own (kept across the restart). */
class PostgisStoredQueryIT extends StoredQueryContract {

    @Override
    Map<String, Object> storeProperties() throws Exception {
        return PostgisTestDatabase.serverProperties("stored_query_it");
    }
}
