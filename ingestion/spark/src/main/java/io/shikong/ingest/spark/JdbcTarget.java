package io.shikong.ingest.spark;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Where a job's PostGIS is: JDBC URL, user and password, from the job's arguments ({@code --jdbc-url},
 * {@code --user}, {@code --password}; the password may also come from {@code PGPASSWORD}). Serializable: the
 * executors open their own connections for the per-partition COPY.
 *
 * @param url      JDBC URL ({@code jdbc:postgresql://host:5432/db}, optionally {@code ?currentSchema=s,public})
 * @param user     user
 * @param password password
 */
public record JdbcTarget(String url, String user, String password) implements Serializable {

    /** From {@code --jdbc-url}, {@code --user} and {@code --password} (or {@code PGPASSWORD}). */
    public static JdbcTarget of(JobArguments args) {
        String url = args.required("jdbc-url");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--jdbc-url 必须是 PostgreSQL 地址 must be a jdbc:postgresql: URL: " + url);
        }
        String password = args.get("password", System.getenv("PGPASSWORD"));
        return new JdbcTarget(url, args.required("user"), password == null ? "" : password);
    }

    /** A new connection (the caller closes it). */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** Properties for Spark's JDBC reader. */
    public Properties properties() {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("driver", "org.postgresql.Driver");
        return p;
    }

    @Override
    public String toString() {
        return "JdbcTarget[" + url + ", user=" + user + "]";
    }
}
