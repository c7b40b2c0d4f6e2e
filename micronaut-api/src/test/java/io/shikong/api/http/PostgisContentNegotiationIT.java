package io.shikong.api.http;

import io.shikong.core.store.PostgisTestDatabase;
import java.util.Map;

/** Content negotiation on PostGIS (provisioned by make test), in a schema of its own. */
class PostgisContentNegotiationIT extends ContentNegotiationContract {

    @Override
    Map<String, Object> storeProperties() throws Exception {
        return PostgisTestDatabase.serverProperties("conneg_it");
    }
}
