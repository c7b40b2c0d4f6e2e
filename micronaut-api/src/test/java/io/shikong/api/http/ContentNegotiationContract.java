package io.shikong.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every OGC operation and REST resource with the {@code Accept} headers real clients send. OGC endpoints
 * answer by FORMAT / OUTPUTFORMAT / INFO_FORMAT whatever the header, and report errors as OGC exceptions;
 * REST answers GeoJSON as the type asked for and a 406 (problem+json naming what it can produce) only when
 * nothing acceptable can be produced.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ContentNegotiationContract {

    /** What clients really send; {@code null}: no Accept header (Java's HttpClient, QGIS's WMS/WFS providers). */
    static final Map<String, String> CLIENTS = new java.util.LinkedHashMap<>();

    static {
        CLIENTS.put("none (Java HttpClient, QGIS)", null);
        CLIENTS.put("curl, OWSLib (requests), GDAL (libcurl), OpenLayers fetch", "*/*");
        CLIENTS.put("Chromium page", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
                + "image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7");
        CLIENTS.put("Firefox page", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        CLIENTS.put("browser <img>", "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8");
        CLIENTS.put("OGC suite XML", "application/xml");
        CLIENTS.put("OGC suite text/xml", "text/xml");
        CLIENTS.put("OGC suite GML", "application/gml+xml; version=3.2");
        CLIENTS.put("SDKs, generated client", "application/json");
        CLIENTS.put("GDAL OAPIF", "application/geo+json, application/json;q=0.9");
        CLIENTS.put("image only", "image/png");
        CLIENTS.put("odd casing", "Application/JSON");
    }

    EmbeddedServer server;
    String base;
    final HttpClient http = HttpClient.newHttpClient();

    abstract Map<String, Object> storeProperties() throws Exception;

    @BeforeAll
    void start() throws Exception {
        Map<String, Object> props = new HashMap<>(storeProperties());
        props.put("micronaut.server.port", -1);
        props.put("shikong.samples", true);
        server = ApplicationContext.run(EmbeddedServer.class, props);
        base = server.getURI().toString();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    HttpResponse<byte[]> get(String path, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> post(String path, String accept, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType);
        if (accept != null) {
            b.header("Accept", accept);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String type(HttpResponse<?> r) {
        return r.headers().firstValue("Content-Type").orElse("");
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    // --- OGC: the format parameter decides, never the Accept header ------------------------------------------

    /** path, expected status, expected content type prefix, a string the body must hold. */
    static final List<String[]> OGC = List.of(
            new String[] {"/ows?SERVICE=WMS&REQUEST=GetCapabilities", "200", "text/xml", "WMS_Capabilities"},
            new String[] {"/wms?service=WMS&version=1.1.1&request=GetCapabilities", "200", "application/vnd.ogc.wms_xml", "WMT_MS_Capabilities"},
            new String[] {"/ows?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=buildings&STYLES=&CRS=EPSG:4326"
                    + "&BBOX=41.78,123.40,41.81,123.45&WIDTH=64&HEIGHT=64&FORMAT=image/png", "200", "image/png", "PNG"},
            new String[] {"/ows?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=buildings&STYLES=&CRS=EPSG:4326"
                    + "&BBOX=41.78,123.40,41.81,123.45&WIDTH=64&HEIGHT=64&FORMAT=image/jpeg", "200", "image/jpeg", ""},
            new String[] {"/ows?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo&LAYERS=buildings&QUERY_LAYERS=buildings"
                    + "&STYLES=&CRS=EPSG:4326&BBOX=41.78,123.40,41.81,123.45&WIDTH=64&HEIGHT=64&I=32&J=32"
                    + "&INFO_FORMAT=application/json", "200", "application/json", "FeatureCollection"},
            new String[] {"/ows?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo&LAYERS=buildings&QUERY_LAYERS=buildings"
                    + "&STYLES=&CRS=EPSG:4326&BBOX=41.78,123.40,41.81,123.45&WIDTH=64&HEIGHT=64&I=32&J=32"
                    + "&INFO_FORMAT=text/html", "200", "text/html", "<"},
            new String[] {"/ows?SERVICE=WMS&REQUEST=GetLegendGraphic&VERSION=1.3.0&FORMAT=image/png&LAYER=buildings",
                    "200", "image/png", "PNG"},
            new String[] {"/ows?SERVICE=WFS&REQUEST=GetCapabilities", "200", "application/xml", "WFS_Capabilities"},
            new String[] {"/wfs?service=WFS&version=2.0.0&request=DescribeFeatureType&typeNames=shikong:pois", "200",
                    "application/gml+xml", "xsd:schema"},
            new String[] {"/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=shikong:pois&count=2", "200",
                    "application/gml+xml", "wfs:FeatureCollection"},
            new String[] {"/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=shikong:pois&count=2"
                    + "&outputFormat=application/json", "200", "application/json", "FeatureCollection"},
            new String[] {"/wfs?service=WFS&version=1.1.0&request=GetFeature&typeName=shikong:pois&maxFeatures=2", "200",
                    "text/xml", "wfs:FeatureCollection"},
            new String[] {"/wfs?service=WFS&version=2.0.0&request=GetPropertyValue&typeNames=shikong:pois&count=2"
                    + "&valueReference=name", "200", "application/gml+xml", "wfs:ValueCollection"},
            new String[] {"/wfs?service=WFS&version=2.0.0&request=ListStoredQueries", "200", "application/xml",
                    "ListStoredQueriesResponse"},
            // errors are OGC reports in every case
            new String[] {"/wfs?service=WFS&version=2.0.0&request=GetFeature&typeNames=shikong:nowhere", "400",
                    "application/xml", "ows:ExceptionReport"},
            new String[] {"/wms?service=WMS&version=1.3.0&request=GetMap&layers=nowhere", "400", "text/xml",
                    "ServiceExceptionReport"},
            new String[] {"/ows/no/such/path", "404", "application/xml", "ows:ExceptionReport"},
            new String[] {"/wms/no/such/path", "404", "text/xml", "ServiceExceptionReport"});

    Stream<Arguments> ogcMatrix() {
        List<Arguments> out = new ArrayList<>();
        for (var client : CLIENTS.entrySet()) {
            for (String[] op : OGC) {
                out.add(Arguments.of(client.getKey(), client.getValue(), op[0], Integer.parseInt(op[1]), op[2], op[3]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("ogcMatrix")
    void ogcAnswersByFormatParameterWhateverTheAcceptHeader(String client, String accept, String path, int status,
                                                            String type, String holds) throws Exception {
        HttpResponse<byte[]> r = get(path, accept);
        assertThat(r.statusCode()).as(text(r)).isEqualTo(status);
        assertThat(type(r)).startsWith(type);
        assertThat(text(r)).contains(holds);
        assertThat(type(r)).doesNotContain("problem+json");
    }

    Stream<Arguments> clients() {
        return CLIENTS.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void ogcXmlPostAnswersWhateverTheAcceptHeader(String client, String accept) throws Exception {
        HttpResponse<byte[]> r = post("/wfs", accept, "text/xml", """
                <wfs:GetFeature service="WFS" version="2.0.0" count="1" xmlns:wfs="http://www.opengis.net/wfs/2.0"
                    xmlns:shikong="https://shikong.io/features"><wfs:Query typeNames="shikong:pois"/></wfs:GetFeature>""");
        assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
        assertThat(type(r)).startsWith("application/gml+xml");
        assertThat(text(r)).contains("numberReturned=\"1\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void ogcFrameworkErrorsAreOgcReports(String client, String accept) throws Exception {
        // a POST body of a type that is not XML: 415 as an OWS report
        HttpResponse<byte[]> json = post("/wfs", accept, "application/json", "{}");
        assertThat(json.statusCode()).isEqualTo(415);
        assertThat(type(json)).startsWith("application/xml");
        assertThat(text(json)).contains("exceptionCode=\"InvalidParameterValue\"").contains("locator=\"Content-Type\"");
        // a method the endpoint does not take
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/ows?service=WFS")).DELETE();
        if (accept != null) {
            b.header("Accept", accept);
        }
        HttpResponse<byte[]> delete = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(text(delete)).contains("exceptionCode=\"OperationNotSupported\"");
        // wrong credentials on the WMS: its own report, 401 with the challenge
        b = HttpRequest.newBuilder(URI.create(base + "/wms?service=WMS&request=GetCapabilities"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("x:y".getBytes()));
        if (accept != null) {
            b.header("Accept", accept);
        }
        HttpResponse<byte[]> unauthorized = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(unauthorized.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(text(unauthorized)).contains("ServiceExceptionReport");
    }

    @Test
    void aBodyTooLargeIsAnOgcReport() throws Exception {
        String big = "<wfs:GetFeature xmlns:wfs=\"http://www.opengis.net/wfs/2.0\"><!--" + "x".repeat(17 * 1024 * 1024)
                + "--></wfs:GetFeature>";
        HttpResponse<byte[]> r = post("/wfs", "application/xml", "text/xml", big);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(type(r)).startsWith("application/xml");
        assertThat(text(r)).contains("ows:ExceptionReport").contains("too large");
    }

    // --- REST: GeoJSON as asked; 406 only when nothing acceptable can be made -------------------------------

    /** The GeoJSON resources and, per client, the type expected ({@code 406} when nothing fits). */
    static final List<String> GEOJSON_RESOURCES = List.of(
            "/api/v1/layers/eco_red_lines/features?limit=1",
            "/api/v1/layers/pois/features/POI0000001",
            "/api/v1/layers/pois/features/POI0000001/history",
            "/api/v1/sector/inspection-sites?limit=1");

    static final Map<String, String> GEOJSON_EXPECTED = Map.ofEntries(
            Map.entry("none (Java HttpClient, QGIS)", "application/geo+json"),
            Map.entry("curl, OWSLib (requests), GDAL (libcurl), OpenLayers fetch", "application/geo+json"),
            Map.entry("Chromium page", "application/geo+json"),
            Map.entry("Firefox page", "application/geo+json"),
            Map.entry("browser <img>", "application/geo+json"),
            Map.entry("OGC suite XML", "406"),
            Map.entry("OGC suite text/xml", "406"),
            Map.entry("OGC suite GML", "406"),
            Map.entry("SDKs, generated client", "application/json"),
            Map.entry("GDAL OAPIF", "application/geo+json"),
            Map.entry("image only", "406"),
            Map.entry("odd casing", "application/json"));

    Stream<Arguments> restMatrix() {
        List<Arguments> out = new ArrayList<>();
        for (var client : CLIENTS.entrySet()) {
            for (String path : GEOJSON_RESOURCES) {
                out.add(Arguments.of(client.getKey(), client.getValue(), path, GEOJSON_EXPECTED.get(client.getKey())));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("restMatrix")
    void restGeoJsonAsTheTypeAskedFor(String client, String accept, String path, String expected) throws Exception {
        HttpResponse<byte[]> r = get(path, accept);
        if (expected.equals("406")) {
            assertThat(r.statusCode()).isEqualTo(406);
            assertThat(type(r)).startsWith("application/problem+json");
            assertThat(text(r)).contains("application/geo+json").contains("application/json").contains("\"parameter\":\"Accept\"");
        } else {
            assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
            assertThat(type(r)).startsWith(expected);
            assertThat(text(r)).contains("\"type\":\"Feature");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void restPostsAnswerAsAskedToo(String client, String accept) throws Exception {
        HttpResponse<byte[]> r = post("/api/v1/layers/pois/spatial-query", accept, "application/json",
                "{\"geometry\":{\"type\":\"Point\",\"coordinates\":[123.45,41.80]},\"relation\":\"nearest\",\"k\":1}");
        String expected = GEOJSON_EXPECTED.get(client);
        if (expected.equals("406")) {
            assertThat(r.statusCode()).isEqualTo(406);
            assertThat(type(r)).startsWith("application/problem+json");
        } else {
            assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
            assertThat(type(r)).startsWith(expected);
        }
    }

    /** JSON-only resources: JSON for anything that takes JSON, 406 otherwise (and for geo+json alone). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void restJsonResources(String client, String accept) throws Exception {
        boolean json = !List.of("OGC suite XML", "OGC suite text/xml", "OGC suite GML", "image only").contains(client);
        for (String path : List.of("/api/v1", "/api/v1/layers", "/api/v1/layers/pois")) {
            HttpResponse<byte[]> r = get(path, accept);
            if (json) {
                assertThat(r.statusCode()).as(path + " " + text(r)).isEqualTo(200);
                assertThat(type(r)).startsWith("application/json");
            } else {
                assertThat(r.statusCode()).as(path).isEqualTo(406);
                assertThat(text(r)).contains("application/json");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void openApiDocumentIsYamlForEveryClient(String client, String accept) throws Exception {
        HttpResponse<byte[]> r = get("/swagger/shikong-1.0.yml", accept);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(type(r)).startsWith("application/yaml");
        assertThat(text(r)).startsWith("openapi: 3.");
    }

    @Test
    void apiRootLinksToItsResources() throws Exception {
        HttpResponse<byte[]> r = get("/api/v1", "application/json");
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
        List<String> rels = new ArrayList<>();
        root.get("links").forEach(l -> rels.add(l.get("rel").asText()));
        assertThat(rels).contains("self", "service-desc", "data");
        for (var link : root.get("links")) {
            if (link.get("rel").asText().equals("data") || link.get("rel").asText().equals("service-desc")) {
                HttpResponse<byte[]> followed = http.send(HttpRequest.newBuilder(URI.create(link.get("href").asText())).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(followed.statusCode()).as(link.get("href").asText()).isEqualTo(200);
                assertThat(type(followed)).startsWith(link.get("type").asText());
            }
        }
    }
}
