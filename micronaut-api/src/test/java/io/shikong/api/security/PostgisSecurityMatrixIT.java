package io.shikong.api.security;

import io.shikong.core.store.PostgisTestDatabase;
import java.util.Map;

class PostgisSecurityMatrixIT extends SecurityMatrixContract {

    @Override
    Map<String, Object> storeProperties() throws Exception {
        return PostgisTestDatabase.serverProperties("security_it");
    }
}
