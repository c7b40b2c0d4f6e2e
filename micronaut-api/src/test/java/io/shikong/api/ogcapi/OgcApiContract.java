package io.shikong.api.ogcapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.shikong.core.crs.CrsService;
import io.shikong.core.filter.Ecql;
import io.shikong.core.query.Query;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Envelope;

/**
 * OGC API - Features end to end against the running server on a real store: the resources of Parts 1 to 4
 * through Java's HTTP client, every bad input a 4xx problem naming what was wrong, and the clients nobody here
 * wrote: QGIS 3.22's OAPIF provider (headless, through a proxy that writes down what the server received),
 * GDAL's OAPIF driver (ogr2ogr to GeoPackage) and OWSLib's {@code Features}. Expected numbers come from the
 * store itself, never from the sample data's constants.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OgcApiContract {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    static final String EPSG = "http://www.opengis.net/def/crs/EPSG/0/";
    /** A box over the centre of Shenyang, CRS84. */
    static final double[] BOX = {123.40, 41.75, 123.50, 41.85};

    EmbeddedServer server;
    FeatureStore store;
    RecordingProxy proxy;
    String direct;
    String api;
    final HttpClient http = HttpClient.newHttpClient();

    abstract Map<String, Object> storeProperties() throws Exception;

    @BeforeAll
    void start() throws Exception {
        proxy = new RecordingProxy();
        Map<String, Object> props = new HashMap<>(storeProperties());
        props.put("micronaut.server.port", -1);
        props.put("shikong.samples", true);
        props.put("shikong.users", "editor:pw:editor,admin:pw:admin");
        props.put("shikong.service.public-url", proxy.url());
        server = ApplicationContext.run(EmbeddedServer.class, props);
        store = server.getApplicationContext().getBean(FeatureStore.class);
        proxy.forwardTo(server.getURI().toString().replaceAll("/$", ""));
        direct = server.getURI().toString().replaceAll("/$", "") + "/ogcapi";
        api = proxy.url() + "/ogcapi";
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    long count(String layer, String ecql, Envelope bbox, TimeSelection time) {
        CrsService crs = server.getApplicationContext().getBean(CrsService.class);
        Query.Builder q = Query.of(layer, Caller.ANONYMOUS).time(time);
        if (ecql != null) {
            q.filter(Ecql.parse(ecql, "f"), crs.resolve("CRS84"));
        }
        if (bbox != null) {
            q.bbox(bbox, crs.resolve("CRS84"));
        }
        return store.count(q.build());
    }

    HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String url) throws Exception {
        HttpResponse<String> r = get(url);
        assertThat(r.statusCode()).as(url + "\n" + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    HttpResponse<String> send(String method, String url, String user, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":pw").getBytes(StandardCharsets.UTF_8)));
        }
        if (body != null && !List.of(headers).contains("Content-Type")) {
            b.header("Content-Type", "application/geo+json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String box() {
        return BOX[0] + "," + BOX[1] + "," + BOX[2] + "," + BOX[3];
    }

    static Envelope boxEnvelope() {
        return new Envelope(BOX[0], BOX[2], BOX[1], BOX[3]);
    }

    // --- Part 1 -----------------------------------------------------------------------------------------------

    @Test
    void landingPageConformanceAndCollectionsLinkUp() throws Exception {
        JsonNode landing = json(direct + "/");
        Set<String> rels = new HashSet<>();
        landing.get("links").forEach(l -> rels.add(l.get("rel").asText()));
        assertThat(rels).contains("self", "service-desc", "service-doc", "conformance", "data");
        JsonNode conf = json(direct + "/conformance");
        List<String> classes = new ArrayList<>();
        conf.get("conformsTo").forEach(c -> classes.add(c.asText()));
        assertThat(classes).contains(
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
                "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
                "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
                "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete",
                "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/optimistic-locking-etags");
        JsonNode collections = json(direct + "/collections");
        List<String> ids = new ArrayList<>();
        collections.get("collections").forEach(c -> ids.add(c.get("id").asText()));
        assertThat(ids).contains("buildings", "pois").doesNotContain("pipelines");
        JsonNode b = json(direct + "/collections/buildings");
        assertThat(b.get("storageCrs").asText()).isEqualTo(EPSG + "4490");
        List<String> crs = new ArrayList<>();
        b.get("crs").forEach(c -> crs.add(c.asText()));
        assertThat(crs.get(0)).isEqualTo(CRS84);
        assertThat(crs).contains(EPSG + "4490", EPSG + "4326", EPSG + "3857", EPSG + "4529", EPSG + "4491",
                "https://shikong.io/def/crs/GCJ-02", "https://shikong.io/def/crs/BD-09");
        JsonNode bbox = b.at("/extent/spatial/bbox/0");
        assertThat(bbox.get(0).asDouble()).isBetween(118.0, 126.0);
        assertThat(b.at("/extent/temporal/interval/0/0").asText()).isNotEmpty();
        Set<String> collectionRels = new HashSet<>();
        b.get("links").forEach(l -> collectionRels.add(l.get("rel").asText()));
        assertThat(collectionRels).contains("items", "http://www.opengis.net/def/rel/ogc/1.0/queryables");
    }

    @Test
    void htmlByFAndByAccept() throws Exception {
        HttpResponse<String> byF = get(direct + "/collections?f=html");
        assertThat(byF.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(byF.body()).contains("<html").contains("buildings");
        HttpResponse<String> byAccept = get(direct + "/collections/buildings/items?limit=3",
                "Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        assertThat(byAccept.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        HttpResponse<String> asJson = get(direct + "/collections/buildings/items?limit=3", "Accept", "application/json");
        assertThat(asJson.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        HttpResponse<String> geojson = get(direct + "/collections/buildings/items?limit=3");
        assertThat(geojson.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/geo+json");
    }

    @Test
    void openApiDefinitionNamesThePathsAndTheLimits() throws Exception {
        HttpResponse<String> r = get(direct + "/api");
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/vnd.oai.openapi+json");
        JsonNode doc = JSON.readTree(r.body());
        assertThat(doc.get("openapi").asText()).startsWith("3.0");
        assertThat(doc.get("paths").has("/collections/{collectionId}/items")).isTrue();
        assertThat(doc.get("paths").has("/collections/buildings/items")).isTrue();
        assertThat(doc.at("/components/parameters/limit/schema/maximum").asInt()).isPositive();
        assertThat(get(direct + "/api?f=html").body()).contains("<html");
    }

    @Test
    void itemsPageOnWithNextLinksToEveryFeatureOnce() throws Exception {
        long total = count("pois", null, null, TimeSelection.CURRENT);
        String url = api + "/collections/pois/items?limit=250";
        Set<String> ids = new HashSet<>();
        int pages = 0;
        boolean sawPrev = false;
        while (url != null) {
            JsonNode page = json(url);
            assertThat(page.get("numberMatched").asLong()).isEqualTo(total);
            assertThat(page.get("numberReturned").asInt()).isEqualTo(page.get("features").size());
            page.get("features").forEach(f -> assertThat(ids.add(f.get("id").asText())).isTrue());
            url = null;
            for (JsonNode l : page.get("links")) {
                if (l.get("rel").asText().equals("next")) {
                    url = l.get("href").asText();
                }
                sawPrev |= l.get("rel").asText().equals("prev");
            }
            pages++;
        }
        assertThat(ids).hasSize((int) total);
        assertThat(pages).isGreaterThan(1);
        assertThat(sawPrev).isTrue();
    }

    @Test
    void bboxAndDatetimeSelectWhatTheStoreSelects() throws Exception {
        JsonNode inBox = json(direct + "/collections/buildings/items?limit=10000&bbox=" + box());
        assertThat(inBox.get("numberMatched").asLong()).isEqualTo(count("buildings", null, boxEnvelope(), TimeSelection.CURRENT))
                .isPositive();
        Instant t = Instant.parse("2012-06-30T00:00:00Z");
        JsonNode asOf = json(direct + "/collections/buildings/items?limit=1&datetime=2012-06-30T00:00:00Z");
        assertThat(asOf.get("numberMatched").asLong()).isEqualTo(count("buildings", null, null, TimeSelection.asOf(t)));
        JsonNode range = json(direct + "/collections/buildings/items?limit=1&datetime=2010-01-01T00:00:00Z/2012-06-30T00:00:00Z");
        assertThat(range.get("numberMatched").asLong()).isEqualTo(count("buildings", null, null,
                new TimeSelection.Range(Instant.parse("2010-01-01T00:00:00Z"), t)));
        JsonNode openStart = json(direct + "/collections/buildings/items?limit=1&datetime=../2012-06-30T00:00:00Z");
        JsonNode openEnd = json(direct + "/collections/buildings/items?limit=1&datetime=2012-06-30T00:00:00Z/..");
        assertThat(openStart.get("numberMatched").asLong()).isGreaterThanOrEqualTo(asOf.get("numberMatched").asLong());
        assertThat(openEnd.get("numberMatched").asLong()).isGreaterThanOrEqualTo(asOf.get("numberMatched").asLong());
        JsonNode date = json(direct + "/collections/buildings/items?limit=1&datetime=2012-06-30");
        assertThat(date.get("numberMatched").asLong()).isEqualTo(asOf.get("numberMatched").asLong());
    }

    // --- Part 2 -----------------------------------------------------------------------------------------------

    @Test
    void crsAndBboxCrsFollowTheAxisOrderOfTheCrs() throws Exception {
        String one = direct + "/collections/pois/items?limit=1&sortby=id";
        JsonNode lonLat = json(one).at("/features/0/geometry/coordinates");
        HttpResponse<String> r4326 = get(one + "&crs=" + enc(EPSG + "4326"));
        assertThat(r4326.headers().firstValue("Content-Crs").orElseThrow()).isEqualTo("<" + EPSG + "4326>");
        JsonNode latLon = JSON.readTree(r4326.body()).at("/features/0/geometry/coordinates");
        assertThat(latLon.get(0).asDouble()).isEqualTo(lonLat.get(1).asDouble());
        assertThat(latLon.get(1).asDouble()).isEqualTo(lonLat.get(0).asDouble());
        assertThat(get(one).headers().firstValue("Content-Crs").orElseThrow()).isEqualTo("<" + CRS84 + ">");
        JsonNode merc = json(one + "&crs=" + enc(EPSG + "3857")).at("/features/0/geometry/coordinates");
        assertThat(merc.get(0).asDouble()).isGreaterThan(1.3e7);
        JsonNode gk = json(one + "&crs=" + enc(EPSG + "4529")).at("/features/0/geometry/coordinates");
        assertThat(gk.get(0).asDouble()).as("northing first").isBetween(4.4e6, 4.9e6);
        assertThat(gk.get(1).asDouble()).as("easting with zone 41").isBetween(41.3e6, 41.7e6);
        JsonNode gcj = json(one + "&crs=" + enc("https://shikong.io/def/crs/GCJ-02")).at("/features/0/geometry/coordinates");
        assertThat(Math.abs(gcj.get(0).asDouble() - lonLat.get(0).asDouble())).isBetween(1e-4, 0.02);
        // the same box, latitude first in EPSG:4326 and in EPSG:4490
        long inCrs84 = json(direct + "/collections/buildings/items?limit=1&bbox=" + box()).get("numberMatched").asLong();
        String latFirst = BOX[1] + "," + BOX[0] + "," + BOX[3] + "," + BOX[2];
        assertThat(json(direct + "/collections/buildings/items?limit=1&bbox=" + latFirst + "&bbox-crs=" + enc(EPSG + "4326"))
                .get("numberMatched").asLong()).isEqualTo(inCrs84);
        assertThat(json(direct + "/collections/buildings/items?limit=1&bbox=" + latFirst + "&bbox-crs=" + enc(EPSG + "4490"))
                .get("numberMatched").asLong()).isEqualTo(inCrs84);
        HttpResponse<String> item = get(direct + "/collections/pois/items/" + json(one).at("/features/0/id").asText()
                + "?crs=" + enc(EPSG + "4490"));
        assertThat(item.headers().firstValue("Content-Crs").orElseThrow()).isEqualTo("<" + EPSG + "4490>");
        assertThat(JSON.readTree(item.body()).at("/geometry/coordinates/0").asDouble()).isEqualTo(lonLat.get(1).asDouble());
    }

    // --- Part 3 -----------------------------------------------------------------------------------------------

    @Test
    void filterSortbyQueryablesAndSortables() throws Exception {
        JsonNode tall = json(direct + "/collections/buildings/items?limit=10000&filter=" + enc("floors > 10")
                + "&filter-lang=cql2-text&sortby=-floors");
        assertThat(tall.get("numberMatched").asLong()).isEqualTo(count("buildings", "floors > 10", null, TimeSelection.CURRENT));
        int previous = Integer.MAX_VALUE;
        for (JsonNode f : tall.get("features")) {
            int floors = f.at("/properties/floors").asInt();
            assertThat(floors).isGreaterThan(10).isLessThanOrEqualTo(previous);
            previous = floors;
        }
        JsonNode inside = json(direct + "/collections/buildings/items?limit=1&filter="
                + enc("S_INTERSECTS(geom, POLYGON((" + BOX[0] + " " + BOX[1] + ", " + BOX[2] + " " + BOX[1] + ", " + BOX[2] + " "
                + BOX[3] + ", " + BOX[0] + " " + BOX[3] + ", " + BOX[0] + " " + BOX[1] + ")))"));
        assertThat(inside.get("numberMatched").asLong()).isEqualTo(count("buildings", null, boxEnvelope(), TimeSelection.CURRENT));
        String latFirst = "S_INTERSECTS(geom, POLYGON((" + BOX[1] + " " + BOX[0] + ", " + BOX[1] + " " + BOX[2] + ", " + BOX[3] + " "
                + BOX[2] + ", " + BOX[3] + " " + BOX[0] + ", " + BOX[1] + " " + BOX[0] + ")))";
        assertThat(json(direct + "/collections/buildings/items?limit=1&filter-crs=" + enc(EPSG + "4326") + "&filter=" + enc(latFirst))
                .get("numberMatched").asLong()).isEqualTo(inside.get("numberMatched").asLong());
        JsonNode cql2json = json(direct + "/collections/buildings/items?limit=1&filter-lang=cql2-json&filter="
                + enc("{\"op\":\">\",\"args\":[{\"property\":\"floors\"},10]}"));
        assertThat(cql2json.get("numberMatched").asLong()).isEqualTo(tall.get("numberMatched").asLong());
        JsonNode residential = json(direct + "/collections/buildings/items?limit=1&use=residential");
        assertThat(residential.get("numberMatched").asLong()).isEqualTo(count("buildings", "use = 'residential'", null,
                TimeSelection.CURRENT));
        JsonNode queryables = json(direct + "/collections/buildings/queryables");
        assertThat(queryables.at("/properties/floors/type").asText()).isEqualTo("integer");
        assertThat(queryables.at("/properties/valid_from/format").asText()).isEqualTo("date-time");
        assertThat(queryables.at("/properties/geom/format").asText()).startsWith("geometry-");
        JsonNode sortables = json(direct + "/collections/buildings/sortables");
        assertThat(sortables.get("properties").has("floors")).isTrue();
        assertThat(sortables.get("properties").has("geom")).isFalse();
    }

    // --- every bad input: a 4xx problem that says what was wrong -----------------------------------------------

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "/collections/buildings/items?bbox=1,2,3|400|bbox",
        "/collections/buildings/items?bbox=a,b,c,d|400|bbox",
        "/collections/buildings/items?bbox=123,42,122,41|400|bbox",
        "/collections/buildings/items?bbox=10,200,20,210|400|bbox",
        "/collections/buildings/items?limit=0|400|limit",
        "/collections/buildings/items?limit=ten|400|limit",
        "/collections/buildings/items?limit=100000000|400|limit",
        "/collections/buildings/items?datetime=yesterday|400|datetime",
        "/collections/buildings/items?datetime=2020-01-01T00:00:00Z/2019-01-01T00:00:00Z|400|datetime",
        "/collections/buildings/items?crs=http://www.opengis.net/def/crs/EPSG/0/9999|400|crs",
        "/collections/buildings/items?bbox=1,2,3,4&bbox-crs=EPSG:12345678|400|bbox-crs",
        "/collections/buildings/items?filter=floors%20%3E%3E%3E%203|400|filter",
        "/collections/buildings/items?filter=nosuch%20%3D%203|400|filter",
        "/collections/buildings/items?filter=floors%3E1&filter-lang=sql|400|filter-lang",
        "/collections/buildings/items?filter-crs=EPSG:1&filter=floors%3E1|400|filter-crs",
        "/collections/buildings/items?sortby=nosuch|400|sortby",
        "/collections/buildings/items?color=red|400|color",
        "/collections/buildings/items?floors=many|400|floors",
        "/collections/buildings/items?f=xml|400|f",
        "/collections/nosuch/items|404|nosuch",
        "/collections/nosuch|404|nosuch",
        "/collections/pipelines/items|404|pipelines",
        "/collections/pipelines|404|pipelines",
        "/collections/buildings/items/NO-SUCH-ID|404|NO-SUCH-ID",
        "/collections/buildings/items/NO-SUCH-ID/history|404|NO-SUCH-ID",
        "/collections/buildings/items/B0000001?datetime=2000-01-01T00:00:00Z/..|400|datetime",
    })
    void badInputIsAProblemNamingWhatWasWrong(String path, int status, String named) throws Exception {
        HttpResponse<String> r = get(direct + path);
        assertThat(r.statusCode()).as(path + "\n" + r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode p = JSON.readTree(r.body());
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("detail").asText() + " " + p.path("parameter").asText()).as(r.body()).contains(named);
    }

    @Test
    void restrictedCollectionsAreVisibleOnlyToThoseWhoMaySeeThem() throws Exception {
        HttpResponse<String> anonymous = get(direct + "/collections/pipelines/items?limit=1");
        HttpResponse<String> missing = get(direct + "/collections/nosuch/items?limit=1");
        assertThat(anonymous.statusCode()).isEqualTo(missing.statusCode()).isEqualTo(404);
        assertThat(anonymous.body().replace("pipelines", "X")).isEqualTo(missing.body().replace("nosuch", "X"));
        HttpResponse<String> admin = send("GET", direct + "/collections/pipelines/items?limit=1", "admin", null);
        assertThat(admin.statusCode()).isEqualTo(200);
        HttpResponse<String> list = send("GET", direct + "/collections", "admin", null);
        assertThat(list.body()).contains("\"pipelines\"");
        assertThat(get(direct + "/api").body()).doesNotContain("/collections/pipelines/");
        // and the audit log has the anonymous caller's try, as on every other interface
        server.getApplicationContext().getBean(io.shikong.api.security.Auditor.class).flush(30_000);
        JsonNode audit = JSON.readTree(send("GET", server.getURI().toString().replaceAll("/$", "")
                + "/api/v1/audit?limit=1000", "admin", null).body());
        boolean logged = false;
        for (JsonNode e : audit.get("entries")) {
            logged |= e.get("path").asText().equals("/ogcapi/collections/pipelines/items")
                    && e.get("action").asText().equals("hidden") && e.get("layer").asText().equals("pipelines");
        }
        assertThat(logged).as(audit.toString()).isTrue();
    }

    // --- Part 4 -----------------------------------------------------------------------------------------------

    @Test
    void changesAreNewVersionsGuardedByETags() throws Exception {
        String items = direct + "/collections/pois/items";
        String feature = "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[123.431,41.801]},"
                + "\"properties\":{\"name\":\"测试咖啡馆 Test cafe\",\"category\":\"cafe\"}}";
        assertThat(send("POST", items, null, feature).statusCode()).isIn(401, 403);
        HttpResponse<String> created = send("POST", items, "editor", feature);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        String url = direct + location.substring(location.indexOf("/ogcapi") + "/ogcapi".length());
        HttpResponse<String> read = get(url);
        assertThat(read.statusCode()).isEqualTo(200);
        String etag = read.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isEqualTo(created.headers().firstValue("ETag").orElseThrow());
        assertThat(JSON.readTree(read.body()).at("/properties/name").asText()).isEqualTo("测试咖啡馆 Test cafe");
        // an instant of the first version's valid time: its own start (versions start at whole milliseconds, so a
        // clock reading taken here could fall in the same millisecond as the change below, and after its start)
        String before = JSON.readTree(read.body()).at("/properties/valid_from").asText();
        assertThat(before).isNotEmpty();
        // a PATCH with the current ETag: a new version
        HttpResponse<String> patched = send("PATCH", url, "editor", "{\"type\":\"Feature\",\"properties\":{\"name\":\"改名 Renamed\"}}",
                "If-Match", etag);
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        String etag2 = patched.headers().firstValue("ETag").orElseThrow();
        assertThat(etag2).isNotEqualTo(etag);
        // a PUT or DELETE with the stale one: 412, nothing changed
        HttpResponse<String> stale = send("PUT", url, "editor", feature, "If-Match", etag);
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(412);
        assertThat(JSON.readTree(stale.body()).get("detail").asText()).contains(etag2);
        assertThat(send("DELETE", url, "editor", null, "If-Match", etag).statusCode()).isEqualTo(412);
        assertThat(JSON.readTree(get(url).body()).at("/properties/name").asText()).isEqualTo("改名 Renamed");
        // the version before the change is there at once, through datetime and the history
        JsonNode then = JSON.readTree(get(url + "?datetime=" + enc(before)).body());
        assertThat(then.at("/properties/name").asText()).isEqualTo("测试咖啡馆 Test cafe");
        JsonNode history = json(url + "/history");
        assertThat(history.get("features")).hasSize(2);
        assertThat(history.at("/features/1/properties/name").asText()).isEqualTo("改名 Renamed");
        // PUT replaces every property
        HttpResponse<String> replaced = send("PUT", url, "editor", feature.replace("测试咖啡馆 Test cafe", "重建 Rebuilt"),
                "If-Match", etag2);
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        String etag3 = replaced.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> deleted = send("DELETE", url, "editor", null, "If-Match", etag3);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(get(url).statusCode()).isEqualTo(404);
        assertThat(json(url + "/history").get("features")).hasSize(3);
        assertThat(JSON.readTree(get(url + "?datetime=" + enc(before)).body()).at("/properties/name").asText())
                .isEqualTo("测试咖啡馆 Test cafe");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON|{\"type\":\"Feature\",|400|JSON",
        "not a feature|{\"type\":\"Point\",\"coordinates\":[1,2]}|400|Feature",
        "no geometry|{\"type\":\"Feature\",\"properties\":{}}|400|geometry",
        "wrong geometry type|{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[123.4,41.8],[123.5,41.9]]},\"properties\":{}}|400|geometry",
        "bad position|{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[\"x\",41.8]},\"properties\":{}}|400|position",
        "unknown property|{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[123.4,41.8]},\"properties\":{\"colour\":\"red\"}}|400|colour",
        "outside the CRS|{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[523.4,41.8]},\"properties\":{}}|400|longitude",
    })
    void badBodiesAreProblems(String what, String body, int status, String named) throws Exception {
        HttpResponse<String> r = send("POST", direct + "/collections/pois/items", "editor", body);
        assertThat(r.statusCode()).as(what + ": " + r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(r.body()).contains(named);
    }

    @Test
    void invalidGeometriesAndWrongTypesAreRefused() throws Exception {
        String bowtie = "{\"type\":\"Feature\",\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[[[[123.40,41.80],[123.41,41.81],"
                + "[123.41,41.80],[123.40,41.81],[123.40,41.80]]]]},\"properties\":{\"floors\":3}}";
        HttpResponse<String> r = send("POST", direct + "/collections/buildings/items", "editor", bowtie);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("detail").asText()).contains("not valid").contains("Self-intersection");
        String typed = "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[123.40,41.80],[123.41,41.80],"
                + "[123.41,41.81],[123.40,41.80]]]},\"properties\":{\"floors\":\"many\"}}";
        HttpResponse<String> t = send("POST", direct + "/collections/buildings/items", "editor", typed);
        assertThat(t.statusCode()).as(t.body()).isEqualTo(400);
        assertThat(t.body()).contains("floors");
        HttpResponse<String> text = send("POST", direct + "/collections/buildings/items", "editor", "x", "Content-Type", "text/plain");
        assertThat(text.statusCode()).isEqualTo(415);
        HttpResponse<String> hidden = send("POST", direct + "/collections/pipelines/items", "editor",
                "{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[123.4,41.8],[123.5,41.9]]},\"properties\":{}}");
        assertThat(hidden.statusCode()).isEqualTo(404);
    }

    // --- real clients ------------------------------------------------------------------------------------------

    static String run(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false);
        pb.environment().putAll(env);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + text).isZero();
        return text;
    }

    static String script(String name) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "oapif-it"));
        Path file = dir.resolve(name);
        try (var in = OgcApiContract.class.getResourceAsStream("/oapif/" + name)) {
            Files.write(file, in.readAllBytes());
        }
        return file.toString();
    }

    @Test
    void qgisListsLoadsInPagesAndPushesBboxAndDatetimeToTheServer() throws Exception {
        proxy.clear();
        String instant = "2012-06-30T00:00:00Z";
        String out = run(Map.of("QT_QPA_PLATFORM", "offscreen", "HOME", Path.of("target", "oapif-it").toAbsolutePath().toString()),
                "/usr/bin/python3", script("qgis_client.py"), api, "buildings", "500", box(), instant);
        JsonNode seen = JSON.readTree(out.substring(out.indexOf('{')));
        assertThat(seen.get("collections").toString()).contains("buildings", "pois").doesNotContain("pipelines");
        long total = count("buildings", null, null, TimeSelection.CURRENT);
        assertThat(seen.get("count").asLong()).isEqualTo(total);
        assertThat(seen.get("distinct_ids").asLong()).isEqualTo(total);
        assertThat(seen.get("bbox_count").asLong()).isEqualTo(count("buildings", null, boxEnvelope(), TimeSelection.CURRENT));
        assertThat(seen.get("filter_count").asLong()).isEqualTo(count("buildings", null, null,
                TimeSelection.asOf(Instant.parse(instant))));
        List<String> requests = proxy.requests();
        List<String> pages = requests.stream().filter(u -> u.startsWith("/ogcapi/collections/buildings/items?limit=500")
                && !u.contains("bbox") && !u.contains("datetime")).toList();
        assertThat(pages).as(requests.toString()).hasSizeGreaterThanOrEqualTo((int) ((total + 499) / 500));
        assertThat(pages).anyMatch(u -> u.contains("offset=500"));
        assertThat(requests).as("the bbox went to the server").anyMatch(u -> u.contains("/items?") && u.contains("bbox=123.4"));
        assertThat(requests).as("the filter went to the server").anyMatch(u -> u.contains("/items?") && u.contains("datetime=2012-06-30"));
    }

    @Test
    void ogr2ogrCopiesACollectionToGeoPackageWhole() throws Exception {
        Path gpkg = Files.createDirectories(Path.of("target", "oapif-it")).resolve(getClass().getSimpleName() + ".gpkg");
        Files.deleteIfExists(gpkg);
        run(Map.of(), "ogr2ogr", "-f", "GPKG", gpkg.toString(), "OAPIF:" + direct, "buildings");
        String info = run(Map.of(), "ogrinfo", "-ro", "-so", gpkg.toString(), "buildings");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Feature Count: (\\d+)").matcher(info);
        assertThat(m.find()).as(info).isTrue();
        assertThat(Long.parseLong(m.group(1))).isEqualTo(count("buildings", null, null, TimeSelection.CURRENT));
        assertThat(info).contains("floors: Integer").contains("valid_from: DateTime");
    }

    @Test
    void owslibReadsCollectionsAndItems() throws Exception {
        String out = run(Map.of(), "/usr/bin/python3", script("owslib_client.py"), direct, "buildings", box());
        JsonNode seen = JSON.readTree(out);
        assertThat(seen.get("collections").toString()).contains("buildings").doesNotContain("pipelines");
        assertThat(seen.get("page_returned").asInt()).isEqualTo(5);
        assertThat(seen.get("page_matched").asLong()).isEqualTo(count("buildings", null, null, TimeSelection.CURRENT));
        assertThat(seen.get("bbox_matched").asLong()).isEqualTo(count("buildings", null, boxEnvelope(), TimeSelection.CURRENT));
        assertThat(seen.get("bbox_returned").asLong()).isEqualTo(seen.get("bbox_matched").asLong());
        assertThat(seen.get("item_id").asText()).isEqualTo(seen.get("page_ids").get(0).asText());
        assertThat(seen.get("queryables").toString()).contains("floors");
    }
}
