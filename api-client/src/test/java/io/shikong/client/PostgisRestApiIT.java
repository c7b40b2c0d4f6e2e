package io.shikong.client;

import io.shikong.core.store.PostgisTestDatabase;
import java.util.Map;

/** The REST API on PostGIS (provisioned by make test), in a schema of its own, recreated per run. */
class PostgisRestApiIT extends RedLineAndSectorContract {

    @Override
    Map<String, Object> storeProperties() throws Exception {
        return PostgisTestDatabase.serverProperties("rest_it");
    }

    @Override
    String expectedStoreKind() {
        return "postgis";
    }
}
