package io.shikong.core.store.jdbc;

import io.shikong.core.catalog.AttributeType;
import io.shikong.core.catalog.GeometryType;
import io.shikong.core.catalog.LayerDefinition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.h2gis.functions.factory.H2GISFunctions;
import org.locationtech.jts.geom.Geometry;

/**
 * The embedded default store: H2 with the H2GIS functions, in one file. H2 has no geography type, so
 * distances in metres are measured in the CGCS2000 Gauss-Krüger zone of the query geometry (scale error
 * below 2e-5 within a zone), after an index pre-filter in degrees.
 */
public final class H2gisDialect extends SqlDialect {

    @Override
    public String kind() {
        return "embedded";
    }

    @Override
    public String columnType(AttributeType type) {
        return switch (type) {
            case STRING -> "VARCHAR";
            case INTEGER -> "INTEGER";
            case LONG -> "BIGINT";
            case DOUBLE -> "DOUBLE PRECISION";
            case BOOLEAN -> "BOOLEAN";
            case DATE -> "DATE";
            case TIMESTAMP -> "TIMESTAMP WITH TIME ZONE";
        };
    }

    @Override
    public String idColumnType() {
        return "VARCHAR";
    }

    @Override
    public String geometryColumnType(GeometryType type, int srid) {
        return "GEOMETRY(" + type.label().toUpperCase(Locale.ROOT) + ", " + srid + ")";
    }

    /**
     * H2 has no partial indexes: a generated column that holds the id only while the version is current,
     * under a unique index (NULLs never collide), keeps one current version per feature as PostGIS's
     * partial unique index does.
     */
    @Override
    public List<String> extraColumns(LayerDefinition layer) {
        return List.of("current_id VARCHAR GENERATED ALWAYS AS (CASE WHEN valid_to IS NULL THEN "
                + quote(layer.idAttribute()) + " END)");
    }

    @Override
    public List<String> indexStatements(LayerDefinition layer) {
        String t = table(layer.table());
        String n = layer.name();
        return List.of(
                "CREATE SPATIAL INDEX IF NOT EXISTS " + quote(n + "_geom_sidx") + " ON " + t + " (" + quote(layer.geometryColumn()) + ")",
                "CREATE UNIQUE INDEX IF NOT EXISTS " + quote(n + "_current_id") + " ON " + t + " (current_id)",
                "CREATE INDEX IF NOT EXISTS " + quote(n + "_valid_time") + " ON " + t + " (valid_from, valid_to)");
    }

    @Override
    public void distanceWithin(SqlBuilder b, String column, Geometry literal, double meters, int srid,
                               boolean geographic, boolean beyond) {
        if (!geographic) {
            projectedDistanceWithin(b, column, literal, meters, srid, beyond);
            return;
        }
        int zone = Distances.gaussKrugerZone(literal.getEnvelopeInternal().centre().x);
        if (!beyond) {
            b.sql("(" + column + " && ");
            envelope(b, Distances.expandDegrees(literal.getEnvelopeInternal(), meters), srid);
            b.sql(" AND ");
        } else {
            b.sql("(NOT ");
        }
        b.sql("ST_DWithin(ST_Transform(" + column + ", " + zone + "), ST_Transform(");
        geometry(b, literal, srid);
        b.sql(", " + zone + "), ").param(meters).sql("))");
    }

    /**
     * The index finds the rows whose box meets the literal's; the exact test is {@link PreparedLiterals#relate}
     * against the literal prepared once per query instead of H2GIS's function, which tests every row against the
     * raw literal (a 100,000-vertex polygon: 100,000 per row).
     */
    @Override
    public void spatialPredicate(SqlBuilder b, String function, String column, Geometry literal, int srid,
                                 boolean negate) {
        String relation = switch (function) {
            case "ST_Intersects" -> "intersects";
            case "ST_Within" -> "within";
            case "ST_Contains" -> "contains";
            case "ST_Crosses" -> "crosses";
            case "ST_Touches" -> "touches";
            case "ST_Overlaps" -> "overlaps";
            case "ST_Equals" -> "equals";
            default -> null;
        };
        if (relation == null) {
            super.spatialPredicate(b, function, column, literal, srid, negate);
            return;
        }
        String key = PreparedLiterals.pin(literal, wkb(literal));
        b.onRelease(() -> PreparedLiterals.unpin(key));
        if (negate) {
            b.sql("NOT " + PreparedLiterals.FUNCTION + "(" + column + ", ").param(key).sql(", '" + relation + "')");
            return;
        }
        b.sql("(" + column + " && ");
        geometry(b, literal.getEnvelope(), srid);
        b.sql(" AND " + PreparedLiterals.FUNCTION + "(" + column + ", ").param(key).sql(", '" + relation + "'))");
    }

    /** {@link LinearLike}: H2's own LIKE backtracks without end on {@code %a%a%a…#}, inside one row. */
    @Override
    public void like(SqlBuilder b, String column, String pattern, boolean matchCase) {
        b.sql(LinearLike.FUNCTION + "(" + column + ", ").param(pattern).sql(", " + matchCase + ")");
    }

    /** H2's {@code QUERY_TIMEOUT} of the session, in milliseconds, while the read runs. */
    @Override
    public void startStatementTimeout(Connection connection, PreparedStatement statement, long millis) throws SQLException {
        try (var st = connection.createStatement()) {
            st.execute("SET QUERY_TIMEOUT " + Math.max(1, millis));
        }
    }

    /** Back to no timeout before the pooled connection serves a write or a load. */
    @Override
    public void endStatementTimeout(Connection connection) throws SQLException {
        try (var st = connection.createStatement()) {
            st.execute("SET QUERY_TIMEOUT 0");
        }
    }

    @Override
    public void initialize(Connection connection) throws SQLException {
        try (var st = connection.createStatement()) {
            // kept in the database file: created again when missing (files of earlier versions)
            st.execute("CREATE ALIAS IF NOT EXISTS " + PreparedLiterals.FUNCTION + " FOR '"
                    + PreparedLiterals.class.getName() + ".relate'");
            st.execute("CREATE ALIAS IF NOT EXISTS " + LinearLike.FUNCTION + " FOR '" + LinearLike.class.getName() + ".like'");
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.ROUTINES WHERE UPPER(ROUTINE_NAME) = 'ST_TRANSFORM'");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (rs.getInt(1) > 0) {
                return;
            }
        }
        H2GISFunctions.load(connection);
    }

    @Override
    public boolean tableExists(Connection connection, String qualifiedTable) throws SQLException {
        int dot = qualifiedTable.indexOf('.');
        String schema = dot < 0 ? "public" : qualifiedTable.substring(0, dot);
        String name = dot < 0 ? qualifiedTable : qualifiedTable.substring(dot + 1);
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }

    /** A transactional local temporary table: creating it does not commit the load's transaction. */
    @Override
    public String loadTableDdl(String name, String columns) {
        return "CREATE LOCAL TEMPORARY TABLE " + name + " (" + columns + ") ON COMMIT DROP TRANSACTIONAL";
    }
}
