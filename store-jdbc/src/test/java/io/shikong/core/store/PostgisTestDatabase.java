package io.shikong.core.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The PostGIS that {@code make test} provisions, for every test that needs one: each test class works
 * in a schema of its own, dropped and created afresh, so runs never see each other's rows. Shared by
 * the modules' *IT classes through spatial-core's test jar.
 */
public final class PostgisTestDatabase {

    public static final String URL = System.getProperty("shikong.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/shikong");
    public static final String USER = System.getProperty("shikong.test.pg.user", "shikong");
    public static final String PASSWORD = System.getProperty("shikong.test.pg.password", "shikong");

    private PostgisTestDatabase() {
    }

    /** Drops and creates {@code schema}; returns a JDBC URL that works in it (PostGIS from public). */
    public static String freshSchema(String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            st.execute("CREATE SCHEMA " + schema);
        }
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema + ",public";
    }

    /** Server properties for a Shikong on a fresh {@code schema} of this PostGIS. */
    public static Map<String, Object> serverProperties(String schema) throws SQLException {
        return Map.of("shikong.store.kind", "postgis", "shikong.store.url", freshSchema(schema),
                "shikong.store.user", USER, "shikong.store.password", PASSWORD);
    }
}
