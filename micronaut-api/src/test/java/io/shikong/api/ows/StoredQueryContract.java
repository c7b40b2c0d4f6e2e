package io.shikong.api.ows;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * WFS 2.0 Manage stored queries end to end, through HTTP on a real store, in the order a client lives
 * it: create (with the requests OGC's suite sends), run by KVP and XML, list and describe, the errors,
 * a restart of the server on the same database (the queries are still there), drop.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class StoredQueryContract {

    static final String WFS = "http://www.opengis.net/wfs/2.0";
    static final String LANGUAGE = "urn:ogc:def:queryLanguage:OGC-WFS::WFSQueryExpression";
    static final String BY_TYPE = "urn:example:wfs2-query:GetFeatureByTypeName";
    static final String BY_NAME = "urn:example:wfs2-query:GetFeatureByName";
    static final String TALL = "urn:shikong:test:TallBuildings";
    static final String EDITOR = "editor:pw";

    /** OGC's suite's CreateStoredQuery-GetFeatureByTypeName.xml. */
    static final String CREATE_BY_TYPE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <CreateStoredQuery version="2.0.0" service="WFS" xmlns="http://www.opengis.net/wfs/2.0">
              <StoredQueryDefinition id="urn:example:wfs2-query:GetFeatureByTypeName" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
                <Title>GetFeatureByTypeName</Title>
                <Abstract>Returns feature representations by type name.</Abstract>
                <Parameter name="typeName" type="xsd:QName">
                  <Abstract>Qualified name of feature type (required).</Abstract>
                </Parameter>
                <QueryExpressionText returnFeatureTypes="" language="urn:ogc:def:queryLanguage:OGC-WFS::WFSQueryExpression" isPrivate="false">
                  <Query typeNames="${typeName}" />
                </QueryExpressionText>
              </StoredQueryDefinition>
            </CreateStoredQuery>""";
    /** OGC's suite's CreateStoredQuery-GetFeatureByName.xml. */
    static final String CREATE_BY_NAME = """
            <?xml version="1.0" encoding="UTF-8"?>
            <CreateStoredQuery version="2.0.0" service="WFS" xmlns="http://www.opengis.net/wfs/2.0">
              <StoredQueryDefinition id="urn:example:wfs2-query:GetFeatureByName" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
                <Title>GetFeatureByName</Title>
                <Abstract>Returns feature representations by name. The name value must occur in a gml:name property.</Abstract>
                <Parameter name="name" type="xsd:string">
                  <Abstract>Name of feature instance (required)</Abstract>
                </Parameter>
                <QueryExpressionText xmlns:fes="http://www.opengis.net/fes/2.0" xmlns:gml="http://www.opengis.net/gml/3.2"
                  returnFeatureTypes="" language="urn:ogc:def:queryLanguage:OGC-WFS::WFSQueryExpression" isPrivate="false">
                  <Query typeNames="gml:AbstractFeature">
                    <fes:Filter>
                      <fes:PropertyIsLike wildCard="*" singleChar="?" escapeChar="\\">
                        <fes:ValueReference>gml:name</fes:ValueReference>
                        <fes:Literal>*${name}*</fes:Literal>
                      </fes:PropertyIsLike>
                    </fes:Filter>
                  </Query>
                </QueryExpressionText>
              </StoredQueryDefinition>
            </CreateStoredQuery>""";
    /** Buildings above a number of floors, tallest first: a filter, a sort and a typed parameter. */
    static final String CREATE_TALL = """
            <wfs:CreateStoredQuery service="WFS" version="2.0.0" xmlns:wfs="http://www.opengis.net/wfs/2.0"
                xmlns:fes="http://www.opengis.net/fes/2.0" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
              <wfs:StoredQueryDefinition id="urn:shikong:test:TallBuildings">
                <wfs:Title xml:lang="zh-CN">高层建筑</wfs:Title>
                <wfs:Title xml:lang="en">Tall buildings</wfs:Title>
                <wfs:Parameter name="minFloors" type="xsd:int"><wfs:Title>最少层数 Least floors</wfs:Title></wfs:Parameter>
                <wfs:QueryExpressionText returnFeatureTypes="shikong:buildings" language="urn:ogc:def:queryLanguage:OGC-WFS::WFSQueryExpression">
                  <wfs:Query typeNames="shikong:buildings">
                    <fes:Filter><fes:PropertyIsGreaterThan>
                      <fes:ValueReference>floors</fes:ValueReference><fes:Literal>${minFloors}</fes:Literal>
                    </fes:PropertyIsGreaterThan></fes:Filter>
                    <fes:SortBy><fes:SortProperty><fes:ValueReference>floors</fes:ValueReference>
                      <fes:SortOrder>DESC</fes:SortOrder></fes:SortProperty></fes:SortBy>
                  </wfs:Query>
                </wfs:QueryExpressionText>
              </wfs:StoredQueryDefinition>
            </wfs:CreateStoredQuery>""";

    final XPath xp = XPathFactory.newInstance().newXPath();
    Map<String, Object> props;
    EmbeddedServer server;
    FeatureStore store;
    String ows;

    abstract Map<String, Object> storeProperties() throws Exception;

    @BeforeAll
    void start() throws Exception {
        props = new HashMap<>(storeProperties());
        props.put("micronaut.server.port", -1);
        props.put("shikong.samples", true);
        props.put("shikong.users", "editor:pw:editor");
        run();
    }

    /** Starts the server on {@link #props} (the same database every time). */
    void run() {
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

    @Test
    @Order(1)
    void writersCreateQueriesThatRunByKvpAndXml() throws Exception {
        for (String create : List.of(CREATE_BY_TYPE, CREATE_BY_NAME, CREATE_TALL)) {
            Document d = ok(post(create, EDITOR));
            assertThat(d.getDocumentElement().getLocalName()).isEqualTo("CreateStoredQueryResponse");
            assertThat(d.getDocumentElement().getNamespaceURI()).isEqualTo(WFS);
            assertThat(d.getDocumentElement().getAttribute("status")).isEqualTo("OK");
        }
        // by KVP as the suite calls it: a QName with a prefix nobody bound
        for (String layer : List.of("buildings", "pois")) {
            Document d = ok(get("service=WFS&version=2.0.0&request=GetFeature&storedquery_id=" + enc(BY_TYPE)
                    + "&typeName=tns:" + layer + "&count=3"));
            assertThat(d.getDocumentElement().getLocalName()).isEqualTo("FeatureCollection");
            assertThat(d.getDocumentElement().getAttribute("numberMatched")).isEqualTo(String.valueOf(count(layer, null)));
            assertThat(WfsContract.ids(d)).hasSize(3).allMatch(id -> id.startsWith(layer + "."));
        }
        // the outer RESULTTYPE, COUNT and STARTINDEX apply; the filter and the order come from the definition
        long tall = count("buildings", "floors > 20");
        assertThat(tall).isGreaterThan(5);
        Document hits = ok(get("service=WFS&version=2.0.0&request=GetFeature&storedquery_id=" + enc(TALL)
                + "&minFloors=20&resultType=hits"));
        assertThat(hits.getDocumentElement().getAttribute("numberMatched")).isEqualTo(String.valueOf(tall));
        Document page = ok(get("service=WFS&version=2.0.0&request=GetFeature&storedquery_id=" + enc(TALL)
                + "&minFloors=20&count=4&startIndex=1&outputFormat=" + enc("application/gml+xml; version=3.2")));
        List<Integer> floors = floors(page);
        assertThat(floors).hasSize(4).isSortedAccordingTo((a, b) -> b - a).allMatch(f -> f > 20);
        // by XML, with wfs:Parameter children, beside an ad hoc query
        Document xml = ok(post("<wfs:GetFeature xmlns:wfs='" + WFS + "' service='WFS' version='2.0.0' count='6'>"
                + "<wfs:StoredQuery id='" + TALL + "'><wfs:Parameter name='minFloors'>20</wfs:Parameter></wfs:StoredQuery>"
                + "<wfs:StoredQuery id='" + BY_TYPE + "'><wfs:Parameter name='typeName' xmlns:tns='https://shikong.io/features'>"
                + "tns:pois</wfs:Parameter></wfs:StoredQuery></wfs:GetFeature>", null));
        assertThat(xml.getDocumentElement().getAttribute("numberMatched")).isEqualTo(String.valueOf(tall + count("pois", null)));
        assertThat(floors(xml)).hasSize(6).isSortedAccordingTo((a, b) -> b - a);
        // a value with XML's special characters is a value, not markup
        Document byName = ok(get("service=WFS&version=2.0.0&request=GetFeature&storedquery_id=" + enc(BY_NAME)
                + "&name=" + enc("<&\"'>") + "&resultType=hits"));
        assertThat(byName.getDocumentElement().getAttribute("numberMatched")).isEqualTo("0");
        // GetPropertyValue too
        Document values = ok(get("service=WFS&version=2.0.0&request=GetPropertyValue&storedquery_id=" + enc(TALL)
                + "&minFloors=20&valueReference=floors&count=2"));
        assertThat(values.getDocumentElement().getLocalName()).isEqualTo("ValueCollection");
        assertThat(values.getElementsByTagNameNS(WFS, "member").getLength()).isEqualTo(2);
    }

    @Test
    @Order(2)
    void createdQueriesAreListedAndDescribed() throws Exception {
        Document list = ok(get("service=WFS&version=2.0.0&request=ListStoredQueries"));
        assertThat(strings(list, "//*[local-name()='StoredQuery']/@id"))
                .containsExactly("urn:ogc:def:query:OGC-WFS::GetFeatureById", BY_TYPE, BY_NAME, TALL);
        assertThat(strings(list, "//*[local-name()='StoredQuery'][@id='" + TALL + "']/*[local-name()='ReturnFeatureType']"))
                .containsExactly("shikong:buildings");
        assertThat(strings(list, "//*[local-name()='StoredQuery'][@id='" + TALL + "']/*[local-name()='Title']"))
                .containsExactly("高层建筑", "Tall buildings");
        assertThat(strings(list, "//*[local-name()='StoredQuery'][@id='" + BY_TYPE + "']/*[local-name()='ReturnFeatureType']"))
                .contains("shikong:buildings", "shikong:pois").doesNotContain("shikong:pipelines");

        Document all = ok(get("service=WFS&version=2.0.0&request=DescribeStoredQueries"));
        assertThat(strings(all, "//*[local-name()='StoredQueryDescription']/@id"))
                .containsExactly("urn:ogc:def:query:OGC-WFS::GetFeatureById", BY_TYPE, BY_NAME, TALL);
        Document one = ok(get("service=WFS&version=2.0.0&request=DescribeStoredQueries&storedQuery_id=" + enc(TALL)));
        assertThat(strings(one, "//*[local-name()='StoredQueryDescription']/@id")).containsExactly(TALL);
        Element parameter = (Element) one.getElementsByTagNameNS(WFS, "Parameter").item(0);
        assertThat(parameter.getAttribute("name")).isEqualTo("minFloors");
        assertThat(parameter.getAttribute("type")).isEqualTo("xsd:int");
        assertThat(parameter.lookupNamespaceURI("xsd")).isEqualTo("http://www.w3.org/2001/XMLSchema");
        Element text = (Element) one.getElementsByTagNameNS(WFS, "QueryExpressionText").item(0);
        assertThat(text.getAttribute("language")).isEqualTo(LANGUAGE);
        assertThat(text.getAttribute("returnFeatureTypes")).isEqualTo("shikong:buildings");
        Element query = (Element) text.getElementsByTagNameNS(WFS, "Query").item(0);
        assertThat(query.getAttribute("typeNames")).isEqualTo("shikong:buildings");
        assertThat(query.getElementsByTagNameNS("http://www.opengis.net/fes/2.0", "Literal").item(0).getTextContent())
                .isEqualTo("${minFloors}");
        // the suite's query in the default namespace comes back as it was sent, prefixes and all
        Document byName = ok(post("<wfs:DescribeStoredQueries xmlns:wfs='" + WFS + "' service='WFS' version='2.0.0'>"
                + "<wfs:StoredQueryId>" + BY_NAME + "</wfs:StoredQueryId></wfs:DescribeStoredQueries>", null));
        Element q = (Element) byName.getElementsByTagNameNS(WFS, "Query").item(0);
        assertThat(q.getAttribute("typeNames")).isEqualTo("gml:AbstractFeature");
        assertThat(q.lookupNamespaceURI("gml")).isEqualTo("http://www.opengis.net/gml/3.2");

        // the capabilities: writers may manage stored queries, anonymous callers of this catalog may not
        Document editor = ok(send(HttpRequest.newBuilder(URI.create(ows + "?service=WFS&request=GetCapabilities"))
                .header("Authorization", basic(EDITOR))));
        assertThat(xp.evaluate("//*[local-name()='Constraint'][@name='ManageStoredQueries']/*[local-name()='DefaultValue']", editor))
                .isEqualTo("TRUE");
        assertThat(xp.evaluate("//*[local-name()='Operation'][@name='CreateStoredQuery']/*[local-name()='Parameter']"
                + "[@name='language']//*[local-name()='Value']", editor)).isEqualTo(LANGUAGE);
        assertThat(xp.evaluate("count(//*[local-name()='Operation'][@name='DropStoredQuery'])", editor)).isEqualTo("1");
        assertThat(xp.evaluate("count(//*[local-name()='Value'][.='TRUE'])", editor)).isEqualTo("0");
        Document anonymous = ok(get("service=WFS&request=GetCapabilities"));
        assertThat(xp.evaluate("//*[local-name()='Constraint'][@name='ManageStoredQueries']/*[local-name()='DefaultValue']", anonymous))
                .isEqualTo("FALSE");
        assertThat(xp.evaluate("count(//*[local-name()='Operation'][@name='CreateStoredQuery'])", anonymous)).isEqualTo("0");
    }

    @Test
    @Order(3)
    void mistakesAreExceptionReports() throws Exception {
        String otherLanguage = CREATE_BY_TYPE.replace(BY_TYPE, "urn:example:wfs2-query:InvalidLang")
                .replace("language=\"" + LANGUAGE + "\"", "language=\"http://qry.example.org\"");
        exception(post(otherLanguage, EDITOR), 400, "InvalidParameterValue", "language");
        exception(post(CREATE_BY_NAME, EDITOR), 400, "DuplicateStoredQueryIdValue", BY_NAME);
        exception(post(CREATE_BY_NAME.replace(BY_NAME, "urn:ogc:def:query:OGC-WFS::GetFeatureById"), EDITOR), 400,
                "DuplicateStoredQueryIdValue", "urn:ogc:def:query:OGC-WFS::GetFeatureById");
        exception(post(CREATE_TALL.replace(TALL, "urn:t:nothing").replace("typeNames=\"shikong:buildings\"",
                "typeNames=\"shikong:nothing\""), EDITOR), 400, "InvalidParameterValue", "typeNames");
        exception(post(CREATE_TALL.replace(TALL, "urn:t:restricted").replace("typeNames=\"shikong:buildings\"",
                "typeNames=\"shikong:pipelines\""), EDITOR), 400, "InvalidParameterValue", "typeNames");
        // creating and dropping need a caller who may write
        exception(post(CREATE_TALL.replace(TALL, "urn:t:anonymous"), null), 403, "OperationNotPermitted", "CreateStoredQuery");
        exception(post("<wfs:DropStoredQuery xmlns:wfs='" + WFS + "' service='WFS' version='2.0.0' id='" + TALL + "'/>", null),
                403, "OperationNotPermitted", "DropStoredQuery");
        exception(raw("service=WFS&version=2.0.0&request=DropStoredQuery&storedQuery_id=" + enc(TALL), null), 403,
                "OperationNotPermitted", "DropStoredQuery");
        exception(raw("service=WFS&version=2.0.0&request=CreateStoredQuery", EDITOR), 501, "OperationNotSupported", "request");
        exception(raw("service=WFS&version=2.0.0&request=DropStoredQuery&storedQuery_id="
                + enc("urn:ogc:def:query:OGC-WFS::GetFeatureById"), EDITOR), 400, "InvalidParameterValue", "STOREDQUERY_ID");
        // running
        exception(raw("service=WFS&version=2.0.0&request=GetFeature&storedQuery_id=" + enc(TALL), null), 400,
                "MissingParameterValue", "minFloors");
        exception(raw("service=WFS&version=2.0.0&request=GetFeature&storedQuery_id=" + enc(TALL) + "&minFloors=" + enc("<x/>"),
                null), 400, null, null);
        exception(raw("service=WFS&version=2.0.0&request=GetFeature&storedQuery_id=urn:t:none&name=x", null), 400,
                "InvalidParameterValue", "STOREDQUERY_ID");
        exception(raw("service=WFS&version=2.0.0&request=DescribeStoredQueries&storedQuery_id=urn:t:none", null), 400,
                "InvalidParameterValue", "STOREDQUERY_ID");
        assertThat(strings(ok(get("service=WFS&version=2.0.0&request=ListStoredQueries")), "//*[local-name()='StoredQuery']/@id"))
                .containsExactly("urn:ogc:def:query:OGC-WFS::GetFeatureById", BY_TYPE, BY_NAME, TALL);
    }

    @Test
    @Order(4)
    void queriesSurviveARestart() throws Exception {
        server.close();
        run();
        assertThat(strings(ok(get("service=WFS&version=2.0.0&request=ListStoredQueries")), "//*[local-name()='StoredQuery']/@id"))
                .containsExactly("urn:ogc:def:query:OGC-WFS::GetFeatureById", BY_TYPE, BY_NAME, TALL);
        Document hits = ok(get("service=WFS&version=2.0.0&request=GetFeature&storedquery_id=" + enc(TALL)
                + "&minFloors=20&resultType=hits"));
        assertThat(hits.getDocumentElement().getAttribute("numberMatched")).isEqualTo(String.valueOf(count("buildings", "floors > 20")));
    }

    @Test
    @Order(5)
    void writersDropQueries() throws Exception {
        Document kvp = ok(raw("service=WFS&version=2.0.0&request=DropStoredQuery&storedQuery_id=" + enc(TALL), EDITOR));
        assertThat(kvp.getDocumentElement().getLocalName()).isEqualTo("DropStoredQueryResponse");
        assertThat(kvp.getDocumentElement().getAttribute("status")).isEqualTo("OK");
        for (String id : List.of(BY_TYPE, BY_NAME)) {
            Document xml = ok(post("<DropStoredQuery xmlns='" + WFS + "' service='WFS' version='2.0.0' id='" + id + "'/>", EDITOR));
            assertThat(xml.getDocumentElement().getLocalName()).isEqualTo("DropStoredQueryResponse");
        }
        // a dropped query is unknown, to run and to drop
        exception(raw("service=WFS&version=2.0.0&request=GetFeature&storedQuery_id=" + enc(TALL) + "&minFloors=1", null), 400,
                "InvalidParameterValue", "STOREDQUERY_ID");
        exception(post("<wfs:GetFeature xmlns:wfs='" + WFS + "' service='WFS' version='2.0.0'><wfs:StoredQuery id='" + BY_NAME
                + "'><wfs:Parameter name='name'>Irrelevant</wfs:Parameter></wfs:StoredQuery></wfs:GetFeature>", null), 400,
                "InvalidParameterValue", "storedQuery_id");
        exception(post("<wfs:DropStoredQuery xmlns:wfs='" + WFS + "' service='WFS' version='2.0.0' id='" + BY_TYPE + "'/>", EDITOR),
                400, "InvalidParameterValue", "id");
        assertThat(strings(ok(get("service=WFS&version=2.0.0&request=ListStoredQueries")), "//*[local-name()='StoredQuery']/@id"))
                .containsExactly("urn:ogc:def:query:OGC-WFS::GetFeatureById");
    }

    // --- helpers ------------------------------------------------------------------------------------

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<byte[]> send(HttpRequest.Builder b) throws Exception {
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> raw(String query, String credentials) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ows + "?" + query));
        if (credentials != null) {
            b.header("Authorization", basic(credentials));
        }
        return send(b);
    }

    HttpResponse<byte[]> get(String query) throws Exception {
        return raw(query, null);
    }

    HttpResponse<byte[]> post(String body, String credentials) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ows)).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(body.strip()));
        if (credentials != null) {
            b.header("Authorization", basic(credentials));
        }
        return send(b);
    }

    static Document parse(byte[] body) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
    }

    static Document ok(HttpResponse<byte[]> r) throws Exception {
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return parse(r.body());
    }

    /** Asserts an OWS exception report: status, code and locator ({@code null}: any). */
    static void exception(HttpResponse<byte[]> r, int status, String code, String locator) throws Exception {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(r.statusCode()).as(body).isEqualTo(status);
        Document d = parse(r.body());
        assertThat(d.getDocumentElement().getLocalName()).as(body).isEqualTo("ExceptionReport");
        Element e = (Element) d.getElementsByTagNameNS("*", "Exception").item(0);
        if (code != null) {
            assertThat(e.getAttribute("exceptionCode")).as(body).isEqualTo(code);
        }
        if (locator != null) {
            assertThat(e.getAttribute("locator")).as(body).isEqualToIgnoringCase(locator);
        }
    }

    List<String> strings(Document d, String xpath) throws Exception {
        NodeList nodes = (NodeList) xp.evaluate(xpath, d, javax.xml.xpath.XPathConstants.NODESET);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    static List<Integer> floors(Document d) {
        NodeList n = d.getElementsByTagNameNS("https://shikong.io/features", "floors");
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n.getLength(); i++) {
            out.add(Integer.parseInt(n.item(i).getTextContent().trim()));
        }
        return out;
    }
}
