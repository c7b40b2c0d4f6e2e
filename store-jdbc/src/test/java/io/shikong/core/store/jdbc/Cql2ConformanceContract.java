package io.shikong.core.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.shikong.core.catalog.CatalogLoader;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.cql2.Cql2;
import io.shikong.core.crs.CrsService;
import io.shikong.core.feature.Feature;
import io.shikong.core.query.Query;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureCursor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.geotools.api.filter.Filter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

/**
 * CQL2 conformance on a store: the examples of OGC CQL2 ({@code cql2/examples.txt}, adapted to the layer
 * {@code sites} below) in Text and JSON give the same filter (the same SQL), and the store selects with it the
 * ids that a WHERE clause of the same meaning, written by hand, selects from the same table, over all versions
 * (open and closed valid time). Ten features cover NULLs, every geometry type the examples touch, DATE and
 * TIMESTAMP columns (microseconds included), intervals with open ends, and current and closed versions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class Cql2ConformanceContract {

    static final CrsService CRS = new CrsService();
    static final Caller ADMIN = Caller.of("loader", Caller.ADMIN);

    static final String CATALOG = """
            layers:
              - name: sites
                title: CQL2 examples
                geometry: Geometry
                transactions: true
                attributes:
                  - {name: name, type: string}
                  - {name: owner, type: string}
                  - {name: material, type: string}
                  - {name: floors, type: integer}
                  - {name: taxes, type: double}
                  - {name: swimming_pool, type: boolean}
                  - {name: value, type: double}
                  - {name: built, type: date}
                  - {name: updated, type: timestamp}
                  - {name: starts_at, type: timestamp}
                  - {name: ends_at, type: timestamp}
                  - {name: road_class, type: string}
                  - {name: etat_vol, type: string}
                  - {name: vehicle_height, type: double}
                  - {name: bridge_clearance, type: double}
            """;

    static final String[] COLUMNS = {"name", "owner", "material", "floors", "taxes", "swimming_pool", "value", "built",
        "updated", "starts_at", "ends_at", "road_class", "etat_vol", "vehicle_height", "bridge_clearance"};

    /** id, the attributes in the order of COLUMNS, geometry, valid from, valid to. */
    static final Object[][] ROWS = {
        {"s01", "Jones Tower", "Mike Jones", "brick", 10, 450.0, true, 5.0, "2010-05-01", "2012-03-04T10:00:00Z",
            "2017-06-10T08:00:00Z", "2017-06-11T09:00:00Z", "Straße", "débárquér", 3.5, 4.0,
            "POINT(123.1 41.1)", "2001-01-01T00:00:00Z", null},
        {"s02", "Mike's Cafe", "Mike Smith", "wood", 2, 600.0, false, 15.0, "2016-02-01", "2018-01-01T00:00:00Z",
            "2017-06-09T00:00:00Z", "2017-06-12T00:00:00Z", "STRASSE", "debarquer", 4.2, 4.0,
            "POINT(123.5 41.5)", "2005-06-01T00:00:00Z", "2015-01-01T00:00:00Z"},
        {"s03", "Brickworks", "Anna Lee", "red brick", 5, 500.0, true, 10.0, "2015-01-01", "2015-01-01T00:00:00Z",
            "2017-06-10T07:30:00Z", "2017-06-11T10:30:00Z", "Οδος", "Débarquer", 2.0, 2.5,
            "POLYGON((123 41, 123.2 41, 123.2 41.2, 123 41.2, 123 41))", "2010-01-01T00:00:00Z", null},
        {"s04", "Old Mill", "jones family", "stone", 4, null, null, 20.0, "1999-12-31", null,
            "2017-06-10T07:30:00Z", null, "οδος", "embarquer", 5.0, 4.5,
            "LINESTRING(123.05 40.95, 123.15 41.25)", "1990-01-01T00:00:00Z", "2001-01-01T00:00:00Z"},
        {"s05", null, "Zoe", "brick veneer", 12, 1200.5, true, null, "2020-07-07", "2021-07-07T12:30:00Z",
            null, "2017-06-11T10:30:00Z", null, null, 3.0, 3.0,
            "POLYGON((123.4 41.4, 123.6 41.4, 123.6 41.6, 123.4 41.6, 123.4 41.4))", "2020-07-07T00:00:00Z", null},
        {"s06", "foo bar", "Mikel", "glass", 1, 50.0, false, 1.0, "2012-06-05", "2012-06-05T00:00:00Z",
            "2005-01-10T00:00:00Z", "2010-02-10T00:00:00Z", "road", "Débarqué", 1.0, 5.0,
            "LINESTRING(123.3 41.3, 123.7 41.7)", "2012-06-05T00:00:00Z", null},
        {"s07", "food hall", "MIKE", null, 7, 700.0, true, 2.0, "2012-06-06", "2010-02-10T05:29:20.073225Z",
            "2000-01-01T00:00:00Z", "2005-01-10T00:00:00Z", "Road", "debarque", 6.0, 5.5,
            "POINT(123.15 41.05)", "2000-01-01T00:00:00Z", "2005-01-10T00:00:00Z"},
        {"s08", "Tower Two", "Li Wei", "concrete", 30, 3000.0, false, 3.0, "2005-01-10", "2009-09-09T09:09:09Z",
            "2005-01-10T00:00:00Z", null, "avenue", null, 4.0, 3.9,
            "MULTIPOINT((123.55 41.45), (124 42))", "2005-01-10T00:00:00Z", "2012-06-05T00:00:00Z"},
        {"s09", "Park", "Park", null, 0, 0.0, false, 0.0, null, null, null, null, null, null, null, null,
            "POLYGON((123.2 41.0, 123.3 41.0, 123.3 41.2, 123.2 41.2, 123.2 41.0))", "2012-06-05T00:00:00Z", null},
        {"s10", "Bridge", "City", "steel", 3, 250.0, null, 12.5, "2001-01-01", "2001-01-01T00:00:00Z",
            "2001-01-01T00:00:00Z", "2001-01-01T00:00:00Z", "STRASSE", "débarquer", 2.4, 2.0,
            "LINESTRING(123.1 41.3, 123.1 40.9)", "2015-01-01T00:00:00Z", null},
    };

    JdbcFeatureStore store;
    DataSource dataSource;
    LayerDefinition layer;

    abstract DataSource freshDataSource() throws Exception;

    abstract JdbcFeatureStore createStore(DataSource dataSource, LayerCatalog catalog);

    @BeforeAll
    void load() throws Exception {
        LayerCatalog catalog = CatalogLoader.load(new ByteArrayInputStream(CATALOG.getBytes(StandardCharsets.UTF_8)));
        dataSource = freshDataSource();
        store = createStore(dataSource, catalog);
        store.initialize();
        layer = catalog.all().iterator().next();
        List<Feature> features = new ArrayList<>();
        WKTReader wkt = new WKTReader();
        for (Object[] row : ROWS) {
            Map<String, Object> properties = new HashMap<>();
            for (int i = 0; i < COLUMNS.length; i++) {
                Object v = row[i + 1];
                if (v != null && (COLUMNS[i].equals("built"))) {
                    v = LocalDate.parse((String) v);
                } else if (v != null && layer.attribute(COLUMNS[i]).orElseThrow().type().name().equals("TIMESTAMP")) {
                    v = Instant.parse((String) v);
                }
                properties.put(COLUMNS[i], v);
            }
            Geometry g = wkt.read((String) row[COLUMNS.length + 1]);
            g.setSRID(4490);
            Object to = row[COLUMNS.length + 3];
            features.add(new Feature((String) row[0], g, properties, Instant.parse((String) row[COLUMNS.length + 2]),
                    to == null ? null : Instant.parse((String) to), 1));
        }
        store.bulkLoad("sites", features.iterator(), ADMIN);
    }

    @AfterAll
    void close() {
        store.close();
    }

    /** One example: its name, Text, JSON and hand-written WHERE clause. */
    record Example(String name, String text, String json, String sql) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Example> examples() throws IOException {
        String all;
        try (InputStream in = Cql2ConformanceContract.class.getResourceAsStream("/cql2/examples.txt")) {
            all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Example> examples = new ArrayList<>();
        for (String record : all.split("\n## ")) {
            if (record.startsWith("#")) {
                continue; // the file's comment
            }
            int nl = record.indexOf('\n');
            String[] parts = record.substring(nl + 1).split("\n--\n");
            assertThat(parts).as(record).hasSize(3);
            examples.add(new Example(record.substring(0, nl).strip(), parts[0].strip(), parts[1].strip(), parts[2].strip()));
        }
        assertThat(examples).hasSizeGreaterThan(80);
        return examples.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void theStoreSelectsWhatTheHandWrittenSqlSelects(Example example) throws Exception {
        Filter text = Cql2.text(example.text(), "filter", null);
        Filter json = Cql2.json(example.json(), "filter", null);
        assertThat(json).as("JSON and Text give the same filter").hasToString(text.toString());
        SqlBuilder fromText = store.where(layer, query(text));
        SqlBuilder fromJson = store.where(layer, query(json));
        assertThat(fromJson.text()).isEqualTo(fromText.text());
        assertThat(params(fromJson)).isEqualTo(params(fromText));
        fromText.release();
        fromJson.release();

        TreeSet<String> selected = new TreeSet<>();
        try (FeatureCursor c = store.read(query(text))) {
            c.forEachRemaining(f -> selected.add(f.id()));
        }
        TreeSet<String> expected = handWritten(example.sql());
        assertThat(selected).as(example.text() + "\n  vs " + example.sql()).isEqualTo(expected);
        if (example.name().endsWith(" all")) {
            assertThat(selected).hasSize(ROWS.length);
        } else if (example.name().endsWith(" none")) {
            assertThat(selected).isEmpty();
        } else {
            assertThat(selected).as("an example that tells rows apart").isNotEmpty().hasSizeLessThan(ROWS.length);
        }
        assertThat(store.count(query(text))).isEqualTo(selected.size());
    }

    /** A filter whose arithmetic overflows on a row: PostgreSQL refuses it (a 400), H2 compares infinity. */
    @org.junit.jupiter.api.Test
    void arithmeticThatOverflowsIsNoServerError() {
        for (String text : List.of("taxes * 1e308 > 1", "(0 - taxes) ^ 0.5 > 1", "floors ^ 1000 > 1")) {
            try {
                assertThat(store.count(query(Cql2.text(text, "filter", null)))).isBetween(0L, (long) ROWS.length);
            } catch (io.shikong.core.error.InvalidParameterException e) {
                assertThat(e.getMessage()).as(text).contains("the filter cannot be evaluated on the stored values");
            }
        }
    }

    static Query query(Filter f) {
        return Query.of("sites", ADMIN).filter(f, null).time(TimeSelection.ALL).build();
    }

    private static List<String> params(SqlBuilder b) {
        return b.params().stream().map(p -> p instanceof byte[] bytes ? Arrays.toString(bytes) : String.valueOf(p)).toList();
    }

    private static final Pattern TS = Pattern.compile("\\{ts (\\S+)}");
    private static final Pattern GEOM = Pattern.compile("\\{geom ([^}]+)}");

    TreeSet<String> handWritten(String where) throws Exception {
        Matcher m = TS.matcher(where);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String iso = m.group(1).replace('T', ' ').replace("Z", "+00:00");
            m.appendReplacement(sb, Matcher.quoteReplacement("CAST('" + iso + "' AS TIMESTAMP WITH TIME ZONE)"));
        }
        m.appendTail(sb);
        m = GEOM.matcher(sb.toString());
        sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement("ST_GeomFromText('" + m.group(1) + "', 4490)"));
        }
        m.appendTail(sb);
        TreeSet<String> ids = new TreeSet<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT \"id\" FROM \"sites\" WHERE " + sb);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
