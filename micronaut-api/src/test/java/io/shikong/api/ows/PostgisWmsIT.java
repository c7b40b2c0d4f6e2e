package io.shikong.api.ows;

import io.shikong.core.store.PostgisTestDatabase;
import java.util.Map;

/** WMS end to end on PostGIS (provisioned by make test), in a schema of its own. */
class PostgisWmsIT extends WmsContract {

    @Override
    Map<String, Object> storeProperties() throws Exception {
        return PostgisTestDatabase.serverProperties("wms_it");
    }
}
