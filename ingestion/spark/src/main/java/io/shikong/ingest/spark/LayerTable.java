package io.shikong.ingest.spark;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The layout of a managed (versioned) layer table in PostGIS, read from the database so that the job needs
 * no catalog: the store creates it as
 * {@code (id, attributes..., geometry, valid_from, valid_to, version, PRIMARY KEY (id, version))}
 * (store-jdbc's {@code JdbcFeatureStore.createManaged}).
 *
 * @param table          the table name as given (may be schema-qualified)
 * @param idColumn       the feature id column (the primary key without {@code version})
 * @param attributes     the attribute columns, in table order, with their SQL types
 * @param geometryColumn the geometry column
 * @param geometryType   its type ({@code POINT}, {@code MULTIPOLYGON}, ... or {@code GEOMETRY})
 * @param srid           its SRID
 */
public record LayerTable(String table, String idColumn, List<Column> attributes, String geometryColumn,
                         String geometryType, int srid) implements Serializable {

    private static final Set<String> TIME_COLUMNS = Set.of("valid_from", "valid_to", "version");

    /**
     * A column and its type as PostgreSQL formats it ({@code text}, {@code integer}, {@code double precision},
     * {@code timestamp with time zone}, ...).
     */
    public record Column(String name, String sqlType) implements Serializable {

        /** The Spark SQL type a source value is cast to before it is sent. */
        public String sparkType() {
            String t = sqlType.toLowerCase(Locale.ROOT);
            if (t.startsWith("integer") || t.equals("smallint")) {
                return "int";
            } else if (t.equals("bigint")) {
                return "bigint";
            } else if (t.startsWith("double") || t.equals("real") || t.startsWith("numeric")) {
                return "double";
            } else if (t.equals("boolean")) {
                return "boolean";
            } else if (t.equals("date")) {
                return "date";
            } else if (t.startsWith("timestamp")) {
                return "timestamp";
            }
            return "string";
        }
    }

    /**
     * Reads the layout of {@code table}.
     *
     * @throws IllegalArgumentException when the table is missing or is not a managed layer table
     */
    public static LayerTable read(Connection c, String table) throws SQLException {
        String regclass;
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?)::text")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                regclass = rs.getString(1);
            }
        }
        if (regclass == null) {
            throw new IllegalArgumentException("图层表不存在 layer table '" + table + "' does not exist "
                    + "(start the server once on this database, or create the layer, first)");
        }
        List<String> key = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.attname FROM pg_index i JOIN pg_attribute a "
                + "ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) WHERE i.indrelid = ?::regclass AND i.indisprimary")) {
            ps.setString(1, regclass);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    key.add(rs.getString(1));
                }
            }
        }
        List<Column> attributes = new ArrayList<>();
        String geometry = null;
        String geometryType = null;
        int srid = 0;
        boolean versioned = false;
        try (PreparedStatement ps = c.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod), "
                + "t.typname = 'geometry', CASE WHEN t.typname = 'geometry' THEN postgis_typmod_type(a.atttypmod) END, "
                + "CASE WHEN t.typname = 'geometry' THEN postgis_typmod_srid(a.atttypmod) END "
                + "FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
                + "WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            ps.setString(1, regclass);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (rs.getBoolean(3)) {
                        geometry = name;
                        geometryType = rs.getString(4).toUpperCase(Locale.ROOT);
                        srid = rs.getInt(5);
                    } else if (TIME_COLUMNS.contains(name)) {
                        versioned |= name.equals("version");
                    } else if (!key.contains(name)) {
                        attributes.add(new Column(name, rs.getString(2)));
                    }
                }
            }
        }
        key.remove("version");
        if (!versioned || key.size() != 1 || geometry == null) {
            throw new IllegalArgumentException("不是受管的版本化图层表 '" + table + "' is not a managed layer table "
                    + "(id, attributes, geometry, valid_from, valid_to, version, primary key (id, version))");
        }
        if (srid <= 0) {
            throw new IllegalArgumentException("图层表几何列没有 SRID the geometry column of '" + table + "' has no SRID");
        }
        return new LayerTable(table, key.get(0), List.copyOf(attributes), geometry, geometryType, srid);
    }

    /** The columns a staging table holds, in COPY order: id, attributes, geometry. */
    public List<String> stagingColumns() {
        List<String> out = new ArrayList<>();
        out.add(idColumn);
        attributes.forEach(a -> out.add(a.name()));
        out.add(geometryColumn);
        return out;
    }

    /** Double-quotes an identifier for PostgreSQL. */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** Quotes each part of a possibly schema-qualified name. */
    public static String quoteQualified(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? quote(name) : quote(name.substring(0, dot)) + "." + quote(name.substring(dot + 1));
    }
}
