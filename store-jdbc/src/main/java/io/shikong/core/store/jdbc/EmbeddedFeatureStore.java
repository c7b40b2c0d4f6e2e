package io.shikong.core.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.crs.CrsService;
import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * The embedded default store: H2 with H2GIS in a single file, nothing to install. The same SQL store
 * as PostGIS, so both pass the same contract suite.
 */
public final class EmbeddedFeatureStore extends JdbcFeatureStore {

    public EmbeddedFeatureStore(DataSource dataSource, LayerCatalog catalog, CrsService crsService) {
        super(dataSource, catalog, crsService, new H2gisDialect());
    }

    /**
     * A pooled data source for an H2 database file.
     *
     * @param file the database file without the {@code .mv.db} suffix, e.g. {@code data/shikong}
     */
    public static DataSource dataSource(Path file) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + file.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;DATABASE_TO_LOWER=TRUE");
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(8);
        config.setPoolName("shikong-embedded");
        return new HikariDataSource(config);
    }

    /** A pooled data source for a private in-memory database (tests). */
    public static DataSource inMemory(String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE");
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }
}
