package io.shikong.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.shikong.core.query.Query;
import io.shikong.core.security.Caller;
import io.shikong.core.security.PasswordHash;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.FeatureStore;
import java.net.InetSocketAddress;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who sees and changes what, end to end against the running server on a real store with the sample city:
 * every interface (WMS, WFS, REST, tiles, red-line checks, sector queries) × every role (anonymous, analyst,
 * editor, admin) × a public and a restricted layer × read and write, the expected status of each cell
 * written out in {@link #MATRIX}. Every signed-in role is tried with each kind of credentials: HTTP Basic,
 * an API key (header and query parameter) and a JWT signed by an identity provider of the test's own (its
 * key set served over HTTP on loopback). Then wrong credentials (401 with the challenge, never anonymous), a
 * restricted layer answered exactly as a missing one, and the audit log.
 *
 * <p>The sample catalog: {@code pipelines} is restricted (readRoles pipelines, pipelines_editor; writeRoles
 * pipelines_editor); {@code pois}, {@code buildings} and {@code eco_red_lines} are public (writeRoles editor).
 * Analyst = role pipelines (reads the restricted layer, writes nothing); editor = editor + pipelines_editor;
 * admin = admin.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class SecurityMatrixContract {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static final String ISSUER = "https://idp.test/realms/shikong";
    static final String AUDIENCE = "shikong";

    /**
     * The expected answers. Columns: interface, operation, access (read/write), layer (public/restricted),
     * then the status for anonymous, analyst, editor, admin. A restricted layer the caller may not see answers
     * as a missing layer does in that interface (the WMS/WFS exception report, REST 404); a write the caller may
     * not do is 403 (401 where the interface asks for credentials first: loads). Cells left out of the table
     * do not exist: WMS and sector queries have no writes, red-line checks read their one public layer (a
     * check is stored, 201, but changes no layer). The OGC interfaces answer a missing layer 400
     * (LayerNotDefined, InvalidParameterValue), REST and tiles 404.
     */
    static final String MATRIX = """
            WMS      GetMap          read   public      200 200 200 200
            WMS      GetMap          read   restricted  400 200 200 200
            WMS      GetFeatureInfo  read   public      200 200 200 200
            WMS      GetFeatureInfo  read   restricted  400 200 200 200
            WFS      GetFeature      read   public      200 200 200 200
            WFS      GetFeature      read   restricted  400 200 200 200
            WFS      Transaction     write  public      403 403 200 200
            WFS      Transaction     write  restricted  400 403 200 200
            REST     items           read   public      200 200 200 200
            REST     items           read   restricted  404 200 200 200
            REST     history         read   public      200 200 200 200
            REST     history         read   restricted  404 200 200 200
            REST     load            write  public      401 403 403 202
            REST     load            write  restricted  401 403 403 202
            tiles    tile            read   public      200 200 200 200
            tiles    tile            read   restricted  404 200 200 200
            tiles    seed            write  public      403 403 403 201
            tiles    seed            write  restricted  403 403 403 201
            red-line check           read   public      201 201 201 201
            sector   query           read   public      200 200 200 200
            sector   query           read   restricted  404 200 200 200
            """;

    static final List<String> ROLES = List.of("anonymous", "analyst", "editor", "admin");
    static final Map<String, List<String>> ROLES_OF = Map.of(
            "analyst", List.of("pipelines"), "editor", List.of("editor", "pipelines_editor"), "admin", List.of("admin"));

    EmbeddedServer server;
    FeatureStore store;
    String base;
    HttpServer idp;
    RSAKey idpKey;
    final Map<String, String> apiKeys = new HashMap<>();
    final Map<String, String> historyIds = new HashMap<>();
    Path work;

    abstract Map<String, Object> storeProperties() throws Exception;

    @BeforeAll
    void start() throws Exception {
        work = Files.createTempDirectory(Files.createDirectories(Path.of("target", "security-it")), "run");
        idpKey = new RSAKeyGenerator(2048).keyID("idp-1").generate();
        byte[] jwks = new JWKSet(idpKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        idp.createContext("/certs", x -> {
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(200, jwks.length);
            x.getResponseBody().write(jwks);
            x.close();
        });
        idp.start();

        List<String> users = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (String role : List.of("analyst", "editor", "admin")) {
            users.add(role + ":" + PasswordHash.hash(("pw-" + role).toCharArray(), PasswordHash.MIN_ITERATIONS) + ":"
                    + String.join("+", ROLES_OF.get(role)));
            String key = "sk_" + role + "_" + UUID.randomUUID();
            apiKeys.put(role, key);
            keys.add(role + ":" + PasswordHash.hash(key.toCharArray(), PasswordHash.MIN_ITERATIONS) + ":"
                    + String.join("+", ROLES_OF.get(role)));
        }
        Map<String, Object> props = new HashMap<>(storeProperties());
        props.put("micronaut.server.port", -1);
        props.put("shikong.samples.load", "true");
        props.put("shikong.security.users", String.join(",", users));
        props.put("shikong.security.api-keys", String.join(",", keys));
        props.put("shikong.security.jwt.issuer", ISSUER);
        props.put("shikong.security.jwt.audience", AUDIENCE);
        props.put("shikong.security.jwt.jwks-url", "http://127.0.0.1:" + idp.getAddress().getPort() + "/certs");
        props.put("shikong.tiles.cache-dir", work.resolve("tiles").toString());
        server = ApplicationContext.run(EmbeddedServer.class, props);
        store = server.getApplicationContext().getBean(FeatureStore.class);
        base = server.getURI().toString();
        Caller admin = Caller.of("test", Caller.ADMIN);
        for (String layer : List.of("pois", "pipelines")) {
            try (FeatureCursor c = store.read(Query.of(layer, admin).limit(1).build())) {
                historyIds.put(layer, c.next().id());
            }
        }
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (idp != null) {
            idp.stop(0);
        }
    }

    // --- the matrix ---------------------------------------------------------------------------------

    record Cell(String iface, String operation, String access, String layer, String role, String credentials, int expected) {
        @Override
        public String toString() {
            return iface + " " + operation + " (" + access + ", " + layer + ") as " + role
                    + (credentials.equals("none") ? "" : " by " + credentials) + " → " + expected;
        }
    }

    static Stream<Arguments> cells() {
        List<Arguments> out = new ArrayList<>();
        for (String line : MATRIX.strip().split("\n")) {
            String[] f = line.trim().split("\\s+");
            for (int r = 0; r < ROLES.size(); r++) {
                String role = ROLES.get(r);
                int expected = Integer.parseInt(f[4 + r]);
                List<String> kinds = role.equals("anonymous") ? List.of("none") : List.of("basic", "api-key", "jwt");
                for (String kind : kinds) {
                    out.add(Arguments.of(new Cell(f[0], f[1], f[2], f[3], role, kind, expected)));
                }
            }
        }
        return out.stream();
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void eachInterfaceRoleLayerAndAccessAnswersAsTheTableSays(Cell cell) throws Exception {
        String layer = cell.layer().equals("public") ? (cell.iface().equals("sector") ? "buildings" : "pois") : "pipelines";
        HttpResponse<String> r = send(request(cell, layer), cell.role(), cell.credentials());
        assertThat(r.statusCode()).as(cell + ": " + abbreviate(r.body())).isEqualTo(cell.expected());
        // the challenge where a login would help: a 401, or a 403 to an anonymous caller; never on a 400/404
        // (a hidden layer answered as missing must not hint that signing in would show it)
        boolean challenged = r.statusCode() == 401 || (r.statusCode() == 403 && cell.role().equals("anonymous"));
        if (challenged) {
            assertThat(r.headers().allValues("WWW-Authenticate")).as(cell.toString())
                    .anySatisfy(v -> assertThat(v).startsWith("Basic realm=\"shikong\""));
        } else {
            assertThat(r.headers().allValues("WWW-Authenticate")).as(cell.toString()).isEmpty();
        }
        if (cell.expected() / 100 == 2 && cell.access().equals("read") && !cell.iface().equals("tiles")
                && !cell.operation().equals("GetMap")) {
            // an answer with the layer's data in it, not an empty shell
            assertThat(r.body()).as(cell.toString()).isNotBlank();
        }
    }

    /** The request of a cell; {@code path} relative to the server, with method and body. */
    record Call(String method, String path, String contentType, byte[] body) {
        static Call get(String path) {
            return new Call("GET", path, null, null);
        }
    }

    Call request(Cell cell, String layer) throws Exception {
        String bbox13 = "41.78,123.40,41.82,123.46";
        return switch (cell.iface() + " " + cell.operation()) {
            case "WMS GetMap" -> Call.get("/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=" + layer
                    + "&STYLES=&CRS=EPSG:4490&BBOX=" + bbox13 + "&WIDTH=64&HEIGHT=64&FORMAT=image/png");
            case "WMS GetFeatureInfo" -> Call.get("/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo&LAYERS=" + layer
                    + "&QUERY_LAYERS=" + layer + "&STYLES=&CRS=EPSG:4490&BBOX=" + bbox13
                    + "&WIDTH=64&HEIGHT=64&I=32&J=32&INFO_FORMAT=application/json&FEATURE_COUNT=5");
            case "WFS GetFeature" -> Call.get("/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=shikong:" + layer
                    + "&COUNT=2&OUTPUTFORMAT=application/json");
            case "WFS Transaction" -> new Call("POST", "/wfs", "application/xml", insert(layer).getBytes(StandardCharsets.UTF_8));
            case "REST items" -> Call.get("/api/v1/layers/" + layer + "/features?limit=2");
            case "REST history" -> Call.get("/api/v1/layers/" + layer + "/features/" + historyIds.get(layer) + "/history");
            case "REST load" -> upload(layer);
            case "tiles tile" -> Call.get("/tiles/WebMercatorQuad/12/" + tileX(123.43, 12) + "/" + tileY(41.80, 12)
                    + ".mvt?layers=" + layer);
            case "tiles seed" -> new Call("POST", "/api/v1/tiles/jobs", "application/json", ("{\"layers\":[\"" + layer
                    + "\"],\"tileMatrixSet\":\"WebMercatorQuad\",\"minZoom\":12,\"maxZoom\":12,"
                    + "\"bbox\":[123.42,41.79,123.44,41.81],\"format\":\"mvt\"}").getBytes(StandardCharsets.UTF_8));
            case "red-line check" -> new Call("POST", "/api/v1/redline/checks", "application/json",
                    "{\"wkt\":\"POLYGON((123.40 41.78, 123.46 41.78, 123.46 41.82, 123.40 41.82, 123.40 41.78))\"}"
                            .getBytes(StandardCharsets.UTF_8));
            case "sector query" -> layer.equals("pipelines")
                    ? new Call("POST", "/api/v1/sector/pipelines/near", "application/json",
                            "{\"geometry\":{\"type\":\"Point\",\"coordinates\":[123.43,41.80]},\"distance\":200}".getBytes(StandardCharsets.UTF_8))
                    : new Call("POST", "/api/v1/sector/buildings/summary", "application/json",
                            "{\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[123.40,41.78],[123.46,41.78],[123.46,41.82],[123.40,41.82],[123.40,41.78]]]}}"
                                    .getBytes(StandardCharsets.UTF_8));
            default -> throw new IllegalArgumentException(cell.toString());
        };
    }

    static String insert(String layer) {
        String props = layer.equals("pipelines")
                ? "<shikong:network>gas</shikong:network><shikong:diameter_mm>100</shikong:diameter_mm>"
                        + "<shikong:geom><gml:LineString srsName=\"urn:ogc:def:crs:EPSG::4490\"><gml:posList>41.80 123.43 41.81 123.44</gml:posList></gml:LineString></shikong:geom>"
                : "<shikong:name>matrix</shikong:name><shikong:category>restaurant</shikong:category>"
                        + "<shikong:geom><gml:Point srsName=\"urn:ogc:def:crs:EPSG::4490\"><gml:pos>41.8 123.4</gml:pos></gml:Point></shikong:geom>";
        return "<wfs:Transaction service=\"WFS\" version=\"2.0.0\" xmlns:wfs=\"http://www.opengis.net/wfs/2.0\" "
                + "xmlns:gml=\"http://www.opengis.net/gml/3.2\" xmlns:shikong=\"https://shikong.io/features\">"
                + "<wfs:Insert><shikong:" + layer + ">" + props + "</shikong:" + layer + "></wfs:Insert></wfs:Transaction>";
    }

    Call upload(String layer) throws Exception {
        Path file = work.resolve("load-" + layer + ".geojson");
        String geometry = layer.equals("pipelines")
                ? "{\"type\":\"LineString\",\"coordinates\":[[123.43,41.80],[123.44,41.81]]}"
                : "{\"type\":\"Point\",\"coordinates\":[123.4,41.8]}";
        String properties = layer.equals("pipelines") ? "{\"id\":\"L1\",\"network\":\"gas\"}" : "{\"id\":\"P1\",\"name\":\"x\"}";
        Files.writeString(file, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
                + properties + ",\"geometry\":" + geometry + "}]}");
        String boundary = "shikong" + UUID.randomUUID().toString().replace("-", "");
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                + "\"\r\nContent-Type: application/geo+json\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] content = Files.readAllBytes(file);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return new Call("POST", "/api/v1/ingest/jobs/upload?layer=" + layer + "&key=id&dryRun=true",
                "multipart/form-data; boundary=" + boundary, body);
    }

    static long tileX(double lon, int z) {
        return (long) Math.floor((lon + 180) / 360 * (1 << z));
    }

    static long tileY(double lat, int z) {
        double r = Math.toRadians(lat);
        return (long) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * (1 << z));
    }

    // --- credentials -------------------------------------------------------------------------------

    HttpResponse<String> send(Call call, String role, String credentials) throws Exception {
        String path = call.path();
        Map<String, String> headers = new LinkedHashMap<>();
        switch (credentials) {
            case "none" -> { }
            case "basic" -> headers.put("Authorization", basic(role, "pw-" + role));
            case "api-key" -> {
                // the header for REST, the query parameter on OGC paths (a URL pasted into a GIS)
                if (path.startsWith("/api/")) {
                    headers.put("X-API-Key", apiKeys.get(role));
                } else {
                    path += (path.contains("?") ? "&" : "?") + "apikey=" + URLEncoder.encode(apiKeys.get(role), StandardCharsets.UTF_8);
                }
            }
            case "jwt" -> headers.put("Authorization", "Bearer " + token(role, ROLES_OF.get(role), ISSUER, AUDIENCE, 3600, idpKey));
            default -> throw new IllegalArgumentException(credentials);
        }
        return send(call.method(), path, call.contentType(), call.body(), headers);
    }

    HttpResponse<String> send(String method, String path, String contentType, byte[] body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        headers.forEach(b::header);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String token(String subject, List<String> roles, String issuer, String audience, long seconds, RSAKey key)
            throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).issuer(issuer).audience(audience)
                .claim("roles", roles).issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(seconds))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }

    // --- wrong credentials ---------------------------------------------------------------------------

    @Order(2)
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "wrong password|/api/v1/layers",
        "wrong password|/wms?SERVICE=WMS&REQUEST=GetCapabilities",
        "unknown user|/api/v1/layers",
        "unknown API key header|/api/v1/layers",
        "unknown API key parameter|/wfs?SERVICE=WFS&REQUEST=GetCapabilities",
        "expired token|/api/v1/layers",
        "token of another issuer|/api/v1/layers",
        "token for another audience|/api/v1/layers",
        "token signed by another key|/api/v1/layers",
        "unsigned admin token|/api/v1/layers",
        "HMAC token signed with the public key|/api/v1/layers",
        "unknown scheme|/api/v1/layers",
        "two kinds of credentials|/api/v1/layers",
    })
    void wrongCredentialsAre401WithTheChallengeNeverAnonymous(String what, String path) throws Exception {
        Map<String, String> h = new LinkedHashMap<>();
        String p = path;
        List<String> admin = List.of("admin");
        switch (what) {
            case "wrong password" -> h.put("Authorization", basic("admin", "nope"));
            case "unknown user" -> h.put("Authorization", basic("mallory", "pw-admin"));
            case "unknown API key header" -> h.put("X-API-Key", "sk_guess");
            case "unknown API key parameter" -> p += "&apikey=sk_guess";
            case "expired token" -> h.put("Authorization", "Bearer " + token("admin", admin, ISSUER, AUDIENCE, -600, idpKey));
            case "token of another issuer" -> h.put("Authorization", "Bearer " + token("admin", admin, "https://evil.test", AUDIENCE, 600, idpKey));
            case "token for another audience" -> h.put("Authorization", "Bearer " + token("admin", admin, ISSUER, "other-app", 600, idpKey));
            case "token signed by another key" -> h.put("Authorization", "Bearer " + token("admin", admin, ISSUER, AUDIENCE, 600,
                    new RSAKeyGenerator(2048).keyID("idp-1").generate()));
            case "unsigned admin token" -> h.put("Authorization", "Bearer " + new PlainJWT(new JWTClaimsSet.Builder().subject("admin")
                    .issuer(ISSUER).audience(AUDIENCE).claim("roles", admin)
                    .expirationTime(Date.from(Instant.now().plusSeconds(600))).build()).serialize());
            case "HMAC token signed with the public key" -> {
                // the classic key-confusion attack: HS256 keyed with the provider's public key
                JWTClaimsSet c = new JWTClaimsSet.Builder().subject("admin").issuer(ISSUER).audience(AUDIENCE).claim("roles", admin)
                        .expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("idp-1").build(), c);
                byte[] secret = idpKey.toPublicJWK().toRSAPublicKey().getEncoded();
                jwt.sign(new MACSigner(secret));
                h.put("Authorization", "Bearer " + jwt.serialize());
            }
            case "unknown scheme" -> h.put("Authorization", "Digest username=\"admin\"");
            case "two kinds of credentials" -> {
                h.put("Authorization", basic("admin", "pw-admin"));
                h.put("X-API-Key", "sk_guess");
            }
            default -> throw new IllegalArgumentException(what);
        }
        HttpResponse<String> r = send("GET", p, null, null, h);
        assertThat(r.statusCode()).as(what + ": " + abbreviate(r.body())).isEqualTo(401);
        assertThat(r.headers().allValues("WWW-Authenticate")).anySatisfy(v -> assertThat(v).startsWith("Basic realm=\"shikong\""));
        if (p.startsWith("/api/")) {
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        } else {
            assertThat(r.body()).contains("ExceptionReport").doesNotContain("sk_guess");
        }
    }

    @Order(3)
    @Test
    void everyKindOfCredentialsNamesTheSameCaller() throws Exception {
        // the restricted layer is in the layer list and the capabilities of an analyst, whichever way it signs in
        for (String kind : List.of("basic", "api-key", "jwt")) {
            HttpResponse<String> layers = send(Call.get("/api/v1/layers"), "analyst", kind);
            assertThat(layers.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(layers.body()).get("layers").findValuesAsText("name")).as(kind).contains("pipelines", "pois");
            for (String caps : List.of("/wms?SERVICE=WMS&REQUEST=GetCapabilities", "/wfs?SERVICE=WFS&REQUEST=GetCapabilities",
                    "/wmts?SERVICE=WMTS&REQUEST=GetCapabilities")) {
                HttpResponse<String> c = send(Call.get(caps), "analyst", kind);
                assertThat(c.statusCode()).as(caps).isEqualTo(200);
                assertThat(c.body()).as(kind + " " + caps).contains("pipelines");
                // an API key given in the URL is not echoed into the URLs of the capabilities document
                assertThat(c.body()).as(caps).doesNotContain(apiKeys.get("analyst")).doesNotContainIgnoringCase("apikey");
            }
        }
        // and nowhere for anonymous callers
        assertThat(JSON.readTree(send(Call.get("/api/v1/layers"), "anonymous", "none").body()).get("layers")
                .findValuesAsText("name")).contains("pois").doesNotContain("pipelines");
        for (String caps : List.of("/wms?SERVICE=WMS&REQUEST=GetCapabilities", "/wfs?SERVICE=WFS&REQUEST=GetCapabilities",
                "/wmts?SERVICE=WMTS&REQUEST=GetCapabilities", "/tiles/WebMercatorQuad/tilejson.json")) {
            HttpResponse<String> c = send(Call.get(caps), "anonymous", "none");
            assertThat(c.statusCode()).as(caps).isEqualTo(200);
            assertThat(c.body()).as(caps).doesNotContain("pipelines");
        }
    }

    /** The restricted layer answers an anonymous caller exactly as a layer that does not exist. */
    @Order(4)
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=@&STYLES=&CRS=EPSG:4490&BBOX=41.78,123.40,41.82,123.46&WIDTH=64&HEIGHT=64&FORMAT=image/png",
        "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetLegendGraphic&LAYER=@&FORMAT=image/png",
        "/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=shikong:@",
        "/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=DescribeFeatureType&TYPENAMES=shikong:@",
        "/api/v1/layers/@",
        "/api/v1/layers/@/features",
        "/api/v1/layers/@/features/L1/history",
        "/tiles/WebMercatorQuad/12/3452/1523.mvt?layers=@",
        "/tiles/WebMercatorQuad/tilejson.json?layers=@",
    })
    void aHiddenLayerLooksLikeAMissingOne(String template) throws Exception {
        HttpResponse<String> hidden = send(Call.get(template.replace("@", "pipelines")), "anonymous", "none");
        HttpResponse<String> missing = send(Call.get(template.replace("@", "pipelinez")), "anonymous", "none");
        assertThat(hidden.statusCode()).as(hidden.body()).isGreaterThanOrEqualTo(400).isEqualTo(missing.statusCode());
        assertThat(hidden.body().replace("pipelines", "X")).isEqualTo(missing.body().replace("pipelinez", "X"));
        assertThat(hidden.headers().firstValue("WWW-Authenticate")).isEqualTo(missing.headers().firstValue("WWW-Authenticate"));
    }

    @Order(5)
    @Test
    void theAuditLogHasTheWritesAndTheDenialsForAdminsOnly() throws Exception {
        // one of each, from a known address
        assertThat(send(new Call("POST", "/wfs", "application/xml", insert("pois").getBytes(StandardCharsets.UTF_8)),
                "editor", "basic").statusCode()).isEqualTo(200);
        assertThat(send(new Call("POST", "/wfs", "application/xml", insert("pois").getBytes(StandardCharsets.UTF_8)),
                "analyst", "jwt").statusCode()).isEqualTo(403);
        Map<String, String> spoofed = Map.of("X-Forwarded-For", "203.0.113.9");
        assertThat(send("GET", "/api/v1/layers/pipelines/features", null, null, spoofed).statusCode()).isEqualTo(404);

        // only administrators read it
        assertThat(send(Call.get("/api/v1/audit"), "anonymous", "none").statusCode()).isEqualTo(401);
        assertThat(send(Call.get("/api/v1/audit"), "editor", "basic").statusCode()).isEqualTo(403);
        assertThat(send(Call.get("/api/v1/audit"), "analyst", "api-key").statusCode()).isEqualTo(403);
        assertThat(send(Call.get("/api/v1/audit?limit=100000"), "admin", "basic").statusCode()).isEqualTo(400);
        assertThat(send(Call.get("/api/v1/audit?since=yesterday"), "admin", "basic").statusCode()).isEqualTo(400);

        List<JsonNode> editor = entries("/api/v1/audit?user=editor&limit=1000");
        assertThat(editor).anySatisfy(e -> {
            assertThat(e.get("action").asText()).isEqualTo("write");
            assertThat(e.get("method").asText()).isEqualTo("POST");
            assertThat(e.get("path").asText()).isEqualTo("/wfs");
            assertThat(e.get("layer").asText()).isEqualTo("pois");
            assertThat(e.get("status").asInt()).isEqualTo(200);
            assertThat(e.get("remote").asText()).isEqualTo("127.0.0.1");
        });
        // the matrix's loads and seeding jobs of the admin are writes too
        List<JsonNode> admin = entries("/api/v1/audit?user=admin&limit=1000");
        assertThat(admin).anySatisfy(e -> {
            assertThat(e.get("action").asText()).isEqualTo("write");
            assertThat(e.get("path").asText()).isEqualTo("/api/v1/ingest/jobs/upload");
            assertThat(e.get("layer").asText()).isEqualTo("pipelines");
        });
        assertThat(admin).anySatisfy(e -> assertThat(e.get("path").asText()).isEqualTo("/api/v1/tiles/jobs"));
        List<JsonNode> analyst = entries("/api/v1/audit?user=analyst&limit=1000");
        assertThat(analyst).anySatisfy(e -> {
            assertThat(e.get("action").asText()).isEqualTo("denied");
            assertThat(e.get("status").asInt()).isEqualTo(403);
            assertThat(e.get("path").asText()).isEqualTo("/wfs");
        });
        // reads are not logged
        assertThat(analyst).allSatisfy(e -> assertThat(e.get("action").asText()).isIn("denied", "hidden"));
        List<JsonNode> anonymous = entries("/api/v1/audit?user=anonymous&limit=1000");
        assertThat(anonymous).anySatisfy(e -> {
            assertThat(e.get("action").asText()).isEqualTo("hidden");
            assertThat(e.get("layer").asText()).isEqualTo("pipelines");
            assertThat(e.get("path").asText()).isEqualTo("/api/v1/layers/pipelines/features");
            // X-Forwarded-For from a peer that is not a trusted proxy is ignored
            assertThat(e.get("remote").asText()).isEqualTo("127.0.0.1");
        });
        // a layer named in an XML body too (the matrix's anonymous WFS Transaction into the restricted layer)
        assertThat(anonymous).anySatisfy(e -> {
            assertThat(e.get("action").asText()).isEqualTo("hidden");
            assertThat(e.get("path").asText()).isEqualTo("/wfs");
            assertThat(e.get("method").asText()).isEqualTo("POST");
            assertThat(e.get("layer").asText()).isEqualTo("pipelines");
        });
        // wrong credentials are denials of an anonymous caller, with the API key kept out of the path
        assertThat(anonymous).anySatisfy(e -> {
            assertThat(e.get("action").asText()).isEqualTo("denied");
            assertThat(e.get("status").asInt()).isEqualTo(401);
        });
        assertThat(anonymous).allSatisfy(e -> assertThat(e.get("path").asText()).doesNotContain("apikey").doesNotContain("sk_"));

        // paged: the next link carries on exactly where the page ended
        JsonNode first = JSON.readTree(send(Call.get("/api/v1/audit?limit=3"), "admin", "basic").body());
        assertThat(first.get("entries")).hasSize(3);
        String next = first.get("next").asText();
        assertThat(next).startsWith(base + "/api/v1/audit?limit=3&after=");
        JsonNode second = JSON.readTree(send(Call.get(next.substring(base.length())), "admin", "basic").body());
        assertThat(second.get("entries").get(0).get("id").asLong()).isGreaterThan(first.get("entries").get(2).get("id").asLong());
        // since: nothing from the future
        assertThat(entries("/api/v1/audit?since=" + Instant.now().plusSeconds(3600))).isEmpty();
    }

    List<JsonNode> entries(String path) throws Exception {
        HttpResponse<String> r = send(Call.get(path), "admin", "jwt");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(r.body()).get("entries").forEach(out::add);
        return out;
    }
}
