package io.shikong.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A deployment that lowers the limits (the nested keys of {@code shikong.*}) gets them enforced by the
 * services, with the protocol's own error: a WMS exception for GetMap, an OWS report for WFS, problem+json
 * naming the parameter for REST, sector and red-line requests. Defaults would have answered all of these.
 */
class ConfiguredLimitsIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String SQUARE = "{\"type\":\"Polygon\",\"coordinates\":[[[123.40,41.80],[123.41,41.80],[123.41,41.81],"
            + "[123.40,41.81],[123.40,41.80]]]}";

    static EmbeddedServer server;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "limits-it")), "db");
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("shikong.store.kind", "embedded");
        props.put("shikong.store.file", dir.resolve("shikong").toString());
        props.put("shikong.samples.load", "true");
        props.put("shikong.wms.max-size", 256);
        props.put("shikong.wms.pixel-budget", 256 * 256);
        props.put("shikong.wfs.count-default", 3);
        props.put("shikong.wfs.max-count", 10);
        props.put("shikong.rest.default-limit", 4);
        props.put("shikong.rest.max-limit", 50);
        props.put("shikong.query.max-vertices", 4);
        props.put("shikong.query.max-distance", 100);
        props.put("shikong.sector.max-results", 2);
        props.put("shikong.red-line.max-footprints", 1);
        props.put("shikong.red-line.max-buffer-meters", 100);
        server = ApplicationContext.run(EmbeddedServer.class, props);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode problem(HttpResponse<String> r, String parameter) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode p = JSON.readTree(r.body());
        assertThat(p.get("parameter").asText()).isEqualTo(parameter);
        return p;
    }

    static String getMap(int width, int height) {
        return "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=buildings&STYLES=&CRS=CRS:84"
                + "&BBOX=123.3,41.7,123.5,41.9&FORMAT=image/png&WIDTH=" + width + "&HEIGHT=" + height;
    }

    @Test
    void aGetMapOverTheConfiguredSizeIsRefusedWithTheWmsError() throws Exception {
        HttpResponse<String> over = get(getMap(257, 256));
        assertThat(over.body()).contains("InvalidParameterValue").contains("over the limit of 65536 pixels");
        assertThat(over.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("xml"));
        HttpResponse<String> at = get(getMap(256, 256));
        assertThat(at.statusCode()).isEqualTo(200);
        assertThat(at.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(get("/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetCapabilities").body()).contains("<MaxWidth>256</MaxWidth>");
    }

    @Test
    void theWfsPagesByTheConfiguredCountDefaultAndRefusesOverTheMaxCount() throws Exception {
        String wfs = "/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=shikong:pois";
        assertThat(get(wfs).body()).contains("numberReturned=\"3\"");
        HttpResponse<String> over = get(wfs + "&COUNT=11");
        assertThat(over.statusCode()).isEqualTo(400);
        assertThat(over.body()).contains("InvalidParameterValue");
    }

    @Test
    void restPagesByTheConfiguredLimits() throws Exception {
        JsonNode page = JSON.readTree(get("/api/v1/layers/pois/features").body());
        assertThat(page.get("features")).hasSize(4);
        assertThat(problem(get("/api/v1/layers/pois/features?limit=51"), "limit").get("detail").asText()).contains("50");
    }

    @Test
    void queryGeometriesAndDistancesAreLimitedAsConfigured() throws Exception {
        JsonNode p = problem(post("/api/v1/layers/pois/spatial-query", "{\"geometry\":" + SQUARE + "}"), "geometry");
        assertThat(p.get("detail").asText()).contains("the geometry has 5 vertices; at most 4 are accepted");
        assertThat(problem(post("/api/v1/layers/pois/spatial-query", "{\"geometry\":{\"type\":\"Point\",\"coordinates\":"
                + "[123.4,41.8]},\"relation\":\"dwithin\",\"distance\":101}"), "distance").get("detail").asText())
                .contains("distance must be 0..100 metres");
    }

    @Test
    void theSectorApiRefusesOverTheConfiguredMaxResults() throws Exception {
        JsonNode p = problem(get("/api/v1/sector/inspection-sites"), "distance");
        assertThat(p.get("detail").asText()).contains("at most 2 are answered at once");
    }

    @Test
    void redLineChecksTakeTheConfiguredFootprintsAndBuffer() throws Exception {
        String two = "{\"footprint\":{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":"
                + SQUARE + "},{\"type\":\"Feature\",\"geometry\":" + SQUARE + "}]}}";
        assertThat(problem(post("/api/v1/redline/checks", two), "footprint").get("detail").asText())
                .isEqualTo("2 footprints; at most 1 per check");
        assertThat(problem(post("/api/v1/redline/checks", "{\"footprint\":" + SQUARE + ",\"bufferMeters\":101}"),
                "bufferMeters").get("detail").asText()).contains("buffer must be 0 to 100 metres");
    }
}
