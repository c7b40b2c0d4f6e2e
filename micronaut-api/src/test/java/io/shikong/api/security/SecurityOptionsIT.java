package io.shikong.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.shikong.core.security.PasswordHash;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The other settings of {@code shikong.security}, against a running server on the embedded store: JWTs signed
 * with a shared HS256 secret, the deprecated plain-text {@code shikong.users} beside hashed users, and
 * {@code X-Forwarded-For} believed from a trusted proxy only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityOptionsIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static final String SECRET = "a-shared-secret-of-more-than-32-bytes!";

    EmbeddedServer server;
    String base;

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "security-it"));
        Map<String, Object> props = new HashMap<>();
        props.put("shikong.store.kind", "embedded");
        props.put("shikong.store.file", Files.createTempDirectory(dir, "options").resolve("shikong").toString());
        props.put("micronaut.server.port", -1);
        props.put("shikong.samples.load", "false");
        props.put("shikong.users", "legacy:plain:pipelines");
        props.put("shikong.security.users", "admin:" + PasswordHash.hash("pw".toCharArray(), PasswordHash.MIN_ITERATIONS) + ":admin");
        props.put("shikong.security.trusted-proxies", "127.0.0.1");
        props.put("shikong.security.jwt.issuer", "https://idp.test");
        props.put("shikong.security.jwt.audience", "shikong");
        props.put("shikong.security.jwt.secret", SECRET);
        props.put("shikong.security.jwt.roles-claim", "groups");
        server = ApplicationContext.run(EmbeddedServer.class, props);
        base = server.getURI().toString();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String hs256(String secret, String subject, List<String> groups) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject(subject)
                .issuer("https://idp.test").audience(List.of("other", "shikong")).claim("groups", groups)
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return "Bearer " + jwt.serialize();
    }

    static List<String> layers(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("layers").findValuesAsText("name");
    }

    @Test
    void aTokenSignedWithTheSharedSecretGivesItsGroupsAsRoles() throws Exception {
        assertThat(layers(get("/api/v1/layers", "Authorization", hs256(SECRET, "carol", List.of("pipelines"))))).contains("pipelines");
        assertThat(layers(get("/api/v1/layers", "Authorization", hs256(SECRET, "dave", List.of("other"))))).doesNotContain("pipelines");
        HttpResponse<String> forged = get("/api/v1/layers", "Authorization",
                hs256("another-secret-of-more-than-32-bytes!!", "carol", List.of("admin")));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.headers().allValues("WWW-Authenticate")).contains("Bearer realm=\"shikong\", error=\"invalid_token\"");
    }

    @Test
    void theDeprecatedPlainTextUsersStillSignIn() throws Exception {
        String legacy = "Basic " + Base64.getEncoder().encodeToString("legacy:plain".getBytes(StandardCharsets.UTF_8));
        assertThat(layers(get("/api/v1/layers", "Authorization", legacy))).contains("pipelines");
        String wrong = "Basic " + Base64.getEncoder().encodeToString("legacy:plainer".getBytes(StandardCharsets.UTF_8));
        assertThat(get("/api/v1/layers", "Authorization", wrong).statusCode()).isEqualTo(401);
    }

    @Test
    void theClientBehindATrustedProxyIsTheOneTheProxyNames() throws Exception {
        // the left-most address is whatever the client wrote; the proxy appended the real one
        assertThat(get("/api/v1/layers/pipelines", "X-Forwarded-For", "198.51.100.1, 203.0.113.7").statusCode()).isEqualTo(404);
        String admin = "Basic " + Base64.getEncoder().encodeToString("admin:pw".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> audit = get("/api/v1/audit?user=anonymous", "Authorization", admin);
        assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        JSON.readTree(audit.body()).get("entries").forEach(entries::add);
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.get("action").asText()).isEqualTo("hidden");
            assertThat(e.get("layer").asText()).isEqualTo("pipelines");
            assertThat(e.get("remote").asText()).isEqualTo("203.0.113.7");
        });
    }
}
