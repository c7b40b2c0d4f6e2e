package io.shikong.api.ogcapi;

import io.shikong.core.store.PostgisTestDatabase;
import java.util.Map;

/** OGC API - Features end to end on PostGIS (provisioned by make test), in a schema of its own. */
class PostgisOgcApiIT extends OgcApiContract {

    @Override
    Map<String, Object> storeProperties() throws Exception {
        return PostgisTestDatabase.serverProperties("oapif_it");
    }
}
