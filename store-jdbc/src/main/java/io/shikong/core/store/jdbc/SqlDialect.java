package io.shikong.core.store.jdbc;

import io.shikong.core.catalog.AttributeType;
import io.shikong.core.catalog.GeometryType;
import io.shikong.core.catalog.LayerDefinition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBWriter;

/**
 * What differs between the SQL databases behind {@link JdbcFeatureStore}: types, indexes, a few
 * spatial expressions, streaming and bulk loading. Everything else is shared SQL (both databases speak
 * the OGC {@code ST_*} functions). Geometries go in as WKB parameters and come out as WKB.
 */
public abstract class SqlDialect {

    /** Short name: {@code postgis} or {@code embedded}. */
    public abstract String kind();

    /** Quotes one identifier; identifiers come from the validated catalog only. */
    public String quote(String identifier) {
        return '"' + identifier + '"';
    }

    /** Quotes a possibly schema-qualified table name. */
    public String table(String qualified) {
        int dot = qualified.indexOf('.');
        return dot < 0 ? quote(qualified) : quote(qualified.substring(0, dot)) + "." + quote(qualified.substring(dot + 1));
    }

    /** SQL type of an attribute column. */
    public abstract String columnType(AttributeType type);

    /** SQL type of the id column of managed layers (sorts by code point on both databases). */
    public abstract String idColumnType();

    /** SQL type of the geometry column. */
    public abstract String geometryColumnType(GeometryType type, int srid);

    /** Extra column definitions of a managed table (none by default). */
    public List<String> extraColumns(LayerDefinition layer) {
        return List.of();
    }

    /** Statements creating the indexes of a managed layer, idempotently. */
    public abstract List<String> indexStatements(LayerDefinition layer);

    /** Expression turning a WKB parameter into a geometry of {@code srid}. */
    public String geometryParameter(int srid) {
        return "ST_GeomFromWKB(?, " + srid + ")";
    }

    /** Expression reading a geometry column as WKB. */
    public String geometryResult(String column) {
        return "ST_AsBinary(" + column + ")";
    }

    /** WKB of a geometry, for binding. */
    public byte[] wkb(Geometry g) {
        return new WKBWriter(2).write(g);
    }

    /** Appends "{@code column} intersects {@code envelope}", index-assisted. */
    public void intersectsEnvelope(SqlBuilder b, String column, Envelope e, int srid) {
        b.sql("(" + column + " && ");
        envelope(b, e, srid);
        b.sql(" AND ST_Intersects(" + column + ", ");
        envelope(b, e, srid);
        b.sql("))");
    }

    /** Appends {@code ST_MakeEnvelope(?, ?, ?, ?, srid)}. */
    public void envelope(SqlBuilder b, Envelope e, int srid) {
        b.sql("ST_MakeEnvelope(").param(e.getMinX()).sql(", ").param(e.getMinY()).sql(", ")
                .param(e.getMaxX()).sql(", ").param(e.getMaxY()).sql(", " + srid + ")");
    }

    /**
     * Appends a binary spatial predicate of {@code column} and a literal geometry, with a bounding-box
     * test first so the spatial index is used (except for a negated predicate, which cannot use it).
     */
    public void spatialPredicate(SqlBuilder b, String function, String column, Geometry literal, int srid,
                                 boolean negate) {
        if (negate) {
            b.sql("NOT " + function + "(" + column + ", ");
            geometry(b, literal, srid);
            b.sql(")");
            return;
        }
        b.sql("(" + column + " && ");
        geometry(b, literal, srid);
        b.sql(" AND " + function + "(" + column + ", ");
        geometry(b, literal, srid);
        b.sql("))");
    }

    private String geometryParameterPrefix(int srid) {
        String p = geometryParameter(srid);
        return p.substring(0, p.indexOf('?'));
    }

    private String geometryParameterSuffix(int srid) {
        String p = geometryParameter(srid);
        return p.substring(p.indexOf('?') + 1);
    }

    /** Appends {@code geometryParameter(srid)} bound to {@code g}. */
    public void geometry(SqlBuilder b, Geometry g, int srid) {
        b.sql(geometryParameterPrefix(srid)).param(wkb(g)).sql(geometryParameterSuffix(srid));
    }

    /**
     * Appends "{@code column} is within {@code meters} of {@code literal}" (or beyond, when
     * {@code beyond}), in true metres: on the ellipsoid or in a metric projection for geographic storage.
     */
    public abstract void distanceWithin(SqlBuilder b, String column, Geometry literal, double meters, int srid,
                                        boolean geographic, boolean beyond);

    /** ST_DWithin in the storage CRS's own units: right when it is projected in metres. */
    protected void projectedDistanceWithin(SqlBuilder b, String column, Geometry literal, double meters, int srid,
                                           boolean beyond) {
        b.sql(beyond ? "NOT ST_DWithin(" : "ST_DWithin(").sql(column + ", ");
        geometry(b, literal, srid);
        b.sql(", ").param(meters).sql(")");
    }

    /**
     * Appends "{@code column} matches the SQL LIKE {@code pattern}" ({@code %}, {@code _}, escape {@code \\}),
     * case-insensitively unless {@code matchCase}. The database's own LIKE by default.
     */
    public void like(SqlBuilder b, String column, String pattern, boolean matchCase) {
        b.sql("(" + column + (matchCase ? " LIKE " : " ILIKE "));
        b.param(pattern);
        b.sql(" ESCAPE '\\')");
    }

    /** An ORDER BY expression for a column of the given type (null type = id). */
    public String orderExpression(String column, AttributeType type) {
        return column;
    }

    /**
     * Bounds the statements run on {@code connection} from now on to {@code millis} (a read of the store), until
     * {@link #endStatementTimeout}. By default the JDBC query timeout of {@code statement}, in whole seconds.
     */
    public void startStatementTimeout(Connection connection, PreparedStatement statement, long millis) throws SQLException {
        statement.setQueryTimeout((int) Math.max(1, (millis + 999) / 1000));
    }

    /** Ends {@link #startStatementTimeout} before the connection serves anything else; nothing by default. */
    public void endStatementTimeout(Connection connection) throws SQLException {
    }

    /** Whether {@code e} says a statement was cancelled by its timeout (SQLState 57014 on PostgreSQL and H2). */
    public boolean timedOut(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && ("57014".equals(s.getSQLState()) || s.getErrorCode() == 57014)) {
                return true;
            }
        }
        return false;
    }

    /** Prepares a connection and statement so that a large result streams instead of being buffered. */
    public void prepareStreaming(Connection connection, PreparedStatement statement) throws SQLException {
        statement.setFetchSize(1000);
    }

    /**
     * Gives the read about to run on {@code connection} (in its transaction, after {@link #prepareStreaming}) at least
     * {@code bytes} of memory to sort in; nothing by default.
     */
    public void sortMemory(Connection connection, long bytes) throws SQLException {
    }

    /** Whether bulk loads use {@link #copy}. */
    public boolean bulkCopy() {
        return false;
    }

    /** Streams rows into a table by the database's copy protocol. Only when {@link #bulkCopy()}. */
    public long copy(Connection connection, String table, List<String> columns, java.util.Iterator<Object[]> rows)
            throws SQLException {
        throw new UnsupportedOperationException("no copy protocol in " + kind());
    }

    /** Called once for each new connection pool: load extensions, functions. */
    public void initialize(Connection connection) throws SQLException {
    }

    /** Whether a table exists. */
    public abstract boolean tableExists(Connection connection, String qualifiedTable) throws SQLException;

    /**
     * Takes, inside the writing transaction, the lock that makes change-log sequences commit in order (held
     * until the commit), so that a reader that saw sequence {@code n} never later finds a smaller one
     * committed. Nothing by default: the embedded database has one process, whose store orders its own
     * appends.
     */
    public void lockChangeLog(Connection connection) throws SQLException {
    }

    /** Tells the other processes on the database of change {@code sequence}, delivered on commit; nothing by default. */
    public void notifyChange(Connection connection, long sequence) throws SQLException {
    }

    /** Whether other processes may write the same database, so that the store follows the change log ({@link #listenForChanges}). */
    public boolean sharedChangeLog() {
        return false;
    }

    /** Subscribes a dedicated connection to change notifications. Only when {@link #sharedChangeLog()}. */
    public void listenForChanges(Connection connection) throws SQLException {
        throw new UnsupportedOperationException("no change notifications in " + kind());
    }

    /** Ends the subscription of {@link #listenForChanges} (before a connection of a pool goes back to it). */
    public void unlistenForChanges(Connection connection) throws SQLException {
    }

    /**
     * Waits up to {@code timeoutMillis} for change notifications on a connection that {@link #listenForChanges}
     * subscribed; true when at least one arrived. Throws when the connection is gone.
     */
    public boolean awaitChanges(Connection connection, int timeoutMillis) throws SQLException {
        throw new UnsupportedOperationException("no change notifications in " + kind());
    }

    /**
     * The DDL of a temporary table that a load by feature key ({@code FeatureStore.merge}) stages its input or
     * plan in: private to the connection, gone at the end of the transaction, created without committing it.
     */
    public abstract String loadTableDdl(String name, String columns);

    /**
     * Drops the temporary tables of a load after its transaction ended, when the database keeps them past a
     * rollback; runs with auto-commit on. By default {@code DROP TABLE IF EXISTS} each.
     */
    public void dropLoadTables(Connection connection, List<String> names) throws SQLException {
        try (var st = connection.createStatement()) {
            for (String name : names) {
                st.execute("DROP TABLE IF EXISTS " + name);
            }
        }
    }

    /**
     * Whether {@link #lockLayerForLoad} serializes loads in the database (across processes) and makes
     * ordinary writes wait for a load; when false, the store serializes loads and writes of a layer in its
     * process.
     */
    public boolean databaseLoadLock() {
        return false;
    }

    /** Takes, inside a load's transaction, the lock that serializes loads into the layer (until the commit). */
    public void lockLayerForLoad(Connection connection, LayerDefinition layer) throws SQLException {
    }

    /**
     * Before a load writes {@code rows} index entries into the layer table: drops the table's secondary
     * indexes inside the load's transaction when rebuilding them afterwards is cheaper than maintaining them
     * row by row, and returns the statements that rebuild them ({@link #rebuildIndexesAfterLoad}); a rollback
     * or a dead process restores them. Empty (nothing dropped) by default.
     */
    public List<String> dropIndexesForLoad(Connection connection, LayerDefinition layer, long rows) throws SQLException {
        return List.of();
    }

    /** Rebuilds, in the load's transaction, the indexes that {@link #dropIndexesForLoad} dropped. */
    public void rebuildIndexesAfterLoad(Connection connection, LayerDefinition layer, List<String> statements)
            throws SQLException {
    }

    /**
     * Whether loads stage their input with {@link #copyBinary} instead of batched inserts.
     */
    public boolean binaryCopy() {
        return false;
    }

    /** Streams rows into a table by the database's binary copy protocol. Only when {@link #binaryCopy()}. */
    public long copyBinary(Connection connection, String table, List<String> columns, java.util.Iterator<Object[]> rows)
            throws SQLException {
        throw new UnsupportedOperationException("no binary copy in " + kind());
    }
}
