import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.CrsService;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.query.VectorTileQuery;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import io.shikong.core.store.jdbc.PostgisFeatureStore;
import io.shikong.core.store.jdbc.PostgisVectorTiles;
import io.shikong.core.store.jdbc.SqlBuilder;
import io.shikong.samples.SampleCatalog;
import io.shikong.tiles.grid.TileMatrix;
import io.shikong.tiles.grid.TileMatrixSet;
import io.shikong.tiles.grid.TileMatrixSets;
import io.shikong.tiles.grid.TileProjection;
import io.shikong.tiles.mvt.MvtSettings;
import io.shikong.tiles.mvt.VectorTiles;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The SQL statements Shikong's PostGIS store runs for vector tiles, for bench/tiles_bench.py to run the very
 * same statements through pgbench. Run from source against the server's jar:
 *
 * <pre>
 * java -cp micronaut-api/target/micronaut-api-0.1.0-SNAPSHOT-all.jar bench/tiles/MvtStatements.java \
 *     JDBC_URL USER PASSWORD LAYERS TILES_FILE OUT_JSON
 * </pre>
 *
 * For each WebMercatorQuad tile of TILES_FILE ({@code z x y} per line), the tile service's {@link VectorTiles}
 * (default {@link MvtSettings}, the current time, an admin caller) makes the tile's queries (one per layer); a
 * store wrapper records them instead of running them, and {@link PostgisVectorTiles#statement(List)} renders
 * them into the tile's one statement and parameters {@code PostgisVectorTiles.encode} would prepare and bind
 * (the layers' ST_AsMVT concatenated with ||). OUT_JSON:
 * {@code {"statements": [{"layer" (the layers, comma-separated), "sql" (with ?), "types": [double|integer|long|string|timestamptz|boolean|null]}],
 * "tiles": [{"z", "x", "y", "params": [[value, ...] per statement]}], "zooms": [{"z", "originX", "originY",
 * "spanX", "spanY", "extent", "buffer", "simplify", "limit"}]}} (the tile matrix and the settings per zoom, from
 * which the script recomputes each tile's values); the statement text of a layer must be the same for every
 * tile (only values differ), or this fails.
 */
public final class MvtStatements {

    private MvtStatements() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: MvtStatements JDBC_URL USER PASSWORD LAYERS TILES_FILE OUT_JSON");
            System.exit(2);
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(args[0]);
        ds.setUser(args[1]);
        ds.setPassword(args[2]);
        LayerCatalog catalog = SampleCatalog.load();
        CrsService crs = new CrsService();
        Caller caller = Caller.of("bench", Caller.ADMIN);
        List<String> names = Arrays.asList(args[3].split(","));
        try (PostgisFeatureStore store = new PostgisFeatureStore(ds, catalog, crs)) {
            PostgisVectorTiles postgis = new PostgisVectorTiles(store);
            List<VectorTileQuery> asked = new ArrayList<>();
            FeatureStore recorder = (FeatureStore) Proxy.newProxyInstance(FeatureStore.class.getClassLoader(),
                    new Class<?>[] {FeatureStore.class}, (proxy, method, a) -> {
                        if (method.getName().equals("vectorTileLayers")) {
                            for (Object q : (List<?>) a[0]) {
                                asked.add((VectorTileQuery) q);
                            }
                            return Optional.of(new byte[0]);
                        }
                        if (method.getName().equals("vectorTile")) {
                            throw new IllegalStateException("the tile service asked for a layer alone, not the tile's one statement");
                        }
                        try {
                            return method.invoke(store, a);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            TileMatrixSets sets = new TileMatrixSets(crs);
            VectorTiles tiles = new VectorTiles(recorder, crs, sets, new TileProjection(crs), MvtSettings.defaults());
            TileMatrixSet set = sets.get(TileMatrixSets.WEB_MERCATOR_QUAD);
            List<LayerDefinition> layers = names.stream().map(n -> catalog.layer(n, caller)).toList();

            SortedMap<Integer, TileMatrix> zooms = new TreeMap<>();
            String[] texts = new String[1];
            List<List<String>> types = new ArrayList<>();
            types.add(null);
            JsonFactory json = new JsonFactory();
            try (JsonGenerator out = json.createGenerator(Files.newOutputStream(Path.of(args[5])), JsonEncoding.UTF8)) {
                out.writeStartObject();
                out.writeArrayFieldStart("tiles");
                for (String line : Files.readAllLines(Path.of(args[4]))) {
                    if (line.isBlank()) {
                        continue;
                    }
                    String[] zxy = line.trim().split("\\s+");
                    int z = Integer.parseInt(zxy[0]);
                    long x = Long.parseLong(zxy[1]);
                    long y = Long.parseLong(zxy[2]);
                    asked.clear();
                    TileMatrix matrix = set.matrix(z).orElseThrow();
                    zooms.put(z, matrix);
                    tiles.encode(layers, set, matrix, x, y, TimeSelection.CURRENT, caller);
                    if (asked.size() != layers.size()) {
                        throw new IllegalStateException("expected one store query per layer, got " + asked.size());
                    }
                    out.writeStartObject();
                    out.writeNumberField("z", z);
                    out.writeNumberField("x", x);
                    out.writeNumberField("y", y);
                    out.writeArrayFieldStart("params");
                    for (int i = 0; i < 1; i++) { // the tile's one statement, all its layers
                        SqlBuilder sql = postgis.statement(List.copyOf(asked));
                        List<Object> values = bound(sql);
                        List<String> t = values.stream().map(MvtStatements::type).toList();
                        if (texts[i] == null) {
                            texts[i] = sql.text();
                            types.set(i, t);
                        } else if (!texts[i].equals(sql.text()) || !types.get(i).equals(t)) {
                            throw new IllegalStateException("the statement of " + args[3] + " changes between tiles");
                        }
                        out.writeStartArray();
                        for (Object v : values) {
                            write(out, v);
                        }
                        out.writeEndArray();
                    }
                    out.writeEndArray();
                    out.writeEndObject();
                }
                out.writeEndArray();
                out.writeArrayFieldStart("zooms");
                MvtSettings settings = tiles.settings();
                for (TileMatrix m : zooms.values()) {
                    out.writeStartObject();
                    out.writeNumberField("z", m.zoom());
                    out.writeFieldName("originX");
                    write(out, m.originX());
                    out.writeFieldName("originY");
                    write(out, m.originY());
                    out.writeFieldName("spanX");
                    write(out, m.tileSpanX());
                    out.writeFieldName("spanY");
                    write(out, m.tileSpanY());
                    out.writeNumberField("extent", settings.extent());
                    out.writeNumberField("buffer", settings.buffer());
                    out.writeFieldName("simplify");
                    write(out, settings.simplifyAt(m.zoom()));
                    out.writeNumberField("limit", settings.limitAt(m.zoom()));
                    out.writeEndObject();
                }
                out.writeEndArray();
                out.writeArrayFieldStart("statements");
                for (int i = 0; i < 1; i++) {
                    out.writeStartObject();
                    out.writeStringField("layer", args[3]);
                    out.writeStringField("sql", texts[i]);
                    out.writeArrayFieldStart("types");
                    for (String t : types.get(i)) {
                        out.writeString(t);
                    }
                    out.writeEndArray();
                    out.writeEndObject();
                }
                out.writeEndArray();
                out.writeEndObject();
            }
        }
    }

    /** The values the statement binds, in order, as {@link SqlBuilder#bind} hands them to the driver. */
    private static List<Object> bound(SqlBuilder sql) throws Exception {
        List<Object> values = new ArrayList<>();
        PreparedStatement ps = (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, a) -> {
                    if (method.getName().equals("setObject") && a.length == 2) {
                        int index = (Integer) a[0];
                        while (values.size() < index) {
                            values.add(null);
                        }
                        values.set(index - 1, a[1]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        int next = sql.bind(ps);
        while (values.size() < next - 1) {
            values.add(null);
        }
        return values;
    }

    /** The PostgreSQL type pgJDBC sends for a value given to setObject. */
    private static String type(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Double || v instanceof Float) {
            return "double";
        }
        if (v instanceof Integer || v instanceof Short) {
            return "integer";
        }
        if (v instanceof Long) {
            return "long";
        }
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof OffsetDateTime) {
            return "timestamptz";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        throw new IllegalArgumentException("no pgbench type for " + v.getClass());
    }

    private static void write(JsonGenerator out, Object v) throws Exception {
        if (v == null) {
            out.writeNull();
        } else if (v instanceof Number || v instanceof Boolean) {
            out.writeRawValue(v.toString()); // Double.toString round-trips exactly, and PostgreSQL reads it
        } else {
            out.writeString(v.toString());
        }
    }
}
