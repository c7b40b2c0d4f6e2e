package io.shikong.api.ingest;

import io.shikong.core.store.PostgisTestDatabase;
import java.util.Map;

/** Loads and exports over REST on PostGIS (binary COPY and the set-based merge), in a schema of its own. */
class PostgisIngestRestIT extends IngestRestContract {

    @Override
    Map<String, Object> storeProperties() throws Exception {
        return PostgisTestDatabase.serverProperties("ingest_rest_it");
    }
}
