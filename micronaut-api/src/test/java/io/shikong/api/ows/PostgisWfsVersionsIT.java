package io.shikong.api.ows;

import io.shikong.core.store.PostgisTestDatabase;
import java.util.Map;

/** WFS feature versions on PostGIS, in a schema of its own. */
class PostgisWfsVersionsIT extends WfsVersionsContract {

    @Override
    Map<String, Object> storeProperties() throws Exception {
        return PostgisTestDatabase.serverProperties("wfs_versions_it");
    }
}
