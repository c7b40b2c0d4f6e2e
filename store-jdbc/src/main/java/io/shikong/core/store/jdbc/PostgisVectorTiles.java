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
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Envelope;

/**
 * Mapbox Vector Tiles encoded by PostGIS: one {@code ST_AsMVT} statement per tile. Each layer is the
 * statement kept in the resource {@code mvt-layer.sql} beside this class; a tile of several layers is one
 * statement that concatenates them ({@code SELECT COALESCE((layer 1), ''::bytea) || COALESCE((layer 2),
 * ''::bytea) ...}: a tile's layers are a repeated field, so the concatenation is one valid tile), so a tile
 * costs one round trip and one connection checkout whatever its number of layers.
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

    /** At most this many rendered statements are kept; past it the cache starts over. */
    private static final int CACHE_LIMIT = 512;

    /**
     * What the statement text depends on besides the layer: the properties asked for, the kind of time
     * selection and which values are written as {@code NULL} (bit i for the i-th value of {@link #VALUES}).
     */
    private record Shape(String layer, List<String> properties, Class<?> time, int nulls) {
    }

    /**
     * One parameter of a rendered statement: the named value of the tile, the i-th parameter of the time
     * condition, or a constant (the {@code to_char} patterns).
     */
    private record Slot(String value, int time, Object constant) {
    }

    /**
     * A statement rendered once for a {@link Shape}: its text and where each parameter comes from. Kept for
     * that layer definition only (a reloaded catalog renders again); {@code timed} when the time condition
     * has parameters of its own.
     */
    private record Rendered(LayerDefinition layer, String text, List<Slot> slots, boolean timed) {
    }

    /** The names of the tile's values, in a fixed order (for {@link Shape#nulls}). */
    private static final List<String> VALUES = List.of("layer", "extent", "buffer", "feature_id", "tile_srid",
            "storage_srid", "tolerance", "tile_xmin", "tile_ymin", "tile_xmax", "tile_ymax", "buffered_xmin",
            "buffered_ymin", "buffered_xmax", "buffered_ymax", "limit");

    private final JdbcFeatureStore store;
    /** The statement text per shape, rendered on the first tile of that shape and bound per tile after. */
    private final Map<Shape, Rendered> rendered = new ConcurrentHashMap<>();
    /** The statement of a tile of several layers, by the statements of its layers (the same text every tile). */
    private final Map<List<String>, String> combined = new ConcurrentHashMap<>();

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
        return encode(List.of(q));
    }

    /**
     * The tile of these layers (the same tile, one query per layer, in the order of the MVT layers) from one
     * statement: the layers without a feature left out, zero bytes when none has one.
     *
     * @throws io.shikong.core.error.LayerNotFoundException when a layer is unknown or the caller may not see it
     * @throws InvalidParameterException when a property is not an attribute of its layer
     * @throws StoreException when the database fails
     */
    public byte[] encode(List<VectorTileQuery> layers) {
        SqlBuilder sql = statement(layers);
        try (Connection c = store.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql.text())) {
            sql.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                byte[] bytes = rs.next() ? rs.getBytes(1) : null;
                return bytes == null ? new byte[0] : bytes;
            }
        } catch (SQLException e) {
            throw new StoreException("vector tile of '" + String.join(",", layers.stream().map(VectorTileQuery::layer).toList())
                    + "' failed: " + e.getMessage(), e);
        }
    }

    /** The statement for one layer and tile, with its parameters (for EXPLAIN in tests and benchmarks). */
    public SqlBuilder statement(VectorTileQuery q) {
        return statement(store.catalog().layer(q.layer(), q.caller()), q);
    }

    /**
     * The one statement of a tile of these layers, with its parameters: for one layer its statement, for
     * several the concatenation of theirs (a layer with no feature gives zero bytes).
     */
    public SqlBuilder statement(List<VectorTileQuery> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a tile needs at least one layer");
        }
        List<SqlBuilder> parts = new ArrayList<>(layers.size());
        for (VectorTileQuery q : layers) { // every layer checked (visible, attributes) before anything runs
            parts.add(statement(q));
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        List<String> texts = parts.stream().map(SqlBuilder::text).toList();
        String text = combined.get(texts);
        if (text == null) {
            StringBuilder b = new StringBuilder("SELECT ");
            for (int i = 0; i < parts.size(); i++) {
                b.append(i == 0 ? "" : "\n    || ").append("COALESCE((").append(texts.get(i)).append("), ''::bytea)");
            }
            text = b.toString();
            if (combined.size() >= CACHE_LIMIT) {
                combined.clear();
            }
            combined.put(texts, text);
        }
        List<Object> params = new ArrayList<>();
        for (SqlBuilder p : parts) {
            params.addAll(p.params());
        }
        return SqlBuilder.of(text, params);
    }

    private SqlBuilder statement(LayerDefinition layer, VectorTileQuery q) {
        boolean integerId = layer.idType() == AttributeType.INTEGER || layer.idType() == AttributeType.LONG;

        Envelope t = q.tileBounds();
        double unitX = t.getWidth() / q.extent();
        double unitY = t.getHeight() / q.extent();
        Envelope buffered = new Envelope(t.getMinX() - q.buffer() * unitX, t.getMaxX() + q.buffer() * unitX,
                t.getMinY() - q.buffer() * unitY, t.getMaxY() + q.buffer() * unitY);

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

        int nulls = 0;
        for (int i = 0; i < VALUES.size(); i++) {
            if (values.get(VALUES.get(i)) == null) {
                nulls |= 1 << i;
            }
        }
        Shape shape = new Shape(layer.name(), q.properties(), q.time() == null ? null : q.time().getClass(), nulls);
        Rendered r = rendered.get(shape);
        List<Object> timeParams = null;
        if (r == null || r.layer() != layer) {
            SqlBuilder time = time(layer, q);
            timeParams = time.params();
            r = render(layer, q, integerId, time, values);
            if (rendered.size() >= CACHE_LIMIT) {
                rendered.clear();
            }
            rendered.put(new Shape(shape.layer(), List.copyOf(shape.properties()), shape.time(), nulls), r);
        } else if (r.timed()) {
            timeParams = time(layer, q).params();
        }

        List<Object> params = new ArrayList<>(r.slots().size());
        for (Slot slot : r.slots()) {
            if (slot.value() != null) {
                params.add(values.get(slot.value()));
            } else if (slot.time() >= 0) {
                params.add(timeParams.get(slot.time()));
            } else {
                params.add(slot.constant());
            }
        }
        return SqlBuilder.of(r.text(), params);
    }

    /** The time condition of the tile's selection, with its parameters. */
    private SqlBuilder time(LayerDefinition layer, VectorTileQuery q) {
        return store.where(layer, Query.of(layer.name(), q.caller()).time(q.time()).build());
    }

    /** The statement text of the tile's shape, and where each of its parameters comes from. */
    private Rendered render(LayerDefinition layer, VectorTileQuery q, boolean integerId, SqlBuilder time,
                            Map<String, Object> values) {
        SqlDialect d = store.dialect();
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

        Map<String, Object> fragments = new HashMap<>();
        fragments.put("properties", properties);
        fragments.put("geometry", d.quote(layer.geometryColumn()));
        fragments.put("columns", String.join(", ", columns));
        fragments.put("table", d.table(layer.table()));
        fragments.put("time", time);
        fragments.put("order", id);
        return render(layer, fragments, values);
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

    private static Rendered render(LayerDefinition layer, Map<String, Object> fragments, Map<String, Object> values) {
        StringBuilder b = new StringBuilder();
        List<Slot> slots = new ArrayList<>();
        boolean timed = false;
        for (Piece p : PIECES) {
            if (p.text() != null) {
                b.append(p.text());
            } else if (p.fragment() != null) {
                Object f = fragments.get(p.fragment());
                if (f instanceof SqlBuilder sb) {
                    b.append(sb.text());
                    List<Object> ps = sb.params();
                    boolean isTime = p.fragment().equals("time");
                    for (int i = 0; i < ps.size(); i++) {
                        slots.add(isTime ? new Slot(null, i, null) : new Slot(null, -1, ps.get(i)));
                    }
                    timed |= isTime && !ps.isEmpty();
                } else if (f instanceof String text) {
                    b.append(text);
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
                    b.append("NULL");
                } else {
                    b.append('?');
                    slots.add(new Slot(p.value(), -1, null));
                }
            }
        }
        return new Rendered(layer, b.toString(), List.copyOf(slots), timed);
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
