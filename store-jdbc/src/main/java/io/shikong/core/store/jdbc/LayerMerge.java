package io.shikong.core.store.jdbc;

import io.shikong.core.catalog.AttributeDefinition;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.StoreException;
import io.shikong.core.feature.Feature;
import io.shikong.core.store.LoadOptions;
import io.shikong.core.store.LoadResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * One load by feature key into a managed layer ({@code FeatureStore.merge}), inside the caller's transaction,
 * set-based on both databases:
 * <ol>
 *   <li>the input, validated feature by feature like a write, streams into a temporary <em>stage</em> table
 *       (PostGIS: binary {@code COPY}; H2: batched inserts), which the transaction drops;</li>
 *   <li>an id found more than once in the stage refuses the load;</li>
 *   <li>the layer's load lock is taken ({@link SqlDialect#lockLayerForLoad}; the store holds a lock of its
 *       process where the database has none), so everything after sees the layer as the previous load left it;</li>
 *   <li>one statement fills a <em>plan</em> table with the ids to insert ({@code N}) and to change ({@code C},
 *       with the current version and its start), comparing the stage with the current versions: attributes
 *       with {@code IS DISTINCT FROM}, geometries with {@code ST_OrderingEquals} of their {@code ST_Normalize}d
 *       forms (exact, after normalizing ring starts and orientation and the order of parts; both databases
 *       normalize with the same JTS/GEOS algorithm, and an exact match skips the normalization); ids coming
 *       back after a closed history get their last version and its end; a snapshot adds the current ids absent
 *       from the stage ({@code X});</li>
 *   <li>the plan gives the counts and the history check: a load valid from {@code t} is refused when a
 *       version it would close starts at or after {@code t} (no zero-length version, no version ending before
 *       it starts) or when an id it re-inserts was closed after {@code t} (no overlap);</li>
 *   <li>unless dry: one {@code UPDATE} closes the planned current versions at {@code t}, one
 *       {@code INSERT ... SELECT} opens the new versions (last version + 1) from {@code t}; a load large for
 *       its table drops the table's secondary indexes before and builds them again after, in the same
 *       transaction ({@link SqlDialect#dropIndexesForLoad}).</li>
 * </ol>
 * The boxes of the change are the envelopes of the versions closed and opened ({@link ChangeBoxes}).
 *
 * <p>The first load into a layer without any row on PostGIS (not a dry run) takes the lock first and copies
 * straight into the layer's table as versions 1, its indexes built after ({@link #firstLoad}): no stage, no
 * plan, no history to check. 1M points: 12.6 s of load instead of 30.3 s through stage and plan.
 */
final class LayerMerge {

    /** The stage table: the input, one row per incoming feature, with its position in the input. */
    static final String STAGE = "shikong_load_stage";
    /** The plan table: one row per id the load inserts, changes or closes. */
    static final String PLAN = "shikong_load_plan";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LayerMerge.class);
    private static final int BATCH = 1000;
    /** How far ahead of now a current version may start and still be closed by a load "valid from now". */
    private static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(1);

    private final Connection connection;
    private final LayerDefinition layer;
    private final SqlDialect dialect;
    private final VersionedWriter validator;
    private final String table;
    private final String id;
    private final String geom;
    private final ChangeBoxes boxes = new ChangeBoxes();
    private Instant validFrom;

    LayerMerge(Connection connection, LayerDefinition layer, SqlDialect dialect) {
        this.connection = connection;
        this.layer = layer;
        this.dialect = dialect;
        this.validator = new VersionedWriter(connection, layer, dialect);
        this.table = dialect.table(layer.table());
        this.id = dialect.quote(layer.idAttribute());
        this.geom = dialect.quote(layer.geometryColumn());
    }

    /** Takes the layer's load lock; called between staging and planning. */
    @FunctionalInterface
    interface Lock {
        void lock(Connection connection) throws SQLException;
    }

    /**
     * Runs the load. Throws {@link InvalidParameterException} for an invalid feature, a duplicate id or a
     * refused valid-from instant; the caller then rolls back (and rolls back a dry run too).
     */
    LoadResult run(Iterator<Feature> incoming, LoadOptions options, Lock lock) throws SQLException {
        if (!options.dryRun() && dialect.binaryCopy() && dialect.databaseLoadLock() && layerEmpty()) {
            lock.lock(connection);
            // a load that committed while this one waited for the lock makes it an ordinary merge
            if (layerEmpty()) {
                return firstLoad(incoming, options);
            }
        }
        long started = System.nanoTime();
        createTables();
        long total = stage(incoming);
        long staged = System.nanoTime();
        refuseDuplicates();
        lock.lock(connection);
        long locked = System.nanoTime();
        plan(options.snapshot());
        long planned = System.nanoTime();
        long inserted = 0;
        long changed = 0;
        long closed = 0;
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT action, COUNT(*) FROM " + PLAN + " GROUP BY action")) {
            while (rs.next()) {
                switch (rs.getString(1)) {
                    case "N" -> inserted = rs.getLong(2);
                    case "C" -> changed = rs.getLong(2);
                    case "X" -> closed = rs.getLong(2);
                    default -> throw new IllegalStateException(rs.getString(1));
                }
            }
        }
        LoadResult result = new LoadResult(inserted, changed, total - inserted - changed, closed, options.dryRun());
        Instant t = options.validFrom() != null ? options.validFrom().truncatedTo(ChronoUnit.MICROS) : now();
        refuseInconsistentHistory(t, options.validFrom() == null);
        if (options.dryRun() || !result.changesAnything()) {
            return result;
        }
        collectBoxes();
        long boxed = System.nanoTime();
        long closing = changed + closed;
        long opening = inserted + changed;
        // a large load rebuilds the table's indexes once instead of maintaining them row by row
        List<String> rebuild = dialect.dropIndexesForLoad(connection, layer, closing + opening);
        long closedRows;
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + table + " SET valid_to = ? WHERE valid_to IS NULL AND "
                + id + " IN (SELECT id FROM " + PLAN + " WHERE action IN ('C', 'X'))")) {
            ps.setObject(1, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
            closedRows = ps.executeUpdate();
        }
        long openedRows;
        StringBuilder columns = new StringBuilder(id);
        StringBuilder values = new StringBuilder("s." + id);
        for (AttributeDefinition a : layer.attributes()) {
            columns.append(", ").append(dialect.quote(a.name()));
            values.append(", s.").append(dialect.quote(a.name()));
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + table + " (" + columns + ", " + geom
                + ", valid_from, valid_to, version) SELECT " + values + ", s." + geom + ", ?, NULL, p.version + 1 FROM "
                + STAGE + " s JOIN " + PLAN + " p ON p.id = s." + id + " WHERE p.action IN ('C', 'N')")) {
            ps.setObject(1, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
            openedRows = ps.executeUpdate();
        }
        long written = System.nanoTime();
        dialect.rebuildIndexesAfterLoad(connection, layer, rebuild);
        if (closedRows != closing || openedRows != opening) {
            throw new StoreException("load into '" + layer.name() + "' closed " + closedRows + " and opened " + openedRows
                    + " versions where it planned " + closing + " and " + opening + "; nothing was loaded", null);
        }
        validFrom = t;
        if (LOG.isInfoEnabled()) {
            LOG.info("load into {}: staged {} features in {} ms, checked and locked in {} ms, planned in {} ms, "
                    + "boxes in {} ms, closed and opened versions in {} ms, rebuilt {} indexes in {} ms", layer.name(), total,
                    millis(started, staged), millis(staged, locked), millis(locked, planned), millis(planned, boxed),
                    millis(boxed, written), rebuild.size(), millis(written, System.nanoTime()));
        }
        return result;
    }

    /** Whether the layer's table has no row at all: no current version and no history. */
    private boolean layerEmpty() throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM " + table + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /**
     * The first load into a layer without any row (PostGIS, not dry), under the load lock taken before: every
     * feature is new (version 1 from {@code t}), there is no history to check and nothing to close, so the
     * input streams by binary {@code COPY} straight into the layer's table instead of through the stage and
     * the plan; the table's secondary indexes are dropped before and built once after, in the transaction
     * (whatever the load's size: building them on a small table costs next to nothing), and so is the primary
     * key on (id, version), which refuses an id given twice as it is built again. The change boxes are taken from
     * the features as they stream.
     */
    private LoadResult firstLoad(Iterator<Feature> incoming, LoadOptions options) throws SQLException {
        long started = System.nanoTime();
        Instant t = options.validFrom() != null ? options.validFrom().truncatedTo(ChronoUnit.MICROS)
                : Instant.now().truncatedTo(ChronoUnit.MILLIS);
        OffsetDateTime from = OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
        List<String> rebuild = dialect.dropIndexesForLoad(connection, layer, PostgisDialect.BULK_LOAD_ROWS);
        String primaryKey = dropPrimaryKey();
        List<String> columns = new ArrayList<>();
        columns.add(id);
        layer.attributes().forEach(a -> columns.add(dialect.quote(a.name())));
        columns.add(geom);
        columns.add("valid_from");
        columns.add("valid_to");
        columns.add("version");
        Integer first = 1;
        Iterator<Object[]> rows = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return incoming.hasNext();
            }

            @Override
            public Object[] next() {
                Feature f = validator.prepare(incoming.next(), "load");
                Object[] row = new Object[columns.size()];
                int i = 0;
                row[i++] = f.id();
                for (AttributeDefinition a : layer.attributes()) {
                    row[i++] = f.properties().get(a.name());
                }
                row[i++] = f.geometry();
                boxes.add(f.geometry());
                row[i++] = from;
                row[i++] = null;
                row[i] = first;
                return row;
            }
        };
        long n;
        long copied;
        try {
            n = dialect.copyBinary(connection, table, columns, rows);
            copied = System.nanoTime();
            if (primaryKey != null) {
                try (Statement st = connection.createStatement()) {
                    st.execute("SET LOCAL maintenance_work_mem = '256MB'");
                    st.execute(primaryKey);
                }
            }
            dialect.rebuildIndexesAfterLoad(connection, layer, rebuild);
        } catch (SQLException e) {
            String duplicate = uniqueViolation(e);
            if (duplicate == null) {
                throw e;
            }
            throw new InvalidParameterException(layer.idAttribute(), "导入被拒绝：输入中有要素编号出现不止一次（" + duplicate
                    + "）；未写入任何数据 (load into '" + layer.name() + "' refused: a feature id appears more than once in the "
                    + "input (" + duplicate + "); nothing was loaded)");
        }
        validFrom = n > 0 ? t : null;
        if (LOG.isInfoEnabled()) {
            LOG.info("first load into {}: copied {} features into the table in {} ms, rebuilt the primary key and {} "
                    + "indexes in {} ms", layer.name(), n, millis(started, copied), rebuild.size(), millis(copied,
                    System.nanoTime()));
        }
        return new LoadResult(n, 0, 0, 0, false);
    }

    /**
     * Drops the table's primary key for a first load, unless a foreign key refers to it, and returns the
     * statement that adds it again (same name and definition, from the catalog), or null. Building the key's
     * B-tree once after the COPY, sorted, is faster than inserting a million entries into it one by one
     * (1M points: COPY 6.3 s with the key, 3.0 s + 0.8 s without); it checks the ids are unique as it is built.
     */
    private String dropPrimaryKey() throws SQLException {
        String name;
        String definition;
        try (PreparedStatement ps = connection.prepareStatement("SELECT c.conname, pg_get_constraintdef(c.oid) FROM "
                + "pg_constraint c WHERE c.conrelid = ?::regclass AND c.contype = 'p' AND NOT EXISTS (SELECT 1 FROM "
                + "pg_constraint f WHERE f.confrelid = c.conrelid)")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                name = '"' + rs.getString(1).replace("\"", "\"\"") + '"';
                definition = rs.getString(2);
            }
        }
        try (Statement st = connection.createStatement()) {
            st.execute("ALTER TABLE " + table + " DROP CONSTRAINT " + name);
        }
        return "ALTER TABLE " + table + " ADD CONSTRAINT " + name + " " + definition;
    }

    /** The database's message of a unique violation in the cause chain (naming the key), or null when there is none. */
    private static String uniqueViolation(SQLException e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLException s && "23505".equals(s.getSQLState())) {
                // PostgreSQL's message names the key: Detail: Key (id, version)=(S-5, 1) already exists.
                return s.getMessage().replaceAll("\\s+", " ").strip();
            }
        }
        return null;
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    /** The instant the committed load changed the layer from; null when it changed nothing (or was dry). */
    Instant validFrom() {
        return validFrom;
    }

    /** The envelopes of every version the load closed or opened. */
    List<Envelope> boxes() {
        return boxes.list();
    }

    /** Drops the load's temporary tables where the database keeps them past the transaction. */
    void dropTables() throws SQLException {
        dialect.dropLoadTables(connection, List.of(STAGE, PLAN));
    }

    private void createTables() throws SQLException {
        StringBuilder stage = new StringBuilder(id + " " + dialect.idColumnType() + " NOT NULL");
        for (AttributeDefinition a : layer.attributes()) {
            stage.append(", ").append(dialect.quote(a.name())).append(' ').append(dialect.columnType(a.type()));
        }
        stage.append(", ").append(geom).append(" geometry NOT NULL, ord BIGINT NOT NULL");
        if (!dialect.binaryCopy()) {
            // H2 joins by index only: the key that the comparison and the anti-join walk
            stage.append(", PRIMARY KEY (").append(id).append(", ord)");
        }
        String time = dialect.columnType(io.shikong.core.catalog.AttributeType.TIMESTAMP);
        try (Statement st = connection.createStatement()) {
            st.execute(dialect.loadTableDdl(STAGE, stage.toString()));
            st.execute(dialect.loadTableDdl(PLAN, "id " + dialect.idColumnType() + " NOT NULL PRIMARY KEY, action CHAR(1) NOT NULL, "
                    + "version INTEGER NOT NULL, bound " + time));
        }
    }

    /** Streams the validated input into the stage; returns the number of features. */
    private long stage(Iterator<Feature> incoming) throws SQLException {
        List<String> columns = new ArrayList<>();
        columns.add(id);
        layer.attributes().forEach(a -> columns.add(dialect.quote(a.name())));
        columns.add(geom);
        columns.add("ord");
        Iterator<Object[]> rows = new Iterator<>() {
            private long ord;

            @Override
            public boolean hasNext() {
                return incoming.hasNext();
            }

            @Override
            public Object[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Feature f = validator.prepare(incoming.next(), "load");
                Object[] row = new Object[columns.size()];
                int i = 0;
                row[i++] = f.id();
                for (AttributeDefinition a : layer.attributes()) {
                    Object v = f.properties().get(a.name());
                    // both databases keep microseconds
                    row[i++] = v instanceof Instant t ? t.truncatedTo(ChronoUnit.MICROS) : v;
                }
                row[i++] = f.geometry();
                row[i] = ord++;
                return row;
            }
        };
        if (dialect.binaryCopy()) {
            long n = dialect.copyBinary(connection, STAGE, columns, rows);
            try (Statement st = connection.createStatement()) {
                st.execute("ANALYZE " + STAGE);
            }
            return n;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO " + STAGE + " (" + String.join(", ", columns) + ") VALUES (?");
        for (AttributeDefinition a : layer.attributes()) {
            sql.append(", ?");
        }
        sql.append(", ").append(dialect.geometryParameter(layer.srid())).append(", ?)");
        long n = 0;
        try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
            while (rows.hasNext()) {
                Object[] row = rows.next();
                for (int i = 0; i < row.length; i++) {
                    Object v = row[i];
                    if (v instanceof Geometry g) {
                        ps.setBytes(i + 1, dialect.wkb(g));
                    } else if (v instanceof Instant t) {
                        ps.setObject(i + 1, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
                    } else {
                        ps.setObject(i + 1, v);
                    }
                }
                ps.addBatch();
                if (++n % BATCH == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        return n;
    }

    private void refuseDuplicates() throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT " + id
                + ", COUNT(*), MIN(ord), MAX(ord) FROM " + STAGE + " GROUP BY " + id + " HAVING COUNT(*) > 1 ORDER BY MIN(ord)")) {
            if (!rs.next()) {
                return;
            }
            String dup = rs.getString(1);
            long times = rs.getLong(2);
            long first = rs.getLong(3) + 1;
            long last = rs.getLong(4) + 1;
            long others = 0;
            while (rs.next()) {
                others++;
            }
            throw new InvalidParameterException(layer.idAttribute(), "导入被拒绝：要素编号 '" + dup + "' 在输入中出现 " + times
                    + " 次（第 " + first + " 与第 " + last + " 个要素）"
                    + (others > 0 ? "，另有 " + others + " 个编号重复" : "") + "；未写入任何数据 (load into '" + layer.name()
                    + "' refused: feature id '" + dup + "' appears " + times + " times in the input, features #" + first
                    + " and #" + last + (others > 0 ? ", and " + others + " other ids more than once" : "")
                    + "; nothing was loaded)");
        }
    }

    private void plan(boolean snapshot) throws SQLException {
        StringBuilder differs = new StringBuilder();
        for (AttributeDefinition a : layer.attributes()) {
            String col = dialect.quote(a.name());
            differs.append("s.").append(col).append(" IS DISTINCT FROM c.").append(col).append(" OR ");
        }
        // exact first (cheap, the common case of a reload), then after normalization
        differs.append("NOT (CASE WHEN ST_OrderingEquals(s.").append(geom).append(", c.").append(geom)
                .append(") THEN TRUE ELSE ST_OrderingEquals(ST_Normalize(s.").append(geom).append("), ST_Normalize(c.")
                .append(geom).append(")) END)");
        try (Statement st = connection.createStatement()) {
            st.executeUpdate("INSERT INTO " + PLAN + " (id, action, version, bound) SELECT s." + id
                    + ", CASE WHEN c." + id + " IS NULL THEN 'N' ELSE 'C' END, COALESCE(c.version, 0), c.valid_from"
                    + " FROM " + STAGE + " s LEFT JOIN " + table + " c ON c." + id + " = s." + id + " AND c.valid_to IS NULL"
                    + " WHERE c." + id + " IS NULL OR " + differs);
            // ids coming back after a closed history: their last version and its end (few; a semi-join finds them)
            String history = " FROM " + table + " h WHERE h." + id + " = " + PLAN + ".id)";
            st.executeUpdate("UPDATE " + PLAN + " SET version = (SELECT MAX(h.version)" + history
                    + ", bound = (SELECT MAX(h.valid_to)" + history + " WHERE action = 'N' AND EXISTS (SELECT 1"
                    + history);
            if (snapshot) {
                st.executeUpdate("INSERT INTO " + PLAN + " (id, action, version, bound) SELECT c." + id
                        + ", 'X', c.version, c.valid_from FROM " + table + " c WHERE c.valid_to IS NULL AND NOT EXISTS "
                        + "(SELECT 1 FROM " + STAGE + " s WHERE s." + id + " = c." + id + ")");
            }
        }
    }

    /** Now, in milliseconds; a little later when a version to close starts within the clock tolerance ahead. */
    private Instant now() throws SQLException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant latest = null;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT MAX(CASE WHEN action = 'N' THEN NULL ELSE bound END), MAX(CASE WHEN action = 'N' THEN bound END) FROM " + PLAN)) {
            rs.next();
            Instant from = JdbcFeatureStore.instant(rs, 1);
            Instant to = JdbcFeatureStore.instant(rs, 2);
            if (from != null) {
                latest = from.plusMillis(1);
            }
            if (to != null && (latest == null || to.isAfter(latest))) {
                latest = to;
            }
        }
        if (latest != null && latest.isAfter(now) && !latest.isAfter(now.plus(CLOCK_TOLERANCE))) {
            return latest;
        }
        return now;
    }

    private void refuseInconsistentHistory(Instant t, boolean now) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT id, action, version, bound FROM " + PLAN
                + " WHERE (action IN ('C', 'X') AND bound >= ?) OR (action = 'N' AND bound > ?) ORDER BY bound DESC, id")) {
            OffsetDateTime at = OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
            ps.setObject(1, at);
            ps.setObject(2, at);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                String feature = rs.getString(1);
                boolean reinsert = "N".equals(rs.getString(2));
                int version = rs.getInt(3);
                Instant bound = JdbcFeatureStore.instant(rs, 4);
                long others = 0;
                while (rs.next()) {
                    others++;
                }
                String when = now ? "现在 " + t : t.toString();
                String whenEn = now ? "now (" + t + ")" : t.toString();
                String more = others > 0 ? "，另有 " + others + " 个要素同样" : "";
                String moreEn = others > 0 ? "; so are " + others + " other features" : "";
                String zh;
                String en;
                if (reinsert) {
                    zh = "要素 '" + feature + "' 的版本 " + version + " 已于 " + bound + " 结束，新版本不能早于该时刻开始（" + when + "）";
                    en = "feature '" + feature + "' was closed at " + bound + " (version " + version
                            + "), so a new version cannot start at " + whenEn + ", before that";
                } else {
                    zh = "要素 '" + feature + "' 的当前版本 " + version + " 始于 " + bound + "，导入有效起始时间 " + when
                            + " 必须晚于该时刻";
                    en = "feature '" + feature + "' has its current version " + version + " from " + bound
                            + ", so a load valid from " + whenEn + " cannot close it: the load must start after " + bound;
                }
                throw new InvalidParameterException("validFrom", "导入 '" + layer.name() + "' 被拒绝：" + zh + more
                        + "；未写入任何数据 (load into '" + layer.name() + "' refused: " + en + moreEn + "; nothing was loaded)");
            }
        }
    }

    private void collectBoxes() throws SQLException {
        envelopes("SELECT " + bounds("c") + " FROM " + table + " c JOIN " + PLAN + " p ON p.id = c." + id
                + " WHERE c.valid_to IS NULL AND p.action IN ('C', 'X')");
        envelopes("SELECT " + bounds("s") + " FROM " + STAGE + " s JOIN " + PLAN + " p ON p.id = s." + id
                + " WHERE p.action IN ('C', 'N')");
    }

    private String bounds(String alias) {
        String g = alias + "." + geom;
        return "ST_XMin(" + g + "), ST_YMin(" + g + "), ST_XMax(" + g + "), ST_YMax(" + g + ")";
    }

    private void envelopes(String sql) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boxes.add(new Envelope(rs.getDouble(1), rs.getDouble(3), rs.getDouble(2), rs.getDouble(4)));
                }
            }
        }
    }
}
