package io.shikong.ingest.spark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one set-based merge of a staging table into a managed layer's versions, run once on the driver after
 * every partition has been copied, in one transaction. The same semantics as the store's
 * {@code FeatureStore.merge}:
 * <ul>
 *   <li>an id not current in the layer: version 1 (or the next version of a closed feature) valid from
 *       {@code validFrom};</li>
 *   <li>an id whose attributes or geometry differ (geometries compared exactly after
 *       {@code ST_Normalize}): the current version closed at {@code validFrom}, the next one opened;</li>
 *   <li>unchanged: nothing;</li>
 *   <li>a snapshot load: current ids absent from the input closed at {@code validFrom}.</li>
 * </ul>
 * A {@code validFrom} earlier than the current version of a feature it would change or close (or than the
 * end of a closed feature's last version) is refused, naming the feature and both instants, and nothing
 * is written. Loads into one layer are serialized with each other and with the store's own loads by the
 * store's transaction advisory lock ({@code hashtext('shikong.load.' || layer)}), and the table is locked in
 * {@code EXCLUSIVE} mode so ordinary writes wait for the merge while reads go on. Geometries are compared
 * as the store's merge compares them ({@code ST_OrderingEquals}, then after {@code ST_Normalize}). When the store's change log ({@code shikong_changes}) exists,
 * the load appends one row with the boxes of what changed and notifies the servers (tile caches and the
 * red-line index follow it). A dry run computes the counts and rolls back.
 */
public final class VersionMerge {

    /** At most this many change boxes; beyond it, one box covers everything. */
    static final int MAX_BOXES = 64;
    /** Grid (degrees) by which change boxes are grouped. */
    static final double BOX_GRID = 0.05;
    /** Prefix of the advisory lock text of loads into a layer, the store's ({@code hashtext('shikong.load.' || layer)}). */
    static final String LOAD_LOCK_PREFIX = "shikong.load.";
    /** The origin the change-log row names. */
    static final String ORIGIN = "spark-ingest";

    private VersionMerge() {
    }

    /** What a merge did. */
    public record Result(long inserted, long changed, long unchanged, long closed) {
    }

    /**
     * Merges {@code staging} (columns {@link LayerTable#stagingColumns()}) into {@code layer}'s table.
     *
     * @param c         a connection (auto-commit is switched off and restored)
     * @param layerName the layer's name, for the lock and the change log
     * @throws IllegalStateException for a refused backdated load (nothing written)
     */
    public static Result merge(Connection c, String layerName, LayerTable layer, String staging, Instant validFrom,
                               boolean snapshot, boolean dryRun) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            Result result = mergeInTransaction(c, layerName, layer, staging, validFrom, snapshot);
            if (dryRun) {
                c.rollback();
            } else {
                c.commit();
            }
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static Result mergeInTransaction(Connection c, String layerName, LayerTable layer, String staging,
                                             Instant validFrom, boolean snapshot) throws SQLException {
        String t = LayerTable.quoteQualified(layer.table());
        String id = LayerTable.quote(layer.idColumn());
        String g = LayerTable.quote(layer.geometryColumn());
        OffsetDateTime vf = OffsetDateTime.ofInstant(validFrom, ZoneOffset.UTC);
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            ps.setString(1, LOAD_LOCK_PREFIX + layerName);
            ps.executeQuery().close();
        }
        try (Statement st = c.createStatement()) {
            st.execute("LOCK TABLE " + t + " IN EXCLUSIVE MODE");
        }
        String same = layer.attributes().stream()
                .map(a -> "c." + LayerTable.quote(a.name()) + " IS NOT DISTINCT FROM s." + LayerTable.quote(a.name()))
                .collect(Collectors.joining(" AND "));
        // exact first (the common case of a reload), then after normalization, as the store's merge compares
        same = (same.isEmpty() ? "" : same + " AND ") + "(ST_OrderingEquals(c." + g + ", s." + g + ") OR "
                + "ST_OrderingEquals(ST_Normalize(c." + g + "), ST_Normalize(s." + g + ")))";
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS shikong_merge_diff");
            st.execute("CREATE TEMP TABLE shikong_merge_diff ON COMMIT DROP AS SELECT s." + id + " AS id, "
                    + "CASE WHEN c." + id + " IS NULL THEN 'n' WHEN " + same + " THEN 'u' ELSE 'c' END AS kind, "
                    + "c.valid_from AS current_from FROM " + staging + " s LEFT JOIN " + t + " c ON c." + id + " = s." + id
                    + " AND c.valid_to IS NULL");
            if (snapshot) {
                st.execute("INSERT INTO shikong_merge_diff SELECT c." + id + ", 'x', c.valid_from FROM " + t + " c "
                        + "WHERE c.valid_to IS NULL AND NOT EXISTS (SELECT 1 FROM " + staging + " s WHERE s." + id + " = c." + id + ")");
            }
            st.execute("CREATE INDEX ON shikong_merge_diff (id)");
            st.execute("ANALYZE shikong_merge_diff");
        }
        refuseBackdated(c, t, id, vf);
        long[] counts = new long[4];
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT kind, count(*) FROM shikong_merge_diff GROUP BY kind")) {
            while (rs.next()) {
                int i = "ncux".indexOf(rs.getString(1));
                counts[i] = rs.getLong(2);
            }
        }
        List<double[]> boxes = counts[0] + counts[1] + counts[3] == 0 ? List.of() : boxes(c, t, id, g, staging);
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t + " t SET valid_to = ? FROM shikong_merge_diff d "
                + "WHERE t." + id + " = d.id AND t.valid_to IS NULL AND d.kind IN ('c', 'x')")) {
            ps.setObject(1, vf);
            ps.executeUpdate();
        }
        String cols = layer.stagingColumns().stream().map(LayerTable::quote).collect(Collectors.joining(", "));
        String values = layer.stagingColumns().stream().map(col -> "s." + LayerTable.quote(col)).collect(Collectors.joining(", "));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (" + cols + ", valid_from, valid_to, version) "
                + "SELECT " + values + ", ?, NULL, COALESCE((SELECT max(v.version) FROM " + t + " v WHERE v." + id + " = s." + id
                + "), 0) + 1 FROM " + staging + " s JOIN shikong_merge_diff d ON d.id = s." + id + " AND d.kind IN ('n', 'c')")) {
            ps.setObject(1, vf);
            ps.executeUpdate();
        }
        if (!boxes.isEmpty()) {
            appendChange(c, layerName, boxes, vf);
        }
        return new Result(counts[0], counts[1], counts[2], counts[3]);
    }

    private static void refuseBackdated(Connection c, String t, String id, OffsetDateTime vf) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT d.id, d.current_from FROM shikong_merge_diff d "
                + "WHERE d.kind IN ('c', 'x') AND d.current_from > ? "
                + "UNION ALL SELECT d.id, max(v.valid_to) FROM shikong_merge_diff d JOIN " + t + " v ON v." + id + " = d.id "
                + "WHERE d.kind = 'n' GROUP BY d.id HAVING max(v.valid_to) > ? LIMIT 1")) {
            ps.setObject(1, vf);
            ps.setObject(2, vf);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    throw new IllegalStateException("生效时间早于要素现有版本，拒绝加载 load refused: valid-from " + vf.toInstant()
                            + " is earlier than " + rs.getObject(2, OffsetDateTime.class).toInstant() + ", the time of feature '"
                            + rs.getString(1) + "''s current history; a backdated load would break the history");
                }
            }
        }
    }

    /** Boxes (minx, miny, maxx, maxy) of the versions closed and opened, grouped by a grid, at most {@value #MAX_BOXES}. */
    private static List<double[]> boxes(Connection c, String t, String id, String g, String staging) throws SQLException {
        String touched = "SELECT c." + g + " AS g FROM " + t + " c JOIN shikong_merge_diff d ON d.id = c." + id
                + " AND d.kind IN ('c', 'x') WHERE c.valid_to IS NULL UNION ALL SELECT s." + g + " FROM " + staging
                + " s JOIN shikong_merge_diff d ON d.id = s." + id + " AND d.kind IN ('n', 'c')";
        String sql = "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(g) AS e FROM (" + touched
                + ") x GROUP BY floor(ST_XMin(g) / " + BOX_GRID + "), floor(ST_YMin(g) / " + BOX_GRID + ")) b LIMIT " + (MAX_BOXES + 1);
        List<double[]> boxes = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                boxes.add(new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)});
            }
        }
        if (boxes.size() > MAX_BOXES) {
            double[] all = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(g) AS e FROM (" + touched + ") x) b")) {
                rs.next();
                all = new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)};
            }
            return List.of(all);
        }
        return boxes;
    }

    /** One row of the store's change log and a notification, when the log exists (the server creates it). */
    private static void appendChange(Connection c, String layerName, List<double[]> boxes, OffsetDateTime vf) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT to_regclass('shikong_changes') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return;
            }
        }
        String text = boxes.stream().map(b -> b[0] + " " + b[1] + " " + b[2] + " " + b[3]).collect(Collectors.joining(";"));
        try (Statement st = c.createStatement()) {
            st.execute("LOCK TABLE shikong_changes IN SHARE ROW EXCLUSIVE MODE");
        }
        long seq;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO shikong_changes (layer, valid_from, boxes, origin) "
                + "VALUES (?, ?, ?, ?) RETURNING seq")) {
            ps.setString(1, layerName);
            ps.setObject(2, vf);
            ps.setString(3, text);
            ps.setString(4, ORIGIN);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                seq = rs.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify('shikong_changes', ?)")) {
            ps.setString(1, Long.toString(seq));
            ps.executeQuery().close();
        }
    }
}
