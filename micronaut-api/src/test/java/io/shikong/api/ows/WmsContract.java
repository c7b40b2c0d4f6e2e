package io.shikong.api.ows;

import static io.shikong.api.ows.ClientPrograms.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.shikong.core.feature.Feature;
import io.shikong.core.query.Query;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.FeatureStore;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.w3c.dom.Document;

/**
 * WMS 1.3.0 and 1.1.1 end to end on a real store: known pixels of known features (and of TIME),
 * OWSLib and GDAL's WMS driver, GetFeatureInfo in every format, legends, and every bad input an
 * exception, never a 500.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WmsContract {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String RED_SLD = """
            <StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld"><NamedLayer><Name>buildings</Name>
            <UserStyle><Name>red</Name><FeatureTypeStyle><Rule><PolygonSymbolizer><Fill>
            <CssParameter name="fill">#FF0000</CssParameter></Fill></PolygonSymbolizer></Rule></FeatureTypeStyle>
            </UserStyle></NamedLayer></StyledLayerDescriptor>""";

    EmbeddedServer server;
    FeatureStore store;
    String wms;
    Feature building;
    Envelope around;

    abstract Map<String, Object> storeProperties() throws Exception;

    @BeforeAll
    void start() throws Exception {
        Map<String, Object> props = new HashMap<>(storeProperties());
        props.put("micronaut.server.port", -1);
        props.put("shikong.samples", true);
        props.put("shikong.wms-max-size", 2048);
        props.put("shikong.users", PIPE_USER + ":" + PIPE_PASSWORD + ":pipelines");
        // a tile cache of this run only (the WMTS TIME test must never read a tile an earlier run left)
        props.put("shikong.tiles.cache-dir", Files.createTempDirectory(Files.createDirectories(Path.of("target", "wms-it")), "tiles")
                .toString());
        server = ApplicationContext.run(EmbeddedServer.class, props);
        store = server.getApplicationContext().getBean(FeatureStore.class);
        wms = server.getURI() + "/wms";
        // a building that has never changed: it stands from valid_from on, and not before
        try (FeatureCursor c = store.read(Query.of("buildings", Caller.ANONYMOUS).build())) {
            while (building == null && c.hasNext()) {
                Feature f = c.next();
                if (f.version() == 1) {
                    building = f;
                }
            }
        }
        around = new Envelope(building.geometry().getEnvelopeInternal());
        around.expandBy(around.getWidth() * 2, around.getHeight() * 2);
        loadPictureFeatures();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    String bbox13() {
        return around.getMinY() + "," + around.getMinX() + "," + around.getMaxY() + "," + around.getMaxX();
    }

    String bbox11() {
        return around.getMinX() + "," + around.getMinY() + "," + around.getMaxX() + "," + around.getMaxY();
    }

    /** The pixel of the building's interior point in a 200×200 map of {@code around}. */
    int[] pixel() {
        Coordinate c = building.geometry().getInteriorPoint().getCoordinate();
        int x = (int) ((c.x - around.getMinX()) / around.getWidth() * 200);
        int y = (int) ((around.getMaxY() - c.y) / around.getHeight() * 200);
        return new int[] {x, y};
    }

    HttpResponse<byte[]> get(String query) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(wms + "?" + query)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    BufferedImage image(String query) throws Exception {
        HttpResponse<byte[]> r = get(query);
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/"));
        return ImageIO.read(new ByteArrayInputStream(r.body()));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    String map(String version, String time) {
        String q = "SERVICE=WMS&VERSION=" + version + "&REQUEST=GetMap&LAYERS=buildings&STYLES=&FORMAT=image/png"
                + "&TRANSPARENT=TRUE&WIDTH=200&HEIGHT=200&SLD_BODY=" + enc(RED_SLD)
                + (version.equals("1.3.0") ? "&CRS=EPSG:4490&BBOX=" + bbox13() : "&SRS=EPSG:4490&BBOX=" + bbox11());
        return time == null ? q : q + "&TIME=" + enc(time);
    }

    // --- pixels ---------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"1.3.0", "1.1.1"})
    void theBuildingIsRedWhereItStandsInBothAxisOrders(String version) throws Exception {
        BufferedImage img = image(map(version, null));
        int[] p = pixel();
        assertThat(new Color(img.getRGB(p[0], p[1]), true)).isEqualTo(Color.RED);
        assertThat(new Color(img.getRGB(2, 2), true).getAlpha()).as("transparent away from it").isZero();
    }

    @Test
    void timeBeforeTheBuildingWasBuiltLeavesItsPixelsEmpty() throws Exception {
        int[] p = pixel();
        BufferedImage before = image(map("1.3.0", building.validFrom().minusSeconds(86400).toString()));
        assertThat(new Color(before.getRGB(p[0], p[1]), true).getAlpha()).isZero();
        BufferedImage after = image(map("1.3.0", building.validFrom().plusSeconds(60).toString()));
        assertThat(new Color(after.getRGB(p[0], p[1]), true)).isEqualTo(Color.RED);
        BufferedImage range = image(map("1.3.0", building.validFrom().minusSeconds(86400) + "/" + building.validFrom().plusSeconds(60)));
        assertThat(new Color(range.getRGB(p[0], p[1]), true)).isEqualTo(Color.RED);
    }

    @Test
    void timeFormsClientsSend() throws Exception {
        int[] p = pixel();
        for (String time : new String[] {"current", building.validFrom().plusSeconds(60) + "/" + java.time.Instant.now() + "/PT1S"}) {
            BufferedImage img = image(map("1.3.0", time));
            assertThat(new Color(img.getRGB(p[0], p[1]), true)).as(time).isEqualTo(Color.RED);
        }
    }

    @Test
    void highDpiScalesTheMapAndItsSymbols() throws Exception {
        // SRS on a 1.3.0 request is accepted (clients mix the names up)
        BufferedImage img = image(map("1.3.0", null).replace("CRS=", "SRS=") + "&FORMAT_OPTIONS=dpi:180");
        int[] p = pixel();
        assertThat(new Color(img.getRGB(p[0], p[1]), true)).isEqualTo(Color.RED);
    }

    @Test
    void standardStylesAndFormats() throws Exception {
        String q = "SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=eco_red_lines,buildings,pois&STYLES=,,&CRS=EPSG:3857"
                + "&BBOX=13690000,5110000,13760000,5150000&WIDTH=300&HEIGHT=200&FORMAT=";
        for (String format : new String[] {"image/png", "image/png; mode=8bit", "image/jpeg"}) {
            BufferedImage img = image(q + enc(format));
            assertThat(img.getWidth()).isEqualTo(300);
            assertThat(img.getHeight()).isEqualTo(200);
        }
    }

    // --- the picture: features of our own with known geometry, style colours and valid times ---------------
    //
    // A 0.02° square east of the sample city (which ends at 123.8° E), drawn 200 px square: 0.0001° a pixel.
    // Buildings (standard style, fill by use) and pipelines (standard style, DN >= 500: 3.5 px wide) are
    // bulk-loaded with their own valid times; pixels are computed from the coordinates for every CRS and axis
    // order, well inside polygons and on line centres (the 3.5 px line covers the pixel nearest its centre).

    static final String PIPE_USER = "pipe";
    static final String PIPE_PASSWORD = "pw";
    static final double MIN_LON = 124.500;
    static final double MAX_LON = 124.520;
    static final double MIN_LAT = 41.900;
    static final double MAX_LAT = 41.920;
    static final int SIZE = 200;
    static final Color OFFICE = Color.decode("#7FA7D9");
    static final Color MEDICAL = Color.decode("#E76F6F");
    static final Color INDUSTRIAL = Color.decode("#A98BC7");
    static final Color HEATING = Color.decode("#D7191C");
    static final Color GAS = Color.decode("#E6B800");
    static final Color BGCOLOR = new Color(0x20, 0x30, 0x40);
    /** Where to look (lon, lat): inside IMG-B1, IMG-B2, IMG-B3; on IMG-P1 (twice) and IMG-P2; nothing. */
    static final double[] B1_IN = {124.506, 41.906};
    static final double[] B2_IN = {124.515, 41.906};
    static final double[] B3_IN = {124.503, 41.9185};
    static final double[] B3_NOTCH = {124.508, 41.919};
    static final double[] P1_ON = {124.506, 41.91495};
    static final double[] P1_ON2 = {124.515, 41.91495};
    static final double[] P2_ON = {124.51055, 41.905};
    static final double[] EMPTY = {124.515, 41.9185};
    static final double[] EMPTY2 = {124.501, 41.901};

    static Instant at(String date) {
        return Instant.parse(date + "T00:00:00Z");
    }

    /**
     * IMG-B1 office since 2018; IMG-B2 office 2020–2022, then medical; IMG-B3 industrial since 2018, an L
     * (its notch is empty); IMG-P1 heating DN800 since 2018 (horizontal, lat 41.91495); IMG-P2 gas DN600
     * 2019–2021 (vertical, lon 124.51055), retired since.
     */
    void loadPictureFeatures() {
        GeometryFactory gf = new GeometryFactory(new PrecisionModel(), 4490);
        Caller admin = Caller.of("test", Caller.ADMIN);
        store.bulkLoad("buildings", List.of(
                new Feature("IMG-B1", box(gf, 124.503, 41.903, 124.509, 41.909), building("office"), at("2018-01-01"), null, 1),
                new Feature("IMG-B2", box(gf, 124.512, 41.903, 124.518, 41.909), building("office"), at("2020-01-01"),
                        at("2022-01-01"), 1),
                new Feature("IMG-B2", box(gf, 124.512, 41.903, 124.518, 41.909), building("medical"), at("2022-01-01"), null, 2),
                new Feature("IMG-B3", gf.createMultiPolygon(new Polygon[] {gf.createPolygon(new Coordinate[] {
                    new Coordinate(124.502, 41.9165), new Coordinate(124.510, 41.9165), new Coordinate(124.510, 41.9175),
                    new Coordinate(124.504, 41.9175), new Coordinate(124.504, 41.9195), new Coordinate(124.502, 41.9195),
                    new Coordinate(124.502, 41.9165)})}), building("industrial"), at("2018-01-01"), null, 1)).iterator(), admin);
        store.bulkLoad("pipelines", List.of(
                new Feature("IMG-P1", gf.createLineString(new Coordinate[] {new Coordinate(124.502, 41.91495),
                    new Coordinate(124.518, 41.91495)}), pipe("heating", 800), at("2018-01-01"), null, 1),
                new Feature("IMG-P2", gf.createLineString(new Coordinate[] {new Coordinate(124.51055, 41.9005),
                    new Coordinate(124.51055, 41.9095)}), pipe("gas", 600), at("2019-01-01"), at("2021-01-01"), 1)).iterator(), admin);
    }

    static Map<String, Object> building(String use) {
        return Map.of("use", use, "floors", 3, "name", "图像测试 " + use);
    }

    static Map<String, Object> pipe(String network, int diameter) {
        return Map.of("network", network, "diameter_mm", diameter, "status", "in_service");
    }

    static MultiPolygon box(GeometryFactory gf, double x0, double y0, double x1, double y1) {
        return gf.createMultiPolygon(new Polygon[] {gf.createPolygon(new Coordinate[] {new Coordinate(x0, y0),
            new Coordinate(x1, y0), new Coordinate(x1, y1), new Coordinate(x0, y1), new Coordinate(x0, y0)})});
    }

    /** A way to ask for the square: WMS version, CRS parameter, BBOX axis order, and where a lon/lat lands. */
    record View(String version, String crs) {

        boolean mercator() {
            return crs.equals("EPSG:3857");
        }

        /** Latitude first in BBOX: WMS 1.3.0 with an EPSG geographic CRS (not CRS:84). */
        boolean latFirst() {
            return version.equals("1.3.0") && crs.startsWith("EPSG:") && !mercator();
        }

        static double mx(double lon) {
            return 6378137 * Math.toRadians(lon);
        }

        static double my(double lat) {
            return 6378137 * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(lat) / 2));
        }

        String bbox() {
            if (mercator()) {
                return mx(MIN_LON) + "," + my(MIN_LAT) + "," + mx(MAX_LON) + "," + my(MAX_LAT);
            }
            return latFirst() ? MIN_LAT + "," + MIN_LON + "," + MAX_LAT + "," + MAX_LON
                    : MIN_LON + "," + MIN_LAT + "," + MAX_LON + "," + MAX_LAT;
        }

        /** The pixel (column, row) whose square holds the point. */
        int[] pixel(double[] lonLat) {
            double fx;
            double fy;
            if (mercator()) {
                fx = (mx(lonLat[0]) - mx(MIN_LON)) / (mx(MAX_LON) - mx(MIN_LON));
                fy = (my(MAX_LAT) - my(lonLat[1])) / (my(MAX_LAT) - my(MIN_LAT));
            } else {
                fx = (lonLat[0] - MIN_LON) / (MAX_LON - MIN_LON);
                fy = (MAX_LAT - lonLat[1]) / (MAX_LAT - MIN_LAT);
            }
            return new int[] {(int) Math.floor(fx * SIZE), (int) Math.floor(fy * SIZE)};
        }

        String query(String format) {
            return "SERVICE=WMS&VERSION=" + version + "&REQUEST=GetMap&LAYERS=buildings,pipelines&STYLES=,"
                    + (version.equals("1.3.0") ? "&CRS=" : "&SRS=") + crs + "&BBOX=" + bbox() + "&WIDTH=" + SIZE + "&HEIGHT=" + SIZE
                    + "&FORMAT=" + enc(format);
        }
    }

    static List<View> views() {
        return List.of(new View("1.3.0", "EPSG:4490"), new View("1.3.0", "EPSG:4326"), new View("1.3.0", "CRS:84"),
                new View("1.1.1", "EPSG:4490"), new View("1.1.1", "EPSG:4326"), new View("1.3.0", "EPSG:3857"));
    }

    /** What the square shows at an instant: the colour of each feature, null where it is not drawn. */
    record Scene(Color b1, Color b2, Color b3, Color p1, Color p2) {
        static final Scene NOW = new Scene(OFFICE, MEDICAL, INDUSTRIAL, HEATING, null);
        static final Scene NOTHING = new Scene(null, null, null, null, null);
    }

    /** Tolerance of a format: per channel, for fills (and the background) and for line centres. */
    record Tolerance(int fill, int line) {
        static Tolerance of(String format) {
            String f = format.toLowerCase(java.util.Locale.ROOT);
            if (f.contains("jpeg") || f.contains("jpg")) {
                return new Tolerance(16, 80); // lossy: chroma of a 3.5 px line is averaged with its neighbours
            }
            return f.contains("8bit") || f.contains("png8") ? new Tolerance(2, 2) : new Tolerance(0, 0);
        }
    }

    HttpResponse<byte[]> getAs(String query) throws Exception {
        String basic = java.util.Base64.getEncoder().encodeToString((PIPE_USER + ":" + PIPE_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(wms + "?" + query)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    BufferedImage imageAs(String query) throws Exception {
        HttpResponse<byte[]> r = getAs(query);
        assertThat(r.statusCode()).as(query + "\n" + new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/"));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(r.body()));
        assertThat(img).as("decodable: " + query).isNotNull();
        return img;
    }

    /**
     * Checks the scene's pixels in {@code img} drawn for {@code view}: each feature's colour where it is drawn,
     * the background ({@code background}, null = transparent) where it is not, in the notch of the L and away
     * from everything.
     */
    static void assertScene(BufferedImage img, View view, Scene scene, Color background, Tolerance tol, String what) {
        assertThat(img.getWidth()).isEqualTo(SIZE);
        assertThat(img.getHeight()).isEqualTo(SIZE);
        check(img, view, B1_IN, scene.b1(), background, tol.fill(), what + ": IMG-B1 (building) interior");
        check(img, view, B2_IN, scene.b2(), background, tol.fill(), what + ": IMG-B2 (building) interior");
        check(img, view, B3_IN, scene.b3(), background, tol.fill(), what + ": IMG-B3 (L-shaped building) interior");
        check(img, view, B3_NOTCH, null, background, tol.fill(), what + ": the notch of IMG-B3's L");
        check(img, view, P1_ON, scene.p1(), background, tol.line(), what + ": IMG-P1 (pipeline) centre");
        check(img, view, P1_ON2, scene.p1(), background, tol.line(), what + ": IMG-P1 (pipeline) centre");
        check(img, view, P2_ON, scene.p2(), background, tol.line(), what + ": IMG-P2 (pipeline) centre");
        check(img, view, EMPTY, null, background, tol.fill(), what + ": nothing there");
        check(img, view, EMPTY2, null, background, tol.fill(), what + ": nothing there");
    }

    static void check(BufferedImage img, View view, double[] lonLat, Color colour, Color background, int tolerance, String what) {
        int[] p = view.pixel(lonLat);
        Color actual = new Color(img.getRGB(p[0], p[1]), true);
        Color expected = colour != null ? colour : background;
        String message = String.format("%s, pixel %d,%d of %s %s: %s", what, p[0], p[1], view.version(), view.crs(), actual);
        if (expected == null) {
            assertThat(actual.getAlpha()).as(message + " should be transparent").isZero();
            return;
        }
        int d = Math.max(Math.abs(actual.getAlpha() - 255), Math.max(Math.abs(actual.getRed() - expected.getRed()),
                Math.max(Math.abs(actual.getGreen() - expected.getGreen()), Math.abs(actual.getBlue() - expected.getBlue()))));
        assertThat(d).as(message + " should be " + expected + " ±" + tolerance).isLessThanOrEqualTo(tolerance);
    }

    /** The GetMap formats the capabilities offer: each one is drawn and checked. */
    List<String> mapFormats() throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(getAs("SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.3.0").body()));
        var nodes = (org.w3c.dom.NodeList) XPathFactory.newInstance().newXPath()
                .evaluate("//*[local-name()='GetMap']/*[local-name()='Format']", d, javax.xml.xpath.XPathConstants.NODESET);
        List<String> formats = new java.util.ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            formats.add(nodes.item(i).getTextContent().trim());
        }
        assertThat(formats).contains("image/png", "image/jpeg");
        return formats;
    }

    static boolean opaqueFormat(String format) {
        return format.contains("jpeg") || format.contains("jpg");
    }

    @Test
    void knownPixelsInEveryFormatCrsAndAxisOrder() throws Exception {
        List<String> formats = mapFormats();
        for (View view : views()) {
            for (String format : formats) {
                BufferedImage img = imageAs(view.query(format) + "&TRANSPARENT=TRUE");
                // JPEG has no alpha: drawn over white
                assertScene(img, view, Scene.NOW, opaqueFormat(format) ? Color.WHITE : null, Tolerance.of(format), format);
                BufferedImage bg = imageAs(view.query(format) + "&TRANSPARENT=FALSE&BGCOLOR=0x203040");
                assertScene(bg, view, Scene.NOW, BGCOLOR, Tolerance.of(format), format + " on BGCOLOR");
            }
        }
    }

    /**
     * TIME instants and ranges that take in, and leave out, each version: a server that ignored the range, or
     * read only its start or only its end, draws what the expected scene leaves empty or leaves out what it
     * draws. (Where a range holds both versions of IMG-B2, which one is on top is not pinned: no such row.)
     */
    @ParameterizedTest(name = "TIME={0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // time                        | B1     | B2      | B3         | P1      | P2
        "-                             | office | medical | industrial | heating | -",
        "current                       | office | medical | industrial | heating | -",
        "2017-06-01                    | -      | -       | -          | -       | -",
        "2019-06-01                    | office | -       | industrial | heating | gas",
        "2020-06-01T12:00:00Z          | office | office  | industrial | heating | gas",
        "2021-06-01                    | office | office  | industrial | heating | -",
        "2023-01-01                    | office | medical | industrial | heating | -",
        "2017-01-01/2017-12-31         | -      | -       | -          | -       | -",
        "2020-03-01/2020-09-01         | office | office  | industrial | heating | gas",
        "2022-06-01/2023-06-01         | office | medical | industrial | heating | -",
        "2019-06-01/2020-06-01         | office | office  | industrial | heating | gas",
        "2020-06-01/2021-06-01         | office | office  | industrial | heating | gas",
        "../2019-06-01                 | office | -       | industrial | heating | gas",
        "2022-02-01/..                 | office | medical | industrial | heating | -",
        "2016-01-01/2017-12-31/P1D     | -      | -       | -          | -       | -",
        "2019-02-01/2019-12-31/P1M     | office | -       | industrial | heating | gas",
    })
    void timeInstantsAndRangesThatIncludeAndExcludeEachVersion(String time, String b1, String b2, String b3, String p1, String p2)
            throws Exception {
        Scene scene = new Scene(colour(b1), colour(b2), colour(b3), colour(p1), colour(p2));
        for (View view : List.of(new View("1.3.0", "EPSG:4490"), new View("1.1.1", "EPSG:4326"))) {
            BufferedImage img = imageAs(view.query("image/png") + "&TRANSPARENT=TRUE" + (time == null ? "" : "&TIME=" + enc(time)));
            assertScene(img, view, scene, null, Tolerance.of("image/png"), "TIME=" + time);
        }
    }

    static Color colour(String name) {
        return name == null ? null : switch (name) {
            case "office" -> OFFICE;
            case "medical" -> MEDICAL;
            case "industrial" -> INDUSTRIAL;
            case "heating" -> HEATING;
            case "gas" -> GAS;
            default -> throw new IllegalArgumentException(name);
        };
    }

    /**
     * GDAL's WMS driver: it reads a GetMap URL (BBOX in the order of the version and CRS) into its service
     * description, with its own axis handling ({@code BBoxOrder} yxYX for 1.3.0 and a latitude-first CRS);
     * the description is then read as one 200 px block (no resampling), GDAL sending its own KVP (lower-case
     * names) with the user's credentials.
     */
    @ParameterizedTest(name = "GDAL {0} {1} {2}")
    @CsvSource({"1.3.0, EPSG:4490, image/png", "1.3.0, EPSG:4326, image/jpeg", "1.1.1, EPSG:4326, image/png",
        "1.3.0, CRS:84, image/png; mode=8bit"})
    void gdalSeesTheKnownPixels(String version, String crs, String format) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "wms-it"));
        String name = getClass().getSimpleName() + "-" + version + "-" + crs.replace(':', '_') + "-" + format.replaceAll("[^a-z0-9]", "_");
        Path xml = dir.resolve(name + ".xml");
        View view = new View(version, crs);
        run("gdal_translate", "-q", "-of", "WMS", "WMS:" + wms + "?" + view.query(format) + "&TRANSPARENT=" + !opaqueFormat(format),
                xml.toString());
        String description = Files.readString(xml);
        assertThat(description).as(description).contains(view.latFirst() ? "<BBoxOrder>yxYX</BBoxOrder>" : "<Version>");
        description = description.replaceAll("<SizeX>\\d+</SizeX>", "<SizeX>" + SIZE + "</SizeX>")
                .replaceAll("<SizeY>\\d+</SizeY>", "<SizeY>" + SIZE + "</SizeY>")
                .replaceAll("<BlockSizeX>\\d+</BlockSizeX>", "<BlockSizeX>" + SIZE + "</BlockSizeX>")
                .replaceAll("<BlockSizeY>\\d+</BlockSizeY>", "<BlockSizeY>" + SIZE + "</BlockSizeY>")
                .replaceAll("<OverviewCount>\\d+</OverviewCount>", "")
                .replace("</GDAL_WMS>", "<UserPwd>" + PIPE_USER + ":" + PIPE_PASSWORD + "</UserPwd></GDAL_WMS>");
        Files.writeString(xml, description);
        Path png = dir.resolve(name + ".png");
        run("gdal_translate", "-q", "-of", "PNG", xml.toString(), png.toString());
        BufferedImage img = ImageIO.read(png.toFile());
        // the pixel grid is GDAL's: north up, whatever order went on the wire
        assertScene(img, new View("1.1.1", "EPSG:4326"), Scene.NOW, opaqueFormat(format) ? Color.WHITE : null,
                Tolerance.of(format), "GDAL " + version + " " + crs + " " + format + "\n" + description);
    }

    /** OWSLib's getmap (it swaps the bbox itself for 1.3.0 and latitude-first CRSs) in every format it reads from the capabilities. */
    @ParameterizedTest(name = "OWSLib {0} {1}")
    @CsvSource({"1.3.0, EPSG:4490", "1.3.0, EPSG:4326", "1.1.1, EPSG:4326", "1.3.0, CRS:84"})
    void owslibSeesTheKnownPixels(String version, String crs) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "wms-it", getClass().getSimpleName() + "-owslib-" + version + "-"
                + crs.replace(':', '_')));
        String out = run("/usr/bin/python3", Path.of("src", "test", "resources", "owslib", "wms_client.py").toString(), "pixels", wms,
                version, crs, String.valueOf(MIN_LON), String.valueOf(MIN_LAT), String.valueOf(MAX_LON), String.valueOf(MAX_LAT),
                dir.toString(), PIPE_USER, PIPE_PASSWORD);
        JsonNode maps = JSON.readTree(out).get("maps");
        assertThat(maps).as(out).hasSizeGreaterThanOrEqualTo(3);
        for (JsonNode m : maps) {
            String format = m.get("format").asText();
            BufferedImage img = ImageIO.read(new java.io.File(m.get("file").asText()));
            assertThat(img).as(format).isNotNull();
            assertScene(img, new View("1.1.1", "EPSG:4326"), Scene.NOW, opaqueFormat(format) ? Color.WHITE : null, Tolerance.of(format),
                    "OWSLib " + version + " " + crs + " " + format);
        }
        BufferedImage past = ImageIO.read(new java.io.File(JSON.readTree(out).get("time").get("file").asText()));
        assertScene(past, new View("1.1.1", "EPSG:4326"), new Scene(OFFICE, OFFICE, INDUSTRIAL, HEATING, GAS), null, Tolerance.of("image/png"),
                "OWSLib " + version + " " + crs + " TIME=2020-06-01");
    }

    /**
     * WMTS GetTile with TIME: the WebMercatorQuad tile of zoom 14 holding IMG-B2 shows the version valid at
     * the instant (an office in 2020, medical now and with {@code current}, nothing before it was built), at
     * the pixel computed from the tile grid; a period is refused (a tile shows one instant).
     */
    @Test
    void wmtsTileAtAnInstantShowsTheVersionValidThen() throws Exception {
        int z = 14;
        double n = 1 << z;
        double fx = (B2_IN[0] + 180) / 360 * n;
        double lat = Math.toRadians(B2_IN[1]);
        double fy = (1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * n;
        long col = (long) Math.floor(fx);
        long row = (long) Math.floor(fy);
        int px = (int) Math.floor((fx - col) * 256);
        int py = (int) Math.floor((fy - row) * 256);
        String base = server.getURI() + "/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=buildings&STYLE=default"
                + "&TILEMATRIXSET=WebMercatorQuad&TILEMATRIX=" + z + "&TILEROW=" + row + "&TILECOL=" + col + "&FORMAT=image/png";
        String[][] cases = {{"", "medical"}, {"&TIME=current", "medical"}, {"&TIME=2020-06-01", "office"},
            {"&TIME=2023-01-01T00:00:00Z", "medical"}, {"&TIME=2017-06-01", null}};
        for (String[] c : cases) {
            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + c[0]))
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).as(c[0] + ": " + new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            BufferedImage tile = ImageIO.read(new ByteArrayInputStream(r.body()));
            Color actual = new Color(tile.getRGB(px, py), true);
            if (c[1] == null) {
                assertThat(actual.getAlpha()).as("WMTS" + c[0] + " pixel " + px + "," + py + " " + actual).isZero();
            } else {
                assertThat(actual).as("WMTS" + c[0] + " pixel " + px + "," + py).isEqualTo(colour(c[1]));
            }
        }
        HttpResponse<byte[]> period = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "&TIME="
                + enc("2020-01-01/2021-01-01"))).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(period.statusCode()).isEqualTo(400);
        assertThat(new String(period.body(), StandardCharsets.UTF_8)).contains("ExceptionReport").contains("InvalidParameterValue");
    }

    // --- GetFeatureInfo: the feature under the pixel, and only it --------------------------------------------

    /** The ids GetFeatureInfo answers (GeoJSON) for the pixel of a point of the square, for both query layers. */
    List<String> infoIds(View view, double[] lonLat, String time) throws Exception {
        int[] p = view.pixel(lonLat);
        String q = view.query("image/png").replace("REQUEST=GetMap", "REQUEST=GetFeatureInfo")
                + "&QUERY_LAYERS=buildings,pipelines&INFO_FORMAT=application/json&FEATURE_COUNT=10"
                + (view.version().equals("1.3.0") ? "&I=" + p[0] + "&J=" + p[1] : "&X=" + p[0] + "&Y=" + p[1])
                + (time == null ? "" : "&TIME=" + enc(time));
        HttpResponse<byte[]> r = getAs(q);
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(r.statusCode()).as(q + "\n" + body).isEqualTo(200);
        List<String> ids = new java.util.ArrayList<>();
        for (JsonNode f : JSON.readTree(body).get("features")) {
            ids.add(f.get("id").asText());
        }
        return ids;
    }

    /**
     * The feature drawn under a pixel is the one GetFeatureInfo names, in every CRS and axis order (I/J in
     * 1.3.0, X/Y in 1.1.1): inside a building only that building, on a pipeline only that pipeline, nothing in
     * the notch of the L (inside its bounding box, 15 px from it) or on the empty ground, and with TIME the
     * version valid then (IMG-B2 an office in 2020, IMG-P2 found in 2020 and gone now).
     */
    @Test
    void getFeatureInfoNamesTheFeatureUnderThePixel() throws Exception {
        for (View view : views()) {
            String v = view.version() + " " + view.crs();
            assertThat(infoIds(view, B1_IN, null)).as(v + " inside IMG-B1").containsExactly("IMG-B1");
            assertThat(infoIds(view, B2_IN, null)).as(v + " inside IMG-B2").containsExactly("IMG-B2");
            assertThat(infoIds(view, B3_IN, null)).as(v + " inside IMG-B3").containsExactly("IMG-B3");
            assertThat(infoIds(view, P1_ON, null)).as(v + " on IMG-P1").containsExactly("IMG-P1");
            assertThat(infoIds(view, P2_ON, null)).as(v + " where IMG-P2 was").isEmpty();
            assertThat(infoIds(view, B3_NOTCH, null)).as(v + " in the notch of IMG-B3").isEmpty();
            assertThat(infoIds(view, EMPTY, null)).as(v + " nothing there").isEmpty();
            assertThat(infoIds(view, P2_ON, "2020-06-01")).as(v + " IMG-P2 in 2020").containsExactly("IMG-P2");
            assertThat(infoIds(view, B2_IN, "2017-06-01")).as(v + " IMG-B2 before it was built").isEmpty();
        }
        // the version valid at TIME, with its attributes
        View view = new View("1.3.0", "EPSG:4490");
        int[] p = view.pixel(B2_IN);
        String q = view.query("image/png").replace("REQUEST=GetMap", "REQUEST=GetFeatureInfo")
                + "&QUERY_LAYERS=buildings&INFO_FORMAT=application/json&I=" + p[0] + "&J=" + p[1];
        JsonNode then = JSON.readTree(getAs(q + "&TIME=2020-06-01").body()).get("features");
        assertThat(then).hasSize(1);
        assertThat(then.get(0).get("properties").get("use").asText()).isEqualTo("office");
        JsonNode now = JSON.readTree(getAs(q).body()).get("features");
        assertThat(now.get(0).get("properties").get("use").asText()).isEqualTo("medical");
    }

    // --- real clients -----------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"1.3.0", "1.1.1"})
    void owslib(String version) throws Exception {
        String out = run("/usr/bin/python3", Path.of("src", "test", "resources", "owslib", "wms_client.py").toString(), wms,
                version, String.valueOf(around.getMinX()), String.valueOf(around.getMinY()), String.valueOf(around.getMaxX()),
                String.valueOf(around.getMaxY()));
        JsonNode r = JSON.readTree(out);
        assertThat(r.get("layers")).hasSize(5);
        assertThat(r.get("png").asBoolean()).isTrue();
        assertThat(r.get("time").asText()).startsWith(store.timeExtent("buildings", Caller.ANONYMOUS).orElseThrow().start().toString());
        assertThat(r.get("info").get("features").toString()).contains(building.id());
    }

    @Test
    void gdalWmsDriver() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "wms-it"));
        Path png = dir.resolve(getClass().getSimpleName() + ".png");
        run("gdal_translate", "-q", "-of", "PNG", "-outsize", "200", "200", "WMS:" + wms
                + "?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=buildings&CRS=EPSG:4326&BBOX=" + bbox13(), png.toString());
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(200);
        String info = run("gdalinfo", "WMS:" + wms + "?SERVICE=WMS&REQUEST=GetCapabilities");
        assertThat(info).contains("LAYERS=buildings").contains("LAYERS=eco_red_lines");
    }

    // --- capabilities, info, legend -----------------------------------------------------------------

    @Test
    void capabilitiesWithAxisOrderTimeAndLegends() throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(get("SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.3.0").body()));
        var xp = XPathFactory.newInstance().newXPath();
        String layer = "//*[local-name()='Layer'][*[local-name()='Name']='buildings']";
        double minx = Double.parseDouble(xp.evaluate(layer + "/*[local-name()='BoundingBox'][@CRS='EPSG:4490']/@minx", d));
        assertThat(minx).as("1.3.0 EPSG:4490 bbox is latitude first").isBetween(41.0, 43.0);
        assertThat(xp.evaluate(layer + "/@queryable", d)).isEqualTo("1");
        assertThat(xp.evaluate(layer + "/*[local-name()='Dimension'][@name='time']", d))
                .startsWith(store.timeExtent("buildings", Caller.ANONYMOUS).orElseThrow().start().toString());
        assertThat(xp.evaluate(layer + "//*[local-name()='LegendURL']//@*[local-name()='href']", d)).contains("GetLegendGraphic");
        assertThat(xp.evaluate("count(//*[local-name()='Layer'][*[local-name()='Name']='pipelines'])", d)).isEqualTo("0");
    }

    @ParameterizedTest
    @CsvSource({"text/plain", "text/html", "application/json", "application/vnd.ogc.gml"})
    void getFeatureInfoInEveryFormat(String format) throws Exception {
        int[] p = pixel();
        HttpResponse<byte[]> r = get(map("1.3.0", null).replace("REQUEST=GetMap", "REQUEST=GetFeatureInfo")
                + "&QUERY_LAYERS=buildings&INFO_FORMAT=" + enc(format) + "&I=" + p[0] + "&J=" + p[1] + "&FEATURE_COUNT=3");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains(building.id());
        HttpResponse<byte[]> r11 = get(map("1.1.1", null).replace("REQUEST=GetMap", "REQUEST=GetFeatureInfo")
                + "&QUERY_LAYERS=buildings&INFO_FORMAT=" + enc(format) + "&X=" + p[0] + "&Y=" + p[1]);
        assertThat(r11.statusCode()).isEqualTo(200);
        assertThat(new String(r11.body(), StandardCharsets.UTF_8)).contains(building.id());
    }

    @Test
    void legendGraphic() throws Exception {
        BufferedImage legend = image("SERVICE=WMS&REQUEST=GetLegendGraphic&VERSION=1.3.0&LAYER=buildings&FORMAT=image/png");
        assertThat(legend.getHeight()).isEqualTo(8 * 24); // seven uses and the rest
        assertThat(legend.getWidth()).isGreaterThan(40);
    }

    // --- bad input ------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "too many pixels|WIDTH=5000&HEIGHT=5000&LAYERS=buildings&CRS=EPSG:4490&BBOX=41,123,42,124|InvalidParameterValue",
        "inverted bbox|WIDTH=100&HEIGHT=100&LAYERS=buildings&CRS=EPSG:4490&BBOX=42,123,41,124|InvalidParameterValue",
        "unknown layer|WIDTH=100&HEIGHT=100&LAYERS=nowhere&CRS=EPSG:4490&BBOX=41,123,42,124|LayerNotDefined",
        "restricted layer|WIDTH=100&HEIGHT=100&LAYERS=pipelines&CRS=EPSG:4490&BBOX=41,123,42,124|LayerNotDefined",
        "unknown style|WIDTH=100&HEIGHT=100&LAYERS=buildings&STYLES=fancy&CRS=EPSG:4490&BBOX=41,123,42,124|StyleNotDefined",
        "repeated parameter|WIDTH=100&HEIGHT=100&WIDTH=200&LAYERS=buildings&CRS=EPSG:4490&BBOX=41,123,42,124|InvalidParameterValue",
        "unknown CRS|WIDTH=100&HEIGHT=100&LAYERS=buildings&CRS=EPSG:2154&BBOX=41,123,42,124|InvalidCRS",
        "unknown format|WIDTH=100&HEIGHT=100&LAYERS=buildings&CRS=EPSG:4490&BBOX=41,123,42,124&FORMAT=image/gif|InvalidFormat",
        "malformed SLD|WIDTH=100&HEIGHT=100&LAYERS=buildings&CRS=EPSG:4490&BBOX=41,123,42,124&SLD_BODY=%3CStyledLayerDescriptor%3E|InvalidParameterValue",
        "SLD with a DTD|WIDTH=100&HEIGHT=100&LAYERS=buildings&CRS=EPSG:4490&BBOX=41,123,42,124&SLD_BODY=%3C!DOCTYPE%20StyledLayerDescriptor%20%5B%3C!ENTITY%20e%20SYSTEM%20%22file%3A%2F%2F%2Fetc%2Fpasswd%22%3E%5D%3E%3CStyledLayerDescriptor%20xmlns%3D%22http%3A%2F%2Fwww.opengis.net%2Fsld%22%3E%3CNamedLayer%3E%3CName%3E%26e%3B%3C%2FName%3E%3C%2FNamedLayer%3E%3C%2FStyledLayerDescriptor%3E|InvalidParameterValue",
        "absurd graphic size in SLD|WIDTH=100&HEIGHT=100&LAYERS=buildings&CRS=EPSG:4490&BBOX=41,123,42,124&SLD_BODY=%3CStyledLayerDescriptor%20xmlns%3D%22http%3A%2F%2Fwww.opengis.net%2Fsld%22%3E%3CNamedLayer%3E%3CName%3Ebuildings%3C%2FName%3E%3CUserStyle%3E%3CFeatureTypeStyle%3E%3CRule%3E%3CPointSymbolizer%3E%3CGraphic%3E%3CMark%3E%3CWellKnownName%3Ecircle%3C%2FWellKnownName%3E%3C%2FMark%3E%3CSize%3E40000%3C%2FSize%3E%3C%2FGraphic%3E%3C%2FPointSymbolizer%3E%3C%2FRule%3E%3C%2FFeatureTypeStyle%3E%3C%2FUserStyle%3E%3C%2FNamedLayer%3E%3C%2FStyledLayerDescriptor%3E|InvalidParameterValue",
        "missing bbox|WIDTH=100&HEIGHT=100&LAYERS=buildings&CRS=EPSG:4490|MissingParameterValue",
    })
    void badGetMapsAreExceptionReports(String name, String query, String code) throws Exception {
        String q = "SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&" + (query.contains("STYLES=") ? "" : "STYLES=&")
                + (query.contains("FORMAT=") ? "" : "FORMAT=image/png&") + query;
        HttpResponse<byte[]> r = get(q);
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(r.statusCode()).as(name + ": " + body).isBetween(400, 499);
        assertThat(body).contains("ServiceExceptionReport").contains("code=\"" + code + "\"").doesNotContain("root:");
        assertThat(get("SERVICE=WMS&REQUEST=GetCapabilities").statusCode()).isEqualTo(200);
    }

    /**
     * More bad input of every operation (sizes, BBOX, missing parameters, BGCOLOR, TIME, CQL_FILTER, DPI,
     * CRS, the pixel and counts of GetFeatureInfo, GetLegendGraphic): a 400 whose body is the service
     * exception report of the version (1.1.1's content type application/vnd.ogc.se_xml) with the code.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "zero width|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41,123,42,124&WIDTH=0&HEIGHT=100|InvalidParameterValue",
        "negative width|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41,123,42,124&WIDTH=-5&HEIGHT=100|InvalidParameterValue",
        "width not a number|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41,123,42,124&WIDTH=abc&HEIGHT=100|InvalidParameterValue",
        "width over 16384|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41,123,42,124&WIDTH=20000&HEIGHT=10|InvalidParameterValue",
        "width beyond an int|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41,123,42,124&WIDTH=99999999999&HEIGHT=10|InvalidParameterValue",
        "missing width|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41,123,42,124&HEIGHT=100|MissingParameterValue",
        "bbox of three numbers|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41,123,42&WIDTH=100&HEIGHT=100|InvalidParameterValue",
        "bbox not a number|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41,123,42,abc&WIDTH=100&HEIGHT=100|InvalidParameterValue",
        "bbox NaN|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41,123,NaN,124&WIDTH=100&HEIGHT=100|InvalidParameterValue",
        "bbox infinite|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41,123,Infinity,124&WIDTH=100&HEIGHT=100|InvalidParameterValue",
        "bbox without area|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41,123,41,124&WIDTH=100&HEIGHT=100|InvalidParameterValue",
        "missing LAYERS|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&STYLES=&FORMAT=image/png&CRS=EPSG:4490&BBOX=41,123,42,124&WIDTH=100&HEIGHT=100|MissingParameterValue",
        "empty LAYERS list|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&STYLES=&FORMAT=image/png&LAYERS=,&CRS=EPSG:4490&BBOX=41,123,42,124&WIDTH=100&HEIGHT=100|MissingParameterValue",
        "missing CRS|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&STYLES=&FORMAT=image/png&LAYERS=buildings&BBOX=41,123,42,124&WIDTH=100&HEIGHT=100|MissingParameterValue",
        "missing FORMAT|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&STYLES=&LAYERS=buildings&CRS=EPSG:4490&BBOX=41,123,42,124&WIDTH=100&HEIGHT=100|MissingParameterValue",
        "more STYLES than LAYERS|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&STYLES=,,&FORMAT=image/png&LAYERS=buildings,pois&CRS=EPSG:4490&BBOX=41,123,42,124&WIDTH=100&HEIGHT=100|InvalidParameterValue",
        "too many layers|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&STYLES=&FORMAT=image/png&LAYERS=buildings,buildings,buildings,buildings,buildings,buildings,buildings,buildings,buildings,buildings,buildings,buildings,buildings,buildings,buildings,buildings,buildings,buildings,buildings,buildings,buildings,buildings,buildings,buildings,buildings,buildings,buildings,buildings,buildings,buildings,buildings,buildings,buildings,buildings,buildings,buildings,buildings,buildings,buildings,buildings&CRS=EPSG:4490&BBOX=41,123,42,124&WIDTH=100&HEIGHT=100|InvalidParameterValue",
        "BGCOLOR a name|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41,123,42,124&WIDTH=100&HEIGHT=100&BGCOLOR=red|InvalidParameterValue",
        "BGCOLOR not hex|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41,123,42,124&WIDTH=100&HEIGHT=100&BGCOLOR=0xGGHHII|InvalidParameterValue",
        "TIME not a date|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41,123,42,124&WIDTH=100&HEIGHT=100&TIME=yesterday|InvalidParameterValue",
        "TIME range ending before it starts|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41,123,42,124&WIDTH=100&HEIGHT=100&TIME=2020-01-01/2019-01-01|InvalidParameterValue",
        "TIME list|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41,123,42,124&WIDTH=100&HEIGHT=100&TIME=2020-01-01,2021-01-01|InvalidParameterValue",
        "TIME month 13|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41,123,42,124&WIDTH=100&HEIGHT=100&TIME=2020-13-45|InvalidParameterValue",
        "CQL_FILTER syntax|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41,123,42,124&WIDTH=100&HEIGHT=100&CQL_FILTER=use%20%3D%3D%3D|InvalidParameterValue",
        "CQL_FILTER unknown property|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41,123,42,124&WIDTH=100&HEIGHT=100&CQL_FILTER=nosuch%3D1|InvalidParameterValue",
        "DPI negative|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41,123,42,124&WIDTH=100&HEIGHT=100&DPI=-5|InvalidParameterValue",
        "DPI not a number|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41,123,42,124&WIDTH=100&HEIGHT=100&DPI=abc|InvalidParameterValue",
        "DPI absurd|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41,123,42,124&WIDTH=100&HEIGHT=100&DPI=100000|InvalidParameterValue",
        "CRS AUTO|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=AUTO:42001&BBOX=41,123,42,124&WIDTH=100&HEIGHT=100|InvalidCRS",
        "CRS EPSG:abc|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:abc&BBOX=41,123,42,124&WIDTH=100&HEIGHT=100|InvalidCRS",
        "GetFeatureInfo I = WIDTH|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41.7,123.3,41.9,123.6&WIDTH=100&HEIGHT=100&INFO_FORMAT=application/json&QUERY_LAYERS=buildings&I=100&J=50|InvalidPoint",
        "GetFeatureInfo I negative|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41.7,123.3,41.9,123.6&WIDTH=100&HEIGHT=100&INFO_FORMAT=application/json&QUERY_LAYERS=buildings&I=-1&J=50|InvalidPoint",
        "GetFeatureInfo I not a number|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41.7,123.3,41.9,123.6&WIDTH=100&HEIGHT=100&INFO_FORMAT=application/json&QUERY_LAYERS=buildings&I=abc&J=50|InvalidParameterValue",
        "GetFeatureInfo I fractional|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41.7,123.3,41.9,123.6&WIDTH=100&HEIGHT=100&INFO_FORMAT=application/json&QUERY_LAYERS=buildings&I=5.5&J=50|InvalidParameterValue",
        "GetFeatureInfo missing I|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41.7,123.3,41.9,123.6&WIDTH=100&HEIGHT=100&INFO_FORMAT=application/json&QUERY_LAYERS=buildings&J=50|MissingParameterValue",
        "GetFeatureInfo missing J|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41.7,123.3,41.9,123.6&WIDTH=100&HEIGHT=100&INFO_FORMAT=application/json&QUERY_LAYERS=buildings&I=50|MissingParameterValue",
        "GetFeatureInfo missing QUERY_LAYERS|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41.7,123.3,41.9,123.6&WIDTH=100&HEIGHT=100&INFO_FORMAT=application/json&I=50&J=50|MissingParameterValue",
        "GetFeatureInfo QUERY_LAYERS not in LAYERS|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41.7,123.3,41.9,123.6&WIDTH=100&HEIGHT=100&INFO_FORMAT=application/json&QUERY_LAYERS=pois&I=50&J=50|LayerNotDefined",
        "GetFeatureInfo restricted QUERY_LAYERS|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41.7,123.3,41.9,123.6&WIDTH=100&HEIGHT=100&INFO_FORMAT=application/json&QUERY_LAYERS=pipelines&I=50&J=50|LayerNotDefined",
        "GetFeatureInfo unknown INFO_FORMAT|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41.7,123.3,41.9,123.6&WIDTH=100&HEIGHT=100&INFO_FORMAT=application/json&QUERY_LAYERS=buildings&I=50&J=50&INFO_FORMAT=application/pdf|InvalidParameterValue",
        "GetFeatureInfo FEATURE_COUNT 0|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41.7,123.3,41.9,123.6&WIDTH=100&HEIGHT=100&INFO_FORMAT=application/json&QUERY_LAYERS=buildings&I=50&J=50&FEATURE_COUNT=0|InvalidParameterValue",
        "GetFeatureInfo FEATURE_COUNT 1001|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41.7,123.3,41.9,123.6&WIDTH=100&HEIGHT=100&INFO_FORMAT=application/json&QUERY_LAYERS=buildings&I=50&J=50&FEATURE_COUNT=1001|InvalidParameterValue",
        "GetFeatureInfo FEATURE_COUNT not a number|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41.7,123.3,41.9,123.6&WIDTH=100&HEIGHT=100&INFO_FORMAT=application/json&QUERY_LAYERS=buildings&I=50&J=50&FEATURE_COUNT=abc|InvalidParameterValue",
        "GetFeatureInfo bad TIME|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo&STYLES=&FORMAT=image/png&LAYERS=buildings&CRS=EPSG:4490&BBOX=41.7,123.3,41.9,123.6&WIDTH=100&HEIGHT=100&INFO_FORMAT=application/json&QUERY_LAYERS=buildings&I=50&J=50&TIME=bad|InvalidParameterValue",
        "GetFeatureInfo 1.1.1 Y outside|SERVICE=WMS&VERSION=1.1.1&REQUEST=GetFeatureInfo&STYLES=&FORMAT=image/png&LAYERS=buildings&SRS=EPSG:4490&BBOX=123.3,41.7,123.6,41.9&WIDTH=100&HEIGHT=100&INFO_FORMAT=application/json&QUERY_LAYERS=buildings&X=50&Y=500|InvalidPoint",
        "GetFeatureInfo 1.1.1 missing Y|SERVICE=WMS&VERSION=1.1.1&REQUEST=GetFeatureInfo&STYLES=&FORMAT=image/png&LAYERS=buildings&SRS=EPSG:4490&BBOX=123.3,41.7,123.6,41.9&WIDTH=100&HEIGHT=100&INFO_FORMAT=application/json&QUERY_LAYERS=buildings&X=50|MissingParameterValue",
        "GetLegendGraphic missing LAYER|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetLegendGraphic&FORMAT=image/png|MissingParameterValue",
        "GetLegendGraphic unknown LAYER|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetLegendGraphic&LAYER=nowhere&FORMAT=image/png|LayerNotDefined",
        "GetLegendGraphic restricted LAYER|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetLegendGraphic&LAYER=pipelines&FORMAT=image/png|LayerNotDefined",
        "GetLegendGraphic unknown FORMAT|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetLegendGraphic&LAYER=buildings&FORMAT=image/gif|InvalidFormat",
        "GetLegendGraphic unknown STYLE|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetLegendGraphic&LAYER=buildings&FORMAT=image/png&STYLE=fancy|StyleNotDefined",
        "GetLegendGraphic negative WIDTH|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetLegendGraphic&LAYER=buildings&FORMAT=image/png&WIDTH=-3|InvalidParameterValue",
        "GetLegendGraphic SCALE not a number|SERVICE=WMS&VERSION=1.3.0&REQUEST=GetLegendGraphic&LAYER=buildings&FORMAT=image/png&SCALE=abc|InvalidParameterValue",
        "missing REQUEST|SERVICE=WMS&VERSION=1.3.0|MissingParameterValue",
    })
    void moreBadRequestsAreExceptionReports(String name, String query, String code) throws Exception {
        HttpResponse<byte[]> r = get(query);
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(r.statusCode()).as(name + ": " + body).isEqualTo(400);
        assertThat(body).as(name).contains("ServiceExceptionReport").contains("code=\"" + code + "\"").doesNotContain("Exception:");
        assertThat(r.headers().firstValue("Content-Type")).as(name)
                .hasValueSatisfying(t -> assertThat(t).startsWith(query.contains("VERSION=1.1.1") ? "application/vnd.ogc.se_xml" : "text/xml"));
    }

    @Test
    void exceptionsInImageAndBlankAndInvalidSrsFor111() throws Exception {
        String bad = "SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=nowhere&STYLES=&CRS=EPSG:4490&BBOX=41,123,42,124"
                + "&WIDTH=120&HEIGHT=80&FORMAT=image/png&EXCEPTIONS=";
        BufferedImage inimage = image(bad + "INIMAGE");
        assertThat(inimage.getWidth()).isEqualTo(120);
        boolean red = false;
        for (int x = 0; x < 120 && !red; x++) {
            for (int y = 0; y < 80 && !red; y++) {
                Color c = new Color(inimage.getRGB(x, y), true);
                red = c.getRed() > 200 && c.getGreen() < 100;
            }
        }
        assertThat(red).as("the message is written in red").isTrue();
        BufferedImage blank = image(bad + "BLANK");
        assertThat(new Color(blank.getRGB(60, 40))).isEqualTo(Color.WHITE);
        HttpResponse<byte[]> srs = get("SERVICE=WMS&VERSION=1.1.1&REQUEST=GetMap&LAYERS=buildings&STYLES=&SRS=EPSG:2154"
                + "&BBOX=1,2,3,4&WIDTH=10&HEIGHT=10&FORMAT=image/png");
        assertThat(new String(srs.body(), StandardCharsets.UTF_8)).contains("code=\"InvalidSRS\"");
        assertThat(srs.headers().firstValue("Content-Type")).hasValue("application/vnd.ogc.se_xml");
    }
}
