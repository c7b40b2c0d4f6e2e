package io.shikong.ows.wfs.storedquery;

import static io.shikong.ows.wfs.storedquery.StoredQueryDefinitionTest.BY_NAME;
import static io.shikong.ows.wfs.storedquery.StoredQueryDefinitionTest.BY_TYPE_NAME;
import static io.shikong.ows.wfs.storedquery.StoredQueryDefinitionTest.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shikong.core.catalog.CatalogLoader;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.ShikongException;
import io.shikong.core.security.Caller;
import io.shikong.ows.Kvp;
import io.shikong.ows.wfs.WfsContext;
import io.shikong.ows.wfs.WfsSettings;
import io.shikong.ows.wfs.WfsVersion;
import io.shikong.ows.wfs.getfeature.GetFeatureRequest;
import io.shikong.ows.wfs.getfeature.GetFeatureXmlReader;
import io.shikong.ows.xml.SecureXml;
import io.shikong.ows.xml.Xml;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.geotools.api.filter.PropertyIsGreaterThan;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** Creating, listing, describing, invoking and dropping stored queries, against a catalog and a map. */
class StoredQueryServiceTest {

    static final LayerCatalog CATALOG = CatalogLoader.load(new ByteArrayInputStream("""
            layers:
              - name: roads
                geometry: LineString
                transactions: true
                attributes: [{name: lanes, type: integer}, {name: name, type: string}]
              - name: trees
                geometry: Point
                attributes: [{name: species, type: string}]
              - name: secret
                geometry: Point
                access: restricted
                readRoles: [x]
                attributes: []
            """.getBytes(StandardCharsets.UTF_8)));
    static final Caller EDITOR = Caller.of("ed", Caller.EDITOR);
    static final String LANES = create("urn:t:Lanes", "<wfs:Parameter name='min' type='xsd:int'><wfs:Title>Least lanes</wfs:Title></wfs:Parameter>",
            "<wfs:Query typeNames='shikong:roads'><fes:Filter><fes:PropertyIsGreaterThan><fes:ValueReference>lanes</fes:ValueReference>"
                    + "<fes:Literal>${min}</fes:Literal></fes:PropertyIsGreaterThan></fes:Filter>"
                    + "<fes:SortBy><fes:SortProperty><fes:ValueReference>name</fes:ValueReference><fes:SortOrder>DESC</fes:SortOrder>"
                    + "</fes:SortProperty></fes:SortBy></wfs:Query>");

    final InMemoryStoredQueries repository = new InMemoryStoredQueries();

    StoredQueryService service(Caller caller) {
        return new StoredQueryService(context(caller), repository);
    }

    static WfsContext context(Caller caller) {
        return new WfsContext(CATALOG, null, new CrsService(), caller, WfsVersion.V2_0_0, "http://h/ows", new WfsSettings(100, 1000));
    }

    static Element xml(String s) {
        return SecureXml.parse(s.getBytes(StandardCharsets.UTF_8), "request").getDocumentElement();
    }

    static String write(Consumer<Xml> writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Xml x = new Xml(out)) {
            writer.accept(x);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static Kvp kvp(String... pairs) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], List.of(pairs[i + 1]));
        }
        return new Kvp(m);
    }

    void createAll(String... requests) {
        for (String r : requests) {
            assertThat(write(x -> service(EDITOR).create(xml(r), x))).contains("CreateStoredQueryResponse").contains("status=\"OK\"");
        }
    }

    @Test
    void createdQueriesAreListedDescribedAndRun() {
        createAll(BY_TYPE_NAME, BY_NAME, LANES);
        String list = write(service(Caller.ANONYMOUS)::list);
        assertThat(list).containsSubsequence("urn:ogc:def:query:OGC-WFS::GetFeatureById", "urn:example:wfs2-query:GetFeatureByTypeName",
                "urn:example:wfs2-query:GetFeatureByName", "urn:t:Lanes");
        assertThat(list).doesNotContain("shikong:secret");
        String described = write(x -> service(Caller.ANONYMOUS).describe(List.of("urn:t:Lanes"), "STOREDQUERY_ID", x));
        assertThat(described).contains("id=\"urn:t:Lanes\"").contains("name=\"min\"").contains("type=\"xsd:int\"")
                .contains("Least lanes").contains("returnFeatureTypes=\"shikong:roads\"").contains("${min}")
                .doesNotContain("GetFeatureById");

        // by KVP: the outer paging parameters apply, the filter and sort come from the definition
        Element request = service(Caller.ANONYMOUS).invocation(kvp("STOREDQUERY_ID", "urn:t:Lanes", "min", "2", "COUNT", "7",
                "STARTINDEX", "3", "RESULTTYPE", "hits"), false);
        GetFeatureRequest r = new GetFeatureXmlReader(context(Caller.ANONYMOUS)).read(request, false);
        assertThat(r.count()).isEqualTo(7);
        assertThat(r.startIndex()).isEqualTo(3);
        assertThat(r.hits()).isTrue();
        assertThat(r.queries()).singleElement().satisfies(q -> {
            assertThat(q.layer().name()).isEqualTo("roads");
            assertThat(q.filter()).isInstanceOf(PropertyIsGreaterThan.class);
            assertThat(q.filter().toString()).contains("lanes").contains("2");
            assertThat(q.sort()).singleElement().satisfies(s -> assertThat(s.ascending()).isFalse());
        });

        // by XML, beside an ad hoc query; an unbound prefix in a QName value is read by its local name
        Element expanded = service(Caller.ANONYMOUS).expand(xml("<wfs:GetFeature xmlns:wfs='http://www.opengis.net/wfs/2.0' count='5'>"
                + "<wfs:Query typeNames='shikong:trees'/>"
                + "<wfs:StoredQuery id='urn:example:wfs2-query:GetFeatureByTypeName'><wfs:Parameter name='typeName' "
                + "xmlns:tns='https://shikong.io/features'>tns:roads</wfs:Parameter></wfs:StoredQuery>"
                + "<wfs:StoredQuery id='urn:example:wfs2-query:GetFeatureByTypeName'><wfs:Parameter name='typeName'>"
                + "unbound:trees</wfs:Parameter></wfs:StoredQuery></wfs:GetFeature>"));
        GetFeatureRequest x = new GetFeatureXmlReader(context(Caller.ANONYMOUS)).read(expanded, false);
        assertThat(x.count()).isEqualTo(5);
        assertThat(x.queries()).extracting(q -> q.layer().name()).containsExactly("trees", "roads", "trees");

        // gml:AbstractFeature: every type the caller sees
        Element byName = service(Caller.ANONYMOUS).invocation(kvp("STOREDQUERY_ID", "urn:example:wfs2-query:GetFeatureByName",
                "name", "<&\""), false);
        assertThat(new GetFeatureXmlReader(context(Caller.ANONYMOUS)).read(byName, false).queries())
                .extracting(q -> q.layer().name()).containsExactly("roads", "trees");

        // GetFeatureById and ordinary requests pass through untouched
        assertThat(service(Caller.ANONYMOUS).invocation(kvp("STOREDQUERY_ID", "urn:ogc:def:query:OGC-WFS::GetFeatureById",
                "ID", "roads.1"), false)).isNull();
        assertThat(service(Caller.ANONYMOUS).invocation(kvp("TYPENAMES", "shikong:roads"), false)).isNull();
    }

    @Test
    void invocationErrors() {
        createAll(LANES);
        assertThatThrownBy(() -> service(Caller.ANONYMOUS).invocation(kvp("STOREDQUERY_ID", "urn:t:Lanes"), false))
                .isInstanceOfSatisfying(ShikongException.class, e -> {
                    assertThat(e.code()).isEqualTo("MissingParameterValue");
                    assertThat(e.locator()).isEqualTo("min");
                });
        assertThatThrownBy(() -> service(Caller.ANONYMOUS).invocation(kvp("STOREDQUERY_ID", "urn:t:None"), false))
                .isInstanceOfSatisfying(ShikongException.class, e -> {
                    assertThat(e.code()).isEqualTo("InvalidParameterValue");
                    assertThat(e.locator()).isEqualTo("STOREDQUERY_ID");
                });
        assertThatThrownBy(() -> service(Caller.ANONYMOUS).expand(xml("<wfs:GetFeature xmlns:wfs='http://www.opengis.net/wfs/2.0'>"
                + "<wfs:StoredQuery id='urn:t:None'/></wfs:GetFeature>")))
                .isInstanceOfSatisfying(ShikongException.class, e -> assertThat(e.locator()).containsIgnoringCase("id"));
        assertThatThrownBy(() -> write(x -> service(Caller.ANONYMOUS).describe(List.of("urn:t:None"), "STOREDQUERY_ID", x)))
                .isInstanceOfSatisfying(ShikongException.class, e -> assertThat(e.code()).isEqualTo("InvalidParameterValue"));
    }

    @Test
    void aDuplicateIdIsRefusedNamingIt() {
        createAll(BY_NAME);
        for (String request : List.of(BY_NAME, BY_NAME.replace("urn:example:wfs2-query:GetFeatureByName",
                "urn:ogc:def:query:OGC-WFS::GetFeatureById"))) {
            assertThatThrownBy(() -> write(x -> service(EDITOR).create(xml(request), x)))
                    .isInstanceOfSatisfying(ShikongException.class, e -> {
                        assertThat(e.code()).isEqualTo("DuplicateStoredQueryIdValue");
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.locator()).contains("GetFeatureBy");
                    });
        }
        assertThat(repository.records).containsOnlyKeys("urn:example:wfs2-query:GetFeatureByName");
    }

    @Test
    void definitionsAreCheckedAgainstTheCatalog() {
        String unknownType = create("urn:t:x", "", "<wfs:Query typeNames='shikong:nothing'/>");
        String restricted = create("urn:t:x", "", "<wfs:Query typeNames='shikong:secret'/>");
        String badFilter = create("urn:t:x", "", "<wfs:Query typeNames='shikong:roads'><fes:Filter><fes:Fancy/></fes:Filter></wfs:Query>");
        String badSrs = create("urn:t:x", "<wfs:Parameter name='n' type='xsd:string'/>",
                "<wfs:Query typeNames='${n}' srsName='EPSG:2154'/>");
        for (String request : List.of(unknownType, restricted, badFilter, badSrs)) {
            assertThatThrownBy(() -> write(x -> service(EDITOR).create(xml(request), x)))
                    .as(request).isInstanceOfSatisfying(ShikongException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.code()).isIn("InvalidParameterValue", "InvalidCRS");
                        assertThat(e.getMessage()).contains("urn:t:x");
                    });
        }
        // a parameter whose placeholder may not fit where it goes is not held against the query
        createAll(create("urn:t:coords", "<wfs:Parameter name='pos' type='xsd:string'/>",
                "<wfs:Query typeNames='shikong:trees'><fes:Filter xmlns:gml='http://www.opengis.net/gml/3.2'><fes:Intersects>"
                        + "<fes:ValueReference>geom</fes:ValueReference><gml:Point srsName='urn:ogc:def:crs:EPSG::4490'>"
                        + "<gml:pos>${pos}</gml:pos></gml:Point></fes:Intersects></fes:Filter></wfs:Query>"));
        assertThat(repository.records).containsOnlyKeys("urn:t:coords");
    }

    @Test
    void limitsAreNamed() {
        String big = create("urn:t:big", "<wfs:Title>" + "x".repeat(StoredQueryService.MAX_DEFINITION_BYTES) + "</wfs:Title>",
                "<wfs:Query typeNames='shikong:roads'/>");
        assertThatThrownBy(() -> write(x -> service(EDITOR).create(xml(big), x)))
                .isInstanceOfSatisfying(ShikongException.class, e -> assertThat(e.getMessage()).contains("MAX_DEFINITION_BYTES"));
        repository.extraCount = StoredQueryService.MAX_STORED_QUERIES;
        assertThatThrownBy(() -> write(x -> service(EDITOR).create(xml(LANES), x)))
                .isInstanceOfSatisfying(ShikongException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("MAX_STORED_QUERIES");
                });
        assertThat(repository.records).isEmpty();
    }

    @Test
    void onlyCallersWhoMayWriteManageQueries() {
        for (Caller c : List.of(Caller.ANONYMOUS, Caller.of("reader", "x"))) {
            assertThat(StoredQueryService.mayManage(context(c))).isFalse();
            assertThatThrownBy(() -> write(x -> service(c).create(xml(LANES), x)))
                    .isInstanceOfSatisfying(ShikongException.class, e -> {
                        assertThat(e.status()).isEqualTo(403);
                        assertThat(e.code()).isEqualTo("OperationNotPermitted");
                    });
        }
        assertThat(StoredQueryService.mayManage(context(Caller.of("root", Caller.ADMIN)))).isTrue();
        createAll(LANES);
        assertThatThrownBy(() -> write(x -> service(Caller.ANONYMOUS).drop("urn:t:Lanes", "id", x)))
                .isInstanceOfSatisfying(ShikongException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThat(write(x -> service(EDITOR).drop("urn:t:Lanes", "id", x))).contains("DropStoredQueryResponse");
        for (String id : List.of("urn:t:Lanes", "urn:ogc:def:query:OGC-WFS::GetFeatureById")) {
            assertThatThrownBy(() -> write(x -> service(EDITOR).drop(id, "id", x)))
                    .isInstanceOfSatisfying(ShikongException.class, e -> {
                        assertThat(e.code()).isEqualTo("InvalidParameterValue");
                        assertThat(e.locator()).isEqualTo("id");
                    });
        }
    }
}
