package io.shikong.core.store.jdbc;

import io.shikong.core.catalog.AttributeDefinition;
import io.shikong.core.catalog.AttributeType;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.StoreException;
import io.shikong.core.query.Query;
import io.shikong.core.query.VectorTileQuery;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Envelope;

/**
 * One layer of a Mapbox Vector Tile encoded by PostGIS: one {@code ST_AsMVT} statement per layer and tile,
 * kept in the resource {@code mvt-layer.sql} beside this class.
 *
 * <p>What the statement does: the versions the time selection sees (the same condition as
 * {@link JdbcFeatureStore#read}) whose bounding box meets the tile grown by the buffer (the GiST index test
 * {@code geom && ST_Transform(envelope, storage srid)}), in id order, at most {@code limit} of them; each
 * transformed to the tile CRS, simplified by the tolerance in tile units converted to CRS units with the
 * tile's span, clipped to the buffered tile and snapped to the tile grid by {@code ST_AsMVTGeom}; what
 * collapses or falls outside is dropped (so a layer may hold fewer than {@code limit} features).
 *
 * <p>Feature ids: an integer id column (published tables) is the MVT feature id; a text id (every managed
 * layer) cannot be one, so it is written as the property {@code id} and the feature has no MVT id (an
 * attribute of that name is then left out). Properties: the named attributes, {@code NULL}s omitted as
 * {@code ST_AsMVT} does; dates as {@code yyyy-MM-dd}, timestamps as UTC {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}
 * (the session's time zone never shows).
 *
 * <p>Only identifiers from the validated catalog are written into the template; every value is bound, but
 * for {@code NULL} (no feature id column, no limit), which is written as such.
 */
public final class PostgisVectorTiles {

    /** The class-path location of the statement template. */
    public static final String TEMPLATE = "mvt-layer.sql";
    /** The property a text id is written to. */
    public static final String ID_PROPERTY = "id";
    /** {@code to_char} pattern of dates, the same text as {@code LocalDate.toString()}. */
    static final String DATE_FORMAT = "YYYY-MM-DD";
    /** {@code to_char} pattern of timestamps in UTC with milliseconds. */
    static final String TIMESTAMP_FORMAT = "YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"";

    private static final Pattern TOKEN = Pattern.compile("\\$\\{([a-z_]+)}|(?<![:\\w]):([a-z_]+)");
    /** The template cut once into text, {@code ${fragment}} and {@code :value} pieces (not per tile). */
    private static final List<Piece> PIECES = pieces(load());

    /** A piece of the template: literal text, or the name of a fragment or of a value. */
    private record Piece(String text, String fragment, String value) {
    }

    private final JdbcFeatureStore store;

    /** @param store the PostGIS store whose tables, dialect and time condition the statement uses */
    public PostgisVectorTiles(JdbcFeatureStore store) {
        this.store = store;
    }

    /**
     * The encoded layer: zero bytes when no feature is left in the tile.
     *
     * @throws io.shikong.core.error.LayerNotFoundException when the layer is unknown or the caller may not see it
     * @throws InvalidParameterException when a property is not an attribute of the layer
     * @throws StoreException when the database fails
     */
    public byte[] encode(VectorTileQuery q) {
        LayerDefinition layer = store.catalog().layer(q.layer(), q.caller());
        SqlBuilder sql = statement(layer, q);
        try (Connection c = store.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql.text())) {
            sql.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                byte[] bytes = rs.next() ? rs.getBytes(1) : null;
                return bytes == null ? new byte[0] : bytes;
            }
        } catch (SQLException e) {
            throw new StoreException("vector tile of '" + layer.name() + "' failed: " + e.getMessage(), e);
        }
    }

    /** The statement for one layer and tile, with its parameters (for EXPLAIN in tests and benchmarks). */
    public SqlBuilder statement(VectorTileQuery q) {
        return statement(store.catalog().layer(q.layer(), q.caller()), q);
    }

    private SqlBuilder statement(LayerDefinition layer, VectorTileQuery q) {
        SqlDialect d = store.dialect();
        boolean integerId = layer.idType() == AttributeType.INTEGER || layer.idType() == AttributeType.LONG;
        String id = d.quote(layer.idAttribute());

        // candidates' columns: id, attributes, geometry; the output properties computed from them
        Set<String> columns = new LinkedHashSet<>();
        columns.add(id);
        SqlBuilder properties = new SqlBuilder().sql(integerId ? id : id + " AS " + d.quote(ID_PROPERTY));
        for (AttributeDefinition a : attributes(layer, q.properties(), integerId)) {
            String col = d.quote(a.name());
            columns.add(col);
            properties.sql(", ");
            switch (a.type()) {
                case DATE -> properties.sql("to_char(" + col + ", ").param(DATE_FORMAT).sql(") AS " + col);
                case TIMESTAMP -> properties.sql("to_char(" + col + " AT TIME ZONE 'UTC', ").param(TIMESTAMP_FORMAT)
                        .sql(") AS " + col);
                default -> properties.sql(col);
            }
        }
        columns.add(d.quote(layer.geometryColumn()));

        Envelope t = q.tileBounds();
        double unitX = t.getWidth() / q.extent();
        double unitY = t.getHeight() / q.extent();
        Envelope buffered = new Envelope(t.getMinX() - q.buffer() * unitX, t.getMaxX() + q.buffer() * unitX,
                t.getMinY() - q.buffer() * unitY, t.getMaxY() + q.buffer() * unitY);

        Map<String, Object> fragments = new HashMap<>();
        fragments.put("properties", properties);
        fragments.put("geometry", d.quote(layer.geometryColumn()));
        fragments.put("columns", String.join(", ", columns));
        fragments.put("table", d.table(layer.table()));
        fragments.put("time", store.where(layer, Query.of(layer.name(), q.caller()).time(q.time()).build()));
        fragments.put("order", id);

        Map<String, Object> values = new HashMap<>();
        values.put("layer", layer.name());
        values.put("extent", q.extent());
        values.put("buffer", q.buffer());
        values.put("feature_id", integerId ? layer.idAttribute() : null);
        values.put("tile_srid", q.tileCrs().epsg());
        values.put("storage_srid", layer.srid());
        values.put("tolerance", q.simplify() * Math.min(unitX, unitY));
        values.put("tile_xmin", t.getMinX());
        values.put("tile_ymin", t.getMinY());
        values.put("tile_xmax", t.getMaxX());
        values.put("tile_ymax", t.getMaxY());
        values.put("buffered_xmin", buffered.getMinX());
        values.put("buffered_ymin", buffered.getMinY());
        values.put("buffered_xmax", buffered.getMaxX());
        values.put("buffered_ymax", buffered.getMaxY());
        values.put("limit", q.limit());
        return render(fragments, values);
    }

    /** The attributes to write, checked against the schema; the one named like the written id left out. */
    private static List<AttributeDefinition> attributes(LayerDefinition layer, List<String> names, boolean integerId) {
        List<AttributeDefinition> out = new ArrayList<>();
        for (String name : new LinkedHashSet<>(names)) {
            if (!integerId && name.equals(ID_PROPERTY)) {
                continue;
            }
            out.add(layer.attribute(name).orElseThrow(() -> new InvalidParameterException("properties",
                    "图层 '" + layer.name() + "' 没有属性 '" + name + "' (layer has no attribute '" + name + "')")));
        }
        return out;
    }

    private static SqlBuilder render(Map<String, Object> fragments, Map<String, Object> values) {
        SqlBuilder b = new SqlBuilder();
        for (Piece p : PIECES) {
            if (p.text() != null) {
                b.sql(p.text());
            } else if (p.fragment() != null) {
                Object f = fragments.get(p.fragment());
                if (f instanceof SqlBuilder sb) {
                    b.append(sb);
                } else if (f instanceof String text) {
                    b.sql(text);
                } else {
                    throw new IllegalStateException("mvt-layer.sql: no clause for ${" + p.fragment() + "}");
                }
            } else {
                if (!values.containsKey(p.value())) {
                    throw new IllegalStateException("mvt-layer.sql: no value for :" + p.value());
                }
                Object v = values.get(p.value());
                if (v == null) {
                    // written, not bound: pgJDBC gives an untyped null no type, then describes the statement
                    // (a round trip), and for a described statement with a bytea result it sends a Sync and
                    // waits before every execution (QueryExecutorImpl.flushIfDeadlockRisk): two round trips
                    // per layer instead of one
                    b.sql("NULL");
                } else {
                    b.param(v);
                }
            }
        }
        return b;
    }

    private static List<Piece> pieces(String text) {
        List<Piece> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        int at = 0;
        while (m.find()) {
            out.add(new Piece(text.substring(at, m.start()), null, null));
            out.add(m.group(1) != null ? new Piece(null, m.group(1), null) : new Piece(null, null, m.group(2)));
            at = m.end();
        }
        out.add(new Piece(text.substring(at), null, null));
        return List.copyOf(out);
    }

    private static String load() {
        try (InputStream in = PostgisVectorTiles.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is missing from the class path");
            }
            StringBuilder sql = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.stripLeading().startsWith("--")) {
                    sql.append(line).append('\n');
                }
            }
            return sql.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TEMPLATE, e);
        }
    }
}
