package io.shikong.core.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.shikong.core.catalog.AttributeDefinition;
import io.shikong.core.catalog.CatalogConfigurationException;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.AccessDeniedException;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.StoreException;
import io.shikong.core.feature.Feature;
import io.shikong.core.filter.FilterOperators;
import io.shikong.core.query.Query;
import io.shikong.core.query.SortKey;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
import io.shikong.core.store.ChangeEvent;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.FeatureStore;
import io.shikong.core.store.LoadOptions;
import io.shikong.core.store.LoadResult;
import io.shikong.core.store.StoreCapabilities;
import io.shikong.core.store.TimeExtent;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.locationtech.jts.geom.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL store shared by PostGIS and the embedded H2GIS database: one table per layer, every version a
 * row, everything pushed down as parameterized SQL (filters, time, bbox, sort, paging, counts). The
 * {@link SqlDialect} supplies what differs. Reads stream through a {@link FeatureCursor}; writes are
 * versioned and transactional ({@link VersionedWriter}).
 *
 * <p>Every committed write and bulk load is a row of the change log in the same database ({@link ChangeLog},
 * appended in the writing transaction) and a {@link ChangeEvent} to the listeners after the commit, with the
 * envelopes of the versions it closed and opened. Where other processes share the database (PostGIS),
 * {@link #initialize()} also starts a {@link ChangeFeed} that reports their changes as remote events.
 * Listeners may be called from the writing threads and from the feed's thread at once.
 *
 * <p>Loads by feature key ({@link #merge}) stage their input in a temporary table (binary {@code COPY} on
 * PostGIS) and compare it with the current versions in a few set-based statements ({@link LayerMerge}), in one
 * transaction. Loads into one layer are serialized: on PostGIS by an advisory lock and an {@code EXCLUSIVE}
 * table lock taken after staging (across processes; ordinary writes wait, reads go on); on the embedded
 * database, which one process holds, by a lock per layer in this store that its writes take too.
 */
public class JdbcFeatureStore implements FeatureStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcFeatureStore.class);

    protected final DataSource dataSource;
    protected final LayerCatalog catalog;
    protected final CrsService crsService;
    protected final SqlDialect dialect;
    /** Bounds per layer with the time they were computed; other writers (nodes, loaders) age them out. */
    private final Map<String, CachedBounds> boundsCache = new ConcurrentHashMap<>();
    /** Per layer, where the database has no load lock: serializes the loads and writes of this process. */
    private final Map<String, ReentrantLock> layerLocks = new ConcurrentHashMap<>();
    private final List<Consumer<ChangeEvent>> listeners = new CopyOnWriteArrayList<>();
    private static final long BOUNDS_TTL_NANOS = 60_000_000_000L;

    /** The change log keeps at least this many newest changes ... */
    public static final long RETAINED_CHANGES = 100_000;
    /** ... and every change younger than this. */
    public static final Duration RETAINED_CHANGE_AGE = Duration.ofDays(30);
    /** The log is pruned when a write of this store gets a sequence that is a multiple of this. */
    private static final long PRUNE_EVERY = 1000;

    private final ChangeLog changeLog;
    /** This store instance in the change log: the feed skips the rows it wrote. */
    private final String origin = UUID.randomUUID().toString();
    /** Held from the change-log append to the commit, so this process's sequences commit in order. */
    private final ReentrantLock appendLock = new ReentrantLock();
    private volatile boolean changeLogReady;
    private ChangeFeed feed;
    private volatile StoreLimits limits = StoreLimits.NONE;

    private record CachedBounds(Envelope envelope, long at) {
    }

    public JdbcFeatureStore(DataSource dataSource, LayerCatalog catalog, CrsService crsService, SqlDialect dialect) {
        this.dataSource = dataSource;
        this.catalog = catalog;
        this.crsService = crsService;
        this.dialect = dialect;
        this.changeLog = new ChangeLog(dialect);
    }

    @Override
    public String kind() {
        return dialect.kind();
    }

    @Override
    public StoreCapabilities capabilities() {
        return new StoreCapabilities(Set.copyOf(FilterOperators.SPATIAL),
                Set.copyOf(FilterOperators.TEMPORAL), Set.copyOf(FilterOperators.COMPARISON),
                dialect.bulkCopy());
    }

    /**
     * Bounds the reads of this store from now on: each count and read is cancelled after the statement timeout
     * (answered as a 400 naming {@code shikong.store.statement-timeout}) and filter geometries of more vertices
     * are refused ({@code shikong.query.max-vertices}). Set once by the server before it serves requests; none
     * by default.
     */
    public void limits(StoreLimits limits) {
        this.limits = java.util.Objects.requireNonNull(limits, "limits");
    }

    /** The bounds of reads ({@link StoreLimits#NONE} unless {@link #limits(StoreLimits)} set others). */
    public StoreLimits limits() {
        return limits;
    }

    /** The data source, for companions that keep their own tables beside the layers (check records). */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The SQL dialect of this store. */
    public SqlDialect dialect() {
        return dialect;
    }

    /** The catalog this store serves. */
    public LayerCatalog catalog() {
        return catalog;
    }

    @Override
    public void initialize() {
        try (Connection c = dataSource.getConnection()) {
            dialect.initialize(c);
            for (LayerDefinition layer : catalog.all()) {
                if (layer.published()) {
                    checkPublished(c, layer);
                } else {
                    createManaged(c, layer);
                }
            }
            changeLog.create(c);
            changeLogReady = true;
            changeLog.prune(c, RETAINED_CHANGES, RETAINED_CHANGE_AGE);
            if (dialect.sharedChangeLog()) {
                startFeed(changeLog.last(c));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot initialize the " + kind() + " store: " + e.getMessage(), e);
        }
    }

    private synchronized void startFeed(long lastSeen) {
        if (feed == null) {
            feed = new ChangeFeed(this::openFeedConnection, dialect, changeLog, lastSeen, origin, this::remoteChange,
                    () -> catalog.all().stream().map(LayerDefinition::name).toList());
            feed.start();
        }
    }

    /**
     * How far this store's change feed has read the log (its own rows included), or the newest sequence
     * when the store has no feed (embedded). For tests that prune the log under a live feed.
     */
    synchronized long feedPosition() {
        return feed == null ? lastChangeSequence() : feed.lastSeen();
    }

    /**
     * The change feed's own connection: a new one with the pool's URL, credentials and properties when the
     * data source is a Hikari pool configured by URL, otherwise one of the pool, held for the feed.
     */
    private Connection openFeedConnection() throws SQLException {
        if (dataSource instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null) {
            Properties p = new Properties();
            p.putAll(hikari.getDataSourceProperties());
            if (hikari.getUsername() != null) {
                p.setProperty("user", hikari.getUsername());
            }
            if (hikari.getPassword() != null) {
                p.setProperty("password", hikari.getPassword());
            }
            p.setProperty("ApplicationName", feedApplicationName());
            p.setProperty("tcpKeepAlive", "true");
            return DriverManager.getConnection(hikari.getJdbcUrl(), p);
        }
        return dataSource.getConnection();
    }

    /** The application name of the change feed's connection (in {@code pg_stat_activity}). */
    String feedApplicationName() {
        return "shikong-changes-" + origin;
    }

    /** The change feed, null before {@link #initialize()} or on a store of one process. */
    synchronized ChangeFeed feed() {
        return feed;
    }

    /** Creates the change-log tables when {@link #initialize()} has not run (idempotent). */
    private void ensureChangeLog() {
        if (changeLogReady) {
            return;
        }
        synchronized (this) {
            if (!changeLogReady) {
                try (Connection c = dataSource.getConnection()) {
                    changeLog.create(c);
                } catch (SQLException e) {
                    throw new StoreException("cannot create the change log of the " + kind() + " store: "
                            + e.getMessage(), e);
                }
                changeLogReady = true;
            }
        }
    }

    private void createManaged(Connection c, LayerDefinition layer) throws SQLException {
        StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS " + dialect.table(layer.table()) + " (");
        ddl.append(dialect.quote(layer.idAttribute())).append(' ').append(dialect.idColumnType()).append(" NOT NULL");
        for (AttributeDefinition a : layer.attributes()) {
            ddl.append(", ").append(dialect.quote(a.name())).append(' ').append(dialect.columnType(a.type()));
        }
        ddl.append(", ").append(dialect.quote(layer.geometryColumn())).append(' ')
                .append(dialect.geometryColumnType(layer.geometryType(), layer.srid()));
        ddl.append(", valid_from ").append(dialect.columnType(io.shikong.core.catalog.AttributeType.TIMESTAMP)).append(" NOT NULL");
        ddl.append(", valid_to ").append(dialect.columnType(io.shikong.core.catalog.AttributeType.TIMESTAMP));
        ddl.append(", version INTEGER NOT NULL");
        for (String extra : dialect.extraColumns(layer)) {
            ddl.append(", ").append(extra);
        }
        ddl.append(", PRIMARY KEY (").append(dialect.quote(layer.idAttribute())).append(", version))");
        try (Statement st = c.createStatement()) {
            st.execute(ddl.toString());
            for (String index : dialect.indexStatements(layer)) {
                st.execute(index);
            }
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    private void checkPublished(Connection c, LayerDefinition layer) throws SQLException {
        if (!dialect.tableExists(c, layer.table())) {
            throw new CatalogConfigurationException("layers." + layer.name() + ".table",
                    "table or view '" + layer.table() + "' does not exist in the " + kind() + " store");
        }
        SelectColumns columns = SelectColumns.of(layer, null, dialect);
        try (Statement st = c.createStatement()) {
            st.executeQuery("SELECT " + columns.sql() + " FROM " + dialect.table(layer.table()) + " WHERE 1=0").close();
        } catch (SQLException e) {
            throw new CatalogConfigurationException("layers." + layer.name(),
                    "table '" + layer.table() + "' does not have the configured columns: " + e.getMessage(), e);
        }
    }

    @Override
    public LayerDefinition schema(String layer, Caller caller) {
        return catalog.layer(layer, caller);
    }

    @Override
    public Optional<Envelope> bounds(String layerName, Caller caller) {
        LayerDefinition layer = catalog.layer(layerName, caller);
        CachedBounds cached = boundsCache.get(layer.name());
        if (cached != null && System.nanoTime() - cached.at() < BOUNDS_TTL_NANOS) {
            return cached.envelope().isNull() ? Optional.empty() : Optional.of(new Envelope(cached.envelope()));
        }
        String g = dialect.quote(layer.geometryColumn());
        SqlBuilder sql = new SqlBuilder().sql("SELECT MIN(ST_XMin(" + g + ")), MIN(ST_YMin(" + g + ")), MAX(ST_XMax(" + g
                + ")), MAX(ST_YMax(" + g + ")) FROM " + dialect.table(layer.table()) + " WHERE ");
        time(sql, layer, TimeSelection.CURRENT);
        Envelope env = new Envelope();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.text())) {
            sql.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getObject(1) != null) {
                    env = new Envelope(rs.getDouble(1), rs.getDouble(3), rs.getDouble(2), rs.getDouble(4));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot compute the bounds of '" + layer.name() + "'", e);
        }
        if (!layer.published()) { // a published table changes behind our back: never cached
            boundsCache.put(layer.name(), new CachedBounds(env, System.nanoTime()));
        }
        return env.isNull() ? Optional.empty() : Optional.of(new Envelope(env));
    }

    @Override
    public Optional<TimeExtent> timeExtent(String layerName, Caller caller) {
        LayerDefinition layer = catalog.layer(layerName, caller);
        if (!layer.temporal()) {
            return Optional.empty();
        }
        String from = dialect.quote(layer.validFromColumn());
        String to = layer.validToColumn() == null ? null : dialect.quote(layer.validToColumn());
        String sql = "SELECT MIN(" + from + "), " + (to == null ? "MAX(" + from + "), 0"
                : "MAX(" + to + "), SUM(CASE WHEN " + to + " IS NULL THEN 1 ELSE 0 END)")
                + ", COUNT(*) FROM " + dialect.table(layer.table());
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (rs.getLong(4) == 0) {
                return Optional.empty();
            }
            Instant start = instant(rs, 1);
            Instant end = to == null || rs.getLong(3) > 0 ? null : instant(rs, 2);
            return Optional.of(new TimeExtent(start, end));
        } catch (SQLException e) {
            throw new StoreException("cannot compute the time extent of '" + layer.name() + "'", e);
        }
    }

    @Override
    public long count(Query query) {
        LayerDefinition layer = catalog.layer(query.layer(), query.caller());
        SqlBuilder sql = new SqlBuilder().sql("SELECT COUNT(*) FROM " + dialect.table(layer.table()) + " WHERE ");
        try {
            sql.append(where(layer, query));
            StoreLimits bounds = limits;
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.text())) {
                sql.bind(ps);
                if (bounds.timed()) {
                    dialect.startStatementTimeout(c, ps, bounds.timeoutMillis());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                } finally {
                    if (bounds.timed()) {
                        dialect.endStatementTimeout(c);
                    }
                }
            } catch (SQLException e) {
                throw failure(e, "count on '" + layer.name() + "' failed");
            }
        } finally {
            sql.release();
        }
    }

    /**
     * The exception of a failed read: a 400 naming {@code shikong.store.statement-timeout} when the statement
     * timeout cancelled it (the caller asked for too much, and can ask for less), a store failure otherwise.
     */
    RuntimeException failure(SQLException e, String message) {
        if (dialect.timedOut(e)) {
            return new io.shikong.core.error.ShikongException(io.shikong.core.error.OgcCode.OPERATION_PROCESSING_FAILED,
                    null, "the query ran longer than " + limits.timeoutMillis() + " ms (shikong.store.statement-timeout)"
                    + " and was cancelled; ask for less: a smaller area, a simpler filter, fewer features", e);
        }
        if (e.getSQLState() != null && e.getSQLState().startsWith("22")) {
            // a data exception while evaluating the filter on a row (arithmetic overflow, a negative number to a
            // fractional power): the filter's fault, not the store's
            return new InvalidParameterException("filter", "the filter cannot be evaluated on the stored values: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        return new StoreException(message + ": " + e.getMessage(), e);
    }

    @Override
    public FeatureCursor read(Query query) {
        LayerDefinition layer = catalog.layer(query.layer(), query.caller());
        SelectColumns columns = SelectColumns.of(layer, query.properties(), dialect, query.drawing());
        SqlBuilder sql = select(layer, columns, query);
        Crs storage = crsService.resolve("EPSG:" + layer.srid());
        Crs output = query.outputCrs() == null || query.outputCrs().equals(storage) ? null : query.outputCrs();
        return open(sql, new RowReader(columns, output == null ? null : g -> crsService.transform(g, storage, output)),
                sortBytes(query));
    }

    /** Rows of a page above which its sort gets more memory than the database's default (PostgreSQL's 4MB). */
    static final int LARGE_PAGE = 2048;

    /**
     * The memory a read's sort gets (0: the database's setting): for a large page, room for twice its rows at 1 KiB
     * each (the sort keeps every matching row until it holds twice the page), at most 64 MiB.
     */
    static long sortBytes(Query query) {
        if (anyOrder(query) || query.limit() == null || query.limit() < LARGE_PAGE) {
            return 0;
        }
        return Math.min(64L << 20, 2L * 1024 * (query.limit() + query.offset()));
    }

    /** The statement of a read (for tests: its plan); {@link SqlBuilder#release()} it after use. */
    SqlBuilder select(Query query) {
        LayerDefinition layer = catalog.layer(query.layer(), query.caller());
        return select(layer, SelectColumns.of(layer, query.properties(), dialect, query.drawing()), query);
    }

    /** The statement of a count (for tests: its plan); {@link SqlBuilder#release()} it after use. */
    SqlBuilder countStatement(Query query) {
        LayerDefinition layer = catalog.layer(query.layer(), query.caller());
        return new SqlBuilder().sql("SELECT COUNT(*) FROM " + dialect.table(layer.table()) + " WHERE ").append(where(layer, query));
    }

    private SqlBuilder select(LayerDefinition layer, SelectColumns columns, Query query) {
        SqlBuilder sql = new SqlBuilder().sql("SELECT " + columns.sql() + " FROM " + dialect.table(layer.table()) + " WHERE ");
        try {
            sql.append(where(layer, query));
        } catch (RuntimeException e) {
            sql.release();
            throw e;
        }
        if (!anyOrder(query)) {
            sql.sql(" ORDER BY ").sql(orderBy(layer, query.sort(), query.time()));
        }
        if (query.limit() != null) {
            sql.sql(" LIMIT ").param(query.limit());
        }
        if (query.offset() > 0) {
            sql.sql(" OFFSET ").param(query.offset());
        }
        return sql;
    }

    /**
     * Whether a read may return its features in the database's own order: a drawing read of every match (no limit,
     * offset or sort keys), for which the order of the id index would cost a walk of that index, or a sort.
     */
    static boolean anyOrder(Query query) {
        return query.drawing() && query.limit() == null && query.offset() == 0 && query.sort().isEmpty();
    }

    @Override
    public FeatureCursor history(String layerName, String id, Caller caller) {
        LayerDefinition layer = catalog.layer(layerName, caller);
        SelectColumns columns = SelectColumns.of(layer, null, dialect);
        SqlBuilder sql = new SqlBuilder().sql("SELECT " + columns.sql() + " FROM " + dialect.table(layer.table())
                + " WHERE " + dialect.quote(layer.idAttribute()) + " = ");
        sql.param(io.shikong.core.feature.Values.convert(id, layer.idType(), layer.idAttribute()));
        if (layer.versioned()) {
            sql.sql(" ORDER BY version");
        }
        return open(sql, new RowReader(columns, null), 0);
    }

    /**
     * Runs a read and returns its cursor, which holds the connection (and the statement's prepared literals,
     * {@link SqlBuilder#release()}) until it is closed; under the statement timeout of {@link #limits()}.
     */
    private FeatureCursor open(SqlBuilder sql, RowReader reader, long sortBytes) {
        Connection c = null;
        StoreLimits bounds = limits;
        boolean timed = false;
        try {
            c = dataSource.getConnection();
            PreparedStatement ps = c.prepareStatement(sql.text());
            dialect.prepareStreaming(c, ps);
            if (sortBytes > 0) {
                dialect.sortMemory(c, sortBytes);
            }
            sql.bind(ps);
            if (bounds.timed()) {
                dialect.startStatementTimeout(c, ps, bounds.timeoutMillis());
                timed = true;
            }
            Connection held = c;
            boolean end = timed;
            return new JdbcCursor(c, ps, ps.executeQuery(), reader, () -> {
                if (end) {
                    try {
                        dialect.endStatementTimeout(held);
                    } catch (SQLException ignored) {
                        // the pool discards a broken connection
                    }
                }
                sql.release();
            }, e -> failure(e, "reading features failed"));
        } catch (SQLException e) {
            if (timed) {
                try {
                    dialect.endStatementTimeout(c);
                } catch (SQLException ignored) {
                    // closing anyway
                }
            }
            JdbcCursor.closeQuietly(c);
            sql.release();
            throw failure(e, "query failed");
        }
    }

    /** The WHERE condition of a query: time, bbox and filter. */
    SqlBuilder where(LayerDefinition layer, Query query) {
        SqlBuilder b = new SqlBuilder();
        time(b, layer, query.time());
        if (query.bbox() != null) {
            Crs storage = crsService.resolve("EPSG:" + layer.srid());
            Crs bboxCrs = query.bboxCrs() == null ? storage : query.bboxCrs();
            Envelope env = bboxCrs.equals(storage) ? query.bbox() : crsService.transform(query.bbox(), bboxCrs, storage);
            b.sql(" AND ");
            if (query.bboxIndexOnly()) {
                b.sql(dialect.quote(layer.geometryColumn()) + " && ");
                dialect.envelope(b, env, layer.srid());
            } else {
                dialect.intersectsEnvelope(b, dialect.quote(layer.geometryColumn()), env, layer.srid());
            }
        }
        if (query.filter() != null && query.filter() != org.geotools.api.filter.Filter.INCLUDE) {
            b.sql(" AND ");
            b.append(new FilterCompiler(layer, dialect, crsService, query.filterCrs(), "filter", limits.maxQueryVertices())
                    .compile(query.filter()));
        }
        return b;
    }

    private void time(SqlBuilder b, LayerDefinition layer, TimeSelection time) {
        if (!layer.temporal()) {
            b.sql("1=1");
            return;
        }
        String from = dialect.quote(layer.validFromColumn());
        String to = layer.validToColumn() == null ? null : dialect.quote(layer.validToColumn());
        if (time instanceof TimeSelection.AsOf asOf) {
            b.sql(from + " <= ").param(asOf.instant());
            if (to != null) {
                b.sql(" AND (" + to + " IS NULL OR " + to + " > ").param(asOf.instant()).sql(")");
            }
        } else if (time instanceof TimeSelection.Range range) {
            b.sql(from + " <= ").param(range.to());
            if (to != null) {
                b.sql(" AND (" + to + " IS NULL OR " + to + " > ").param(range.from()).sql(")");
            }
        } else if (time instanceof TimeSelection.Current) {
            b.sql(to == null ? "1=1" : to + " IS NULL");
        } else {
            b.sql("1=1");
        }
    }

    private String orderBy(LayerDefinition layer, List<SortKey> sort, TimeSelection time) {
        List<String> parts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SortKey key : sort) {
            String name = key.property();
            if (!seen.add(name)) {
                continue;
            }
            io.shikong.core.catalog.AttributeType type;
            if (name.equals(layer.idAttribute())) {
                type = null;
            } else if (name.equals(layer.validFromColumn()) || name.equals(layer.validToColumn())) {
                type = io.shikong.core.catalog.AttributeType.TIMESTAMP;
            } else {
                type = layer.attribute(name).map(AttributeDefinition::type).orElseThrow(() ->
                        new InvalidParameterException("sortby", "cannot sort by '" + name + "': layer '" + layer.name()
                                + "' has no such property (sortable: " + sortable(layer) + ")"));
            }
            String expr = dialect.orderExpression(dialect.quote(name), type);
            parts.add(expr + (key.ascending() ? " ASC NULLS LAST" : " DESC NULLS FIRST"));
        }
        // The id (and version) always close the order, so that paging is stable on every layer.
        if (seen.add(layer.idAttribute())) {
            parts.add(dialect.quote(layer.idAttribute()) + " ASC");
        }
        // Current and as-of selections have one version per id, so the id alone is a total order and the
        // database can walk the current-id index; ranges and full history need the version too.
        boolean oneVersionPerId = time instanceof TimeSelection.Current || time instanceof TimeSelection.AsOf;
        if (layer.versioned() && !oneVersionPerId) {
            parts.add("version ASC");
        }
        return String.join(", ", parts);
    }

    private static String sortable(LayerDefinition layer) {
        List<String> names = new ArrayList<>(layer.queryableNames());
        names.remove(layer.geometryColumn());
        return String.join(", ", names);
    }

    @Override
    public io.shikong.core.feature.WriteResult write(String layerName, List<io.shikong.core.feature.Change> changes,
                                                      Caller caller) {
        LayerDefinition layer = writableLayer(layerName, caller);
        try {
            return inTransaction(layer, c -> {
                VersionedWriter writer = new VersionedWriter(c, layer, dialect);
                return new Logged<>(writer.apply(changes), writer);
            });
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                throw new io.shikong.core.error.ConflictException("id", "a concurrent write changed the same feature of '"
                        + layer.name() + "'; nothing was changed, try again");
            }
            throw new StoreException("write to '" + layer.name() + "' failed; nothing was changed", e);
        }
    }

    @Override
    public long bulkLoad(String layerName, Iterator<Feature> versions, Caller caller) {
        LayerDefinition layer = writableLayer(layerName, caller, true);
        long started = System.nanoTime();
        try {
            long n = inTransaction(layer, c -> {
                VersionedWriter writer = new VersionedWriter(c, layer, dialect);
                return new Logged<>(writer.bulk(versions), writer);
            });
            LOG.info("loaded {} rows into {} ({}) in {} ms", n, layer.name(), kind(),
                    (System.nanoTime() - started) / 1_000_000);
            return n;
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                throw new InvalidParameterException("id", "bulk load into '" + layer.name()
                        + "' has two versions with the same id and version, or two current versions of one id; "
                        + "nothing was loaded");
            }
            throw new StoreException("bulk load into '" + layer.name() + "' failed; nothing was loaded: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public LoadResult merge(String layerName, Iterator<Feature> incoming, LoadOptions options, Caller caller) {
        LayerDefinition layer = catalog.layer(layerName, caller);
        if (layer.published()) {
            throw new AccessDeniedException("layer", "图层 '" + layer.name() + "' 是发布的只读表，不能按要素编号导入版本 (layer '"
                    + layer.name() + "' is a published table and read-only: loads by feature key need a managed layer "
                    + "with versions)");
        }
        writableLayer(layerName, caller, true);
        long started = System.nanoTime();
        LayerMerge[] merge = new LayerMerge[1];
        try {
            LoadResult result = inTransaction(layer, c -> {
                merge[0] = new LayerMerge(c, layer, dialect);
                LoadResult r = merge[0].run(incoming, options, conn -> {
                    if (dialect.databaseLoadLock()) {
                        dialect.lockLayerForLoad(conn, layer);
                    }
                });
                Instant from = merge[0].validFrom();
                return new Logged<>(r, from == null ? List.of() : merge[0].boxes(), from, options.dryRun());
            }, c -> {
                if (merge[0] != null) {
                    merge[0].dropTables();
                }
            });
            LOG.info("merged {} features into {} ({}{}): {} inserted, {} changed, {} unchanged, {} closed in {} ms",
                    result.loaded(), layer.name(), kind(), options.dryRun() ? ", dry run" : "", result.inserted(),
                    result.changed(), result.unchanged(), result.closed(), (System.nanoTime() - started) / 1_000_000);
            return result;
        } catch (SQLException e) {
            throw new StoreException("load into '" + layer.name() + "' failed; nothing was loaded: " + e.getMessage(), e);
        }
    }

    /** The lock of a layer's loads and writes in this process, where the database has no load lock. */
    private ReentrantLock layerLock(LayerDefinition layer) {
        return layerLocks.computeIfAbsent(layer.name(), n -> new ReentrantLock());
    }

    private <T> T inTransaction(LayerDefinition layer, SqlWork<Logged<T>> work) throws SQLException {
        return inTransaction(layer, work, null);
    }

    /**
     * Writes to a layer on one connection in one transaction, committed when the work returns and rolled back
     * when it throws or asks for it (a dry run). When the work changed something, the change is appended to the
     * change log as the transaction's last statement and, once committed, told to the listeners. Where the
     * database has no load lock (embedded), writes and loads of one layer hold the layer's lock of this process
     * for the whole transaction. {@code cleanUp}, when given, runs on the connection after the transaction ended.
     */
    private <T> T inTransaction(LayerDefinition layer, SqlWork<Logged<T>> work, SqlCleanUp cleanUp) throws SQLException {
        ensureChangeLog();
        ReentrantLock local = dialect.databaseLoadLock() ? null : layerLock(layer);
        if (local != null) {
            local.lock();
        }
        try {
            return inLockedTransaction(layer, work, cleanUp);
        } finally {
            if (local != null) {
                local.unlock();
            }
        }
    }

    private <T> T inLockedTransaction(LayerDefinition layer, SqlWork<Logged<T>> work, SqlCleanUp cleanUp)
            throws SQLException {
        Logged<T> logged;
        long seq = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                logged = work.run(c);
                if (logged.rollback()) {
                    c.rollback();
                } else if (logged.validFrom() == null) {
                    c.commit();
                } else {
                    appendLock.lock();
                    try {
                        seq = changeLog.append(c, layer.name(), logged.boxes(), logged.validFrom(), origin);
                        c.commit();
                    } finally {
                        appendLock.unlock();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
                if (cleanUp != null) {
                    try {
                        cleanUp.run(c);
                    } catch (SQLException e) {
                        LOG.warn("cleaning up after a transaction on '{}' failed", layer.name(), e);
                    }
                }
            }
        }
        if (logged.validFrom() != null && !logged.rollback()) {
            boundsCache.remove(layer.name());
            tell(new ChangeEvent(seq, layer.name(), logged.boxes(), logged.validFrom(), false));
            if (seq % PRUNE_EVERY == 0) {
                try {
                    pruneChangeLog(RETAINED_CHANGES, RETAINED_CHANGE_AGE);
                } catch (StoreException e) {
                    LOG.warn("pruning the change log failed; it is tried again later", e);
                }
            }
        }
        return logged.result();
    }

    /** What a write returns, with what its writer changed. */
    private record Logged<T>(T result, List<Envelope> boxes, Instant validFrom, boolean rollback) {

        Logged(T result, VersionedWriter writer) {
            this(result, writer.validFrom() == null ? List.of() : writer.boxes(), writer.validFrom(), false);
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    private interface SqlCleanUp {
        void run(Connection c) throws SQLException;
    }

    @Override
    public void addChangeListener(Consumer<ChangeEvent> listener) {
        listeners.add(listener);
    }

    /** A change another process made, read from the change log by the feed. */
    private void remoteChange(ChangeEvent event) {
        boundsCache.remove(event.layer());
        tell(event);
    }

    private void tell(ChangeEvent event) {
        for (var l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("change listener failed for change {} of {}", event.sequence(), event.layer(), e);
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The events of other processes' changes and of this store's own, all {@linkplain ChangeEvent#remote()
     * remote}; empty when the log was pruned past {@code sequence} or does not know it (a newer sequence than
     * its newest: another database, or the log was recreated).
     */
    @Override
    public Optional<List<ChangeEvent>> changesSince(long sequence) {
        ensureChangeLog();
        try (Connection c = dataSource.getConnection()) {
            List<ChangeEvent> events = new ArrayList<>();
            long after = sequence;
            while (true) {
                List<ChangeLog.Row> rows = changeLog.after(c, after, 10_000);
                for (ChangeLog.Row row : rows) {
                    events.add(row.event(true));
                    after = row.seq();
                }
                if (rows.size() < 10_000) {
                    break;
                }
            }
            // read after the rows: a pruning that raced the read shows here
            if (changeLog.prunedThrough(c) > sequence || events.isEmpty() && sequence > changeLog.last(c)) {
                return Optional.empty();
            }
            return Optional.of(events);
        } catch (SQLException e) {
            throw new StoreException("cannot read the change log: " + e.getMessage(), e);
        }
    }

    @Override
    public long lastChangeSequence() {
        ensureChangeLog();
        try (Connection c = dataSource.getConnection()) {
            return changeLog.last(c);
        } catch (SQLException e) {
            throw new StoreException("cannot read the change log: " + e.getMessage(), e);
        }
    }

    /**
     * Deletes the change-log rows that are neither among the newest {@code keepNewest} nor younger than
     * {@code maxAge}, recording how far it went so that {@link #changesSince} can tell a node that was down
     * longer to drop what it holds. The store prunes by itself ({@link #RETAINED_CHANGES},
     * {@link #RETAINED_CHANGE_AGE}) at {@link #initialize()} and every thousandth change.
     *
     * @return the highest sequence pruned away
     */
    public long pruneChangeLog(long keepNewest, Duration maxAge) {
        ensureChangeLog();
        try (Connection c = dataSource.getConnection()) {
            return changeLog.prune(c, keepNewest, maxAge);
        } catch (SQLException e) {
            throw new StoreException("cannot prune the change log: " + e.getMessage(), e);
        }
    }

    /** SQLState 23505 (PostgreSQL, H2): a unique index refused the row. */
    static boolean isUniqueViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private LayerDefinition writableLayer(String layerName, Caller caller) {
        return writableLayer(layerName, caller, false);
    }

    private LayerDefinition writableLayer(String layerName, Caller caller, boolean bulk) {
        LayerDefinition layer = catalog.layer(layerName, caller);
        if (layer.published()) {
            throw new AccessDeniedException("layer", "layer '" + layer.name() + "' is a published table and read-only");
        }
        if (!bulk && !layer.writable()) {
            throw new AccessDeniedException("layer", "layer '" + layer.name() + "' does not allow writes");
        }
        if (!layer.access().canWrite(caller)) {
            throw new AccessDeniedException("layer", "caller '" + caller.name() + "' may not write layer '"
                    + layer.name() + "'");
        }
        return layer;
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    @Override
    public void close() {
        ChangeFeed stopping;
        synchronized (this) {
            stopping = feed;
        }
        if (stopping != null) {
            stopping.stop();
        }
        if (dataSource instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("closing the {} data source failed", kind(), e);
            }
        }
    }
}
