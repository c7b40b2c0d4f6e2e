package io.shikong.core.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.shikong.core.catalog.LayerCatalog;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** {@link StoreLimitsContract} on the embedded H2GIS store, where query literals are prepared by the store. */
class EmbeddedStoreLimitsTest extends StoreLimitsContract {

    private static final AtomicInteger DB = new AtomicInteger();

    @Override
    DataSource freshDataSource() {
        return EmbeddedFeatureStore.dataSource(Path.of("target", "limits-h2", "db" + DB.incrementAndGet() + "-"
                + ProcessHandle.current().pid()));
    }

    @Override
    JdbcFeatureStore createStore(DataSource dataSource, LayerCatalog catalog) {
        return new EmbeddedFeatureStore(dataSource, catalog, CRS);
    }

    @Override
    void afterQueries() {
        // nothing pinned once the count and the read are done; the last few kept for a following query
        assertThat(PreparedLiterals.held()).isBetween(1, 8);
    }

    @Test
    void spatialFiltersTestRowsAgainstThePreparedLiteral() {
        String sql = store.where(store.catalog().all().iterator().next(), intersecting(circle(10))).text();
        assertThat(sql).contains(PreparedLiterals.FUNCTION + "(").doesNotContain("ST_Intersects");
    }
}
