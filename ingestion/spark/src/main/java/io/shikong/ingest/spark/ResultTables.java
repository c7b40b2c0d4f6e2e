package io.shikong.ingest.spark;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.expr;

/**
 * Writes an analytical result as a PostGIS table the services can publish (a {@code published} layer of the
 * catalog: a primary key, a typed geometry column with its SRID and a GiST index). The rows are copied in
 * parallel into {@code <name>_shikong_new} (each partition's own COPY), then one transaction replaces the
 * old table by the new one: readers see the old result or the new one, never a partial one.
 */
public final class ResultTables {

    private ResultTables() {
    }

    /**
     * A result table's definition.
     *
     * @param name           table name (possibly schema-qualified)
     * @param columns        column name and SQL type, in the frame's order
     * @param primaryKey     primary key columns
     * @param geometryColumn the geometry column (its type among {@code columns}), or null
     */
    public record Definition(String name, List<String[]> columns, List<String> primaryKey, String geometryColumn) {
    }

    /**
     * Replaces {@code definition}'s table by the rows of {@code rows}, whose columns are in the definition's
     * order; geometry columns are Sedona geometries (sent as EWKB), the others anything that casts to text
     * in PostgreSQL's input syntax.
     *
     * @return the number of rows written
     */
    public static long write(Dataset<Row> rows, Definition definition, JdbcTarget jdbc, int srid) throws SQLException {
        String fresh = definition.name() + "_shikong_new";
        String bare = bareName(definition.name());
        List<String> names = definition.columns().stream().map(c -> c[0]).toList();
        try (Connection c = jdbc.connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + LayerTable.quoteQualified(fresh));
            st.execute("CREATE TABLE " + LayerTable.quoteQualified(fresh) + " (" + definition.columns().stream()
                    .map(col -> LayerTable.quote(col[0]) + " " + col[1]).collect(Collectors.joining(", ")) + ")");
        }
        List<Column> text = new ArrayList<>();
        for (String[] col : definition.columns()) {
            text.add(col[0].equals(definition.geometryColumn())
                    ? expr("hex(ST_AsEWKB(ST_SetSRID(`" + col[0] + "`, " + srid + ")))")
                    : expr("CAST(`" + col[0] + "` AS string)"));
        }
        rows.select(text.toArray(Column[]::new))
                .foreachPartition(new CopyPartition(jdbc, LayerTable.quoteQualified(fresh), names));
        try (Connection c = jdbc.connect()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                String pk = definition.primaryKey().stream().map(LayerTable::quote).collect(Collectors.joining(", "));
                st.execute("ALTER TABLE " + LayerTable.quoteQualified(fresh) + " ADD CONSTRAINT "
                        + LayerTable.quote(bare + "_shikong_new_pkey") + " PRIMARY KEY (" + pk + ")");
                if (definition.geometryColumn() != null) {
                    st.execute("CREATE INDEX " + LayerTable.quote(bare + "_shikong_new_gist") + " ON "
                            + LayerTable.quoteQualified(fresh) + " USING GIST (" + LayerTable.quote(definition.geometryColumn()) + ")");
                }
                st.execute("DROP TABLE IF EXISTS " + LayerTable.quoteQualified(definition.name()));
                st.execute("ALTER TABLE " + LayerTable.quoteQualified(fresh) + " RENAME TO " + LayerTable.quote(bare));
                st.execute("ALTER INDEX " + qualifiedLike(definition.name(), bare + "_shikong_new_pkey")
                        + " RENAME TO " + LayerTable.quote(bare + "_pkey"));
                if (definition.geometryColumn() != null) {
                    st.execute("ALTER INDEX " + qualifiedLike(definition.name(), bare + "_shikong_new_gist")
                            + " RENAME TO " + LayerTable.quote(bare + "_gist"));
                }
                st.execute("ANALYZE " + LayerTable.quoteQualified(definition.name()));
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
            try (Statement st = c.createStatement();
                 var rs = st.executeQuery("SELECT count(*) FROM " + LayerTable.quoteQualified(definition.name()))) {
                rs.next();
                long n = rs.getLong(1);
                c.commit();
                return n;
            }
        }
    }

    private static String bareName(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }

    private static String qualifiedLike(String table, String name) {
        int dot = table.indexOf('.');
        return dot < 0 ? LayerTable.quote(name) : LayerTable.quote(table.substring(0, dot)) + "." + LayerTable.quote(name);
    }
}
