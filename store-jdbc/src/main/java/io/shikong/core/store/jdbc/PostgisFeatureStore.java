package io.shikong.core.store.jdbc;

import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.crs.CrsService;
import javax.sql.DataSource;

/** The production store: PostGIS, with GiST indexes, geography distances and COPY bulk loads. */
public final class PostgisFeatureStore extends JdbcFeatureStore {

    public PostgisFeatureStore(DataSource dataSource, LayerCatalog catalog, CrsService crsService) {
        super(dataSource, catalog, crsService, new PostgisDialect());
    }
}
