package io.shikong.api.ows;

import static io.shikong.api.ows.ClientPrograms.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.shikong.core.filter.Ecql;
import io.shikong.core.query.Query;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import java.io.ByteArrayInputStream;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Envelope;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * WFS 2.0.0 and 1.1.0 end to end, against the running server on a real store, with clients nobody here
 * wrote: GDAL/OGR's WFS driver ({@code ogrinfo}, {@code ogr2ogr}) and OWSLib (Debian's python3-owslib
 * under /usr/bin/python3). Expected counts come from the store itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WfsContract {

    static final ObjectMapper JSON = new ObjectMapper();

    EmbeddedServer server;
    FeatureStore store;
    String ows;

    abstract Map<String, Object> storeProperties() throws Exception;

    @BeforeAll
    void start() throws Exception {
        Map<String, Object> props = new HashMap<>(storeProperties());
        props.put("micronaut.server.port", -1);
        props.put("shikong.samples", true);
        props.put("shikong.users", "editor:pw:editor");
        props.put("shikong.wfs-max-count", 5000);
        server = ApplicationContext.run(EmbeddedServer.class, props);
        store = server.getApplicationContext().getBean(FeatureStore.class);
        ows = server.getURI() + "/ows";
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    long count(String layer, String ecql) {
        return store.count(Query.of(layer, Caller.ANONYMOUS).filter(ecql == null ? null : Ecql.parse(ecql, "f")).build());
    }

    // --- real clients ---------------------------------------------------------------------------

    @Test
    void ogrinfoListsEveryPublicLayerWithItsCount() throws Exception {
        String out = run("ogrinfo", "-ro", "-al", "-so", "WFS:" + ows);
        Map<String, Long> counts = new LinkedHashMap<>();
        Matcher m = Pattern.compile("Layer name: shikong:(\\w+)[\\s\\S]*?Feature Count: (\\d+)").matcher(out);
        while (m.find()) {
            counts.put(m.group(1), Long.parseLong(m.group(2)));
        }
        assertThat(counts).containsOnlyKeys("buildings", "pois", "street_view", "eco_red_lines", "inspection_sites");
        counts.forEach((layer, n) -> assertThat(n).as(layer).isEqualTo(count(layer, null)));
    }

    @Test
    void ogr2ogrCopiesALayerLargerThanAPage() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "wfs-it"));
        Path gpkg = dir.resolve(getClass().getSimpleName() + ".gpkg");
        Files.deleteIfExists(gpkg);
        run("ogr2ogr", "-f", "GPKG", gpkg.toString(), "WFS:" + ows, "shikong:buildings", "-nln", "buildings",
                "--config", "OGR_WFS_PAGE_SIZE", "400");
        String info = run("ogrinfo", "-ro", "-so", gpkg.toString(), "buildings");
        long copied = Long.parseLong(match(info, "Feature Count: (\\d+)"));
        assertThat(count("buildings", null)).isGreaterThan(400 * 3);
        assertThat(copied).isEqualTo(count("buildings", null));
        // attributes and time came through typed
        assertThat(info).contains("floors: Integer").contains("valid_from: DateTime").contains("name: String");
    }

    @Test
    void ogrSpatialAndAttributeFilterGoToTheServer() throws Exception {
        // -spat becomes a FES BBOX without srsName, latitude first as the DefaultCRS says, -where a
        // PropertyIsGreaterThan, both in the FILTER of the GetFeature request; with --debug on GDAL 3.6 logs each
        // request's URL as "WFS: http://...REQUEST=GetFeature...&FILTER=<url-encoded fes:Filter>" (to a file of
        // its own, CPL_LOG, so that it cannot interleave with the features on stdout)
        Path log = Files.createDirectories(Path.of("target", "wfs-it")).resolve(getClass().getSimpleName() + "-ogr-debug.log");
        Files.deleteIfExists(log);
        String out = run("ogrinfo", "-ro", "-q", "--debug", "on", "--config", "CPL_LOG", log.toAbsolutePath().toString(),
                "WFS:" + ows, "shikong:buildings", "-spat", "123.40", "41.75", "123.50", "41.85", "-where", "floors > 20");
        String debug = Files.readString(log, StandardCharsets.UTF_8);
        long expected = count("buildings", "floors > 20 AND BBOX(geom, 123.40, 41.75, 123.50, 41.85)");
        // both halves of the filter matter: each alone matches more
        assertThat(expected).isPositive().isLessThan(count("buildings", "floors > 20"))
                .isLessThan(count("buildings", "BBOX(geom, 123.40, 41.75, 123.50, 41.85)"));
        long features = out.lines().filter(l -> l.startsWith("OGRFeature")).count();
        assertThat(features).isEqualTo(expected);

        List<String> requests = debug.lines().filter(l -> l.startsWith("WFS: http") && l.contains("REQUEST=GetFeature&"))
                .map(l -> l.substring("WFS: ".length()).trim()).toList();
        assertThat(requests).as(debug).isNotEmpty();
        var xp = XPathFactory.newInstance().newXPath();
        long returned = 0;
        for (String url : requests) {
            String filter = null;
            for (String kv : URI.create(url).getRawQuery().split("&")) {
                if (kv.regionMatches(true, 0, "FILTER=", 0, 7)) {
                    filter = java.net.URLDecoder.decode(kv.substring(7), StandardCharsets.UTF_8);
                }
            }
            assertThat(filter).as("FILTER of " + url).isNotNull();
            Document f = xml(filter.getBytes(StandardCharsets.UTF_8));
            assertThat(f.getDocumentElement().getLocalName()).as(filter).isEqualTo("Filter");
            assertThat(f.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.opengis.net/fes/2.0");
            String and = "/*[local-name()='Filter']/*[local-name()='And']";
            assertThat(xp.evaluate("count(" + and + "/*[local-name()='PropertyIsGreaterThan'][normalize-space(*[local-name()="
                    + "'ValueReference'])='floors'][normalize-space(*[local-name()='Literal'])='20'])", f)).as(filter).isEqualTo("1");
            String bbox = and + "/*[local-name()='BBOX']";
            assertThat(xp.evaluate("count(" + bbox + ")", f)).as(filter).isEqualTo("1");
            assertThat(xp.evaluate(bbox + "/*[local-name()='ValueReference']", f)).endsWith("geom");
            double[] lower = numbers(xp.evaluate(bbox + "//*[local-name()='lowerCorner']", f));
            double[] upper = numbers(xp.evaluate(bbox + "//*[local-name()='upperCorner']", f));
            assertThat(lower).as("latitude first").containsExactly(new double[] {41.75, 123.40}, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(upper).containsExactly(new double[] {41.85, 123.50}, org.assertj.core.data.Offset.offset(1e-9));
            // the server's answer to that very request is already filtered
            Document page = xml(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body());
            assertThat(page.getDocumentElement().getAttribute("numberMatched")).isEqualTo(String.valueOf(expected));
            returned += Long.parseLong(page.getDocumentElement().getAttribute("numberReturned"));
        }
        assertThat(returned).as("features the server returned to GDAL").isEqualTo(expected);
    }

    static double[] numbers(String text) {
        String[] parts = text.trim().split("\\s+");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Double.parseDouble(parts[i]);
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({"2.0.0", "1.1.0"})
    void owslib(String version) throws Exception {
        Path script = Path.of("src", "test", "resources", "owslib", "wfs_client.py");
        JsonNode r = JSON.readTree(run("/usr/bin/python3", script.toString(), ows, version));
        assertThat(r.get("title").asText()).contains("Shikong");
        assertThat(r.get("types")).hasSize(5);
        assertThat(r.get("schema_properties").toString()).contains("floors").contains("valid_from");
        assertThat(r.get("schema_geometry").asText()).contains("MultiPolygon");
        long inBox = count("buildings", "BBOX(geom, 123.40, 41.75, 123.50, 41.85)");
        assertThat(inBox).isPositive();
        assertThat(r.get("bbox_returned").asLong()).isEqualTo(inBox);
        assertThat(r.get("bbox_ids")).hasSize((int) inBox);
        assertThat(r.get("filter_returned").asLong()).isEqualTo(count("buildings", "floors > 20")).isPositive();
        assertThat(r.get("hits").asLong()).isEqualTo(count("buildings", null));
        if (version.equals("2.0.0")) {
            List<String> p1 = new ArrayList<>();
            r.get("page1").forEach(n -> p1.add(n.asText()));
            List<String> p2 = new ArrayList<>();
            r.get("page2").forEach(n -> p2.add(n.asText()));
            assertThat(p1).hasSize(7);
            assertThat(p2).hasSize(7).doesNotContainAnyElementsOf(p1);
            assertThat(p1.get(0).compareTo(p2.get(0))).isNegative();
        }
    }

    // --- axis order -------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "2.0.0|41.75,123.40,41.85,123.50",
        "2.0.0|41.75,123.40,41.85,123.50,urn:ogc:def:crs:EPSG::4490",
        "2.0.0|41.75,123.40,41.85,123.50,http://www.opengis.net/def/crs/EPSG/0/4326",
        "2.0.0|123.40,41.75,123.50,41.85,EPSG:4326",
        "2.0.0|123.40,41.75,123.50,41.85,EPSG:4490",
        "1.1.0|41.75,123.40,41.85,123.50,urn:x-ogc:def:crs:EPSG:4326",
        "1.1.0|123.40,41.75,123.50,41.85,EPSG:4326",
    })
    void bboxAxisOrderFollowsTheCrsName(String version, String bbox) throws Exception {
        Document d = xml(get("service=WFS&version=" + version + "&request=GetFeature&typeNames=shikong:buildings"
                + "&typeName=shikong:buildings&resultType=hits&bbox=" + enc(bbox)));
        String n = version.equals("2.0.0") ? d.getDocumentElement().getAttribute("numberMatched")
                : d.getDocumentElement().getAttribute("numberOfFeatures");
        assertThat(Long.parseLong(n)).isEqualTo(count("buildings", "BBOX(geom, 123.40, 41.75, 123.50, 41.85)")).isPositive();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "2.0.0||true",
        "2.0.0|urn:ogc:def:crs:EPSG::4326|true",
        "2.0.0|http://www.opengis.net/def/crs/EPSG/0/4490|true",
        "2.0.0|EPSG:4326|false",
        "1.1.0||true",
        "1.1.0|EPSG:4490|false",
        "2.0.0|urn:ogc:def:crs:EPSG::4529|true",
        "2.0.0|EPSG:3857|false",
    })
    void gmlCoordinatesFollowTheSrsName(String version, String srsName, boolean northFirst) throws Exception {
        String q = "service=WFS&version=" + version + "&request=GetFeature&typeNames=shikong:pois&typeName=shikong:pois"
                + "&count=1&maxFeatures=1" + (srsName == null ? "" : "&srsName=" + enc(srsName));
        Document d = xml(get(q));
        var pos = (org.w3c.dom.Element) XPathFactory.newInstance().newXPath()
                .evaluate("//*[local-name()='Point']", d, XPathConstants.NODE);
        String[] xy = pos.getTextContent().trim().split("\\s+");
        double a = Double.parseDouble(xy[0]);
        double b = Double.parseDouble(xy[1]);
        var feature = store.read(Query.of("pois", Caller.ANONYMOUS).limit(1).build());
        var p = feature.next().geometry().getCoordinate();
        feature.close();
        if (srsName == null || srsName.contains("4490") || srsName.contains("4326")) {
            assertThat(northFirst ? new double[] {b, a} : new double[] {a, b}).containsExactly(new double[] {p.x, p.y},
                    org.assertj.core.data.Offset.offset(1e-9));
        } else if (srsName.contains("4529")) {
            assertThat(a).as("northing first").isBetween(4_000_000.0, 5_000_000.0);
            assertThat(b).as("easting with zone prefix").isBetween(41_000_000.0, 42_000_000.0);
        } else {
            assertThat(a).as("Web Mercator x").isBetween(13_600_000.0, 13_800_000.0);
        }
        assertThat(pos.getAttribute("srsName")).isEqualTo(srsName == null ? "urn:ogc:def:crs:EPSG::4490" : srsName);
    }

    @Test
    void capabilitiesShowWhatTheCallerMayDoAndWhereToSendIt() throws Exception {
        var xp = XPathFactory.newInstance().newXPath();
        Document anon = xml(get("service=WFS&request=GetCapabilities&acceptVersions=2.0.0,1.1.0"));
        assertThat(anon.getDocumentElement().getAttribute("version")).isEqualTo("2.0.0");
        assertThat(xp.evaluate("count(//*[local-name()='FeatureType'])", anon)).isEqualTo("5");
        assertThat(xp.evaluate("//*[local-name()='Operation'][@name='GetFeature']//*[local-name()='Get']/@*[local-name()='href']", anon))
                .isEqualTo(ows + "?");
        assertThat(xp.evaluate("//*[local-name()='Constraint'][@name='ImplementsResultPaging']/*[local-name()='DefaultValue']", anon)).isEqualTo("TRUE");
        assertThat(xp.evaluate("//*[local-name()='Constraint'][@name='CountDefault']/*[local-name()='DefaultValue']", anon)).isEqualTo("10000");
        assertThat(xp.evaluate("count(//*[local-name()='Operation'][@name='Transaction'])", anon)).isEqualTo("0");
        assertThat(xp.evaluate("//*[local-name()='FeatureType'][*[local-name()='Name']='shikong:buildings']/*[local-name()='DefaultCRS']", anon))
                .isEqualTo("urn:ogc:def:crs:EPSG::4490");
        assertThat(xp.evaluate("count(//*[local-name()='SpatialOperator'][@name='DWithin'])", anon)).isEqualTo("1");
        assertThat(xp.evaluate("count(//*[local-name()='TemporalOperator'][@name='During'])", anon)).isEqualTo("1");
        HttpResponse<byte[]> editor = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ows
                + "?service=WFS&request=GetCapabilities&version=1.1.0")).header("Authorization", "Basic "
                + java.util.Base64.getEncoder().encodeToString("editor:pw".getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        Document ed = xml(editor.body());
        assertThat(ed.getDocumentElement().getAttribute("version")).isEqualTo("1.1.0");
        assertThat(xp.evaluate("count(//*[local-name()='Operation'][@name='Transaction'])", ed)).isEqualTo("1");
    }

    @Test
    void getFeatureByIdReturnsTheFeatureItselfOrNotFound() throws Exception {
        String id = ids(xml(get("service=WFS&version=2.0.0&request=GetFeature&typeNames=shikong:pois&count=1"))).get(0);
        Document d = xml(get("service=WFS&version=2.0.0&request=GetFeature&storedQuery_id="
                + enc("urn:ogc:def:query:OGC-WFS::GetFeatureById") + "&ID=" + id));
        assertThat(d.getDocumentElement().getLocalName()).isEqualTo("pois");
        assertThat(d.getDocumentElement().getAttributeNS("http://www.opengis.net/gml/3.2", "id")).isEqualTo(id);
        HttpResponse<byte[]> missing = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ows
                + "?service=WFS&version=2.0.0&request=GetFeature&storedQuery_id="
                + enc("urn:ogc:def:query:OGC-WFS::GetFeatureById") + "&ID=pois.nothing")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(new String(missing.body(), StandardCharsets.UTF_8)).contains("NotFound");
    }

    // --- schema, formats, paging --------------------------------------------------------------------

    @Test
    void describeFeatureTypeForQgisAndGdal() throws Exception {
        Document d = xml(get("service=WFS&version=2.0.0&request=DescribeFeatureType&typeNames=shikong:buildings"
                + "&typeName=shikong:buildings&namespaces=xmlns(shikong,https://shikong.io/features)"));
        var xp = XPathFactory.newInstance().newXPath();
        assertThat(d.getDocumentElement().getAttribute("targetNamespace")).isEqualTo("https://shikong.io/features");
        assertThat(xp.evaluate("//*[local-name()='element'][@name='buildings']/@type", d)).isEqualTo("shikong:buildingsType");
        assertThat(xp.evaluate("//*[local-name()='element'][@name='geom']/@type", d)).isEqualTo("gml:MultiSurfacePropertyType");
        assertThat(xp.evaluate("//*[local-name()='element'][@name='floors']/@type", d)).isEqualTo("xsd:int");
        assertThat(xp.evaluate("//*[local-name()='element'][@name='valid_from']/@type", d)).isEqualTo("xsd:dateTime");
        assertThat(xp.evaluate("//*[local-name()='element'][@name='name']/@nillable", d)).isEqualTo("true");
    }

    @Test
    void pagesHaveNextLinksAndNeverOverlap() throws Exception {
        Document p1 = xml(get("service=WFS&version=2.0.0&request=GetFeature&typeNames=shikong:pois&count=50&startIndex=0&sortBy=name"));
        String next = p1.getDocumentElement().getAttribute("next");
        assertThat(next).contains("STARTINDEX=50");
        assertThat(p1.getDocumentElement().getAttribute("numberMatched")).isEqualTo(String.valueOf(count("pois", null)));
        Document p2 = xml(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(next)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body());
        List<String> a = ids(p1);
        List<String> b = ids(p2);
        assertThat(a).hasSize(50);
        assertThat(b).hasSize(50).doesNotContainAnyElementsOf(a);
        assertThat(p2.getDocumentElement().getAttribute("previous")).contains("STARTINDEX=0");
    }

    @Test
    void geoJsonAndCsvOutput() throws Exception {
        JsonNode fc = JSON.readTree(get("service=WFS&version=2.0.0&request=GetFeature&typeNames=shikong:pois&count=3"
                + "&outputFormat=application/json&CQL_FILTER=" + enc("category = 'restaurant'")));
        assertThat(fc.get("features")).hasSize(3);
        fc.get("features").forEach(f -> assertThat(f.get("properties").get("category").asText()).isEqualTo("restaurant"));
        assertThat(fc.get("features").get(0).get("geometry").get("coordinates").get(0).asDouble()).isBetween(122.0, 124.0);
        String csv = new String(get("service=WFS&version=2.0.0&request=GetFeature&typeNames=shikong:pois&count=4&outputFormat=csv"),
                StandardCharsets.UTF_8);
        assertThat(csv.lines().toList()).hasSize(5);
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("FID,name,category");
    }

    @Test
    void storedQueryAndPropertyValue() throws Exception {
        String id = ids(xml(get("service=WFS&version=2.0.0&request=GetFeature&typeNames=shikong:pois&count=1"))).get(0);
        Document list = xml(get("service=WFS&version=2.0.0&request=ListStoredQueries"));
        assertThat(XPathFactory.newInstance().newXPath().evaluate("//*[local-name()='StoredQuery']/@id", list))
                .isEqualTo("urn:ogc:def:query:OGC-WFS::GetFeatureById");
        Document values = xml(get("service=WFS&version=2.0.0&request=GetPropertyValue&typeNames=shikong:pois"
                + "&valueReference=category&count=5"));
        NodeList members = values.getElementsByTagNameNS("http://www.opengis.net/wfs/2.0", "member");
        assertThat(members.getLength()).isEqualTo(5);
    }

    // --- transactions -------------------------------------------------------------------------------

    @Test
    void transactionInsertsUpdatesDeletesAndKeepsHistory() throws Exception {
        List<io.shikong.core.feature.Feature> renamedBefore = history("pois", "POI0000001");
        List<io.shikong.core.feature.Feature> deletedBefore = history("pois", "POI0000002");
        assertThat(renamedBefore).isNotEmpty();
        assertThat(renamedBefore.get(renamedBefore.size() - 1).validTo()).as("current").isNull();
        Object nameBefore = renamedBefore.get(renamedBefore.size() - 1).get("name");
        assertThat(nameBefore).isNotEqualTo("改名");
        assertThat(deletedBefore).isNotEmpty();
        assertThat(deletedBefore.get(deletedBefore.size() - 1).validTo()).as("current").isNull();
        Instant before = Instant.now();
        Thread.sleep(5);
        String t11 = """
                <wfs:Transaction service="WFS" version="1.1.0" xmlns:wfs="http://www.opengis.net/wfs"
                    xmlns:ogc="http://www.opengis.net/ogc" xmlns:gml="http://www.opengis.net/gml"
                    xmlns:shikong="https://shikong.io/features">
                  <wfs:Insert><shikong:pois><shikong:name>新店</shikong:name><shikong:category>restaurant</shikong:category>
                    <shikong:geom><gml:Point srsName="urn:ogc:def:crs:EPSG::4490"><gml:pos>41.8 123.4</gml:pos></gml:Point></shikong:geom>
                  </shikong:pois></wfs:Insert>
                  <wfs:Update typeName="shikong:pois">
                    <wfs:Property><wfs:Name>name</wfs:Name><wfs:Value>改名</wfs:Value></wfs:Property>
                    <ogc:Filter><ogc:FeatureId fid="pois.POI0000001"/></ogc:Filter>
                  </wfs:Update>
                  <wfs:Delete typeName="shikong:pois"><ogc:Filter><ogc:FeatureId fid="pois.POI0000002"/></ogc:Filter></wfs:Delete>
                </wfs:Transaction>""";
        HttpResponse<byte[]> anonymous = post(t11, null);
        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(store.count(Query.of("pois", Caller.ANONYMOUS).filter(Ecql.parse("name = '新店'", "f")).build())).isZero();
        assertThat(history("pois", "POI0000001")).hasSameSizeAs(renamedBefore);
        assertThat(history("pois", "POI0000002")).hasSameSizeAs(deletedBefore);

        HttpResponse<byte[]> r = post(t11, "editor:pw");
        assertThat(r.statusCode()).isEqualTo(200);
        Document d = xml(r.body());
        var xp = XPathFactory.newInstance().newXPath();
        assertThat(xp.evaluate("//*[local-name()='totalInserted']", d)).isEqualTo("1");
        assertThat(xp.evaluate("//*[local-name()='totalUpdated']", d)).isEqualTo("1");
        assertThat(xp.evaluate("//*[local-name()='totalDeleted']", d)).isEqualTo("1");
        String fid = xp.evaluate("//*[local-name()='InsertResults']//*[local-name()='FeatureId']/@fid", d);
        assertThat(fid).startsWith("pois.");

        // the inserted point came in latitude first and is stored longitude first
        var inserted = store.read(Query.of("pois", Caller.ANONYMOUS).filter(Ecql.parse("IN ('" + fid.substring(5) + "')", "f")).build());
        assertThat(inserted.next().geometry().getCoordinate().x).isEqualTo(123.4);
        inserted.close();
        // history kept: the renamed feature gained exactly one version, the new name, after the one it had; the old
        // version was closed when the new one opened. The deleted one has no new version, its last one is closed
        List<io.shikong.core.feature.Feature> renamed = history("pois", "POI0000001");
        assertThat(renamed).hasSize(renamedBefore.size() + 1);
        var newest = renamed.get(renamed.size() - 1);
        var previous = renamed.get(renamed.size() - 2);
        assertThat(newest.get("name")).isEqualTo("改名");
        assertThat(newest.validTo()).isNull();
        assertThat(previous.get("name")).isEqualTo(nameBefore);
        assertThat(previous.validTo()).isNotNull().isAfter(before).isEqualTo(newest.validFrom());
        List<io.shikong.core.feature.Feature> deleted = history("pois", "POI0000002");
        assertThat(deleted).hasSameSizeAs(deletedBefore);
        assertThat(deleted.get(deleted.size() - 1).validTo()).as("valid_to of the deleted feature").isNotNull().isAfter(before);
        // as of before the transaction, through the WFS vendor TIME parameter
        Document asOf = xml(get("service=WFS&version=2.0.0&request=GetFeature&typeNames=shikong:pois&TIME="
                + enc(before.toString()) + "&RESOURCEID=pois.POI0000002,pois.POI0000001"));
        assertThat(ids(asOf)).containsExactly("pois.POI0000001", "pois.POI0000002");
        Document now = xml(get("service=WFS&version=2.0.0&request=GetFeature&typeNames=shikong:pois"
                + "&RESOURCEID=pois.POI0000002,pois.POI0000001"));
        assertThat(ids(now)).containsExactly("pois.POI0000001");

        // WFS 2.0 Replace and Delete by filter
        String t20 = """
                <wfs:Transaction service="WFS" version="2.0.0" xmlns:wfs="http://www.opengis.net/wfs/2.0"
                    xmlns:fes="http://www.opengis.net/fes/2.0" xmlns:gml="http://www.opengis.net/gml/3.2"
                    xmlns:shikong="https://shikong.io/features">
                  <wfs:Replace><shikong:pois><shikong:name>替換</shikong:name>
                    <shikong:geom><gml:Point gml:id="p1" srsName="EPSG:4490"><gml:pos>123.41 41.81</gml:pos></gml:Point></shikong:geom>
                  </shikong:pois><fes:Filter><fes:ResourceId rid="%s"/></fes:Filter></wfs:Replace>
                </wfs:Transaction>""".formatted(fid);
        Document replaced = xml(post(t20, "editor:pw").body());
        assertThat(xp.evaluate("//*[local-name()='totalReplaced']", replaced)).isEqualTo("1");
        var after = store.read(Query.of("pois", Caller.ANONYMOUS).filter(Ecql.parse("IN ('" + fid.substring(5) + "')", "f")).build());
        var f = after.next();
        after.close();
        assertThat(f.version()).isEqualTo(2);
        assertThat(f.get("name")).isEqualTo("替換");
        assertThat(f.get("category")).isNull();
        assertThat(f.geometry().getCoordinate().x).isEqualTo(123.41);
    }

    /** Every version of a feature, oldest first, through the store. */
    List<io.shikong.core.feature.Feature> history(String layer, String id) throws Exception {
        List<io.shikong.core.feature.Feature> out = new ArrayList<>();
        try (var h = store.history(layer, id, Caller.ANONYMOUS)) {
            h.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void qgisBefore334SendsWfs10TransactionsWithXyCoordinates() throws Exception {
        String t10 = """
                <Transaction xmlns="http://www.opengis.net/wfs" service="WFS" version="1.0.0"
                    xmlns:gml="http://www.opengis.net/gml" xmlns:ogc="http://www.opengis.net/ogc">
                  <Insert><pois xmlns="https://shikong.io/features"><name>QGIS 3.22</name>
                    <geom><gml:Point srsName="urn:ogc:def:crs:EPSG::4490"><gml:coordinates cs="," ts=" ">123.45,41.85</gml:coordinates></gml:Point></geom>
                  </pois></Insert>
                </Transaction>""";
        HttpResponse<byte[]> r = post(t10, "editor:pw");
        assertThat(r.statusCode()).isEqualTo(200);
        Document d = xml(r.body());
        var xp = XPathFactory.newInstance().newXPath();
        assertThat(d.getDocumentElement().getLocalName()).isEqualTo("WFS_TransactionResponse");
        assertThat(xp.evaluate("count(//*[local-name()='Status']/*[local-name()='SUCCESS'])", d)).isEqualTo("1");
        String fid = xp.evaluate("//*[local-name()='InsertResult']/*[local-name()='FeatureId']/@fid", d);
        var c = store.read(Query.of("pois", Caller.ANONYMOUS).filter(Ecql.parse("IN ('" + fid.substring(5) + "')", "f")).build());
        var p = c.next().geometry().getCoordinate();
        c.close();
        assertThat(p.x).isEqualTo(123.45);
        assertThat(p.y).isEqualTo(41.85);
    }

    @Test
    void wfs11CapabilitiesListEditingOperationsForWriters() throws Exception {
        HttpResponse<byte[]> editor = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ows
                + "?service=WFS&request=GetCapabilities&version=1.1.0")).header("Authorization", "Basic "
                + java.util.Base64.getEncoder().encodeToString("editor:pw".getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        var xp = XPathFactory.newInstance().newXPath();
        Document d = xml(editor.body());
        assertThat(xp.evaluate("count(//*[local-name()='FeatureTypeList']/*[local-name()='Operations']/*[local-name()='Operation'][.='Update'])", d))
                .isEqualTo("1");
        Document anon = xml(get("service=WFS&request=GetCapabilities&version=1.1.0"));
        assertThat(xp.evaluate("count(//*[local-name()='FeatureTypeList']/*[local-name()='Operations']/*[local-name()='Operation'][.='Update'])", anon))
                .isEqualTo("0");
    }

    @Test
    void typeNamesInClarkNotationAndParenthesisedLists() throws Exception {
        Document clark = xml(get("service=WFS&version=2.0.0&request=GetFeature&resultType=hits&typeNames="
                + enc("{https://shikong.io/features}pois")));
        assertThat(clark.getDocumentElement().getAttribute("numberMatched")).isEqualTo(String.valueOf(count("pois", null)));
        Document two = xml(get("service=WFS&version=2.0.0&request=GetFeature&resultType=hits&typeNames="
                + enc("(shikong:pois)(shikong:eco_red_lines)")));
        assertThat(two.getDocumentElement().getAttribute("numberMatched"))
                .isEqualTo(String.valueOf(count("pois", null) + count("eco_red_lines", null)));
    }

    @Test
    void aFailedTransactionChangesNothing() throws Exception {
        long before = count("pois", null);
        String bad = """
                <wfs:Transaction service="WFS" version="2.0.0" xmlns:wfs="http://www.opengis.net/wfs/2.0"
                    xmlns:fes="http://www.opengis.net/fes/2.0" xmlns:gml="http://www.opengis.net/gml/3.2"
                    xmlns:shikong="https://shikong.io/features">
                  <wfs:Delete typeName="shikong:pois"><fes:Filter><fes:ResourceId rid="pois.POI0000003"/></fes:Filter></wfs:Delete>
                  <wfs:Insert><shikong:pois><shikong:colour>red</shikong:colour>
                    <shikong:geom><gml:Point gml:id="p2"><gml:pos>41.8 123.4</gml:pos></gml:Point></shikong:geom></shikong:pois></wfs:Insert>
                </wfs:Transaction>""";
        HttpResponse<byte[]> r = post(bad, "editor:pw");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("ExceptionReport").contains("colour");
        assertThat(count("pois", null)).isEqualTo(before);
        assertThat(count("pois", "IN ('POI0000003')")).isEqualTo(1);
    }

    // --- locking (WFS 2.0 §12 LockFeature, §13 GetFeatureWithLock, §15.2.3.1 lockId/releaseAction) -----

    static final String EDITOR = "editor:pw";
    static final String WFS20 = "xmlns:wfs=\"http://www.opengis.net/wfs/2.0\" xmlns:fes=\"http://www.opengis.net/fes/2.0\" "
            + "xmlns:shikong=\"https://shikong.io/features\"";

    @Test
    void aLockedFeatureIsDeletedOnlyWithItsLockId() throws Exception {
        String rid = poiIds(300, 1).get(0);
        // the OGC suite's form: the GetFeatureById stored query
        HttpResponse<byte[]> locked = post("""
                <wfs:LockFeature service="WFS" version="2.0.0" expiry="60" %s>
                  <wfs:StoredQuery id="urn:ogc:def:query:OGC-WFS::GetFeatureById"><wfs:Parameter name="id">%s</wfs:Parameter></wfs:StoredQuery>
                </wfs:LockFeature>""".formatted(WFS20, rid), EDITOR);
        assertThat(locked.statusCode()).as(body(locked)).isEqualTo(200);
        Document d = xml(locked.body());
        assertThat(d.getDocumentElement().getLocalName()).isEqualTo("LockFeatureResponse");
        String lockId = d.getDocumentElement().getAttribute("lockId");
        assertThat(lockId).isNotEmpty();
        assertThat(xpath("//*[local-name()='FeaturesLocked']/*[local-name()='ResourceId']/@rid", d)).isEqualTo(rid);
        assertThat(xpath("count(//*[local-name()='FeaturesNotLocked'])", d)).isEqualTo("0");

        HttpResponse<byte[]> without = post(transaction("", delete("pois", rid)), EDITOR);
        assertThat(without.statusCode()).isEqualTo(400);
        assertThat(exception(without)).containsExactly("MissingParameterValue", "lockId");
        HttpResponse<byte[]> wrong = post(transaction("lockId=\"not-a-lock\"", delete("pois", rid)), EDITOR);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(exception(wrong)).containsExactly("InvalidLockId", "lockId");
        assertThat(count("pois", "IN ('" + storeId(rid) + "')")).isEqualTo(1);

        HttpResponse<byte[]> with = post(transaction("lockId=\"" + lockId + "\"", delete("pois", rid)), EDITOR);
        assertThat(with.statusCode()).as(body(with)).isEqualTo(200);
        assertThat(xpath("//*[local-name()='totalDeleted']", xml(with.body()))).isEqualTo("1");
        assertThat(count("pois", "IN ('" + storeId(rid) + "')")).isZero();
        // releaseAction ALL (the default) ended the lock: renewing it is LockHasExpired
        HttpResponse<byte[]> renew = getAs("service=WFS&version=2.0.0&request=LockFeature&lockId=" + lockId, EDITOR);
        assertThat(renew.statusCode()).isEqualTo(403);
        assertThat(exception(renew)).containsExactly("LockHasExpired", "lockId");
    }

    @Test
    void aLockedFeatureCannotBeLockedAgainUntilAnEmptyTransactionReleasesIt() throws Exception {
        String rid = poiIds(310, 1).get(0);
        String lockId = lockId(post(lockFeature(List.of(rid), "expiry=\"60\""), EDITOR));
        HttpResponse<byte[]> again = post(lockFeature(List.of(rid), "expiry=\"180\""), EDITOR);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(exception(again).get(0)).isEqualTo("CannotLockAllFeatures");

        HttpResponse<byte[]> release = post(transaction("lockId=\"" + lockId + "\" releaseAction=\"ALL\"", ""), EDITOR);
        assertThat(release.statusCode()).as(body(release)).isEqualTo(200);
        Document totals = xml(release.body());
        assertThat(xpath("//*[local-name()='totalDeleted']", totals)).isEqualTo("0");
        assertThat(xpath("//*[local-name()='totalUpdated']", totals)).isEqualTo("0");
        String second = lockId(post(lockFeature(List.of(rid), ""), EDITOR));
        assertThat(second).isNotEqualTo(lockId);
        release(second);
        // releasing a lock that is gone changes nothing and is no error
        release(second);
    }

    @Test
    void renewingALockThatDoesNotExistIsLockHasExpired() throws Exception {
        String rid = poiIds(315, 1).get(0);
        HttpResponse<byte[]> none = post("""
                <wfs:LockFeature service="WFS" version="2.0.0" lockId="lock-does-not-exist" %s>
                  <wfs:StoredQuery id="urn:ogc:def:query:OGC-WFS::GetFeatureById"><wfs:Parameter name="id">%s</wfs:Parameter></wfs:StoredQuery>
                </wfs:LockFeature>""".formatted(WFS20, rid), EDITOR);
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(exception(none)).containsExactly("LockHasExpired", "lockId");
        assertThat(getAs("service=WFS&version=2.0.0&request=LockFeature&lockId=nope", EDITOR).statusCode()).isEqualTo(403);

        // a live lock is renewed by its id alone (§12.2.4.3), and lists what it holds
        String lockId = lockId(post(lockFeature(List.of(rid), "expiry=\"60\""), EDITOR));
        HttpResponse<byte[]> renewed = getAs("service=WFS&version=2.0.0&request=LockFeature&expiry=120&lockId=" + lockId, EDITOR);
        assertThat(renewed.statusCode()).as(body(renewed)).isEqualTo(200);
        Document d = xml(renewed.body());
        assertThat(d.getDocumentElement().getAttribute("lockId")).isEqualTo(lockId);
        assertThat(xpath("//*[local-name()='ResourceId']/@rid", d)).isEqualTo(rid);
        // a lockId and query expressions together are an error (OGC CR 336)
        HttpResponse<byte[]> both = post(lockFeature(List.of(rid), "lockId=\"" + lockId + "\""), EDITOR);
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(exception(both)).containsExactly("InvalidParameterValue", "lockId");
        release(lockId);
    }

    @Test
    void getFeatureWithLockSomeReturnsOnlyTheFeaturesItLocked() throws Exception {
        List<String> rids = poiIds(320, 5);
        HttpResponse<byte[]> q1 = getAs("service=WFS&version=2.0.0&request=GetFeatureWithLock&typeNames=shikong:pois"
                + "&expiry=60&RESOURCEID=" + rids.get(0), EDITOR);
        assertThat(q1.statusCode()).as(body(q1)).isEqualTo(200);
        Document d1 = xml(q1.body());
        assertThat(d1.getDocumentElement().getLocalName()).isEqualTo("FeatureCollection");
        String first = d1.getDocumentElement().getAttribute("lockId");
        assertThat(first).isNotEmpty();
        assertThat(ids(d1)).containsExactly(rids.get(0));

        String q2 = """
                <wfs:GetFeatureWithLock service="WFS" version="2.0.0" expiry="300" lockAction="SOME" startIndex="0"
                    count="10" resultType="results" %s>
                  <wfs:Query typeNames="shikong:pois"><fes:Filter>%s</fes:Filter></wfs:Query>
                </wfs:GetFeatureWithLock>""".formatted(WFS20, resourceIds(rids));
        HttpResponse<byte[]> r2 = post(q2, EDITOR);
        assertThat(r2.statusCode()).as(body(r2)).isEqualTo(200);
        Document d2 = xml(r2.body());
        String second = d2.getDocumentElement().getAttribute("lockId");
        assertThat(second).isNotEmpty().isNotEqualTo(first);
        assertThat(d2.getDocumentElement().getAttribute("numberReturned")).isEqualTo("4");
        assertThat(ids(d2)).containsExactlyElementsOf(rids.subList(1, 5));

        // with ALL nothing can be locked now; and hits is no GetFeatureWithLock
        HttpResponse<byte[]> all = post(q2.replace("\"SOME\"", "\"ALL\""), EDITOR);
        assertThat(all.statusCode()).isEqualTo(400);
        assertThat(exception(all).get(0)).isEqualTo("CannotLockAllFeatures");
        HttpResponse<byte[]> hits = post(q2.replace("\"results\"", "\"hits\""), EDITOR);
        assertThat(hits.statusCode()).isEqualTo(400);
        assertThat(exception(hits)).containsExactly("InvalidParameterValue", "resultType");
        release(first);
        release(second);
    }

    @Test
    void getFeatureWithLockLocksThePageItReturnsAndNothingElse() throws Exception {
        HttpResponse<byte[]> r = getAs("service=WFS&version=2.0.0&request=GetFeatureWithLock&typeNames=shikong:pois"
                + "&count=3&startIndex=360&expiry=60", EDITOR);
        assertThat(r.statusCode()).as(body(r)).isEqualTo(200);
        Document d = xml(r.body());
        String lockId = d.getDocumentElement().getAttribute("lockId");
        assertThat(d.getDocumentElement().getAttribute("numberReturned")).isEqualTo("3");
        assertThat(d.getDocumentElement().getAttribute("numberMatched")).isEqualTo(String.valueOf(count("pois", null)));
        assertThat(ids(d)).isEqualTo(poiIds(360, 3));
        // renewing the lock lists what it holds: the three features returned
        Document renewed = xml(getAs("service=WFS&version=2.0.0&request=LockFeature&lockId=" + lockId, EDITOR).body());
        List<String> held = new ArrayList<>();
        NodeList rids = renewed.getElementsByTagNameNS("http://www.opengis.net/fes/2.0", "ResourceId");
        for (int i = 0; i < rids.getLength(); i++) {
            held.add(((org.w3c.dom.Element) rids.item(i)).getAttribute("rid"));
        }
        assertThat(held).isEqualTo(ids(d));
        release(lockId);
    }

    @Test
    void anExpiredLockFreesItsFeaturesAndHasExpired() throws Exception {
        String rid = poiIds(330, 1).get(0);
        HttpResponse<byte[]> r = getAs("service=WFS&version=2.0.0&request=GetFeatureWithLock&typeNames=shikong:pois"
                + "&expiry=1&RESOURCEID=" + rid, EDITOR);
        assertThat(r.statusCode()).as(body(r)).isEqualTo(200);
        String lockId = xml(r.body()).getDocumentElement().getAttribute("lockId");
        // poll without extending the lock: another lock on the feature is refused while it holds
        String next = null;
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (next == null && System.nanoTime() < deadline) {
            HttpResponse<byte[]> probe = post(lockFeature(List.of(rid), ""), EDITOR);
            if (probe.statusCode() == 200) {
                next = lockId(probe);
            } else {
                assertThat(exception(probe).get(0)).isEqualTo("CannotLockAllFeatures");
                Thread.sleep(200);
            }
        }
        assertThat(next).as("the 1 s lock expired").isNotNull();
        HttpResponse<byte[]> renew = post("<wfs:LockFeature service=\"WFS\" version=\"2.0.0\" lockId=\"" + lockId + "\" "
                + WFS20 + "><wfs:Query typeNames=\"shikong:pois\"/></wfs:LockFeature>", EDITOR);
        assertThat(renew.statusCode()).isEqualTo(403);
        assertThat(exception(renew)).containsExactly("LockHasExpired", "lockId");
        HttpResponse<byte[]> change = post(transaction("lockId=\"" + lockId + "\"", update("pois", rid, "过期")), EDITOR);
        assertThat(change.statusCode()).isEqualTo(403);
        assertThat(exception(change)).containsExactly("LockHasExpired", "lockId");
        release(next);
        // the OGC suite's clean-up: releasing the expired lock answers 200
        assertThat(post(transaction("lockId=\"" + lockId + "\" releaseAction=\"ALL\"", ""), EDITOR).statusCode()).isEqualTo(200);
    }

    @Test
    void aTypeIsLockedWholeAndReleaseSomeKeepsWhatWasNotChanged() throws Exception {
        HttpResponse<byte[]> r = getAs("service=WFS&version=2.0.0&request=LockFeature&typeNames=shikong:buildings&expiry=60", EDITOR);
        assertThat(r.statusCode()).as(body(r)).isEqualTo(200);
        Document d = xml(r.body());
        String lockId = d.getDocumentElement().getAttribute("lockId");
        assertThat(Long.parseLong(xpath("count(//*[local-name()='FeaturesLocked']/*[local-name()='ResourceId'])", d)))
                .isEqualTo(count("buildings", null)).isPositive();
        assertThat(xpath("count(//*[local-name()='FeaturesNotLocked'])", d)).isEqualTo("0");

        List<String> b = ids(xml(get("service=WFS&version=2.0.0&request=GetFeature&typeNames=shikong:buildings&count=3")));
        HttpResponse<byte[]> some = post(transaction("lockId=\"" + lockId + "\" releaseAction=\"SOME\"",
                update("buildings", b.get(0), "甲") + update("buildings", b.get(1), "乙")), EDITOR);
        assertThat(some.statusCode()).as(body(some)).isEqualTo(200);
        assertThat(xpath("//*[local-name()='totalUpdated']", xml(some.body()))).isEqualTo("2");
        // the two changed are free, the third is still locked
        assertThat(post(transaction("", update("buildings", b.get(0), "丙")), EDITOR).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> third = post(transaction("", update("buildings", b.get(2), "丁")), EDITOR);
        assertThat(third.statusCode()).isEqualTo(400);
        assertThat(exception(third)).containsExactly("MissingParameterValue", "lockId");
        // a failed transaction releases nothing: the lock still holds the third
        HttpResponse<byte[]> failed = post(transaction("lockId=\"" + lockId + "\"", update("buildings", b.get(2), "many")
                .replace(">name<", ">floors<")), EDITOR);
        assertThat(failed.statusCode()).isEqualTo(400);
        assertThat(post(transaction("", update("buildings", b.get(2), "丁")), EDITOR).statusCode()).isEqualTo(400);
        release(lockId);
        assertThat(post(transaction("", update("buildings", b.get(2), "丁")), EDITOR).statusCode()).isEqualTo(200);
    }

    @Test
    void lockingNeedsTheRightToWriteAndTheCapabilitiesSaySo() throws Exception {
        String rid = poiIds(340, 1).get(0);
        HttpResponse<byte[]> anonymous = post(lockFeature(List.of(rid), ""), null);
        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(exception(anonymous).get(0)).isEqualTo("OperationNotPermitted");
        HttpResponse<byte[]> withLock = getAs("service=WFS&version=2.0.0&request=GetFeatureWithLock&typeNames=shikong:pois&count=1", null);
        assertThat(withLock.statusCode()).isEqualTo(403);
        assertThat(exception(withLock).get(0)).isEqualTo("OperationNotPermitted");
        release(lockId(post(lockFeature(List.of(rid), ""), EDITOR)));

        Document anon = xml(get("service=WFS&request=GetCapabilities&version=2.0.0"));
        assertThat(xpath("//*[local-name()='Constraint'][@name='ImplementsLockingWFS']/*[local-name()='DefaultValue']", anon))
                .isEqualTo("FALSE");
        assertThat(xpath("count(//*[local-name()='Operation'][@name='LockFeature' or @name='GetFeatureWithLock'])", anon))
                .isEqualTo("0");
        Document ed = xml(getAs("service=WFS&request=GetCapabilities&version=2.0.0", EDITOR).body());
        assertThat(xpath("//*[local-name()='Constraint'][@name='ImplementsLockingWFS']/*[local-name()='DefaultValue']", ed))
                .isEqualTo("TRUE");
        for (String op : List.of("LockFeature", "GetFeatureWithLock")) {
            assertThat(xpath("//*[local-name()='Operation'][@name='" + op + "']//*[local-name()='Get']/@*[local-name()='href']", ed))
                    .isEqualTo(ows + "?");
            assertThat(xpath("//*[local-name()='Operation'][@name='" + op + "']//*[local-name()='Post']/@*[local-name()='href']", ed))
                    .isEqualTo(ows);
        }
        String resultTypes = "//*[local-name()='Operation'][@name='GetFeatureWithLock']/*[local-name()='Parameter']"
                + "[@name='resultType']//*[local-name()='Value']";
        assertThat(xpath("count(" + resultTypes + ")", ed)).isEqualTo("1");
        assertThat(xpath(resultTypes, ed)).isEqualTo("results");
        assertThat(xpath("count(//*[local-name()='Value'][normalize-space()='TRUE'])", ed)).isEqualTo("0");
        Document ed11 = xml(getAs("service=WFS&request=GetCapabilities&version=1.1.0", EDITOR).body());
        assertThat(xpath("count(//*[local-name()='Operation'][@name='LockFeature' or @name='GetFeatureWithLock'])", ed11))
                .isEqualTo("2");
        assertThat(xpath("count(//*[local-name()='Value'][normalize-space()='TRUE'])", ed11)).isEqualTo("0");
    }

    @Test
    void wfs11LockFeatureAndTransactionLockId() throws Exception {
        String rid = poiIds(350, 1).get(0);
        HttpResponse<byte[]> r = post("""
                <wfs:LockFeature service="WFS" version="1.1.0" expiry="5" xmlns:wfs="http://www.opengis.net/wfs"
                    xmlns:ogc="http://www.opengis.net/ogc" xmlns:shikong="https://shikong.io/features">
                  <wfs:Lock typeName="shikong:pois"><ogc:Filter><ogc:FeatureId fid="%s"/></ogc:Filter></wfs:Lock>
                </wfs:LockFeature>""".formatted(rid), EDITOR);
        assertThat(r.statusCode()).as(body(r)).isEqualTo(200);
        Document d = xml(r.body());
        String lockId = xpath("//*[local-name()='LockId']", d);
        assertThat(lockId).isNotEmpty();
        assertThat(xpath("//*[local-name()='FeaturesLocked']/*[local-name()='FeatureId']/@fid", d)).isEqualTo(rid);
        String t11 = """
                <wfs:Transaction service="WFS" version="1.1.0" xmlns:wfs="http://www.opengis.net/wfs"
                    xmlns:ogc="http://www.opengis.net/ogc" xmlns:shikong="https://shikong.io/features">%s
                  <wfs:Delete typeName="shikong:pois"><ogc:Filter><ogc:FeatureId fid="%s"/></ogc:Filter></wfs:Delete>
                </wfs:Transaction>""";
        HttpResponse<byte[]> without = post(t11.formatted("", rid), EDITOR);
        assertThat(without.statusCode()).isEqualTo(400);
        assertThat(exception(without)).containsExactly("MissingParameterValue", "lockId");
        HttpResponse<byte[]> with = post(t11.formatted("<wfs:LockId>" + lockId + "</wfs:LockId>", rid), EDITOR);
        assertThat(with.statusCode()).as(body(with)).isEqualTo(200);
        assertThat(xpath("//*[local-name()='totalDeleted']", xml(with.body()))).isEqualTo("1");
    }

    List<String> poiIds(int startIndex, int count) throws Exception {
        List<String> ids = ids(xml(get("service=WFS&version=2.0.0&request=GetFeature&typeNames=shikong:pois&count=" + count
                + "&startIndex=" + startIndex)));
        assertThat(ids).hasSize(count);
        return ids;
    }

    static String storeId(String rid) {
        return rid.substring(rid.indexOf('.') + 1);
    }

    static String resourceIds(List<String> rids) {
        StringBuilder sb = new StringBuilder();
        rids.forEach(r -> sb.append("<fes:ResourceId rid=\"").append(r).append("\"/>"));
        return sb.toString();
    }

    static String lockFeature(List<String> rids, String attributes) {
        return "<wfs:LockFeature service=\"WFS\" version=\"2.0.0\" " + attributes + " " + WFS20 + ">"
                + "<wfs:Query typeNames=\"shikong:pois\"><fes:Filter>" + resourceIds(rids) + "</fes:Filter></wfs:Query>"
                + "</wfs:LockFeature>";
    }

    static String transaction(String attributes, String actions) {
        return "<wfs:Transaction service=\"WFS\" version=\"2.0.0\" " + attributes + " " + WFS20 + ">" + actions
                + "</wfs:Transaction>";
    }

    static String delete(String layer, String rid) {
        return "<wfs:Delete typeName=\"shikong:" + layer + "\"><fes:Filter><fes:ResourceId rid=\"" + rid
                + "\"/></fes:Filter></wfs:Delete>";
    }

    static String update(String layer, String rid, String name) {
        return "<wfs:Update typeName=\"shikong:" + layer + "\"><wfs:Property><wfs:ValueReference>name</wfs:ValueReference>"
                + "<wfs:Value>" + name + "</wfs:Value></wfs:Property><fes:Filter><fes:ResourceId rid=\"" + rid
                + "\"/></fes:Filter></wfs:Update>";
    }

    static String lockId(HttpResponse<byte[]> r) throws Exception {
        assertThat(r.statusCode()).as(body(r)).isEqualTo(200);
        String id = xml(r.body()).getDocumentElement().getAttribute("lockId");
        assertThat(id).isNotEmpty();
        return id;
    }

    void release(String lockId) throws Exception {
        HttpResponse<byte[]> r = post(transaction("lockId=\"" + lockId + "\" releaseAction=\"ALL\"", ""), EDITOR);
        assertThat(r.statusCode()).as(body(r)).isEqualTo(200);
    }

    HttpResponse<byte[]> getAs(String query, String credentials) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ows + "?" + query));
        if (credentials != null) {
            b.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The exception code and locator of an exception report. */
    static List<String> exception(HttpResponse<byte[]> r) throws Exception {
        var e = (org.w3c.dom.Element) xml(r.body()).getDocumentElement().getElementsByTagNameNS("*", "Exception").item(0);
        assertThat(e).as(body(r)).isNotNull();
        return List.of(e.getAttribute("exceptionCode"), e.getAttribute("locator"));
    }

    static String xpath(String expression, Document d) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(expression, d);
    }

    static String body(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    // --- bad input ----------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown type|request=GetFeature&version=2.0.0&typeNames=shikong:nowhere|400|InvalidParameterValue|typeNames",
        "lock of nothing (anonymous, ids of no visible type)|request=LockFeature&version=2.0.0&RESOURCEID=nosuch.1&EXPIRY=86400|400|InvalidParameterValue|typeNames",
        "lock with GetFeatureWithLock of nothing|request=GetFeatureWithLock&version=2.0.0&RESOURCEID=nosuch.1|400|InvalidParameterValue|typeNames",
        "restricted type is unknown|request=GetFeature&version=2.0.0&typeNames=shikong:pipelines|400|InvalidParameterValue|typeNames",
        "malformed filter XML|request=GetFeature&version=2.0.0&typeNames=shikong:pois&FILTER=%3CFilter%3E%3CPropertyIsEqualTo%3E|400|InvalidParameterValue|filter",
        "unknown operator|request=GetFeature&version=2.0.0&typeNames=shikong:pois&FILTER=%3CFilter%3E%3CFancy/%3E%3C/Filter%3E|400|InvalidParameterValue|filter",
        "unknown property|request=GetFeature&version=2.0.0&typeNames=shikong:pois&PROPERTYNAME=colour|400|InvalidParameterValue|properties",
        "unknown property in CQL|request=GetFeature&version=2.0.0&typeNames=shikong:pois&CQL_FILTER=colour%3D1|400|InvalidParameterValue|filter",
        "count beyond the limit|request=GetFeature&version=2.0.0&typeNames=shikong:pois&COUNT=5001|400|InvalidParameterValue|COUNT",
        "wrong version|request=GetFeature&version=3.0.0&typeNames=shikong:pois|400|InvalidParameterValue|version",
        "unknown operation|request=Frobnicate&version=2.0.0|501|OperationNotSupported|request",
        "missing request|version=2.0.0|400|MissingParameterValue|REQUEST",
        "unknown CRS|request=GetFeature&version=2.0.0&typeNames=shikong:pois&srsName=EPSG:2154|400|InvalidParameterValue|srsName",
        "bad bbox|request=GetFeature&version=2.0.0&typeNames=shikong:pois&BBOX=1,2,3|400|InvalidParameterValue|bbox",
        "unknown output format|request=GetFeature&version=2.0.0&typeNames=shikong:pois&outputFormat=shapefile|400|InvalidParameterValue|outputFormat",
        "no accepted version|request=GetCapabilities&acceptVersions=3.0.0|400|VersionNegotiationFailed|acceptVersions",
    })
    void badRequestsAreExceptionReports(String name, String query, int status, String code, String locator) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ows + "?service=WFS&" + query)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(name).isEqualTo(status);
        Document d = xml(r.body());
        assertThat(d.getDocumentElement().getLocalName()).isEqualTo("ExceptionReport");
        var e = (org.w3c.dom.Element) d.getDocumentElement().getElementsByTagNameNS("*", "Exception").item(0);
        assertThat(e.getAttribute("exceptionCode")).as(name).isEqualTo(code);
        assertThat(e.getAttribute("locator")).as(name).isEqualToIgnoringCase(locator);
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.getURI() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void csvOfResourceIdsOfNoVisibleTypeIsEmpty() throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ows
                + "?service=WFS&version=2.0.0&request=GetFeature&RESOURCEID=nosuch.1&OUTPUTFORMAT=csv")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(r.body()).isEmpty();
    }

    @Test
    void xmlWithADtdOrExternalEntityIsRefusedAndNothingIsRead() throws Exception {
        Path secret = Files.createTempFile("shikong-secret", ".txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE q [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<wfs:GetFeature xmlns:wfs=\"http://www.opengis.net/wfs/2.0\" service=\"WFS\" version=\"2.0.0\">"
                + "<wfs:Query typeNames=\"shikong:pois\"><wfs:PropertyName>&x;</wfs:PropertyName></wfs:Query></wfs:GetFeature>";
        HttpResponse<byte[]> r = post(xxe, null);
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(body).contains("DOCTYPE").doesNotContain("TOP-SECRET-CONTENT");
        String billion = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                + "<wfs:GetCapabilities xmlns:wfs=\"http://www.opengis.net/wfs/2.0\" service=\"WFS\">&b;</wfs:GetCapabilities>";
        assertThat(post(billion, null).statusCode()).isEqualTo(400);
        String malformed = "<wfs:GetFeature xmlns:wfs=\"http://www.opengis.net/wfs/2.0\"><wfs:Query typeNames=\"shikong:pois\">";
        HttpResponse<byte[]> m = post(malformed, null);
        assertThat(m.statusCode()).isEqualTo(400);
        assertThat(new String(m.body(), StandardCharsets.UTF_8)).contains("malformed XML");
    }

    // --- helpers ------------------------------------------------------------------------------------

    byte[] get(String query) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ows + "?" + query)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return r.body();
    }

    HttpResponse<byte[]> post(String body, String credentials) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ows)).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (credentials != null) {
            b.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static Document xml(byte[] body) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
    }

    static List<String> ids(Document d) {
        List<String> out = new ArrayList<>();
        NodeList all = d.getElementsByTagNameNS("https://shikong.io/features", "*");
        for (int i = 0; i < all.getLength(); i++) {
            var e = (org.w3c.dom.Element) all.item(i);
            String id = e.getAttributeNS("http://www.opengis.net/gml/3.2", "id");
            if (id.isEmpty()) {
                id = e.getAttributeNS("http://www.opengis.net/gml", "id");
            }
            if (!id.isEmpty()) {
                out.add(id);
            }
        }
        return out;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex + " in " + text).isTrue();
        return m.group(1);
    }
}
