package io.shikong.api.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The expensive single requests of issue 12, through the running server on the embedded store with the default
 * limits: each is refused with its protocol's 4xx naming the limit and its key, or finishes, and meanwhile a
 * health probe is answered. Client timeouts are hang guards, not measures.
 */
class ExpensiveRequestsIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    /** Hang guard of an attack. */
    static final Duration GUARD = Duration.ofSeconds(120);
    static final String WFS = "service=\"WFS\" version=\"2.0.0\" xmlns:wfs=\"http://www.opengis.net/wfs/2.0\" "
            + "xmlns:fes=\"http://www.opengis.net/fes/2.0\" xmlns:gml=\"http://www.opengis.net/gml/3.2\" "
            + "xmlns:shikong=\"https://shikong.io/features\"";

    static EmbeddedServer server;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "expensive-it")), "db");
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("shikong.store.kind", "embedded");
        props.put("shikong.store.file", dir.resolve("shikong").toString());
        props.put("shikong.samples.load", "true");
        props.put("shikong.tiles.cache-dir", "");
        server = ApplicationContext.run(EmbeddedServer.class, props);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create(server.getURL() + path)).timeout(GUARD);
    }

    static HttpRequest postXml(String path, String xml) {
        return at(path).header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofString(xml)).build();
    }

    static HttpRequest postJson(String path, String json) {
        return at(path).header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    /** Sends the attack, probes /health while it runs, and returns the attack's answer. */
    static HttpResponse<String> attack(HttpRequest request) throws Exception {
        CompletableFuture<HttpResponse<String>> answer = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> health = HTTP.send(at("/health").timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
        return answer.get(GUARD.toSeconds(), TimeUnit.SECONDS);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String getMap(String layers, String extra) {
        return "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=" + layers + "&STYLES=&CRS=CRS:84"
                + "&BBOX=123.3,41.7,123.5,41.9&FORMAT=image/png&WIDTH=512&HEIGHT=512" + extra;
    }

    static String sld(String rule) {
        return "&SLD_BODY=" + enc("<StyledLayerDescriptor version=\"1.0.0\" xmlns=\"http://www.opengis.net/sld\" "
                + "xmlns:ogc=\"http://www.opengis.net/ogc\"><NamedLayer><Name>buildings</Name><UserStyle><FeatureTypeStyle>"
                + rule + "</FeatureTypeStyle></UserStyle></NamedLayer></StyledLayerDescriptor>");
    }

    static String likeRule(String pattern) {
        return "<Rule><ogc:Filter><ogc:PropertyIsLike wildCard=\"*\" singleChar=\".\" escape=\"!\"><ogc:PropertyName>name"
                + "</ogc:PropertyName><ogc:Literal>" + pattern + "</ogc:Literal></ogc:PropertyIsLike></ogc:Filter>"
                + "<PolygonSymbolizer><Fill><CssParameter name=\"fill\">#FF0000</CssParameter></Fill></PolygonSymbolizer></Rule>";
    }

    static void refused(HttpResponse<String> r, int status, String code, String text) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.body()).contains(code).contains(text);
    }

    @Test
    void aLikeOfManyWildcardsInSldBodyIsRefusedAndOneWithinTheLimitDraws() throws Exception {
        refused(attack(at(getMap("buildings", sld(likeRule("*************************#")))).GET().build()), 400,
                "InvalidParameterValue", "25 wildcards; at most 16 are accepted (shikong.wms.max-like-wildcards)");
        // 15 wildcards before a '#' no name has: every building tested, no backtracking
        HttpResponse<byte[]> within = HTTP.send(at(getMap("buildings", sld(likeRule("*a*b*c*d*e*f*g*h*i*j*k*l*m*n*o#"))))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(within.statusCode()).isEqualTo(200);
        assertThat(within.headers().firstValue("Content-Type")).hasValue("image/png");
    }

    @Test
    void aNegativeStrokeDashoffsetDraws() throws Exception {
        String rule = "<Rule><PolygonSymbolizer><Stroke><CssParameter name=\"stroke-dasharray\">4 2</CssParameter>"
                + "<CssParameter name=\"stroke-dashoffset\">-3</CssParameter></Stroke></PolygonSymbolizer></Rule>";
        HttpResponse<byte[]> r = HTTP.send(at(getMap("buildings", sld(rule))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
    }

    @Test
    void aMapOfTwoHundredLayersOrOfHugeSymbolsAtHighDpiIsRefused() throws Exception {
        refused(attack(at(getMap(String.join(",", Collections.nCopies(200, "buildings")), "")).GET().build()), 400,
                "InvalidParameterValue", "LAYERS names 200 layers; at most 32 are drawn in one map (shikong.wms.max-layers)");
        String wide = "<Rule><PolygonSymbolizer><Stroke><CssParameter name=\"stroke-width\">512</CssParameter></Stroke>"
                + "</PolygonSymbolizer></Rule>";
        refused(attack(at(getMap("buildings", sld(wide) + "&DPI=1200").replace("WIDTH=512&HEIGHT=512",
                "WIDTH=4096&HEIGHT=4096")).GET().build()), 400, "InvalidParameterValue",
                "is drawn 6773 px wide; at most 512 px are drawn (shikong.wms.max-symbol-size)");
    }

    static String deletes(int n) {
        StringBuilder sb = new StringBuilder("<wfs:Transaction " + WFS + ">");
        for (int i = 0; i < n; i++) {
            sb.append("<wfs:Delete typeName=\"shikong:buildings\"><fes:Filter><fes:Not><fes:PropertyIsNull>"
                    + "<fes:ValueReference>name</fes:ValueReference></fes:PropertyIsNull></fes:Not></fes:Filter></wfs:Delete>");
        }
        return sb.append("</wfs:Transaction>").toString();
    }

    @Test
    void tenThousandDeletesAreRefusedAndAnAnonymousCallersAreForbiddenBeforeAnyRead() throws Exception {
        refused(attack(postXml("/wfs", deletes(10_000))), 400, "InvalidParameterValue",
                "10000 actions in one transaction; at most 1000 are accepted (shikong.wfs.max-actions)");
        refused(attack(postXml("/wfs", deletes(1000))), 403, "OperationNotPermitted",
                "caller 'anonymous' may not write layer 'buildings'");
        // nothing was deleted
        HttpResponse<String> hits = HTTP.send(at("/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=shikong:buildings"
                + "&RESULTTYPE=hits").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(hits.body()).doesNotContain("numberMatched=\"0\"");
    }

    @Test
    void aGetFeatureOfThreeHundredThousandQueriesIsRefused() throws Exception {
        // the shortest spelling, so that 300,000 fit in the server's request buffer (10 MiB)
        StringBuilder sb = new StringBuilder("<GetFeature xmlns=\"http://www.opengis.net/wfs/2.0\" service=\"WFS\" "
                + "version=\"2.0.0\">");
        for (int i = 0; i < 300_000; i++) {
            sb.append("<Query typeNames=\"pois\"/>");
        }
        refused(attack(postXml("/wfs", sb.append("</GetFeature>").toString())), 400, "InvalidParameterValue",
                "more than 100 queries in one GetFeature (shikong.wfs.max-queries)");
    }

    /** A GetFeature of pois within a circle of {@code n} distinct vertices around central Shenyang. */
    static String circleQuery(int n) {
        StringBuilder pos = new StringBuilder();
        for (int k = 0; k <= n; k++) {
            double t = 2 * Math.PI * (k % n) / n;
            // EPSG:4490 by URN: latitude first
            pos.append(String.format(Locale.ROOT, "%.7f %.7f ", 41.8 + 0.05 * Math.sin(t), 123.4 + 0.05 * Math.cos(t)));
        }
        return "<wfs:GetFeature " + WFS + " count=\"5\"><wfs:Query typeNames=\"shikong:pois\"><fes:Filter><fes:Intersects>"
                + "<fes:ValueReference>geom</fes:ValueReference><gml:Polygon gml:id=\"p\" srsName=\"urn:ogc:def:crs:EPSG::4490\">"
                + "<gml:exterior><gml:LinearRing><gml:posList>" + pos.toString().trim() + "</gml:posList></gml:LinearRing>"
                + "</gml:exterior></gml:Polygon></fes:Intersects></fes:Filter></wfs:Query></wfs:GetFeature>";
    }

    @Test
    void aQueryPolygonOfAHundredThousandVerticesIsAnsweredAndOneMoreIsRefused() throws Exception {
        HttpResponse<String> r = attack(postXml("/wfs", circleQuery(99_999)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("numberReturned=\"5\"");
        refused(attack(postXml("/wfs", circleQuery(100_000))), 400, "InvalidParameterValue",
                "100001 vertices; at most 100000 are accepted (shikong.query.max-vertices)");
    }

    @Test
    void aReadOverTheStatementTimeoutIsA400NamingItNotA500() throws Exception {
        // the server's store with a timeout no read of 100,000 vertices can meet (set as CoreFactory sets it at start)
        io.shikong.core.store.jdbc.JdbcFeatureStore store = (io.shikong.core.store.jdbc.JdbcFeatureStore) server
                .getApplicationContext().getBean(io.shikong.core.store.FeatureStore.class);
        io.shikong.core.store.jdbc.StoreLimits configured = store.limits();
        store.limits(new io.shikong.core.store.jdbc.StoreLimits(Duration.ofMillis(1), configured.maxQueryVertices()));
        try {
            refused(attack(postXml("/wfs", circleQuery(99_999))), 400, "OperationProcessingFailed",
                    "(shikong.store.statement-timeout) and was cancelled");
        } finally {
            store.limits(configured);
        }
        assertThat(attack(postXml("/wfs", circleQuery(99_999))).statusCode()).isEqualTo(200);
    }

    static String star(int n) {
        StringBuilder sb = new StringBuilder("{\"type\":\"Polygon\",\"coordinates\":[[");
        int k = n / 2 - 1;
        for (int i = 0; i <= n; i++) {
            double t = 2 * Math.PI * ((long) (i % n) * k % n) / n;
            sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "[%.7f,%.7f]", 123.4 + 0.01 * Math.cos(t),
                    41.8 + 0.01 * Math.sin(t)));
        }
        return sb.append("]]}").toString();
    }

    @Test
    void aStarOfThousandsOfVerticesIsNotRepairedAndASmallOneIsRepairedOnce() throws Exception {
        HttpResponse<String> r = attack(postJson("/api/v1/redline/checks", "{\"repair\":true,\"footprint\":" + star(3001) + "}"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode p = JSON.readTree(r.body());
        assertThat(p.get("parameter").asText()).isEqualTo("footprint");
        assertThat(p.get("detail").asText()).contains("at most 1000 crossings are repaired (shikong.red-line.max-repair-crossings)");

        HttpResponse<String> small = attack(postJson("/api/v1/redline/checks", "{\"repair\":true,\"footprint\":" + star(21) + "}"));
        assertThat(small.statusCode()).as(small.body()).isEqualTo(201);
        JsonNode check = JSON.readTree(small.body());
        assertThat(check.get("footprints").get(0).get("repaired").asBoolean()).isTrue();
        String self = "/api/v1/redline/checks/" + check.get("id").asText();
        HttpResponse<byte[]> png = HTTP.send(at(self + "/map.png").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        HttpResponse<byte[]> pdf = HTTP.send(at(self + "/report.pdf").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    }
}
