package io.shikong.core.store.jdbc;

import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.crs.CrsService;
import javax.sql.DataSource;

/** The production store: PostGIS, with GiST indexes, geography distances and COPY bulk loads. */
public final class PostgisFeatureStore extends JdbcFeatureStore {

    private final PostgisVectorTiles vectorTiles;

    public PostgisFeatureStore(DataSource dataSource, LayerCatalog catalog, CrsService crsService) {
        super(dataSource, catalog, crsService, new PostgisDialect());
        this.vectorTiles = new PostgisVectorTiles(this);
    }

    /** One layer of a vector tile from one {@code ST_AsMVT} statement ({@link PostgisVectorTiles}). */
    @Override
    public java.util.Optional<byte[]> vectorTile(io.shikong.core.query.VectorTileQuery query) {
        return java.util.Optional.of(vectorTiles.encode(query));
    }

    /** A vector tile of several layers from one {@code ST_AsMVT} statement ({@link PostgisVectorTiles}). */
    @Override
    public java.util.Optional<byte[]> vectorTileLayers(java.util.List<io.shikong.core.query.VectorTileQuery> layers) {
        return java.util.Optional.of(vectorTiles.encode(layers));
    }
}
