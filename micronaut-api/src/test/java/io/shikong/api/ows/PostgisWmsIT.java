package io.shikong.api.ows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

/** WMS end to end on PostGIS (provisioned by make test), in a schema of its own. */
class PostgisWmsIT extends WmsContract {

    @Override
    Map<String, Object> storeProperties() throws Exception {
        String url = System.getProperty("shikong.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/shikong");
        String user = System.getProperty("shikong.test.pg.user", "shikong");
        String password = System.getProperty("shikong.test.pg.password", "shikong");
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS wms_it CASCADE");
            st.execute("CREATE SCHEMA wms_it");
        }
        return Map.of("shikong.store.kind", "postgis", "shikong.store.url",
                url + (url.contains("?") ? "&" : "?") + "currentSchema=wms_it,public",
                "shikong.store.user", user, "shikong.store.password", password);
    }
}
