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
import java.util.HashMap;
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
