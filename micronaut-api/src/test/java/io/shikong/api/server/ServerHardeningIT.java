package io.shikong.api.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.shikong.api.security.CallerBinder;
import io.shikong.core.redline.CheckRepository;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The smaller hardening of issue 12 end to end on the embedded store: security headers on every answer,
 * CORS from configuration, the OGC XML POST only in XML types, health details only for admins, anonymous
 * red-line checks in a bounded ring.
 */
class ServerHardeningIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static final String CAPABILITIES = """
            <wfs:GetCapabilities service="WFS" xmlns:wfs="http://www.opengis.net/wfs/2.0"/>""";
    static final String SQUARE = "{\"type\":\"Polygon\",\"coordinates\":[[[123.40,41.80],[123.41,41.80],[123.41,41.81],"
            + "[123.40,41.81],[123.40,41.80]]]}";

    static EmbeddedServer server;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "hardening-it")), "db");
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("shikong.store.kind", "embedded");
        props.put("shikong.store.file", dir.resolve("shikong").toString());
        props.put("shikong.samples.load", "true");
        props.put("shikong.users", "admin:pw:admin,analyst:pw:analyst");
        props.put("shikong.red-line.max-stored-checks", 3);
        props.put("micronaut.server.cors.configurations.all.allowed-origins", List.of("https://maps.example.org"));
        server = ApplicationContext.run(EmbeddedServer.class, props);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create(server.getURL() + path));
    }

    static String basic(String userPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/layers", "/api/v1/layers/nope", "/wfs?SERVICE=WFS&REQUEST=GetCapabilities",
            "/wms?SERVICE=WMS&REQUEST=Nonsense", "/health", "/no/such/path"})
    void everyAnswerCarriesTheSecurityHeaders(String path) throws Exception {
        HttpResponse<String> r = send(at(path).GET());
        assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
        assertThat(r.headers().firstValue("X-Frame-Options")).as(path).hasValue("SAMEORIGIN");
        assertThat(r.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
        assertThat(r.headers().firstValue("Content-Security-Policy")).as(path)
                .hasValueSatisfying(v -> assertThat(v).contains("default-src 'self'").contains("frame-ancestors 'self'")
                        .doesNotContain("unsafe-eval"));
    }

    @Test
    void corsFollowsTheConfiguredOrigins() throws Exception {
        HttpResponse<String> allowed = send(at("/api/v1/layers").GET().header("Origin", "https://maps.example.org"));
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://maps.example.org");
        HttpResponse<String> preflight = send(at("/wfs").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://maps.example.org").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type"));
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://maps.example.org");
        HttpResponse<String> other = send(at("/api/v1/layers").GET().header("Origin", "https://evil.example.com"));
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    /** The OGC XML POST in the types real clients send (OWSLib text/xml, GDAL and QGIS application/xml with a charset). */
    @ParameterizedTest
    @ValueSource(strings = {"application/xml", "text/xml", "application/xml; charset=UTF-8", "text/xml;charset=utf-8"})
    void theXmlPostTakesXmlTypes(String type) throws Exception {
        HttpResponse<String> r = send(at("/wfs").header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(CAPABILITIES)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("WFS_Capabilities");
    }

    /** What an HTML form or a simple cross-site request can send is refused before it is read. */
    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "text/plain; charset=UTF-8"})
    void theXmlPostRefusesFormTypesWithAnOgcReport(String type) throws Exception {
        HttpResponse<String> r = send(at("/wfs").header("Content-Type", type).header("Authorization", basic("admin:pw"))
                .POST(HttpRequest.BodyPublishers.ofString(CAPABILITIES)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(415);
        assertThat(r.body()).contains("ExceptionReport").doesNotContain("WFS_Capabilities");
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("xml"));
    }

    /** A HEAD of a streamed answer (an export: GET routes answer HEAD) sends no body; its place comes back all the same. */
    @Test
    void theHeadOfAStreamedAnswerGivesItsPlaceBack() throws Exception {
        HttpResponse<String> head = send(at("/api/v1/layers/pois/export?format=geojson")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        HttpResponse<String> get = send(at("/api/v1/layers/pois/export?format=csv").GET());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body().lines().count()).isGreaterThan(100);
        RequestLimitFilter limits = server.getApplicationContext().getBean(RequestLimitFilter.class);
        for (int i = 0; i < 300 && limits.running() != 0; i++) {
            Thread.sleep(100); // a hang guard, well below the 60 s write timeout that would also close it
        }
        assertThat(limits.running()).isZero();
    }

    @Test
    void healthDetailsAreForAdminsOnly() throws Exception {
        HttpResponse<String> anonymous = send(at("/health").GET());
        assertThat(anonymous.statusCode()).isEqualTo(200);
        JsonNode a = JSON.readTree(anonymous.body());
        assertThat(a.get("status").asText()).isEqualTo("UP");
        assertThat(a.size()).as(anonymous.body()).isEqualTo(1);
        assertThat(anonymous.body()).doesNotContain("layers").doesNotContain("details");
        HttpResponse<String> analyst = send(at("/health").GET().header("Authorization", basic("analyst:pw")));
        assertThat(JSON.readTree(analyst.body()).size()).as(analyst.body()).isEqualTo(1);
        HttpResponse<String> admin = send(at("/health").GET().header("Authorization", basic("admin:pw")));
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).contains("\"layers\"").contains("\"store\"");
    }

    @Test
    void anonymousRedLineChecksAreABoundedRingAndSignedInOnesAreKept() throws Exception {
        String body = "{\"footprint\":" + SQUARE + "}";
        HttpResponse<String> signedIn = send(at("/api/v1/redline/checks").header("Content-Type", "application/json")
                .header("Authorization", basic("analyst:pw")).POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(201);
        String kept = JSON.readTree(signedIn.body()).get("id").asText();
        List<String> anonymous = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = send(at("/api/v1/redline/checks").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            anonymous.add(JSON.readTree(r.body()).get("id").asText());
        }
        // shikong.red-line.max-stored-checks = 3: the two oldest anonymous checks are gone, the rest are served
        for (int i = 0; i < 5; i++) {
            assertThat(send(at("/api/v1/redline/checks/" + anonymous.get(i)).GET()).statusCode())
                    .as("anonymous check %d", i).isEqualTo(i < 2 ? 404 : 200);
        }
        assertThat(send(at("/api/v1/redline/checks/" + kept).GET()).statusCode()).isEqualTo(200);
        CheckRepository checks = server.getApplicationContext().getBean(CheckRepository.class);
        assertThat(((CheckRetention) checks).store().anonymousCount()).isEqualTo(3);
        assertThat(server.getApplicationContext().getBean(CallerBinder.class)).isNotNull();
    }
}
