package io.shikong.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.h2gis.functions.io.dbf.internal.DbaseFileHeader;
import org.h2gis.functions.io.shp.internal.SHPDriver;
import org.h2gis.functions.io.shp.internal.ShapeType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.locationtech.jts.io.WKTReader;

/**
 * The web page of issue 13 end to end on the embedded store with the sample city: the page, the WebJars and the API
 * root are served; the footprint upload reads a zipped Shapefile, a CSV of coordinates and GeoJSON in GCJ-02, and
 * refuses what it cannot read with a 400 saying why; then the browser tests ({@code web-tests/page.test.mjs}:
 * playwright-core driving Debian's {@code /usr/bin/chromium}) run against the server. Their screenshots and the
 * downloaded PDF are kept in {@code target/web-tests}.
 */
class WebPageIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static final String CGCS2000_PRJ = "GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\",DATUM[\"D_China_2000\","
            + "SPHEROID[\"CGCS2000\",6378137.0,298.257222101]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";

    static EmbeddedServer server;
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "web-it")), "db");
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("shikong.store.kind", "embedded");
        props.put("shikong.store.file", dir.resolve("shikong").toString());
        props.put("shikong.samples.load", "true");
        props.put("shikong.users", "planner:pw:pipelines");
        server = ApplicationContext.run(EmbeddedServer.class, props);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> upload(String query, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/web/footprints?" + query))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theRootIsThePageWithItsLibrariesAndApiV1TheApiRoot() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("/webjars/ol/10.7.0/dist/ol.js").contains("/app/app.js").doesNotContain("https://");
        for (String path : List.of("/webjars/ol/10.7.0/dist/ol.js", "/webjars/ol/10.7.0/ol.css", "/app/app.js", "/app/i18n.js",
                "/app/app.css", "/swagger-ui/index.html", "/swagger-ui/init.js", "/webjars/swagger-ui/5.34.1/swagger-ui-bundle.js",
                "/webjars/swagger-ui/5.34.1/swagger-ui.css")) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(200);
        }
        HttpResponse<String> api = get("/api/v1");
        assertThat(api.statusCode()).isEqualTo(200);
        JsonNode links = JSON.readTree(api.body()).path("links");
        Map<String, String> byRel = new HashMap<>();
        links.forEach(l -> byRel.put(l.path("rel").asText(), l.path("href").asText()));
        assertThat(byRel.get("alternate")).isEqualTo(server.getURL() + "/");
        assertThat(byRel.get("service-doc")).isEqualTo(server.getURL() + "/swagger-ui/index.html");
        for (String rel : List.of("alternate", "service-doc")) {
            HttpResponse<String> followed = get(byRel.get(rel).substring(server.getURL().toString().length()));
            assertThat(followed.statusCode()).as(rel).isEqualTo(200);
            assertThat(followed.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        }
        HttpResponse<String> missing = get("/no/such/page.html");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    }

    @Test
    void aZippedShapefileIsReadWithItsPrjAsCrs84() throws Exception {
        HttpResponse<String> r = upload("name=site.zip&crs=GCJ02", shapefileZip());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode fc = JSON.readTree(r.body());
        assertThat(fc.path("format").asText()).isEqualTo("SHAPEFILE");
        assertThat(fc.path("sourceCrs").asText()).isEqualTo("EPSG:4490"); // the .prj wins over the page's choice
        assertThat(fc.path("features")).hasSize(2);
        assertThat(fc.path("features").get(0).path("geometry").path("type").asText()).endsWith("Polygon");
        JsonNode first = fc.path("features").get(1).path("geometry").path("coordinates");
        while (first.isArray()) {
            first = first.get(0);
        }
        assertThat(first.asDouble()).isCloseTo(123.5, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void aCsvOfBareCoordinatesIsOnePolygonAndGcj02IsConverted() throws Exception {
        String csv = "123.40,41.80\n123.41,41.80\n123.41,41.81\n123.40,41.81\n";
        HttpResponse<String> r = upload("name=corners.csv&crs=GCJ02", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode fc = JSON.readTree(r.body());
        assertThat(fc.path("sourceCrs").asText()).isEqualTo("GCJ02");
        assertThat(fc.path("features")).hasSize(1);
        JsonNode ring = fc.at("/features/0/geometry/coordinates/0");
        assertThat(ring).hasSize(5);
        // GCJ-02 lies some hundreds of metres north-east of CGCS2000 in Shenyang: the true position is south-west
        assertThat(ring.get(0).get(0).asDouble()).isBetween(123.38, 123.3999);
        assertThat(ring.get(0).get(1).asDouble()).isBetween(41.79, 41.7999);
    }

    static List<Arguments> unreadable() {
        return List.of(
                Arguments.of("name=site.zip", "this is not a zip file", "无法读取上传的文件"),
                Arguments.of("name=site.docx", "PK whatever", "不支持的文件类型"),
                Arguments.of("name=two.csv", "123.4,41.8\n123.5,41.9\n", "坐标点太少"),
                Arguments.of("name=lines.geojson", "{\"type\":\"LineString\",\"coordinates\":[[123.4,41.8],[123.5,41.9]]}", "没有面"),
                Arguments.of("name=broken.geojson", "{\"type\":\"FeatureCollection\",\"features\":[{", "无法读取"),
                Arguments.of("name=site.csv&crs=EPSG:99999", "1,2\n3,4\n5,6\n", "crs"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadable")
    void anUnreadableUploadIsA400SayingWhy(String query, String body, String expected) throws Exception {
        HttpResponse<String> r = upload(query, body.getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(JSON.readTree(r.body()).path("detail").asText() + JSON.readTree(r.body()).path("parameter").asText())
                .contains(expected);
    }

    @Test
    void anEmptyUploadIsA400() throws Exception {
        HttpResponse<String> r = upload("name=site.zip", new byte[0]);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    }

    /**
     * Runs {@code web-tests/page.test.mjs} with Node against this server: the page loads clean, layers draw, feature
     * info, history and the time slider, the red-line check with its PDF, bad input, login, phone layout, Swagger UI.
     */
    @Test
    void theBrowserTestsPass() throws Exception {
        Path webTests = Path.of("..", "web-tests").toAbsolutePath().normalize();
        assertThat(webTests.resolve("node_modules/playwright-core/package.json"))
                .as("playwright-core is installed: run `npm ci --prefix web-tests` (scripts/provision.sh does)").exists();
        assertThat(Path.of("/usr/bin/chromium")).as("Debian's chromium (scripts/provision.sh installs it)").exists();
        Path out = Files.createDirectories(Path.of("target", "web-tests").toAbsolutePath());
        Path zip = out.resolve("site.zip");
        Files.write(zip, shapefileZip());
        Path log = out.resolve("page.test.log");
        ProcessBuilder pb = new ProcessBuilder("node", "page.test.mjs").directory(webTests.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SHIKONG_BASE_URL", server.getURL().toString());
        pb.environment().put("SHIKONG_OUT_DIR", out.toString());
        pb.environment().put("SHIKONG_LOGIN", "planner:pw");
        pb.environment().put("SHIKONG_SHAPEFILE_ZIP", zip.toString());
        Process p = pb.start();
        // a guard against a browser that never returns, not a measure of speed
        boolean finished = p.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            p.destroyForcibly();
        }
        String output = Files.readString(log);
        System.out.println(output);
        assertThat(finished).as("the browser tests finished\n" + output).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).doesNotContain("FAIL ").contains("browser checks passed");
        for (String shot : List.of("page.png", "feature-info.png", "before-built.png", "redline-check.png", "phone.png")) {
            assertThat(out.resolve(shot)).as(shot).exists();
        }
    }

    /** Two polygons in a CGCS2000 Shapefile with a GBK DBF and a .prj, zipped. */
    static byte[] shapefileZip() throws Exception {
        Path d = Files.createTempDirectory(dir, "shp");
        DbaseFileHeader h = new DbaseFileHeader();
        h.setEncoding("cp936");
        h.setNumRecords(2);
        h.addColumn("MC", 'C', 50, 0);
        SHPDriver driver = new SHPDriver();
        driver.setGeometryFieldIndex(0);
        File shp = d.resolve("site.shp").toFile();
        driver.initDriver(shp, ShapeType.POLYGON, h);
        WKTReader wkt = new WKTReader();
        driver.insertRow(new Object[] {wkt.read("POLYGON ((123.4 41.8, 123.401 41.8, 123.401 41.801, 123.4 41.8))"), "一号地块"});
        driver.insertRow(new Object[] {wkt.read("POLYGON ((123.5 41.8, 123.501 41.8, 123.501 41.801, 123.5 41.8))"), "二号地块"});
        driver.close();
        Files.writeString(d.resolve("site.prj"), CGCS2000_PRJ);
        Path zip = d.resolve("site.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String ext : List.of("shp", "shx", "dbf", "prj")) {
                z.putNextEntry(new ZipEntry("site/site." + ext));
                Files.copy(d.resolve("site." + ext), z);
                z.closeEntry();
            }
        }
        return Files.readAllBytes(zip);
    }
}
