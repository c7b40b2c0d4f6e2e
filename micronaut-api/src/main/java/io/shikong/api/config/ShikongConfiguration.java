package io.shikong.api.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.shikong.core.catalog.CatalogConfigurationException;
import io.shikong.core.redline.RedLineLimits;
import io.shikong.core.sector.SectorLimits;
import java.util.Locale;

/**
 * The service configuration, {@code shikong.*}: one immutable tree, bound once at start. Every default is
 * written once, in {@code application.yml} (beside the environment variable that overrides it, as
 * {@code ${SHIKONG_WMS_MAX_SIZE:4096}}), and listed in the README; nothing here has a default of its own.
 * Each record checks its values when it is bound: a bad value stops the start with a message naming its
 * key ({@code shikong.wms.max-size: must be at least 1, was 0}).
 *
 * <p>The limits reach the code that enforces them through constructors (the beans of
 * {@link CoreFactory}, the controllers): the libraries below take plain values and records
 * ({@link SectorLimits}, {@link RedLineLimits}, {@code WfsSettings}, {@code PixelBudget}), never this.
 *
 * @param catalog path of the layer catalog YAML; empty = the sample catalog
 * @param users   users for HTTP Basic authentication: {@code name:password:role+role,...}; empty = none
 */
@ConfigurationProperties("shikong")
public record ShikongConfiguration(
        @Nullable String catalog,
        @Nullable String users,
        Service service,
        Store store,
        Samples samples,
        Rest rest,
        Queries query,
        Wfs wfs,
        Wms wms,
        Sector sector,
        RedLine redLine,
        Tiles tiles,
        Ingest ingest,
        Server server) {

    /**
     * What the service says about itself.
     *
     * @param publicUrl base URL clients reach the service at (behind a proxy); empty = from each request
     */
    @ConfigurationProperties("service")
    public record Service(@Nullable String publicUrl) {
    }

    /**
     * @param kind     {@code embedded} (an H2GIS file) or {@code postgis}
     * @param file     embedded database file, without the {@code .mv.db} suffix
     * @param url      PostGIS JDBC URL
     * @param user     PostGIS user
     * @param password PostGIS password
     * @param poolSize PostGIS connection pool size
     * @param statementTimeout how long one read of the store may run (PostGIS {@code statement_timeout}, H2's
     *                 query timeout); a read cancelled by it is answered 400 naming this key
     */
    @ConfigurationProperties("store")
    public record Store(String kind, String file, String url, String user, String password, int poolSize,
                        java.time.Duration statementTimeout) {
        public Store {
            if (statementTimeout == null || statementTimeout.toMillis() < 1) {
                throw bad("store.statement-timeout", "must be at least 1 ms, was " + statementTimeout);
            }
            kind = kind == null ? "" : kind.trim().toLowerCase(Locale.ROOT);
            if (!kind.equals("embedded") && !kind.equals("postgis")) {
                throw bad("store.kind", "must be 'embedded' or 'postgis', not '" + kind + "'");
            }
            if (kind.equals("embedded") && (file == null || file.isBlank())) {
                throw bad("store.file", "the embedded store needs a file");
            }
            atLeast("store.pool-size", poolSize, 1);
        }
    }

    /**
     * The generated sample city.
     *
     * @param load {@code auto} (into an empty embedded store only: a production PostGIS never gets the
     *             synthetic city by default), {@code true} (into any empty store) or {@code false}
     * @param seed seed of the sample generator
     */
    @ConfigurationProperties("samples")
    public record Samples(String load, long seed) {
        public Samples {
            load = load == null ? "" : load.trim().toLowerCase(Locale.ROOT);
            if (!load.equals("auto") && !load.equals("true") && !load.equals("false")) {
                throw bad("samples.load", "must be 'auto', 'true' or 'false', not '" + load + "'");
            }
        }

        /** Whether to load the samples into an empty store of this kind. */
        public boolean loadInto(String storeKind) {
            return load.equals("auto") ? storeKind.equals("embedded") : load.equals("true");
        }
    }

    /**
     * Pages of the REST API.
     *
     * @param defaultLimit page size when the client names none (may be over the largest a client may ask for)
     * @param maxLimit     largest page a client may ask for
     */
    @ConfigurationProperties("rest")
    public record Rest(int defaultLimit, int maxLimit) {
        public Rest {
            atLeast("rest.max-limit", maxLimit, 1);
            atLeast("rest.default-limit", defaultLimit, 1);
        }
    }

    /**
     * The geometries and distances of REST queries (spatial and sector queries, red-line footprints are
     * read by the same reader).
     *
     * @param maxVertices query geometries with more vertices are refused: a query, not an upload
     * @param maxDistance the largest distance of a spatial query ({@code dwithin}, {@code nearest}), metres
     * @param maxFilterDepth the deepest nesting of a filter in any interface (ECQL parentheses and operators, FES
     *                    and SLD filter elements), {@link io.shikong.core.filter.FilterDepth}
     */
    @ConfigurationProperties("query")
    public record Queries(int maxVertices, double maxDistance, int maxFilterDepth) {
        public Queries {
            atLeast("query.max-vertices", maxVertices, 1);
            positive("query.max-distance", maxDistance);
            atLeast("query.max-filter-depth", maxFilterDepth, 1);
        }
    }

    /**
     * @param countDefault      WFS features per response when the client names no COUNT (advertised as
     *                          CountDefault; may be over {@code maxCount}, which bounds what clients ask for)
     * @param maxCount          the largest COUNT a client may ask for (responses stream in flat memory)
     * @param maxLocks          the most WFS locks held at once (the lock table lives in this process's memory)
     * @param maxLockedFeatures the most features all WFS locks hold together
     * @param maxQueries        the most queries one GetFeature holds (each a count and a read)
     * @param maxActions        the most actions one Transaction holds (each filter resolved by a read)
     */
    @ConfigurationProperties("wfs")
    public record Wfs(int countDefault, int maxCount, int maxLocks, int maxLockedFeatures, int maxQueries,
                      int maxActions) {
        public Wfs {
            atLeast("wfs.max-queries", maxQueries, 1);
            atLeast("wfs.max-actions", maxActions, 1);
            atLeast("wfs.max-count", maxCount, 1);
            atLeast("wfs.count-default", countDefault, 1);
            atLeast("wfs.max-locks", maxLocks, 1);
            atLeast("wfs.max-locked-features", maxLockedFeatures, 1);
        }
    }

    /**
     * @param maxSize     WMS maps may have at most this squared pixels (WIDTH×HEIGHT)
     * @param pixelBudget the pixels all maps being drawn at once may hold together (4 bytes each); a map
     *                    waits for its share. At least {@code maxSize²}, or the largest map could never be drawn
     * @param maxLayers        the most layers one map names
     * @param maxSymbolSize    the largest symbol after DPI scaling, pixels (stroke width, graphic and font size)
     * @param renderTimeout    how long drawing one map may take, its reads included
     * @param maxLikeWildcards the most wildcards of one PropertyIsLike in an SLD_BODY
     * @param maxConcurrentMaps how many maps are drawn at once (the others wait their turn, up to 60 s); 0 = twice
     *                          the processors the JVM sees
     */
    @ConfigurationProperties("wms")
    public record Wms(int maxSize, long pixelBudget, int maxLayers, int maxSymbolSize, java.time.Duration renderTimeout,
                      int maxLikeWildcards, int maxConcurrentMaps) {
        public Wms {
            atLeast("wms.max-concurrent-maps", maxConcurrentMaps, 0);
            atLeast("wms.max-layers", maxLayers, 1);
            atLeast("wms.max-symbol-size", maxSymbolSize, 1);
            atLeast("wms.max-like-wildcards", maxLikeWildcards, 1);
            if (renderTimeout == null || renderTimeout.toMillis() < 1) {
                throw bad("wms.render-timeout", "must be at least 1 ms, was " + renderTimeout);
            }
            atLeast("wms.max-size", maxSize, 1);
            if (pixelBudget < (long) maxSize * maxSize) {
                throw bad("wms.pixel-budget", "must hold at least one map of shikong.wms.max-size² ("
                        + (long) maxSize * maxSize + " pixels), was " + pixelBudget);
            }
        }

        /** How many maps are drawn at once: {@code max-concurrent-maps}, or twice the processors when 0. */
        public int concurrentMaps() {
            return maxConcurrentMaps > 0 ? maxConcurrentMaps : 2 * Runtime.getRuntime().availableProcessors();
        }

        /** The most pixels one map may have. */
        public long maxPixels() {
            return (long) maxSize * maxSize;
        }

        /** What one map may ask for, for the WMS. */
        public io.shikong.ows.wms.WmsLimits limits() {
            return new io.shikong.ows.wms.WmsLimits(maxPixels(), maxLayers, maxSymbolSize, renderTimeout, maxLikeWildcards);
        }
    }

    /**
     * The sector queries ({@code /api/v1/sector}).
     *
     * @param maxResults            the most features one answer holds; a question matching more is refused
     * @param pipelinesMaxDistance  the largest distance of pipelines near a geometry, metres
     * @param streetViewMaxDistance the largest search radius of the nearest street-view capture, metres
     * @param alongMaxDistance      the largest distance off a route of the street-view captures along it, metres
     */
    @ConfigurationProperties("sector")
    public record Sector(int maxResults, double pipelinesMaxDistance, double streetViewMaxDistance,
                         double alongMaxDistance) {
        public Sector {
            atLeast("sector.max-results", maxResults, 1);
            positive("sector.pipelines-max-distance", pipelinesMaxDistance);
            positive("sector.street-view-max-distance", streetViewMaxDistance);
            positive("sector.along-max-distance", alongMaxDistance);
        }

        /** The limits for the sector services. */
        public SectorLimits limits() {
            return new SectorLimits(maxResults, pipelinesMaxDistance, streetViewMaxDistance, alongMaxDistance);
        }
    }

    /**
     * The red-line checks ({@code /api/v1/redline}).
     *
     * @param maxFootprints   the most footprints one check takes
     * @param maxVertices     footprints with more vertices are refused
     * @param maxAreaKm2      footprints covering more square kilometres are refused (they are not projects)
     * @param maxBufferMeters the largest buffer around the footprints, metres
     * @param maxStoredChecks the most checks of anonymous callers kept (the oldest deleted first); checks of
     *                        signed-in callers are all kept
     * @param maxRepairVertices  an invalid footprint with more vertices is refused rather than repaired
     * @param maxRepairCrossings an invalid footprint whose edges cross more often is refused rather than repaired
     */
    @ConfigurationProperties("red-line")
    public record RedLine(int maxFootprints, int maxVertices, double maxAreaKm2, double maxBufferMeters,
                          int maxStoredChecks, int maxRepairVertices,
                          int maxRepairCrossings) {
        public RedLine {
            atLeast("red-line.max-stored-checks", maxStoredChecks, 1);
            atLeast("red-line.max-repair-vertices", maxRepairVertices, 1);
            atLeast("red-line.max-repair-crossings", maxRepairCrossings, 1);
            atLeast("red-line.max-footprints", maxFootprints, 1);
            atLeast("red-line.max-vertices", maxVertices, 1);
            positive("red-line.max-area-km2", maxAreaKm2);
            positive("red-line.max-buffer-meters", maxBufferMeters);
        }

        /** The limits for the red-line checker. */
        public RedLineLimits limits() {
            return new RedLineLimits(maxVertices, maxAreaKm2 * 1e6, maxBufferMeters, maxRepairVertices, maxRepairCrossings);
        }
    }

    /**
     * The tiles ({@code /tiles}, {@code /wmts}) and their cache.
     *
     * @param cacheDir   directory of the tile cache and of the seeding jobs ({@code <cacheDir>/jobs}); empty =
     *                   no cache (every tile drawn or encoded when asked, no seeding)
     * @param metatile   raster tiles are drawn this many across and down at once (labels not cut at tile edges)
     * @param gutter     pixels drawn around a metatile and thrown away (symbols and labels crossing its edge)
     * @param maxLayers  the most layers one tile may name
     * @param mvtExtent  MVT coordinates per tile side
     * @param mvtBuffer  MVT coordinates kept beyond each tile edge (a line's stroke not cut at the edge)
     * @param maxAge     seconds clients and proxies may keep a tile of the current state (Cache-Control max-age)
     * @param asOfMaxAge seconds they may keep a tile "as of" an instant (the past changes only when history is corrected)
     */
    @ConfigurationProperties("tiles")
    public record Tiles(@Nullable String cacheDir, int metatile, int gutter, int maxLayers, int mvtExtent,
                        int mvtBuffer, int maxAge, int asOfMaxAge) {
        public Tiles {
            cacheDir = cacheDir == null ? "" : cacheDir.trim();
            atLeast("tiles.metatile", metatile, 1);
            if (metatile > 16) {
                throw bad("tiles.metatile", "must be at most 16, was " + metatile);
            }
            atLeast("tiles.gutter", gutter, 0);
            if (gutter > 512) {
                throw bad("tiles.gutter", "must be at most 512 pixels, was " + gutter);
            }
            atLeast("tiles.max-layers", maxLayers, 1);
            atLeast("tiles.mvt-extent", mvtExtent, 256);
            atLeast("tiles.mvt-buffer", mvtBuffer, 0);
            if (mvtBuffer > mvtExtent / 2) {
                throw bad("tiles.mvt-buffer", "must be at most half of shikong.tiles.mvt-extent, was " + mvtBuffer);
            }
            atLeast("tiles.max-age", maxAge, 0);
            atLeast("tiles.as-of-max-age", asOfMaxAge, 0);
        }

        /** The cache directory, or empty when tiles are not cached. */
        public java.util.Optional<java.nio.file.Path> cachePath() {
            return cacheDir.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(java.nio.file.Path.of(cacheDir));
        }
    }

    /**
     * Loads into layers over REST ({@code /api/v1/ingest/jobs}); the command line ({@code shikong ingest})
     * reads files wherever they are.
     *
     * @param importDir     the server-side directory jobs may name files in ({@code {"path": ...}}); empty =
     *                      only uploads. Paths outside it (after resolving {@code ..} and symbolic links) are refused
     * @param workDir       where uploads and the validated features wait for their load; empty = the temp folder
     * @param maxUploadSize the largest upload in bytes (more: 413); uploads are also bounded by
     *                      {@code micronaut.server.max-request-size} and {@code micronaut.server.multipart.max-file-size}
     * @param maxJobs       finished jobs kept in memory for {@code GET /api/v1/ingest/jobs} (the oldest dropped)
     * @param threads       jobs run at once (each layer's loads still one at a time)
     */
    @ConfigurationProperties("ingest")
    public record Ingest(@Nullable String importDir, @Nullable String workDir, long maxUploadSize, int maxJobs,
                         int threads) {
        public Ingest {
            importDir = importDir == null ? "" : importDir.trim();
            workDir = workDir == null ? "" : workDir.trim();
            atLeast("ingest.max-upload-size", maxUploadSize, 1);
            atLeast("ingest.max-jobs", maxJobs, 1);
            atLeast("ingest.threads", threads, 1);
        }

        /** The import directory, or empty when jobs may only upload. */
        public java.util.Optional<java.nio.file.Path> importPath() {
            return importDir.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(java.nio.file.Path.of(importDir));
        }

        /** The work directory, or empty for the temp folder. */
        public java.util.Optional<java.nio.file.Path> workPath() {
            return workDir.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(java.nio.file.Path.of(workDir));
        }
    }

    /**
     * The HTTP server under load: how many expensive requests run at once, how long the rest may wait, how
     * long a stalled connection may hold what it holds, and the headers of every answer.
     *
     * @param writeTimeout          a connection on which nothing was read or written for this long is closed
     *                              (a client that stopped reading a streamed answer; its cursor and store
     *                              connection go back); also {@code micronaut.server.idle-timeout}
     * @param maxConcurrentRequests requests (maps, features, tiles, red-line checks: everything but health,
     *                              the API documents and static files) executing at once, a streamed answer
     *                              until its last byte (or until {@code write-timeout} closes a stalled one);
     *                              on PostGIS fewer than {@code shikong.store.pool-size}, so that slow readers
     *                              never hold every store connection
     * @param maxQueuedRequests     requests waiting for one of those; more are answered 503 at once
     * @param queueTimeout          the longest a request waits; then 503 with Retry-After
     * @param connectionWait        the longest a request waits for a store connection; then 503 (PostGIS)
     * @param retryAfter            the Retry-After of a 503, seconds
     * @param contentSecurityPolicy the Content-Security-Policy header of every answer; empty = none
     */
    @ConfigurationProperties("server")
    public record Server(java.time.Duration writeTimeout, int maxConcurrentRequests, int maxQueuedRequests,
                         java.time.Duration queueTimeout, java.time.Duration connectionWait,
                         int retryAfter, @Nullable String contentSecurityPolicy) {
        public Server {
            contentSecurityPolicy = contentSecurityPolicy == null ? "" : contentSecurityPolicy.trim();
            atLeastSeconds("server.write-timeout", writeTimeout, 1);
            atLeast("server.max-concurrent-requests", maxConcurrentRequests, 1);
            atLeast("server.max-queued-requests", maxQueuedRequests, 0);
            if (queueTimeout == null || queueTimeout.isNegative()) {
                throw bad("server.queue-timeout", "must be a duration of 0 or more, was " + queueTimeout);
            }
            if (connectionWait == null || connectionWait.toMillis() < 250) {
                throw bad("server.connection-wait", "must be at least 250ms (the pool's least), was " + connectionWait);
            }
            atLeast("server.retry-after", retryAfter, 1);
        }
    }

    /** The limits of the server against the store: on PostGIS, requests at once must leave a connection free. */
    public ShikongConfiguration {
        if (store != null && server != null && store.kind().equals("postgis")
                && server.maxConcurrentRequests() >= store.poolSize()) {
            throw bad("server.max-concurrent-requests", "must be less than shikong.store.pool-size ("
                    + store.poolSize() + ") on PostGIS, so that health probes and writes keep a connection, was "
                    + server.maxConcurrentRequests());
        }
    }

    private static void atLeastSeconds(String key, java.time.Duration value, long min) {
        if (value == null || value.getSeconds() < min) {
            throw bad(key, "must be at least " + min + "s, was " + value);
        }
    }

    private static void atLeast(String key, long value, long min) {
        if (value < min) {
            throw bad(key, "must be at least " + min + ", was " + value);
        }
    }

    private static void positive(String key, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw bad(key, "must be a positive number, was " + value);
        }
    }

    private static CatalogConfigurationException bad(String key, String message) {
        return new CatalogConfigurationException("shikong." + key, message);
    }
}
