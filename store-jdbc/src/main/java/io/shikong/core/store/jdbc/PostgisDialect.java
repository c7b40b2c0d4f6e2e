package io.shikong.core.store.jdbc;

import io.shikong.core.catalog.AttributeType;
import io.shikong.core.catalog.GeometryType;
import io.shikong.core.catalog.LayerDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.List;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/** PostGIS: GiST indexes, geography for distances, cursors by fetch size, bulk loads by COPY. */
public final class PostgisDialect extends SqlDialect {

    private static final int COPY_CHUNK = 1 << 16;

    @Override
    public String kind() {
        return "postgis";
    }

    @Override
    public String columnType(AttributeType type) {
        return switch (type) {
            case STRING -> "text";
            case INTEGER -> "integer";
            case LONG -> "bigint";
            case DOUBLE -> "double precision";
            case BOOLEAN -> "boolean";
            case DATE -> "date";
            case TIMESTAMP -> "timestamptz";
        };
    }

    @Override
    public String idColumnType() {
        // Code-point order, the same as the embedded store, so both page and sort alike.
        return "text COLLATE \"C\"";
    }

    @Override
    public String orderExpression(String column, AttributeType type) {
        // Code-point order for text, whatever the database collation, as in the embedded store.
        return type == AttributeType.STRING ? column + " COLLATE \"C\"" : column;
    }

    @Override
    public String geometryColumnType(GeometryType type, int srid) {
        return "geometry(" + type.label() + ", " + srid + ")";
    }

    @Override
    public List<String> indexStatements(LayerDefinition layer) {
        String t = table(layer.table());
        String n = layer.name();
        String geom = quote(layer.geometryColumn());
        return List.of(
                "CREATE INDEX IF NOT EXISTS " + quote(n + "_geom_gist") + " ON " + t + " USING GIST (" + geom + ")",
                // the current versions alone, for the reads of now (maps, WFS pages and counts, tiles): their
                // condition "valid_to IS NULL" implies this predicate, so the planner scans only the current
                // versions instead of all of them ANDed with the current-id index, or of walking that index in id
                // order and testing every current geometry
                "CREATE INDEX IF NOT EXISTS " + quote(n + "_current_geom") + " ON " + t + " USING GIST (" + geom
                        + ") WHERE valid_to IS NULL",
                // one current version per feature, and the index that current-version paging walks
                "CREATE UNIQUE INDEX IF NOT EXISTS " + quote(n + "_current_id") + " ON " + t + " (" + quote(layer.idAttribute()) + ") WHERE valid_to IS NULL",
                "CREATE INDEX IF NOT EXISTS " + quote(n + "_valid_time") + " ON " + t + " (valid_from, valid_to)");
    }

    @Override
    public void distanceWithin(SqlBuilder b, String column, Geometry literal, double meters, int srid,
                               boolean geographic, boolean beyond) {
        if (!geographic) {
            projectedDistanceWithin(b, column, literal, meters, srid, beyond);
            return;
        }
        if (beyond) {
            b.sql("NOT ST_DWithin(" + column + "::geography, ");
            geometry(b, literal, srid);
            b.sql("::geography, ").param(meters).sql(")");
            return;
        }
        b.sql("(" + column + " && ");
        envelope(b, Distances.expandDegrees(literal.getEnvelopeInternal(), meters), srid);
        b.sql(" AND ST_DWithin(" + column + "::geography, ");
        geometry(b, literal, srid);
        b.sql("::geography, ").param(meters).sql("))");
    }

    @Override
    public void intersectsEnvelope(SqlBuilder b, String column, org.locationtech.jts.geom.Envelope e, int srid) {
        // The index test (&&), then the exact test only for the rows whose stored box is not inside the envelope:
        // a non-empty geometry whose box lies inside the envelope intersects it, and ST_Intersects on every row
        // was most of a WFS page's PostgreSQL time (1,831 rows of a 1,000-feature BBOX: count 2.5 -> 1.3 ms). The
        // boxes PostGIS compares are floats rounded outwards, so the inside test takes the envelope shrunk by a
        // few float steps: a box inside that shrunk one is inside the envelope itself. CASE, not OR: the planner
        // keeps its one bitmap scan of the && index test (OR split it into two), and ST_Intersects runs only
        // when the box test fails.
        org.locationtech.jts.geom.Envelope inner = insideFloatBoxes(e);
        b.sql("(" + column + " && ");
        envelope(b, e, srid);
        if (inner != null) {
            b.sql(" AND CASE WHEN " + column + " @ ");
            envelope(b, inner, srid);
            b.sql(" THEN TRUE ELSE ST_Intersects(" + column + ", ");
            envelope(b, e, srid);
            b.sql(") END)");
        } else {
            b.sql(" AND ST_Intersects(" + column + ", ");
            envelope(b, e, srid);
            b.sql("))");
        }
    }

    /**
     * {@code e} shrunk so that its box in floats, rounded outwards as PostGIS rounds the boxes it compares, lies
     * inside {@code e}; {@code null} when nothing is left (or a bound is not finite).
     */
    static org.locationtech.jts.geom.Envelope insideFloatBoxes(org.locationtech.jts.geom.Envelope e) {
        double minX = inward(e.getMinX(), true);
        double minY = inward(e.getMinY(), true);
        double maxX = inward(e.getMaxX(), false);
        double maxY = inward(e.getMaxY(), false);
        if (!(minX < maxX && minY < maxY)) {
            return null;
        }
        return new org.locationtech.jts.geom.Envelope(minX, maxX, minY, maxY);
    }

    /** {@code v} moved four float steps up (a lower bound) or down (an upper bound); NaN when not finite. */
    private static double inward(double v, boolean up) {
        if (!Double.isFinite(v) || Math.abs(v) > Float.MAX_VALUE / 2) {
            return Double.NaN;
        }
        double step = 4.0 * Math.max(Math.ulp((float) v), Float.MIN_NORMAL);
        return up ? v + step : v - step;
    }

    /**
     * {@code SET LOCAL statement_timeout} in a transaction of the read (the server cancels the statement, SQLState
     * 57014, even when this process is stuck); the transaction's end resets it, so a pooled connection never
     * keeps it for a write or a load.
     */
    @Override
    public void startStatementTimeout(Connection connection, PreparedStatement statement, long millis) throws SQLException {
        if (connection.getAutoCommit()) {
            connection.setAutoCommit(false);
        }
        try (var st = connection.createStatement()) {
            st.execute("SET LOCAL statement_timeout = " + Math.max(1, millis));
        }
    }

    /** Ends the read's transaction (read-only work: rolled back), which ends its statement timeout. */
    @Override
    public void endStatementTimeout(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    /**
     * {@code SET LOCAL work_mem} to at least {@code bytes} for the read's transaction (a larger setting is kept): a
     * 10,000-feature page sorts some 16,000 matching rows of about 500 bytes, which spilled to disk at PostgreSQL's
     * default 4MB (external merge, 4 MB written and read back per page).
     */
    @Override
    public void sortMemory(Connection connection, long bytes) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT set_config('work_mem', (greatest("
                + "pg_size_bytes(current_setting('work_mem')), ?) / 1024) || 'kB', true)")) {
            ps.setLong(1, bytes);
            ps.execute();
        }
    }

    @Override
    public void prepareStreaming(Connection connection, PreparedStatement statement) throws SQLException {
        // The driver only streams with a fetch size inside a transaction.
        connection.setAutoCommit(false);
        statement.setFetchSize(2000);
    }

    @Override
    public boolean bulkCopy() {
        return true;
    }

    @Override
    public long copy(Connection connection, String table, List<String> columns, Iterator<Object[]> rows)
            throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        CopyIn copy = pg.getCopyAPI().copyIn("COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN");
        long count = 0;
        try {
            StringBuilder line = new StringBuilder(COPY_CHUNK + 4096);
            WKBWriter wkb = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN, true);
            while (rows.hasNext()) {
                Object[] row = rows.next();
                for (int i = 0; i < row.length; i++) {
                    if (i > 0) {
                        line.append('\t');
                    }
                    appendCopyValue(line, row[i], wkb);
                }
                line.append('\n');
                count++;
                if (line.length() >= COPY_CHUNK) {
                    byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
                    copy.writeToCopy(bytes, 0, bytes.length);
                    line.setLength(0);
                }
            }
            byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            copy.endCopy();
            return count;
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void appendCopyValue(StringBuilder sb, Object v, WKBWriter wkb) {
        if (v == null) {
            sb.append("\\N");
        } else if (v instanceof Geometry g) {
            sb.append(WKBWriter.toHex(wkb.write(g)));
        } else if (v instanceof Boolean bool) {
            sb.append(bool ? 't' : 'f');
        } else if (v instanceof Instant || v instanceof OffsetDateTime || v instanceof Number
                || v instanceof java.time.LocalDate) {
            sb.append(v);
        } else {
            String s = v.toString();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\\' -> sb.append("\\\\");
                    case '\t' -> sb.append("\\t");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    default -> sb.append(c);
                }
            }
        }
    }

    @Override
    public void initialize(Connection connection) throws SQLException {
        try (var st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT extversion FROM pg_extension WHERE extname = 'postgis'")) {
            if (!rs.next()) {
                throw new SQLException("the PostGIS extension is not installed in this database "
                        + "(CREATE EXTENSION postgis; make test does it)");
            }
        }
    }

    @Override
    public void lockChangeLog(Connection connection) throws SQLException {
        // self-conflicting, but readers of the log (plain SELECT) are not blocked
        try (var st = connection.createStatement()) {
            st.execute("LOCK TABLE " + ChangeLog.TABLE + " IN SHARE ROW EXCLUSIVE MODE");
        }
    }

    @Override
    public void notifyChange(Connection connection, long sequence) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_notify('" + ChangeLog.CHANNEL + "', ?)")) {
            ps.setString(1, Long.toString(sequence));
            ps.executeQuery().close();
        }
    }

    @Override
    public boolean sharedChangeLog() {
        return true;
    }

    @Override
    public void listenForChanges(Connection connection) throws SQLException {
        try (var st = connection.createStatement()) {
            st.execute("LISTEN " + ChangeLog.CHANNEL);
        }
    }

    @Override
    public void unlistenForChanges(Connection connection) throws SQLException {
        try (var st = connection.createStatement()) {
            st.execute("UNLISTEN " + ChangeLog.CHANNEL);
        }
    }

    @Override
    public boolean awaitChanges(Connection connection, int timeoutMillis) throws SQLException {
        org.postgresql.PGNotification[] n = connection.unwrap(PGConnection.class).getNotifications(timeoutMillis);
        return n != null && n.length > 0;
    }

    @Override
    public boolean tableExists(Connection connection, String qualifiedTable) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, table(qualifiedTable));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    @Override
    public String loadTableDdl(String name, String columns) {
        return "CREATE TEMP TABLE " + name + " (" + columns + ") ON COMMIT DROP";
    }

    /** Temporary tables made in a transaction go with its rollback: nothing to drop. */
    @Override
    public void dropLoadTables(Connection connection, List<String> names) {
    }

    @Override
    public boolean databaseLoadLock() {
        return true;
    }

    /**
     * A transaction-scoped advisory lock on {@code hashtext('shikong.load.' || layer)} serializes the loads of
     * every process into the layer; then the table in {@code EXCLUSIVE} mode makes ordinary writes (which take
     * {@code ROW EXCLUSIVE} or {@code ROW SHARE} with {@code FOR UPDATE}) wait for the load to commit, while
     * reads go on. Both go with the transaction, also when its process dies.
     */
    @Override
    public void lockLayerForLoad(Connection connection, LayerDefinition layer) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            ps.setString(1, loadLockKey(layer.name()));
            ps.executeQuery().close();
        }
        try (var st = connection.createStatement()) {
            st.execute("LOCK TABLE " + table(layer.table()) + " IN EXCLUSIVE MODE");
        }
    }

    /** Fewest index entries a load writes before it rebuilds the layer's indexes instead of maintaining them. */
    static final long BULK_LOAD_ROWS = 50_000;

    /**
     * Drops the layer table's indexes other than those backing constraints (the primary key) when the load
     * writes at least {@link #BULK_LOAD_ROWS} entries and more than a fifth of the table's rows: building a GiST
     * and two B-trees once over the whole table is several times faster than inserting a million entries one
     * by one. The definitions come from the catalog ({@code pg_get_indexdef}), so the rebuild is exact,
     * including the unique partial index on the current versions, which enforces one current version per
     * feature again as it is built. {@code DROP INDEX} takes the table in {@code ACCESS EXCLUSIVE} mode, so
     * reads of the layer wait for such a load to commit (smaller loads keep the reads going).
     */
    @Override
    public List<String> dropIndexesForLoad(Connection connection, LayerDefinition layer, long rows) throws SQLException {
        if (rows < BULK_LOAD_ROWS) {
            return List.of();
        }
        String t = table(layer.table());
        try (PreparedStatement ps = connection.prepareStatement("SELECT reltuples FROM pg_class WHERE oid = ?::regclass")) {
            ps.setString(1, t);
            try (ResultSet rs = ps.executeQuery()) {
                // -1: never analyzed; a table the load has just created
                if (rs.next() && rows * 5 <= rs.getDouble(1)) {
                    return List.of();
                }
            }
        }
        List<String> names = new java.util.ArrayList<>();
        List<String> definitions = new java.util.ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT x.indexrelid::regclass::text, pg_get_indexdef(x.indexrelid)"
                + " FROM pg_index x WHERE x.indrelid = ?::regclass AND NOT EXISTS"
                + " (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) ORDER BY 1")) {
            ps.setString(1, t);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                    definitions.add(rs.getString(2));
                }
            }
        }
        try (var st = connection.createStatement()) {
            for (String name : names) {
                st.execute("DROP INDEX " + name);
            }
        }
        return List.copyOf(definitions);
    }

    /** Builds the dropped indexes again with more sort memory for the transaction, then analyzes the table. */
    @Override
    public void rebuildIndexesAfterLoad(Connection connection, LayerDefinition layer, List<String> statements)
            throws SQLException {
        if (statements.isEmpty()) {
            return;
        }
        try (var st = connection.createStatement()) {
            st.execute("SET LOCAL maintenance_work_mem = '256MB'");
            for (String ddl : statements) {
                st.execute(ddl);
            }
            st.execute("ANALYZE " + table(layer.table()));
        }
    }

    /** The text whose {@code hashtext} is the advisory lock of loads into a layer. */
    static String loadLockKey(String layer) {
        return "shikong.load." + layer;
    }

    @Override
    public boolean binaryCopy() {
        return true;
    }

    @Override
    public long copyBinary(Connection connection, String table, List<String> columns, Iterator<Object[]> rows)
            throws SQLException {
        return PgBinaryCopy.copy(connection, table, columns, rows);
    }
}
