package io.shikong.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.shikong.client.api.FeaturesApi;
import io.shikong.client.api.LayersApi;
import io.shikong.client.api.SpatialApi;
import io.shikong.client.model.Feature;
import io.shikong.client.model.FeatureCollection;
import io.shikong.client.model.Geometry;
import io.shikong.client.model.LayerDetail;
import io.shikong.client.model.Link;
import io.shikong.client.model.SpatialQuery;
import io.shikong.samples.SampleGenerator;
import io.shikong.samples.SampleSize;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Envelope;

/**
 * The REST API end to end: a real server on a real store, called through the Java client generated
 * from the server's own OpenAPI document. Expected answers are computed from the sample generator,
 * not written down: the server loads the same deterministic data at start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RestApiContract {

    static final long SEED = 20261124L;
    static final ObjectMapper JSON = new ObjectMapper();

    EmbeddedServer server;
    ApiClient anonymous;
    ApiClient analyst;
    final SampleGenerator generator = new SampleGenerator(SEED, SampleSize.SMALL);

    /** Server properties selecting the store under test. */
    abstract Map<String, Object> storeProperties() throws Exception;

    @BeforeAll
    void start() throws Exception {
        Map<String, Object> props = new java.util.HashMap<>(storeProperties());
        props.put("micronaut.server.port", -1);
        props.put("shikong.samples", true);
        props.put("shikong.samples-seed", SEED);
        props.put("shikong.users", "analyst:s3cret:pipelines,keeper:k33per:admin");
        props.put("shikong.max-limit", 5000);
        server = ApplicationContext.run(EmbeddedServer.class, props);
        anonymous = client(null);
        analyst = client("analyst:s3cret");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private ApiClient client(String credentials) {
        ApiClient c = new ApiClient();
        c.updateBaseUri(server.getURI().toString());
        if (credentials != null) {
            String basic = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
            c.setRequestInterceptor(b -> b.header("Authorization", basic));
        }
        return c;
    }

    /** Current (or as-of) versions of a sample layer, straight from the generator. */
    List<io.shikong.core.feature.Feature> expected(String layer, Instant asOf) {
        List<io.shikong.core.feature.Feature> out = new ArrayList<>();
        var it = generator.versions(layer);
        while (it.hasNext()) {
            var f = it.next();
            boolean valid = asOf == null ? f.validTo() == null
                    : !f.validFrom().isAfter(asOf) && (f.validTo() == null || f.validTo().isAfter(asOf));
            if (valid) {
                out.add(f);
            }
        }
        return out;
    }

    // --- layers ---------------------------------------------------------------------------------

    @Test
    void anonymousCallersSeePublicLayersOnly() throws Exception {
        var names = new LayersApi(anonymous).listLayers().getLayers().stream().map(l -> l.getName()).toList();
        assertThat(names).containsExactly("buildings", "pois", "street_view", "eco_red_lines", "inspection_sites");
        var all = new LayersApi(analyst).listLayers().getLayers().stream().map(l -> l.getName()).toList();
        assertThat(all).contains("pipelines").hasSize(6);
        assertThatThrownBy(() -> new LayersApi(anonymous).getLayer("pipelines"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));
    }

    @Test
    void wrongCredentialsAre401NotAnonymous() {
        ApiClient wrong = client("analyst:guess");
        assertThatThrownBy(() -> new LayersApi(wrong).listLayers())
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(401);
                    assertThat(e.getResponseHeaders().firstValue("WWW-Authenticate")).isPresent();
                });
    }

    @Test
    void layerHasSchemaAndExtents() throws Exception {
        LayerDetail d = new LayersApi(anonymous).getLayer("buildings");
        assertThat(d.getAttributes()).extracting(a -> a.getName())
                .containsExactly("name", "address", "district", "use", "floors", "height_m", "built_year");
        assertThat(d.getStorageCrs()).isEqualTo("EPSG:4490");
        Envelope env = new Envelope();
        expected("buildings", null).forEach(f -> env.expandToInclude(f.geometry().getEnvelopeInternal()));
        assertThat(d.getBbox()).hasSize(4);
        assertThat(d.getBbox().get(0)).isCloseTo(env.getMinX(), org.assertj.core.data.Offset.offset(1e-7));
        assertThat(d.getBbox().get(3)).isCloseTo(env.getMaxY(), org.assertj.core.data.Offset.offset(1e-7));
        assertThat(d.getTemporalExtent()).hasSize(2);
        assertThat(d.getVersioned()).isTrue();
    }

    // --- features -------------------------------------------------------------------------------

    @Test
    void pagingThroughNextLinksReturnsEveryMatchOnceInOrder() throws Exception {
        String bbox = "123.3,41.7,123.6,41.9";
        Envelope box = new Envelope(123.3, 123.6, 41.7, 41.9);
        Set<String> want = new HashSet<>();
        for (var f : expected("buildings", null)) {
            if (f.geometry().getEnvelopeInternal().intersects(box) && f.geometry().intersects(
                    new org.locationtech.jts.geom.GeometryFactory().toGeometry(box))
                    && f.get("floors") != null && (Integer) f.get("floors") > 10) {
                want.add(f.id());
            }
        }
        assertThat(want).hasSizeGreaterThan(150);
        List<String> got = new ArrayList<>();
        Integer offset = 0;
        int pages = 0;
        while (offset != null) {
            FeatureCollection page = new FeaturesApi(anonymous).getFeatures("buildings", bbox, null, "floors > 10",
                    null, null, null, 100, offset, null, "floors", null);
            page.getFeatures().forEach(f -> got.add(f.getId()));
            assertThat(page.getNumberReturned()).isEqualTo(page.getFeatures().size());
            offset = page.getLinks().stream().filter(l -> "next".equals(l.getRel())).findFirst()
                    .map(l -> Integer.valueOf(l.getHref().replaceAll(".*[?&]offset=(\\d+).*", "$1"))).orElse(null);
            pages++;
        }
        assertThat(pages).isGreaterThan(1);
        assertThat(got).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(want);
        assertThat(got).isSorted(); // stable order: by id when no sort is asked
    }

    @Test
    void propertiesAndSortAndCrs() throws Exception {
        FeatureCollection fc = new FeaturesApi(anonymous).getFeatures("buildings", null, null, null, null, null, null,
                5, null, "EPSG:3857", "floors,name", "-floors,name");
        List<Integer> floors = new ArrayList<>();
        for (Feature f : fc.getFeatures()) {
            assertThat(f.getProperties()).containsOnlyKeys("floors", "name", "valid_from", "valid_to");
            floors.add((Integer) f.getProperties().get("floors"));
            double x = firstX(f.getGeometry());
            assertThat(x).isBetween(13_600_000.0, 13_800_000.0); // Web Mercator metres around 123.4°E
        }
        assertThat(floors).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void asOfShowsTheCityAsItWas() throws Exception {
        Instant then = Instant.parse("2018-01-01T00:00:00Z");
        int want = expected("buildings", then).size();
        int got = 0;
        for (int offset = 0; ; offset += 1000) {
            var page = new FeaturesApi(anonymous).getFeatures("buildings", null, null, null, null, then.toString(), null,
                    1000, offset, null, "name", null);
            got += page.getFeatures().size();
            if (page.getFeatures().size() < 1000) {
                break;
            }
        }
        assertThat(got).isEqualTo(want).isLessThan(expected("buildings", null).size());
    }

    @Test
    void historyOfAChangedFeature() throws Exception {
        List<io.shikong.core.feature.Feature> versions = new ArrayList<>();
        var it = generator.versions("buildings");
        String id = null;
        while (it.hasNext()) {
            var f = it.next();
            if (f.version() == 2) {
                id = f.id();
                break;
            }
        }
        assertThat(id).isNotNull();
        it = generator.versions("buildings");
        while (it.hasNext()) {
            var f = it.next();
            if (f.id().equals(id)) {
                versions.add(f);
            }
        }
        FeatureCollection h = new FeaturesApi(anonymous).getFeatureHistory("buildings", id);
        assertThat(h.getFeatures()).extracting(Feature::getVersion)
                .containsExactlyElementsOf(versions.stream().map(v -> v.version()).toList());
        assertThat(h.getFeatures().get(0).getProperties().get("valid_to"))
                .isEqualTo(versions.get(0).validTo().toString());
        Feature asOfOld = new FeaturesApi(anonymous).getFeature("buildings", id,
                versions.get(0).validFrom().toString(), null);
        assertThat(asOfOld.getVersion()).isEqualTo(1);
        assertThat(asOfOld.getProperties().get("floors")).isEqualTo(versions.get(0).get("floors"));
    }

    @Test
    void restrictedLayerThroughCredentials() throws Exception {
        var fc = new FeaturesApi(analyst).getFeatures("pipelines", null, null, "network = 'gas'", null, null, null,
                10, null, null, null, null);
        assertThat(fc.getFeatures()).isNotEmpty().allSatisfy(f -> assertThat(f.getProperties().get("network")).isEqualTo("gas"));
        assertThatThrownBy(() -> new FeaturesApi(anonymous).getFeatures("pipelines", null, null, null, null, null,
                null, null, null, null, null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));
    }

    // --- spatial --------------------------------------------------------------------------------

    @Test
    void nearestAndWithinDistanceAgree() throws Exception {
        Geometry point = new Geometry().type("Point").coordinates(List.of(123.45, 41.80));
        FeatureCollection nearest = new SpatialApi(anonymous).spatialQuery("pois",
                new SpatialQuery().geometry(point).relation(SpatialQuery.RelationEnum.NEAREST).k(5), null);
        List<Double> d = nearest.getFeatures().stream().map(Feature::getDistance).toList();
        assertThat(d).hasSize(5).isSorted();
        // PostGIS measures dwithin on the ellipsoid, ranks in a Gauss-Krüger zone: allow them 0.5 m apart
        double radius = d.get(4) + 0.5;
        FeatureCollection within = new SpatialApi(anonymous).spatialQuery("pois",
                new SpatialQuery().geometry(point).relation(SpatialQuery.RelationEnum.DWITHIN).distance(radius).limit(100), null);
        List<String> nearestIds = nearest.getFeatures().stream().map(Feature::getId).toList();
        assertThat(within.getFeatures()).extracting(Feature::getId).containsAll(nearestIds);
        assertThat(within.getFeatures()).allSatisfy(f -> {
            assertThat(f.getDistance()).isLessThanOrEqualTo(radius);
            if (!nearestIds.contains(f.getId())) {
                assertThat(f.getDistance()).isGreaterThanOrEqualTo(d.get(4) - 0.5);
            }
        });
    }

    @Test
    void intersectsInAnotherCrs() throws Exception {
        var b = expected("buildings", null).get(0);
        var c = b.geometry().getInteriorPoint();
        // GCJ-02 by the published forward formula, not through the server's CrsService
        double[] p = Reference.wgs84ToGcj02(c.getX(), c.getY());
        FeatureCollection fc = new SpatialApi(anonymous).spatialQuery("buildings", new SpatialQuery()
                .geometry(new Geometry().type("Point").coordinates(List.of(p[0], p[1]))).crs("GCJ02")
                .relation(SpatialQuery.RelationEnum.INTERSECTS), null);
        assertThat(fc.getFeatures()).extracting(Feature::getId).contains(b.id());
        // the same numbers taken as CGCS2000 are some 500 m away, off the building: the crs was applied
        FeatureCollection asStorage = new SpatialApi(anonymous).spatialQuery("buildings", new SpatialQuery()
                .geometry(new Geometry().type("Point").coordinates(List.of(p[0], p[1])))
                .relation(SpatialQuery.RelationEnum.INTERSECTS), null);
        assertThat(asStorage.getFeatures()).extracting(Feature::getId).doesNotContain(b.id());
    }

    // --- bad input ------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "malformed bbox; bbox=1,2,3; bbox; 4 numbers",
        "inverted bbox; bbox=123.6,41.7,123.3,41.9; bbox; minimum greater",
        "bad ECQL; filter=floors >>> 3; filter; Invalid ECQL",
        "unknown property; filter=colour = 'red'; filter; unknown property 'colour'",
        "unknown property to return; properties=colour; properties; unknown property 'colour'",
        "bad time; asOf=last tuesday; asOf; not an ISO 8601",
        "inverted range; datetime=2020-01-01/2019-01-01; datetime; ends before",
        "limit over the maximum; limit=5001; limit; over the maximum of 5000",
        "limit not a number; limit=ten; limit; not an integer",
        "unknown CRS; crs=EPSG:99999; crs; EPSG:99999",
        "unknown sort key; sortby=colour; sortby; cannot sort by 'colour'",
        "time out of range; asOf=+999999-01-01T00:00:00Z; asOf; not an ISO 8601",
        "geometry with LIKE; filter=geom LIKE 'a%'; filter; cannot be used with LIKE",
        "property against property of another type; filter=floors = name; filter; cannot compare",
    })
    void badQueryParametersAre400WithTheParameter(String name, String query, String parameter, String message) throws Exception {
        String[] kv = query.split("=", 2);
        HttpResponse<String> r = get("/api/v1/layers/buildings/features?" + kv[0] + "="
                + java.net.URLEncoder.encode(kv[1], StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(name).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.get("parameter").asText()).isEqualTo(parameter);
        assertThat(problem.get("detail").asText()).contains(message);
        assertThat(problem.get("status").asInt()).isEqualTo(400);
    }

    @Test
    void badInputThroughTheGeneratedClient() {
        FeaturesApi api = new FeaturesApi(anonymous);
        assertThatThrownBy(() -> api.getFeatures("nowhere", null, null, null, null, null, null, null, null, null, null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(404);
                    assertThat(e.getResponseBody()).contains("Unknown layer 'nowhere'");
                });
        assertThatThrownBy(() -> api.getFeatures("buildings", "a,b,c,d", null, null, null, null, null, null, null, null, null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(400));
        SpatialApi spatial = new SpatialApi(anonymous);
        Geometry bowtie = new Geometry().type("Polygon").coordinates(List.of(List.of(List.of(123.40, 41.80),
                List.of(123.41, 41.81), List.of(123.41, 41.80), List.of(123.40, 41.81), List.of(123.40, 41.80))));
        assertThatThrownBy(() -> spatial.spatialQuery("buildings", new SpatialQuery().geometry(bowtie), null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(400);
                    assertThat(e.getResponseBody()).contains("Self-intersection").contains("\"parameter\":\"geometry\"");
                });
        Geometry broken = new Geometry().type("Polygon").coordinates(List.of(1, 2));
        assertThatThrownBy(() -> spatial.spatialQuery("buildings", new SpatialQuery().geometry(broken), null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(400);
                    assertThat(e.getResponseBody()).contains("not a valid GeoJSON geometry");
                });
        assertThatThrownBy(() -> spatial.spatialQuery("buildings", new SpatialQuery().geometry(
                new Geometry().type("Point").coordinates(List.of(123.4, 41.8))).relation(SpatialQuery.RelationEnum.DWITHIN).distance(1e9), null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(400);
                    assertThat(e.getResponseHeaders().firstValue("Content-Type"))
                            .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
                    JsonNode problem = problem(e.getResponseBody());
                    assertThat(problem.path("status").asInt()).isEqualTo(400);
                    assertThat(problem.path("parameter").asText()).isEqualTo("distance");
                    assertThat(problem.path("detail").asText()).contains("distance");
                });
    }

    @Test
    void spatialQueryPagesWithANextLink() throws Exception {
        Geometry core = new Geometry().type("Polygon").coordinates(List.of(List.of(List.of(123.3, 41.7),
                List.of(123.6, 41.7), List.of(123.6, 41.9), List.of(123.3, 41.9), List.of(123.3, 41.7))));
        SpatialQuery q = new SpatialQuery().geometry(core).relation(SpatialQuery.RelationEnum.INTERSECTS).limit(50);
        FeatureCollection first = new SpatialApi(anonymous).spatialQuery("buildings", q, null);
        assertThat(first.getFeatures()).hasSize(50);
        assertThat(first.getLinks()).extracting(Link::getRel).contains("next");
        FeatureCollection second = new SpatialApi(anonymous).spatialQuery("buildings", q.offset(50), null);
        assertThat(second.getFeatures()).extracting(Feature::getId)
                .doesNotContainAnyElementsOf(first.getFeatures().stream().map(Feature::getId).toList());
        SpatialQuery nullProperty = new SpatialQuery().geometry(core).properties(java.util.Arrays.asList("name", null));
        assertThatThrownBy(() -> new SpatialApi(anonymous).spatialQuery("buildings", nullProperty, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(400));
    }

    @Test
    void headOnAStreamedCollectionIsNotServed() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.getURI() + "/api/v1/layers/buildings/features")).method("HEAD",
                HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isIn(404, 405);
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void invalidJsonBodyIsAProblemNotA500() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.getURI() + "/api/v1/layers/buildings/spatial-query"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"geometry\": ")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        // and the service is still healthy afterwards
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void healthReportsTheStore() throws Exception {
        // anonymous callers see UP or DOWN only; the store's details are for admins
        HttpResponse<String> anonymous = get("/health");
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(anonymous.body()).path("status").asText()).isEqualTo("UP");
        assertThat(JSON.readTree(anonymous.body()).has("details")).isFalse();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.getURI() + "/health"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "keeper:k33per".getBytes(java.nio.charset.StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode store = JSON.readTree(r.body()).path("details").path("store");
        assertThat(store.path("status").asText()).isEqualTo("UP");
        assertThat(store.path("details").path("kind").asText()).isEqualTo(expectedStoreKind());
    }

    abstract String expectedStoreKind();

    @Test
    void openApiDocumentIsServed() throws Exception {
        HttpResponse<String> r = get("/swagger/shikong-1.0.yml");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("operationId: getFeatures").contains("operationId: spatialQuery");
    }

    HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.getURI() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode problem(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    @SuppressWarnings("unchecked")
    static double firstX(Geometry g) {
        Object c = g.getCoordinates();
        while (c instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof List) {
            c = l.get(0);
        }
        return ((Number) ((List<Object>) c).get(0)).doubleValue();
    }
}
