package io.shikong.api.rest;

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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A city's own catalog without a {@code sector:} section (and without the sample red-line layer): every
 * sector query and the red-line checks answer a clear 404 problem+json, never a 500; a catalog naming
 * its own layers gets answers from them.
 */
class UnconfiguredSectorIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String POINT = "{\"geometry\":{\"type\":\"Point\",\"coordinates\":[123.4,41.8]},\"distance\":100}";

    static EmbeddedServer bare;
    static EmbeddedServer configured;

    static EmbeddedServer start(String catalog) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "sector-it")), "catalog");
        Path file = dir.resolve("catalog.yml");
        Files.writeString(file, catalog);
        return ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1,
                "shikong.catalog", file.toString(), "shikong.store.kind", "embedded",
                "shikong.store.file", dir.resolve("db").toString(), "shikong.samples", false));
    }

    static final String LAYERS = """
            layers:
              - name: shops
                geometry: Point
                transactions: true
                attributes: [{name: grade, type: string}, {name: checked, type: date}]
            """;

    @BeforeAll
    static void startServers() throws Exception {
        bare = start(LAYERS);
        configured = start(LAYERS + """
                sector:
                  inspection: {layer: shops, risk: grade, lastInspected: checked, intervals: {high: 30}}
                """);
    }

    @AfterAll
    static void stopServers() {
        bare.close();
        configured.close();
    }

    static HttpResponse<String> call(EmbeddedServer server, String method, String path, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(server.getURL() + path)).header("Accept", "application/json");
        r = body == null ? r.GET() : r.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = ';', value = {
        "POST; /api/v1/sector/pipelines/near; pipeline",
        "POST; /api/v1/sector/pipelines/under; pipeline",
        "POST; /api/v1/sector/street-view/nearest; street-view",
        "POST; /api/v1/sector/street-view/along; street-view",
        "GET; /api/v1/sector/inspection-sites; inspection",
        "POST; /api/v1/sector/inspection-sites/within; inspection",
        "GET; /api/v1/sector/inspection-sites/due?on=2025-01-01; inspection",
        "GET; /api/v1/sector/inspection-sites/S1/history; inspection",
        "POST; /api/v1/sector/buildings/summary; building",
    })
    void everySectorQueryWithoutItsLayerIsA404ProblemNamingIt(String method, String path, String role) throws Exception {
        HttpResponse<String> r = call(bare, method, path, method.equals("GET") ? null : POINT);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.get("detail").asText()).startsWith("this catalog configures no " + role + " layer");
        assertThat(problem.get("parameter").asText()).isEqualTo("layer");
    }

    @Test
    void redLineChecksWithoutTheirLayerAre404s() throws Exception {
        HttpResponse<String> r = call(bare, "POST", "/api/v1/redline/checks", "{\"wkt\":\"POINT(123.4 41.8)\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
        assertThat(JSON.readTree(r.body()).get("detail").asText()).contains("red-line layer 'eco_red_lines'");
        assertThat(call(bare, "GET", "/api/v1/redline/checks/nope", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aConfiguredCatalogIsAnsweredFromItsOwnLayer() throws Exception {
        var store = configured.getApplicationContext().getBean(io.shikong.core.store.FeatureStore.class);
        var point = new org.locationtech.jts.geom.GeometryFactory(new org.locationtech.jts.geom.PrecisionModel(), 4490)
                .createPoint(new org.locationtech.jts.geom.Coordinate(123.4, 41.8));
        store.bulkLoad("shops", java.util.List.of(
                new io.shikong.core.feature.Feature("S1", point, Map.of("grade", "high", "checked", java.time.LocalDate.parse("2024-01-01")),
                        java.time.Instant.parse("2020-01-01T00:00:00Z"), null, 1),
                new io.shikong.core.feature.Feature("S2", point, Map.of("grade", "high", "checked", java.time.LocalDate.parse("2024-12-20")),
                        java.time.Instant.parse("2020-01-01T00:00:00Z"), null, 1)).iterator(),
                io.shikong.core.security.Caller.of("test", io.shikong.core.security.Caller.ADMIN));
        HttpResponse<String> due = call(configured, "GET", "/api/v1/sector/inspection-sites/due?on=2025-01-01", null);
        assertThat(due.statusCode()).as(due.body()).isEqualTo(200);
        JsonNode features = JSON.readTree(due.body()).get("features");
        assertThat(features).hasSize(1);
        assertThat(features.get(0).get("id").asText()).isEqualTo("S1");
        HttpResponse<String> sites = call(configured, "GET", "/api/v1/sector/inspection-sites?riskLevels=high", null);
        assertThat(JSON.readTree(sites.body()).get("features")).hasSize(2);
        // a district the catalog does not configure is the caller's mistake, named
        HttpResponse<String> district = call(configured, "GET", "/api/v1/sector/inspection-sites?district=north", null);
        assertThat(district.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(district.body()).get("parameter").asText()).isEqualTo("district");
        // still a 404 for the roles it leaves out
        assertThat(call(configured, "POST", "/api/v1/sector/buildings/summary", POINT).statusCode()).isEqualTo(404);
    }
}
