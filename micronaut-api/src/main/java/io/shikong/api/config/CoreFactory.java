package io.shikong.api.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Context;
import io.shikong.core.catalog.CatalogLoader;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.crs.CrsService;
import io.shikong.core.query.Query;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import io.shikong.core.store.jdbc.EmbeddedFeatureStore;
import io.shikong.core.store.jdbc.PostgisFeatureStore;
import io.shikong.samples.SampleCatalog;
import io.shikong.samples.SampleGenerator;
import io.shikong.samples.SampleLoader;
import io.shikong.samples.SampleSize;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the core: catalog, CRS service and the store the configuration names, and loads the sample
 * data into an empty store at first start; the services that enforce a limit of the configuration (lock
 * table, WMS pixel budget, sector services) get it through their constructors here. Invalid configuration
 * fails the start with a message naming the key.
 */
@Factory
public class CoreFactory {

    private static final Logger LOG = LoggerFactory.getLogger(CoreFactory.class);

    @Singleton
    public CrsService crsService() {
        return new CrsService();
    }

    @Singleton
    public LayerCatalog catalog(ShikongConfiguration config) {
        if (config.catalog() == null || config.catalog().isBlank()) {
            return SampleCatalog.load();
        }
        Path path = Path.of(config.catalog());
        if (!Files.isRegularFile(path)) {
            throw new io.shikong.core.catalog.CatalogConfigurationException("shikong.catalog",
                    "catalog file '" + path.toAbsolutePath() + "' does not exist");
        }
        return CatalogLoader.load(path);
    }

    /**
     * The deepest filter nesting of every interface ({@code shikong.query.max-filter-depth}), set at start for
     * the static filter parsers (ECQL, FES, SLD) of the process.
     */
    @Context
    public io.shikong.core.filter.FilterDepth filterDepth(ShikongConfiguration config) {
        return io.shikong.core.filter.FilterDepth.configure(config.query().maxFilterDepth());
    }

    /** The default style of every layer; a catalog style that cannot be read stops the start. */
    @Context
    public io.shikong.styles.sld.LayerStyles layerStyles(LayerCatalog catalog) {
        return new io.shikong.styles.sld.LayerStyles(catalog);
    }

    /**
     * The WFS lock table, one for the process (WFS services are made per request), with the limits of
     * {@code shikong.wfs}. Locks live in this process's memory: see {@link io.shikong.ows.wfs.lock.LockManager}
     * for what several nodes would need.
     */
    @Singleton
    public io.shikong.ows.wfs.lock.LockManager wfsLocks(ShikongConfiguration config) {
        return new io.shikong.ows.wfs.lock.LockManager(java.time.Clock.systemUTC(), config.wfs().maxLocks(),
                config.wfs().maxLockedFeatures());
    }

    /**
     * The pixels the WMS maps being drawn at once share ({@code shikong.wms.pixel-budget}) and how many are
     * drawn at once ({@code shikong.wms.max-concurrent-maps}), one budget for the process (WMS services are made
     * per request).
     */
    @Singleton
    public io.shikong.ows.wms.PixelBudget wmsPixelBudget(ShikongConfiguration config) {
        return new io.shikong.ows.wms.PixelBudget(config.wms().pixelBudget(), config.wms().concurrentMaps(),
                io.shikong.ows.wms.PixelBudget.WAIT);
    }

    /**
     * The one entry of the OGC services ({@code /ows}, {@code /wfs}, {@code /wms}, {@code /wmts}), given once
     * what WFS, WMS and WMTS need: the WFS settings and lock table, the stored queries, the layers' styles, the
     * WMS pixel budget and the largest map ({@code shikong.wfs}, {@code shikong.wms}), the tile service
     * ({@link io.shikong.api.tiles.TilesFactory}).
     */
    @Singleton
    public io.shikong.ows.OwsDispatcher owsDispatcher(LayerCatalog catalog, FeatureStore store, CrsService crsService,
                                                      ShikongConfiguration config,
                                                      io.shikong.styles.sld.LayerStyles layerStyles,
                                                      io.shikong.ows.wfs.lock.LockManager wfsLocks,
                                                      io.shikong.core.storedquery.StoredQueryRepository storedQueries,
                                                      io.shikong.ows.wms.PixelBudget wmsPixels,
                                                      io.shikong.tiles.TileService tiles) {
        return new io.shikong.ows.OwsDispatcher(catalog, store, crsService,
                new io.shikong.ows.wfs.WfsSettings(config.wfs().countDefault(), config.wfs().maxCount(),
                        config.wfs().maxQueries(), config.wfs().maxActions()), wfsLocks,
                storedQueries, layerStyles, wmsPixels, config.wms().limits(), tiles);
    }

    /**
     * The WFS stored queries clients create (CreateStoredQuery), kept in a table of the store's own
     * database ({@code wfs_stored_queries}, PostGIS or the embedded file), so they survive restarts and
     * are shared by every node on the same PostGIS.
     */
    @Singleton
    public io.shikong.core.storedquery.StoredQueryRepository storedQueries(FeatureStore store) {
        if (store instanceof io.shikong.core.store.jdbc.JdbcFeatureStore jdbc) {
            return new io.shikong.core.storedquery.JdbcStoredQueryRepository(jdbc);
        }
        throw new IllegalStateException("stored queries need a JDBC store, not " + store.kind());
    }

    /**
     * The red-line checks, kept in a table of the store's own database ({@code redline_checks}, PostGIS
     * or the embedded file) beside the layers, so that a check is served again the same later; those of
     * anonymous callers at most {@code shikong.red-line.max-stored-checks}, the oldest deleted first.
     */
    @Singleton
    public io.shikong.core.redline.CheckRepository redLineChecks(FeatureStore store, ShikongConfiguration config,
                                                                 io.shikong.api.security.CallerBinder callers) {
        if (store instanceof io.shikong.core.store.jdbc.JdbcFeatureStore jdbc) {
            return new io.shikong.api.server.CheckRetention(
                    new io.shikong.core.redline.CheckStore(jdbc, config.redLine().maxStoredChecks()), callers);
        }
        throw new IllegalStateException("red-line checks need a JDBC store, not " + store.kind());
    }

    /** Pipelines near or under a geometry, by the catalog's {@code sector.pipelines}. */
    @Singleton
    public io.shikong.core.sector.PipelineService pipelineService(LayerCatalog catalog, FeatureStore store, CrsService crs,
                                                        ShikongConfiguration config) {
        return new io.shikong.core.sector.PipelineService(catalog, store, crs, config.sector().limits());
    }

    /** Street-view captures nearest and along a route, by the catalog's {@code sector.streetView}. */
    @Singleton
    public io.shikong.core.sector.StreetViewService streetViewService(LayerCatalog catalog, FeatureStore store, CrsService crs,
                                                        ShikongConfiguration config) {
        return new io.shikong.core.sector.StreetViewService(catalog, store, crs, config.sector().limits());
    }

    /** Inspection sites, those due and their history, by the catalog's {@code sector.inspection}. */
    @Singleton
    public io.shikong.core.sector.InspectionService inspectionService(LayerCatalog catalog, FeatureStore store, CrsService crs,
                                                        ShikongConfiguration config) {
        return new io.shikong.core.sector.InspectionService(catalog, store, crs, config.sector().limits());
    }

    /** Building totals by use, by the catalog's {@code sector.buildings}. */
    @Singleton
    public io.shikong.core.sector.BuildingService buildingService(LayerCatalog catalog, FeatureStore store, CrsService crs) {
        return new io.shikong.core.sector.BuildingService(catalog, store, crs);
    }

    @Context
    @Bean(preDestroy = "close")
    public FeatureStore featureStore(ShikongConfiguration config, LayerCatalog catalog, CrsService crsService) {
        ShikongConfiguration.Store s = config.store();
        String kind = s.kind();
        FeatureStore store;
        switch (kind) {
            case "embedded" -> {
                Path file = Path.of(s.file());
                try {
                    if (file.toAbsolutePath().getParent() != null) {
                        Files.createDirectories(file.toAbsolutePath().getParent());
                    }
                } catch (java.io.IOException e) {
                    throw new io.shikong.core.catalog.CatalogConfigurationException("shikong.store.file",
                            "cannot create the directory of " + file + ": " + e.getMessage(), e);
                }
                store = new EmbeddedFeatureStore(EmbeddedFeatureStore.dataSource(file), catalog, crsService);
            }
            case "postgis" -> {
                HikariConfig hc = new HikariConfig();
                hc.setJdbcUrl(s.url());
                hc.setUsername(s.user());
                hc.setPassword(s.password());
                hc.setMaximumPoolSize(s.poolSize());
                // connections open on demand up to the pool size and idle ones close again, so an idle
                // node (or a test server) does not hold the whole pool on the database
                hc.setMinimumIdle(Math.min(2, s.poolSize()));
                hc.setPoolName("shikong-postgis");
                // a request that gets no connection soon answers 503 (the store restarting, every connection
                // busy) instead of waiting Hikari's default 30 s: shikong.server.connection-wait
                hc.setConnectionTimeout(config.server().connectionWait().toMillis());
                // A bbox's selectivity varies from a few rows to the whole city: plan each query with its
                // own values, never with a generic plan cached after five executions. A map's read has no
                // ORDER BY (Query.drawing: features in the table's order); synchronize_seqscans=off makes a
                // sequential scan start at the table's first block, so that two reads of the same map draw
                // overlapping features in the same order.
                hc.addDataSourceProperty("options", "-c plan_cache_mode=force_custom_plan -c synchronize_seqscans=off");
                store = new PostgisFeatureStore(new HikariDataSource(hc), catalog, crsService);
            }
            // ShikongConfiguration.Store refused any other kind, naming shikong.store.kind
            default -> throw new IllegalStateException("store kind " + kind);
        }
        if (store instanceof io.shikong.core.store.jdbc.JdbcFeatureStore jdbc) {
            // every read of every interface: the statement timeout and the vertices of a filter geometry
            jdbc.limits(new io.shikong.core.store.jdbc.StoreLimits(s.statementTimeout(), config.query().maxVertices()));
        }
        store.initialize();
        if (config.samples().loadInto(kind)) {
            loadSamplesIfEmpty(store, catalog, config.samples().seed());
        }
        return store;
    }

    private static void loadSamplesIfEmpty(FeatureStore store, LayerCatalog catalog, long seed) {
        Caller admin = Caller.of("samples", Caller.ADMIN);
        boolean empty = catalog.all().stream().filter(l -> !l.published())
                .allMatch(l -> store.count(Query.of(l.name(), admin).time(io.shikong.core.query.TimeSelection.ALL).limit(1).build()) == 0);
        if (!empty) {
            return;
        }
        LOG.info("empty {} store: loading the sample city (seed {})", store.kind(), seed);
        // a catalog may hold only some of the sample layers (or others besides): load those it has
        var names = catalog.all().stream().filter(l -> !l.published()).map(l -> l.name()).collect(java.util.stream.Collectors.toSet());
        var loaded = SampleLoader.load(store, new SampleGenerator(seed, SampleSize.SMALL), admin, names::contains);
        LOG.info("sample data loaded: {}", loaded);
    }
}
