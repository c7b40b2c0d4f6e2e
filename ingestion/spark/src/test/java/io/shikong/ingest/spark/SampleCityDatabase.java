package io.shikong.ingest.spark;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shikong.core.crs.CrsService;
import io.shikong.core.security.Caller;
import io.shikong.core.store.PostgisTestDatabase;
import io.shikong.core.store.jdbc.PostgisFeatureStore;
import io.shikong.samples.SampleCatalog;
import io.shikong.samples.SampleGenerator;
import io.shikong.samples.SampleLoader;
import io.shikong.samples.SampleSize;
import io.shikong.samples.SamplesCli;

/** A fresh PostGIS schema with the sample catalog's tables, optionally the sample city loaded. */
final class SampleCityDatabase {

    private SampleCityDatabase() {
    }

    /**
     * Creates schema {@code schema} with the layer tables and the change log (the store's own DDL), loads
     * {@code size} of the sample city when not null, and returns a JDBC URL in the schema.
     */
    static String create(String schema, SampleSize size) throws Exception {
        String url = PostgisTestDatabase.freshSchema(schema);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(PostgisTestDatabase.USER);
        config.setPassword(PostgisTestDatabase.PASSWORD);
        config.setMaximumPoolSize(2);
        try (HikariDataSource ds = new HikariDataSource(config);
             PostgisFeatureStore store = new PostgisFeatureStore(ds, SampleCatalog.load(), new CrsService())) {
            store.initialize();
            if (size != null) {
                SampleLoader.load(store, new SampleGenerator(SamplesCli.DEFAULT_SEED, size), Caller.of("tests", Caller.ADMIN));
            }
        }
        return url;
    }

    static JdbcTarget target(String url) {
        return new JdbcTarget(url, PostgisTestDatabase.USER, PostgisTestDatabase.PASSWORD);
    }
}
