package io.shikong.api.ows;

import static io.shikong.api.ows.ClientPrograms.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.shikong.core.store.PostgisTestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An existing PostGIS table published as it is, with an integer key column, opened by real clients: the
 * key is a typed property (DescribeFeatureType, GML, GeoJSON, REST), filterable and sortable, and survives
 * ogr2ogr; QGIS's restrictToRequestBBOX requests return exactly the rows SQL's ST_Intersects returns.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishedTableIT {

    static final String SCHEMA = "published_it";
    static final int WELLS = 400;

    EmbeddedServer server;
    String wfs;
    String jdbcUrl;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        jdbcUrl = PostgisTestDatabase.freshSchema(SCHEMA);
        try (Connection c = DriverManager.getConnection(jdbcUrl, PostgisTestDatabase.USER, PostgisTestDatabase.PASSWORD);
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE city_wells (well_no integer PRIMARY KEY, name varchar(80), depth_m double precision, "
                    + "geom geometry(Point, 4490))");
            st.execute("CREATE INDEX city_wells_geom ON city_wells USING gist (geom)");
            Random r = new Random(8);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO city_wells VALUES (?, ?, ?, "
                    + "ST_SetSRID(ST_MakePoint(?, ?), 4490))")) {
                for (int i = 0; i < WELLS; i++) {
                    // keys with gaps and far from 1..n, as a real table's are
                    ps.setInt(1, 1000 + i * 7);
                    ps.setString(2, "水井 " + i);
                    ps.setDouble(3, 20 + r.nextInt(300));
                    ps.setDouble(4, 123.30 + r.nextDouble() * 0.30);
                    ps.setDouble(5, 41.70 + r.nextDouble() * 0.20);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        Path dir = Files.createDirectories(Path.of("target", "published-it"));
        Path catalog = dir.resolve("catalog.yml");
        // the owner's own style, named in the catalog: big red squares
        Files.writeString(dir.resolve("wells.sld"), """
                <StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld"><NamedLayer><Name>wells</Name>
                <UserStyle><Name>red</Name><FeatureTypeStyle><Rule><PointSymbolizer><Graphic><Mark>
                <WellKnownName>square</WellKnownName><Fill><CssParameter name="fill">#FF0000</CssParameter></Fill></Mark>
                <Size>12</Size></Graphic></PointSymbolizer></Rule></FeatureTypeStyle></UserStyle></NamedLayer>
                </StyledLayerDescriptor>
                """);
        Files.writeString(catalog, """
                layers:
                  - name: wells
                    title: 水井 Wells
                    table: city_wells
                    id: well_no
                    idType: integer
                    style: wells.sld
                    geometry: Point
                    attributes:
                      - {name: name, type: string, title: 名称}
                      - {name: depth_m, type: double, title: 井深}
                """);
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "shikong.samples", false,
                "shikong.catalog", catalog.toAbsolutePath().toString(),
                "shikong.store.kind", "postgis",
                "shikong.store.url", jdbcUrl,
                "shikong.store.user", PostgisTestDatabase.USER,
                "shikong.store.password", PostgisTestDatabase.PASSWORD));
        wfs = server.getURI() + "/wfs";
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    List<Integer> sql(String query, Object... params) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, PostgisTestDatabase.USER, PostgisTestDatabase.PASSWORD);
             PreparedStatement ps = c.prepareStatement(query)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Integer> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getInt(1));
                }
            }
            return out;
        }
    }

    String get(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    static List<Integer> keys(String gml) {
        List<Integer> out = new ArrayList<>();
        Matcher m = Pattern.compile("<shikong:well_no>(\\d+)</shikong:well_no>").matcher(gml);
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }

    @Test
    void ogr2ogrKeepsTheKeyValuesDistinct() throws Exception {
        Path gpkg = Path.of("target", "published-it", "wells.gpkg");
        Files.deleteIfExists(gpkg);
        run("ogr2ogr", "-f", "GPKG", gpkg.toString(), "WFS:" + wfs, "shikong:wells", "-nln", "wells",
                "--config", "OGR_WFS_PAGE_SIZE", "150");
        String dump = run("ogrinfo", "-ro", "-al", "-q", gpkg.toString(), "-fields=YES", "-geom=NO");
        List<Integer> copied = new ArrayList<>();
        Matcher m = Pattern.compile("well_no \\(Integer\\) = (\\d+)").matcher(dump);
        while (m.find()) {
            copied.add(Integer.parseInt(m.group(1)));
        }
        assertThat(copied).hasSize(WELLS);
        assertThat(new TreeSet<>(copied)).hasSize(WELLS).containsExactlyElementsOf(sql("SELECT well_no FROM city_wells ORDER BY 1"));
    }

    @Test
    void owslibSeesTheKeyInDescribeFeatureType() throws Exception {
        Path script = Path.of("src", "test", "resources", "owslib", "wfs_schema.py");
        JsonNode r = new ObjectMapper().readTree(run("/usr/bin/python3", script.toString(), wfs, "2.0.0", "shikong:wells"));
        assertThat(r.get("properties").get("well_no").asText()).isEqualTo("int");
        assertThat(r.get("properties").get("name").asText()).isEqualTo("string");
        assertThat(r.get("geometry").asText()).isEqualTo("Point");
    }

    /** QGIS with restrictToRequestBBOX: BBOX=lat,lon,lat,lon,urn:ogc:def:crs:EPSG::4326, paging from 0. */
    @ParameterizedTest
    @CsvSource({"123.35,41.72,123.42,41.80", "123.40,41.75,123.55,41.85", "123.0,41.0,124.0,42.0"})
    void qgisBboxRequestsReturnWhatPostgisIntersects(double minLon, double minLat, double maxLon, double maxLat)
            throws Exception {
        List<Integer> expected = sql("SELECT well_no FROM city_wells WHERE ST_Intersects(geom, "
                + "ST_MakeEnvelope(?, ?, ?, ?, 4490)) ORDER BY 1", minLon, minLat, maxLon, maxLat);
        assertThat(expected).isNotEmpty();
        List<Integer> got = new ArrayList<>();
        for (int start = 0; ; start += 100) {
            String page = get(wfs + "?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=shikong:wells"
                    + "&SRSNAME=urn:ogc:def:crs:EPSG::4326&STARTINDEX=" + start + "&COUNT=100&BBOX=" + minLat + ","
                    + minLon + "," + maxLat + "," + maxLon + ",urn:ogc:def:crs:EPSG::4326");
            List<Integer> k = keys(page);
            got.addAll(k);
            if (k.size() < 100) {
                break;
            }
        }
        assertThat(got).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theKeyFiltersAndSortsLikeAnyProperty() throws Exception {
        String filter = java.net.URLEncoder.encode("<fes:Filter xmlns:fes=\"http://www.opengis.net/fes/2.0\">"
                + "<fes:PropertyIsGreaterThan><fes:ValueReference>well_no</fes:ValueReference><fes:Literal>3700"
                + "</fes:Literal></fes:PropertyIsGreaterThan></fes:Filter>", java.nio.charset.StandardCharsets.UTF_8);
        List<Integer> got = keys(get(wfs + "?service=WFS&version=2.0.0&request=GetFeature&typeNames=shikong:wells"
                + "&SORTBY=well_no%20DESC&FILTER=" + filter));
        assertThat(got).isEqualTo(sql("SELECT well_no FROM city_wells WHERE well_no > 3700 ORDER BY 1 DESC")).isNotEmpty();
        // GeoJSON and REST carry it as a number among the properties
        JsonNode json = new ObjectMapper().readTree(get(wfs + "?service=WFS&version=2.0.0&request=GetFeature"
                + "&typeNames=shikong:wells&count=1&outputFormat=application/json&CQL_FILTER=well_no=1007"));
        assertThat(json.get("features").get(0).get("properties").get("well_no").isInt()).isTrue();
        assertThat(json.get("features").get(0).get("properties").get("well_no").asInt()).isEqualTo(1007);
        JsonNode rest = new ObjectMapper().readTree(get(server.getURI() + "/api/v1/layers/wells/features?filter=well_no%3D1014"));
        assertThat(rest.get("features")).hasSize(1);
        assertThat(rest.get("features").get(0).get("properties").get("well_no").asInt()).isEqualTo(1014);
        assertThat(rest.get("features").get(0).get("id").asText()).isEqualTo("1014");
    }

    @Test
    void wmsDrawsTheLayerWithTheStyleTheCatalogNames() throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(server.getURI() + "/wms?SERVICE=WMS"
                + "&VERSION=1.1.1&REQUEST=GetMap&LAYERS=wells&STYLES=&SRS=EPSG:4326&BBOX=123.30,41.70,123.60,41.90"
                + "&WIDTH=300&HEIGHT=200&FORMAT=image/png&TRANSPARENT=TRUE")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(r.body()));
        int red = 0;
        int other = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int argb = img.getRGB(x, y);
                if ((argb >>> 24) < 200) {
                    continue;
                }
                if (((argb >> 16) & 0xFF) > 220 && ((argb >> 8) & 0xFF) < 40 && (argb & 0xFF) < 40) {
                    red++;
                } else {
                    other++;
                }
            }
        }
        // 400 wells as 12-px squares: thousands of red pixels, and no other opaque colour than edge blending
        assertThat(red).isGreaterThan(2000);
        assertThat(other).isLessThan(red / 5);
    }
}
