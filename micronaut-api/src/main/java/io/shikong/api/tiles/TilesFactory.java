package io.shikong.api.tiles;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.shikong.api.config.ShikongConfiguration;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.crs.CrsService;
import io.shikong.core.store.FeatureStore;
import io.shikong.styles.sld.LayerStyles;
import io.shikong.tiles.TileService;
import io.shikong.tiles.TileSettings;
import io.shikong.tiles.cache.TileCache;
import io.shikong.tiles.grid.TileMatrixSets;
import io.shikong.tiles.grid.TileProjection;
import io.shikong.tiles.mvt.MvtSettings;
import io.shikong.tiles.mvt.VectorTiles;
import io.shikong.tiles.seed.SeedJobs;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Wires the tile service from {@code shikong.tiles}: the matrix sets, the vector tile encoder, the disk
 * cache (when {@code cache-dir} is set; it subscribes to the store's change events and catches up with
 * the changes made while the service was down, so it is made at start), the {@link TileService} facade and
 * the seeding jobs kept beside the cache.
 */
@Factory
public class TilesFactory {

    /** The seeding jobs live in this directory of the cache. */
    public static final String JOBS = "jobs";

    @Singleton
    public TileMatrixSets tileMatrixSets(CrsService crs) {
        return new TileMatrixSets(crs);
    }

    @Singleton
    public TileProjection tileProjection(CrsService crs) {
        return new TileProjection(crs);
    }

    /** The MVT settings: the defaults of the tile service with the configured extent and buffer. */
    @Singleton
    public MvtSettings mvtSettings(ShikongConfiguration config) {
        MvtSettings d = MvtSettings.defaults();
        return new MvtSettings(config.tiles().mvtExtent(), config.tiles().mvtBuffer(), d.simplifyFrom(), d.limitFrom(),
                d.attributes());
    }

    @Singleton
    public VectorTiles vectorTiles(FeatureStore store, CrsService crs, TileMatrixSets sets, TileProjection projection,
                                   MvtSettings mvt) {
        return new VectorTiles(store, crs, sets, projection, mvt);
    }

    /**
     * The tiles, with the cache when {@code shikong.tiles.cache-dir} names one. Made at start so that the
     * cache hears every change event from the first write on (and catches up with those it missed).
     */
    @Context
    @Bean(preDestroy = "close")
    public TileService tileService(FeatureStore store, LayerCatalog catalog, CrsService crs, TileMatrixSets sets,
                                   LayerStyles styles, VectorTiles mvt, TileProjection projection, MvtSettings mvtSettings,
                                   ShikongConfiguration config) {
        ShikongConfiguration.Tiles t = config.tiles();
        Path dir = t.cachePath().orElse(null);
        TileSettings settings = new TileSettings(dir, t.metatile(), t.gutter(), t.maxLayers(), mvtSettings);
        TileCache cache = dir == null ? null : new TileCache(dir, store, sets, projection, settings);
        return new TileService(store, catalog, crs, sets, styles, mvt, cache, settings);
    }

    /**
     * The seeding and truncating jobs, under {@code <cache-dir>/jobs}; only with a cache. Started (queued
     * and running jobs resumed) with the service, stopped with it.
     */
    @Context
    @Requires(property = "shikong.tiles.cache-dir", pattern = ".*\\S.*")
    @Bean(preDestroy = "close")
    public SeedJobs seedJobs(TileService tiles, FeatureStore store, LayerCatalog catalog, CrsService crs,
                             TileMatrixSets sets) {
        TileCache cache = tiles.cache().orElseThrow();
        SeedJobs jobs = new SeedJobs(cache.root().resolve(JOBS), catalog, store, crs, sets, new SeedJobs.Worker() {
            @Override
            public void seed(io.shikong.tiles.TileRequest request) {
                tiles.seed(request);
            }

            @Override
            public void truncate(String layer, io.shikong.tiles.grid.TileMatrixSet set, int zoom,
                                 org.locationtech.jts.geom.Envelope storageArea) {
                cache.truncate(layer, set, zoom, zoom, storageArea);
            }
        }, Clock.systemUTC());
        jobs.start();
        return jobs;
    }
}
