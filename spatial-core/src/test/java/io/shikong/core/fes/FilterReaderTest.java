package io.shikong.core.fes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shikong.core.catalog.CatalogLoader;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.security.Caller;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.geotools.api.filter.Filter;
import org.geotools.api.filter.Id;
import org.geotools.api.filter.PropertyIsEqualTo;
import org.geotools.api.filter.PropertyIsLike;
import org.geotools.api.filter.expression.Add;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Geometry;
import org.w3c.dom.Element;

/**
 * The one filter reader in its two profiles: the same Like defaults, WFS's ids and first-problem
 * InvalidParameterValue, SLD's arithmetic and collected problems. (WFS's GML operands, axis order and CRS:
 * ows' FilterXmlParserTest; SLD messages in context: styles' SldValidationTest.)
 */
class FilterReaderTest {

    static final LayerDefinition ROADS = CatalogLoader.load(new ByteArrayInputStream("""
            layers: [{name: roads, geometry: LineString, attributes: [{name: name, type: string}, {name: lanes, type: int}]}]
            """.getBytes(StandardCharsets.UTF_8))).layer("roads", Caller.ANONYMOUS);

    static final GeometryOperands NO_GEOMETRIES = new GeometryOperands() {
        @Override
        public Geometry geometry(Element gml) {
            throw new AssertionError();
        }

        @Override
        public Geometry envelope(Element gml) {
            throw new AssertionError();
        }
    };

    static Element element(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                    .getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String filter(String ns, String body) {
        String uri = ns.equals("fes") ? "http://www.opengis.net/fes/2.0" : "http://www.opengis.net/ogc";
        return "<" + ns + ":Filter xmlns:" + ns + "=\"" + uri + "\">" + body.replace("X:", ns + ":") + "</" + ns + ":Filter>";
    }

    static Filter wfs(String xml) {
        return FilterReader.forLayer(FilterProfile.WFS, ROADS, NO_GEOMETRIES, "filter").read(element(xml));
    }

    static List<String> problems = new ArrayList<>();

    static Filter sld(String xml) {
        problems = new ArrayList<>();
        return FilterReader.collecting(FilterProfile.SLD, new FilterProblems() {
            @Override
            public void problem(String message) {
                problems.add(message);
            }

            @Override
            public String in(Element e) {
                return "Filter of Rule 'r'";
            }
        }).read(element(xml));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fes", "ogc"})
    void likeDefaultsAreTheSameInBothProfiles(String ns) {
        String xml = filter(ns, "<X:PropertyIsLike><X:ValueReference>name</X:ValueReference><X:Literal>沈?路*</X:Literal>"
                + "</X:PropertyIsLike>");
        for (Filter f : List.of(wfs(xml), sld(xml))) {
            PropertyIsLike like = (PropertyIsLike) f;
            assertThat(like.getWildCard()).isEqualTo("*");
            assertThat(like.getSingleChar()).isEqualTo("?");
            assertThat(like.getEscape()).isEqualTo("\\");
            assertThat(like.isMatchingCase()).isTrue();
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void likeCharactersMustBeSingleInBothProfiles() {
        String xml = filter("fes", "<X:PropertyIsLike wildCard=\"%%\"><X:ValueReference>name</X:ValueReference>"
                + "<X:Literal>a</X:Literal></X:PropertyIsLike>");
        assertThatThrownBy(() -> wfs(xml)).isInstanceOf(InvalidParameterException.class).hasMessageContaining("single characters");
        assertThat(sld(xml)).isNull();
        assertThat(problems).singleElement().asString().contains("single characters");
    }

    /** The 500s: empty and multi-character Like characters, and ambiguous ones, are 400s naming them. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "wildCard=\"\" singleChar=\".\" escapeChar=\"!\"|must be single characters, were '', '.' and '!'",
        "singleChar=\"\"|must be single characters, were '*', '' and '\\'",
        "escapeChar=\"\"|must be single characters, were '*', '?' and ''",
        "escape=\"\"|must be single characters, were '*', '?' and ''",
        "wildCard=\"**\" singleChar=\"..\"|must be single characters, were '**', '..' and '\\'",
        "wildCard=\"*\" singleChar=\"*\"|must be three different characters, were '*', '*' and '\\'",
        "wildCard=\"!\" escapeChar=\"!\"|must be three different characters, were '!', '?' and '!'",
        "singleChar=\"\\\"|must be three different characters, were '*', '\\' and '\\'",
    })
    void likeCharactersThatCannotBeUsedAreRefusedInBothProfiles(String attributes, String message) {
        String xml = filter("fes", "<X:PropertyIsLike " + attributes + "><X:ValueReference>name</X:ValueReference>"
                + "<X:Literal>a*</X:Literal></X:PropertyIsLike>");
        assertThatThrownBy(() -> wfs(xml)).isInstanceOfSatisfying(InvalidParameterException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.locator()).isEqualTo("filter");
            assertThat(e.getMessage()).isEqualTo("invalid filter: wildCard, singleChar and escapeChar of fes:PropertyIsLike "
                    + message + " in fes:Filter");
        });
        assertThat(sld(xml)).isNull();
        assertThat(problems).singleElement().asString().contains(message);
    }

    static String nested(String ns, int levels) {
        return filter(ns, "<X:Not>".repeat(levels) + "<X:PropertyIsNull><X:ValueReference>name</X:ValueReference>"
                + "</X:PropertyIsNull>" + "</X:Not>".repeat(levels));
    }

    @Test
    void filtersNestedDeeperThanTheLimitAreRefusedInBothProfiles() {
        // 62 Nots, the comparison and its value reference: 64 levels, the default limit
        assertThat(wfs(nested("fes", 62))).isNotNull();
        assertThat(sld(nested("ogc", 62))).isNotNull();
        assertThat(problems).isEmpty();
        assertThatThrownBy(() -> wfs(nested("fes", 63))).isInstanceOfSatisfying(InvalidParameterException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo("invalid filter: fes:ValueReference is nested deeper than 64 levels "
                    + "(shikong.query.max-filter-depth) in fes:Filter");
        });
        assertThat(sld(nested("ogc", 200))).isNull();
        assertThat(problems).singleElement().asString().contains("nested deeper than 64 levels (shikong.query.max-filter-depth)");
        // arithmetic nests too
        String sum = "<X:Add><X:Literal>1</X:Literal>".repeat(70) + "<X:Literal>1</X:Literal>" + "</X:Add>".repeat(70);
        assertThat(sld(filter("ogc", "<X:PropertyIsEqualTo><X:PropertyName>lanes</X:PropertyName>" + sum
                + "</X:PropertyIsEqualTo>"))).isNull();
        assertThat(problems).isNotEmpty().allSatisfy(p -> assertThat(p).contains("is nested deeper than 64 levels"));
    }

    @Test
    void wfsReadsIdsAndThrowsAtTheFirstProblem() {
        assertThat(((Id) wfs(filter("fes", "<X:ResourceId rid=\"roads.1\"/><X:ResourceId rid=\"roads.2\"/>"))).getIDs())
                .containsExactlyInAnyOrder("1", "2");
        assertThatThrownBy(() -> wfs(filter("fes", "<X:And><X:PropertyIsNull/><X:Fancy/></X:And>")))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                    assertThat(e.locator()).isEqualTo("filter");
                    assertThat(e.getMessage()).contains("PropertyIsNull needs exactly one operand");
                });
        // the SQL compiler compiles no arithmetic
        assertThatThrownBy(() -> wfs(filter("fes", "<X:PropertyIsEqualTo><X:ValueReference>lanes</X:ValueReference>"
                + "<X:Add><X:Literal>1</X:Literal><X:Literal>1</X:Literal></X:Add></X:PropertyIsEqualTo>")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("arithmetic operator fes:Add");
    }

    @Test
    void sldReadsArithmeticAndCollectsEveryProblem() {
        PropertyIsEqualTo eq = (PropertyIsEqualTo) sld(filter("ogc", "<X:PropertyIsEqualTo><X:PropertyName>lanes</X:PropertyName>"
                + "<X:Add><X:Literal>1</X:Literal><X:Literal>1</X:Literal></X:Add></X:PropertyIsEqualTo>"));
        assertThat(eq.getExpression2()).isInstanceOf(Add.class);
        assertThat(sld(filter("ogc", "<X:And><X:PropertyIsNull/><X:FeatureId fid=\"roads.1\"/></X:And>"))).isNull();
        assertThat(problems).containsExactly(
                "ogc:PropertyIsNull needs exactly one operand in Filter of Rule 'r'",
                "identifier filter ogc:FeatureId is not supported in style rules (in Filter of Rule 'r'): select by "
                        + "attributes; space and time come from the request");
    }

    @Test
    void aLiteralWithElementContentIsLeftToTheCompilerInWfsAndRefusedInSld() {
        // the OGC suite compares gml:boundedBy with a gml:Envelope literal and expects OperationProcessingFailed,
        // which the SQL compiler gives
        String xml = filter("fes", "<X:PropertyIsLessThanOrEqualTo><X:Literal><e>1 2</e></X:Literal>"
                + "<X:ValueReference>gml:boundedBy</X:ValueReference></X:PropertyIsLessThanOrEqualTo>");
        assertThat(wfs(xml)).isNotNull();
        assertThat(sld(xml)).isNull();
        assertThat(problems).first().asString().contains("Literal with element content (e)");
    }

    @Test
    void aProfileAndItsErrorStrategyGoTogether() {
        assertThatThrownBy(() -> FilterReader.collecting(FilterProfile.WFS, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FilterReader.forLayer(FilterProfile.SLD, ROADS, NO_GEOMETRIES, "filter"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
