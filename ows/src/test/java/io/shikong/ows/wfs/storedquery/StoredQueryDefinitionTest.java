package io.shikong.ows.wfs.storedquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shikong.core.error.ShikongException;
import io.shikong.ows.xml.SecureXml;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** Reading a StoredQueryDefinition, and substituting parameter values into its expression. */
class StoredQueryDefinitionTest {

    static final String WFS = "http://www.opengis.net/wfs/2.0";
    static final String LANGUAGE = "urn:ogc:def:queryLanguage:OGC-WFS::WFSQueryExpression";

    /** The two definitions OGC's suite creates (its request templates, as they are). */
    static final String BY_TYPE_NAME = """
            <CreateStoredQuery version="2.0.0" service="WFS" xmlns="http://www.opengis.net/wfs/2.0">
              <StoredQueryDefinition id="urn:example:wfs2-query:GetFeatureByTypeName"
                xmlns:xsd="http://www.w3.org/2001/XMLSchema">
                <Title>GetFeatureByTypeName</Title>
                <Abstract>Returns feature representations by type name.</Abstract>
                <Parameter name="typeName" type="xsd:QName">
                  <Abstract>Qualified name of feature type (required).</Abstract>
                </Parameter>
                <QueryExpressionText returnFeatureTypes=""
                  language="urn:ogc:def:queryLanguage:OGC-WFS::WFSQueryExpression" isPrivate="false">
                  <Query typeNames="${typeName}" />
                </QueryExpressionText>
              </StoredQueryDefinition>
            </CreateStoredQuery>""";
    static final String BY_NAME = """
            <CreateStoredQuery version="2.0.0" service="WFS" xmlns="http://www.opengis.net/wfs/2.0">
              <StoredQueryDefinition id="urn:example:wfs2-query:GetFeatureByName"
                xmlns:xsd="http://www.w3.org/2001/XMLSchema">
                <Title>GetFeatureByName</Title>
                <Parameter name="name" type="xsd:string"/>
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

    static Element definition(String createStoredQuery) {
        Element root = SecureXml.parse(createStoredQuery.getBytes(StandardCharsets.UTF_8), "request").getDocumentElement();
        return (Element) root.getElementsByTagNameNS(WFS, "StoredQueryDefinition").item(0);
    }

    static StoredQueryDefinition read(String createStoredQuery) {
        return StoredQueryDefinition.read(definition(createStoredQuery));
    }

    /** A definition with one query expression and the given parameters. */
    static String create(String id, String parameters, String query) {
        return "<wfs:CreateStoredQuery xmlns:wfs='" + WFS + "' xmlns:fes='http://www.opengis.net/fes/2.0' "
                + "xmlns:xsd='http://www.w3.org/2001/XMLSchema' service='WFS' version='2.0.0'>"
                + "<wfs:StoredQueryDefinition id='" + id + "'>" + parameters
                + "<wfs:QueryExpressionText returnFeatureTypes='' language='" + LANGUAGE + "'>" + query
                + "</wfs:QueryExpressionText></wfs:StoredQueryDefinition></wfs:CreateStoredQuery>";
    }

    @Test
    void readsTheSuitesDefinition() {
        StoredQueryDefinition d = read(BY_TYPE_NAME);
        assertThat(d.id()).isEqualTo("urn:example:wfs2-query:GetFeatureByTypeName");
        assertThat(d.titles()).extracting(StoredQueryDefinition.Text::text).containsExactly("GetFeatureByTypeName");
        assertThat(d.parameters()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("typeName");
            assertThat(p.isXsd("QName")).isTrue();
        });
        assertThat(d.expressions()).singleElement().satisfies(e -> {
            assertThat(e.language()).isEqualTo(LANGUAGE);
            assertThat(e.isPrivate()).isFalse();
            assertThat(e.template()).contains("typeNames=\"${typeName}\"");
        });
    }

    @Test
    void substitutesAValueIntoAnAttribute() {
        List<Element> queries = read(BY_TYPE_NAME).queries(Map.of("typeName", StoredQueryDefinition.Value.text("tns:buildings")));
        assertThat(queries).singleElement().satisfies(q -> {
            assertThat(q.getLocalName()).isEqualTo("Query");
            assertThat(q.getNamespaceURI()).isEqualTo(WFS);
            assertThat(q.getAttribute("typeNames")).isEqualTo("tns:buildings");
        });
    }

    @Test
    void valuesAreEscapedAndNeverSubstitutedTwice() {
        String value = "a<b&c\"d'e>f ${name} ]]>";
        List<Element> queries = read(BY_NAME).queries(Map.of("name", StoredQueryDefinition.Value.text(value)));
        Element literal = (Element) queries.get(0).getElementsByTagNameNS("http://www.opengis.net/fes/2.0", "Literal").item(0);
        assertThat(literal.getTextContent()).isEqualTo("*" + value + "*");
        // the prefixes the expression uses inside values are still bound where it is read
        assertThat(queries.get(0).lookupNamespaceURI("gml")).isEqualTo("http://www.opengis.net/gml/3.2");

        String attribute = create("urn:t:attr", "<wfs:Parameter name='srs' type='xsd:string'/>",
                "<wfs:Query typeNames='shikong:roads' srsName='${srs}'/>");
        String tricky = "x\" injected=\"1' <&\ttab\nline";
        Element q = StoredQueryDefinition.read(definition(attribute))
                .queries(Map.of("srs", StoredQueryDefinition.Value.text(tricky))).get(0);
        assertThat(q.getAttribute("srsName")).isEqualTo(tricky);
        assertThat(q.hasAttribute("injected")).isFalse();
        assertThat(StoredQueryDefinition.escape("<&\"'>")).isEqualTo("&lt;&amp;&quot;&apos;&gt;");
    }

    @Test
    void aValueWithControlCharactersIsRefused() {
        assertThatThrownBy(() -> StoredQueryDefinition.Value.text("a\u0001b"))
                .isInstanceOfSatisfying(ShikongException.class, e -> assertThat(e.code()).isEqualTo("InvalidParameterValue"));
    }

    @Test
    void aMissingParameterIsNamed() {
        assertThatThrownBy(() -> read(BY_NAME).queries(Map.of()))
                .isInstanceOfSatisfying(ShikongException.class, e -> {
                    assertThat(e.code()).isEqualTo("MissingParameterValue");
                    assertThat(e.locator()).isEqualTo("name");
                    assertThat(e.status()).isEqualTo(400);
                });
    }

    @Test
    void anotherLanguageIsRefusedNamingLanguage() {
        String xml = BY_TYPE_NAME.replace("language=\"" + LANGUAGE + "\"", "language=\"http://qry.example.org\"");
        assertThatThrownBy(() -> read(xml)).isInstanceOfSatisfying(ShikongException.class, e -> {
            assertThat(e.code()).isEqualTo("InvalidParameterValue");
            assertThat(e.locator()).isEqualTo("language");
            assertThat(e.getMessage()).contains("http://qry.example.org").contains(LANGUAGE);
        });
    }

    @Test
    void badDefinitionsAreRefused() {
        String undeclared = create("urn:t:u", "", "<wfs:Query typeNames='${typeName}'/>");
        assertThatThrownBy(() -> StoredQueryDefinition.read(definition(undeclared)))
                .isInstanceOfSatisfying(ShikongException.class, e -> assertThat(e.getMessage()).contains("${typeName}"));
        String notAQuery = create("urn:t:n", "", "<wfs:StoredQuery id='x'/>");
        assertThatThrownBy(() -> StoredQueryDefinition.read(definition(notAQuery)))
                .isInstanceOfSatisfying(ShikongException.class, e -> assertThat(e.locator()).isEqualTo("QueryExpressionText"));
        String empty = create("urn:t:e", "", "");
        assertThatThrownBy(() -> StoredQueryDefinition.read(definition(empty)))
                .isInstanceOfSatisfying(ShikongException.class, e -> assertThat(e.locator()).isEqualTo("QueryExpressionText"));
        String twice = create("urn:t:t", "<wfs:Parameter name='a' type='xsd:string'/><wfs:Parameter name='a' type='xsd:int'/>",
                "<wfs:Query typeNames='shikong:roads'/>");
        assertThatThrownBy(() -> StoredQueryDefinition.read(definition(twice)))
                .isInstanceOfSatisfying(ShikongException.class, e -> assertThat(e.locator()).isEqualTo("Parameter"));
        String noId = create("", "", "<wfs:Query typeNames='shikong:roads'/>");
        assertThatThrownBy(() -> StoredQueryDefinition.read(definition(noId)))
                .isInstanceOfSatisfying(ShikongException.class, e -> assertThat(e.locator()).isEqualTo("id"));
        String longId = create("urn:" + "x".repeat(StoredQueryDefinition.MAX_ID_LENGTH), "", "<wfs:Query typeNames='shikong:roads'/>");
        assertThatThrownBy(() -> StoredQueryDefinition.read(definition(longId)))
                .isInstanceOfSatisfying(ShikongException.class, e -> assertThat(e.getMessage()).contains("MAX_ID_LENGTH"));
    }

    @Test
    void theStoredFormIsSelfContainedAndReadsBackTheSame() {
        StoredQueryDefinition d = read(BY_NAME);
        StoredQueryDefinition back = StoredQueryDefinition.parse(d.xml());
        assertThat(back.id()).isEqualTo(d.id());
        assertThat(back.parameters()).isEqualTo(d.parameters());
        assertThat(back.expressions().get(0).template()).isEqualTo(d.expressions().get(0).template());
        // the default namespace and the prefixes used only inside values travel with it
        Element q = back.expressions().get(0).queries().get(0);
        assertThat(q.getNamespaceURI()).isEqualTo(WFS);
        assertThat(q.lookupNamespaceURI("gml")).isEqualTo("http://www.opengis.net/gml/3.2");
        assertThat(back.parameters().get(0).typeNamespace()).isEqualTo("http://www.w3.org/2001/XMLSchema");
    }
}
