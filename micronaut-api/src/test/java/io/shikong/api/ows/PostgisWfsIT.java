package io.shikong.api.ows;

import io.shikong.core.store.PostgisTestDatabase;
import java.util.Map;

/** WFS end to end on PostGIS (provisioned by make test), in a schema of its own. */
class PostgisWfsIT extends WfsContract {

    @Override
    Map<String, Object> storeProperties() throws Exception {
        return PostgisTestDatabase.serverProperties("wfs_it");
    }
}
