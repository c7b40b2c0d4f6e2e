package io.shikong.api.ows;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.shikong.core.feature.Feature;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * WFS 2.0 feature versions end to end (FES 2.0 version navigation on valid time): a feature updated twice
 * and deleted, read back version by version through fes:ResourceId, with the member states, the
 * Transaction's version results, and changes refused on anything but the current version.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WfsVersionsContract {

    static final String ID = "POI0000010";

    EmbeddedServer server;
    FeatureStore store;
    String wfs;
    final HttpClient http = HttpClient.newHttpClient();
    final XPath xp = XPathFactory.newInstance().newXPath();

    abstract Map<String, Object> storeProperties() throws Exception;

    @BeforeAll
    void start() throws Exception {
        Map<String, Object> props = new HashMap<>(storeProperties());
        props.put("micronaut.server.port", -1);
        props.put("shikong.samples", true);
        props.put("shikong.users", "editor:pw:editor");
        server = ApplicationContext.run(EmbeddedServer.class, props);
        store = server.getApplicationContext().getBean(FeatureStore.class);
        wfs = server.getURI() + "/wfs";
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    List<Feature> history() {
        List<Feature> out = new ArrayList<>();
        try (var c = store.history("pois", ID, Caller.ANONYMOUS)) {
            c.forEachRemaining(out::add);
        }
        return out;
    }

    HttpResponse<byte[]> post(String xml, boolean editor) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(wfs)).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(xml));
        if (editor) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("editor:pw".getBytes()));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    Document xml(byte[] body) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
    }

    String transaction(String actions) {
        return """
                <wfs:Transaction service="WFS" version="2.0.0" xmlns:wfs="http://www.opengis.net/wfs/2.0"
                    xmlns:fes="http://www.opengis.net/fes/2.0" xmlns:shikong="https://shikong.io/features">%s</wfs:Transaction>"""
                .formatted(actions);
    }

    String rename(String rid, String name) {
        return transaction("""
                <wfs:Update typeName="shikong:pois"><wfs:Property><wfs:ValueReference>name</wfs:ValueReference>
                <wfs:Value>%s</wfs:Value></wfs:Property><fes:Filter><fes:ResourceId rid="%s"/></fes:Filter></wfs:Update>"""
                .formatted(name, rid));
    }

    /** GetFeature (XML POST) by one ResourceId with the given extra attributes. */
    Document byResourceId(String rid, String attributes) throws Exception {
        HttpResponse<byte[]> r = post("""
                <wfs:GetFeature service="WFS" version="2.0.0" xmlns:wfs="http://www.opengis.net/wfs/2.0"
                    xmlns:fes="http://www.opengis.net/fes/2.0" xmlns:shikong="https://shikong.io/features">
                  <wfs:Query typeNames="shikong:pois"><fes:Filter><fes:ResourceId rid="%s" %s/></fes:Filter></wfs:Query>
                </wfs:GetFeature>""".formatted(rid, attributes), false);
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return xml(r.body());
    }

    List<String> values(Document d, String xpath) throws Exception {
        NodeList n = (NodeList) xp.evaluate(xpath, d, XPathConstants.NODESET);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.getLength(); i++) {
            out.add(n.item(i).getTextContent());
        }
        return out;
    }

    @Test
    void versionsAreNavigableAndOnlyTheCurrentOneChanges() throws Exception {
        int v0 = history().size();
        assertThat(v0).isPositive();
        String rid = "pois." + ID;

        // two renames: each answers the new version and the id of the one it superseded
        Document first = xml(post(rename(rid, "甲"), true).body());
        assertThat(xp.evaluate("//*[local-name()='UpdateResults']//*[local-name()='ResourceId']/@rid", first)).isEqualTo(rid);
        assertThat(xp.evaluate("//*[local-name()='UpdateResults']//*[local-name()='ResourceId']/@previousRid", first))
                .isEqualTo(rid + "-v" + v0);
        assertThat(xp.evaluate("//*[local-name()='UpdateResults']//*[local-name()='ResourceId']/@version", first))
                .isEqualTo(String.valueOf(v0 + 1));
        Instant between = Instant.now();
        Thread.sleep(20);
        Document second = xml(post(rename(rid, "乙"), true).body());
        String previous = xp.evaluate("//*[local-name()='UpdateResults']//*[local-name()='ResourceId']/@previousRid", second);
        assertThat(previous).isEqualTo(rid + "-v" + (v0 + 1));
        assertThat(history()).hasSize(v0 + 2);

        // the superseded version by its own id: its values, its state, a gml:id naming it
        Document old = byResourceId(previous, "");
        assertThat(values(old, "//*[local-name()='member']/@state")).containsExactly("superseded");
        assertThat(values(old, "//*[local-name()='pois']/*[local-name()='name']")).containsExactly("甲");
        assertThat(values(old, "//*[local-name()='pois']/@*[local-name()='id']")).containsExactly(previous);
        // navigation from there and from the feature
        assertThat(values(byResourceId(previous, "version=\"NEXT\""), "//*[local-name()='name']")).containsExactly("乙");
        assertThat(values(byResourceId(rid, "version=\"PREVIOUS\""), "//*[local-name()='name']")).containsExactly("甲");
        assertThat(values(byResourceId(rid, "version=\"LAST\""), "//*[local-name()='member']/@state")).containsExactly("valid");
        assertThat(values(byResourceId(rid, "version=\"FIRST\""), "//*[local-name()='pois']/@*[local-name()='id']"))
                .containsExactly(rid + "-v1");
        assertThat(values(byResourceId(rid, "version=\"" + (v0 + 1) + "\""), "//*[local-name()='name']")).containsExactly("甲");
        assertThat(values(byResourceId(rid, "version=\"ALL\""), "//*[local-name()='member']")).hasSize(v0 + 2);
        assertThat(values(byResourceId(rid, "version=\"" + between + "\""), "//*[local-name()='name']")).containsExactly("甲");
        assertThat(values(byResourceId(rid, "startDate=\"" + between + "\""), "//*[local-name()='name']"))
                .containsExactly("甲", "乙");
        Document none = byResourceId(rid + "-v" + (v0 + 2), "version=\"NEXT\"");
        assertThat(xp.evaluate("/*/@numberMatched", none)).isEqualTo("0");

        // changing the superseded version fails the whole transaction; the current value stays
        HttpResponse<byte[]> stale = post(rename(previous, "丙"), true);
        assertThat(stale.statusCode()).isEqualTo(400);
        Document report = xml(stale.body());
        assertThat(xp.evaluate("//*[local-name()='Exception']/@exceptionCode", report)).isEqualTo("OperationProcessingFailed");
        assertThat(xp.evaluate("//*[local-name()='Exception']/@locator", report)).isEqualTo("Update");
        assertThat(history()).hasSize(v0 + 2);
        assertThat(history().get(v0 + 1).get("name")).isEqualTo("乙");
        // the current version by its version id may change
        assertThat(post(rename(rid + "-v" + (v0 + 2), "丁"), true).statusCode()).isEqualTo(200);

        // deleted: the plain id finds nothing, as GetFeatureById; the last version is retired
        Document deleted = xml(post(transaction("<wfs:Delete typeName=\"shikong:pois\"><fes:Filter><fes:ResourceId rid=\""
                + rid + "\"/></fes:Filter></wfs:Delete>"), true).body());
        assertThat(xp.evaluate("//*[local-name()='totalDeleted']", deleted)).isEqualTo("1");
        assertThat(xp.evaluate("/*/@numberMatched", byResourceId(rid, ""))).isEqualTo("0");
        assertThat(values(byResourceId(rid, "version=\"LAST\""), "//*[local-name()='member']/@state")).containsExactly("retired");
        HttpResponse<byte[]> byId = http.send(HttpRequest.newBuilder(URI.create(wfs + "?service=WFS&version=2.0.0"
                + "&request=GetFeature&STOREDQUERY_ID=urn:ogc:def:query:OGC-WFS::GetFeatureById&ID=" + rid)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(byId.statusCode()).isEqualTo(404);
        // and a retired feature cannot be changed through its last version either
        HttpResponse<byte[]> retired = post(rename(rid + "-v" + (v0 + 3), "戊"), true);
        assertThat(retired.statusCode()).isEqualTo(400);
    }

    @Test
    void badVersionAttributesAreInvalidParameterValues() throws Exception {
        for (String attributes : List.of("version=\"SOMETIME\"", "version=\"0\"",
                "startDate=\"2024-01-01T00:00:00Z\" endDate=\"2020-01-01T00:00:00Z\"")) {
            HttpResponse<byte[]> r = post("""
                    <wfs:GetFeature service="WFS" version="2.0.0" xmlns:wfs="http://www.opengis.net/wfs/2.0"
                        xmlns:fes="http://www.opengis.net/fes/2.0" xmlns:shikong="https://shikong.io/features">
                      <wfs:Query typeNames="shikong:pois"><fes:Filter><fes:ResourceId rid="pois.POI0000001" %s/></fes:Filter></wfs:Query>
                    </wfs:GetFeature>""".formatted(attributes), false);
            assertThat(r.statusCode()).as(attributes).isEqualTo(400);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("InvalidParameterValue").contains("ResourceId");
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
