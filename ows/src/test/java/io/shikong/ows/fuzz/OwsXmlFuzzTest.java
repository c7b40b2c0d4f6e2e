package io.shikong.ows.fuzz;

import io.shikong.core.fuzz.Fuzz;
import io.shikong.core.security.Caller;
import io.shikong.ows.SrsName;
import io.shikong.ows.fes.FilterXmlParser;
import io.shikong.ows.gml.GmlGeometryReader;
import io.shikong.ows.wfs.WfsVersion;
import io.shikong.ows.wfs.getfeature.GetFeatureXmlReader;
import io.shikong.ows.wfs.transaction.TransactionXmlReader;
import io.shikong.ows.wms.WmsStyles;
import io.shikong.ows.xml.SecureXml;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.w3c.dom.Element;

/**
 * The XML readers fuzzed: WFS GetFeature and Transaction POST bodies, FES 2.0 and Filter 1.1 filters with GML
 * operands, GML geometries and SLD_BODY. Two kinds of input: the documents mutated as text (mostly no longer
 * well-formed: the parser's 400s), and templates whose values ({@code §}) are filled with odd tokens and
 * mutated values, escaped, so that the document stays well-formed and the readers themselves see the odd
 * values. Each reads or is an OGC exception with a 4xx.
 */
class OwsXmlFuzzTest {

    static final String WFS20 = "service=\"WFS\" version=\"2.0.0\" xmlns:wfs=\"http://www.opengis.net/wfs/2.0\" "
            + "xmlns:fes=\"http://www.opengis.net/fes/2.0\" xmlns:gml=\"http://www.opengis.net/gml/3.2\" "
            + "xmlns:shikong=\"http://shikong.io/features\"";
    static final String WFS11 = "service=\"WFS\" version=\"1.1.0\" xmlns:wfs=\"http://www.opengis.net/wfs\" "
            + "xmlns:ogc=\"http://www.opengis.net/ogc\" xmlns:gml=\"http://www.opengis.net/gml\" "
            + "xmlns:shikong=\"http://shikong.io/features\"";

    /** FES 2.0 predicates over roads, with § for values. */
    static final List<String> PREDICATES = List.of(
            "<fes:PropertyIsEqualTo matchCase=\"§\"><fes:ValueReference>§</fes:ValueReference><fes:Literal>§</fes:Literal></fes:PropertyIsEqualTo>",
            "<fes:PropertyIsLike wildCard=\"§\" singleChar=\"§\" escapeChar=\"§\"><fes:ValueReference>name</fes:ValueReference>"
                    + "<fes:Literal>§</fes:Literal></fes:PropertyIsLike>",
            "<fes:PropertyIsBetween><fes:ValueReference>lanes</fes:ValueReference><fes:LowerBoundary><fes:Literal>§</fes:Literal>"
                    + "</fes:LowerBoundary><fes:UpperBoundary><fes:Literal>§</fes:Literal></fes:UpperBoundary></fes:PropertyIsBetween>",
            "<fes:BBOX><fes:ValueReference>geom</fes:ValueReference><gml:Envelope srsName=\"§\"><gml:lowerCorner>§</gml:lowerCorner>"
                    + "<gml:upperCorner>§</gml:upperCorner></gml:Envelope></fes:BBOX>",
            "<fes:Intersects><fes:ValueReference>geom</fes:ValueReference><gml:Polygon srsName=\"§\"><gml:exterior><gml:LinearRing>"
                    + "<gml:posList srsDimension=\"§\">§</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></fes:Intersects>",
            "<fes:DWithin><fes:ValueReference>geom</fes:ValueReference><gml:Point srsName=\"EPSG:4326\"><gml:pos>§</gml:pos></gml:Point>"
                    + "<fes:Distance uom=\"§\">§</fes:Distance></fes:DWithin>",
            "<fes:During><fes:ValueReference>opened</fes:ValueReference><gml:TimePeriod gml:id=\"t\"><gml:beginPosition>§"
                    + "</gml:beginPosition><gml:endPosition>§</gml:endPosition></gml:TimePeriod></fes:During>",
            "<fes:ResourceId rid=\"§\" version=\"§\" startDate=\"§\" endDate=\"§\"/>",
            "<fes:Not><fes:PropertyIsNull><fes:ValueReference>§</fes:ValueReference></fes:PropertyIsNull></fes:Not>",
            "<fes:And><fes:PropertyIsNil><fes:ValueReference>name</fes:ValueReference></fes:PropertyIsNil>"
                    + "<fes:PropertyIsGreaterThan><fes:ValueReference>lanes</fes:ValueReference><fes:Literal>§</fes:Literal>"
                    + "</fes:PropertyIsGreaterThan></fes:And>");

    /** GML geometries in the GML 2, 3.1.1 and 3.2 forms, with § for values. */
    static final List<String> GEOMETRIES = List.of(
            "<gml:Point xmlns:gml=\"http://www.opengis.net/gml/3.2\" srsName=\"§\"><gml:pos>§</gml:pos></gml:Point>",
            "<gml:LineString xmlns:gml=\"http://www.opengis.net/gml\" srsName=\"EPSG:4490\"><gml:coordinates cs=\"§\" ts=\"§\" "
                    + "decimal=\"§\">§</gml:coordinates></gml:LineString>",
            "<gml:Polygon xmlns:gml=\"http://www.opengis.net/gml\" srsName=\"EPSG:4326\"><gml:outerBoundaryIs><gml:LinearRing>"
                    + "<gml:coordinates>§</gml:coordinates></gml:LinearRing></gml:outerBoundaryIs><gml:innerBoundaryIs><gml:LinearRing>"
                    + "<gml:coord><gml:X>§</gml:X><gml:Y>§</gml:Y></gml:coord></gml:LinearRing></gml:innerBoundaryIs></gml:Polygon>",
            "<gml:MultiSurface xmlns:gml=\"http://www.opengis.net/gml/3.2\" srsName=\"urn:ogc:def:crs:EPSG::4490\" srsDimension=\"§\">"
                    + "<gml:surfaceMember><gml:Polygon><gml:exterior><gml:LinearRing><gml:posList>§</gml:posList></gml:LinearRing>"
                    + "</gml:exterior></gml:Polygon></gml:surfaceMember></gml:MultiSurface>",
            "<gml:Envelope xmlns:gml=\"http://www.opengis.net/gml/3.2\" srsName=\"§\"><gml:lowerCorner>§</gml:lowerCorner>"
                    + "<gml:upperCorner>§</gml:upperCorner></gml:Envelope>",
            "<gml:MultiGeometry xmlns:gml=\"http://www.opengis.net/gml\"><gml:geometryMember><gml:Box><gml:coordinates>§"
                    + "</gml:coordinates></gml:Box></gml:geometryMember><gml:geometryMember><gml:MultiPoint><gml:pointMember>"
                    + "<gml:Point><gml:pos>§</gml:pos></gml:Point></gml:pointMember></gml:MultiPoint></gml:geometryMember></gml:MultiGeometry>");

    static final List<String> VALUES = List.of("123.3 41.7", "41.7 123.3 41.9 123.6 41.7 123.7 41.7 123.3", "123,41 124,41 124,42 123,41",
            "EPSG:4326", "urn:ogc:def:crs:EPSG::4490", "2", "3", "*", ".", "!", "roads.1", "roads.1-v2", "LAST", "3",
            "2020-01-01T00:00:00Z", "true", "false", "100", "m", "name", "lanes", "geom");

    static String getFeature20(String predicate) {
        return "<wfs:GetFeature " + WFS20 + " count=\"§\" startIndex=\"§\"><wfs:Query typeNames=\"shikong:roads\" srsName=\"§\">"
                + "<fes:Filter>" + predicate + "</fes:Filter><fes:SortBy><fes:SortProperty><fes:ValueReference>§</fes:ValueReference>"
                + "<fes:SortOrder>§</fes:SortOrder></fes:SortProperty></fes:SortBy></wfs:Query></wfs:GetFeature>";
    }

    static final List<String> DOCUMENTS = List.of(
            getFeature20(PREDICATES.get(0)), getFeature20(PREDICATES.get(3)), getFeature20(PREDICATES.get(6)),
            "<wfs:GetFeature " + WFS11 + " maxFeatures=\"§\" resultType=\"§\"><wfs:Query typeName=\"§\"><ogc:Filter><ogc:PropertyIsLike "
                    + "wildCard=\"*\" singleChar=\".\" escape=\"§\"><ogc:PropertyName>name</ogc:PropertyName><ogc:Literal>§</ogc:Literal>"
                    + "</ogc:PropertyIsLike></ogc:Filter></wfs:Query></wfs:GetFeature>",
            "<wfs:Transaction " + WFS20 + "><wfs:Insert><shikong:roads gml:id=\"§\"><shikong:name>§</shikong:name><shikong:lanes>§"
                    + "</shikong:lanes><shikong:geom><gml:LineString srsName=\"§\"><gml:posList>§</gml:posList></gml:LineString>"
                    + "</shikong:geom></shikong:roads></wfs:Insert></wfs:Transaction>",
            "<wfs:Transaction " + WFS20 + "><wfs:Update typeName=\"shikong:roads\"><wfs:Property><wfs:ValueReference>§"
                    + "</wfs:ValueReference><wfs:Value>§</wfs:Value></wfs:Property><fes:Filter><fes:ResourceId rid=\"§\"/></fes:Filter>"
                    + "</wfs:Update><wfs:Delete typeName=\"§\"><fes:Filter>" + PREDICATES.get(1) + "</fes:Filter></wfs:Delete>"
                    + "</wfs:Transaction>",
            "<wfs:Transaction " + WFS11 + " releaseAction=\"§\"><wfs:LockId>§</wfs:LockId><wfs:Delete typeName=\"shikong:roads\">"
                    + "<ogc:Filter><ogc:FeatureId fid=\"§\"/></ogc:Filter></wfs:Delete></wfs:Transaction>");

    static final List<String> SLDS = List.of(
            "<StyledLayerDescriptor version=\"1.0.0\" xmlns=\"http://www.opengis.net/sld\" xmlns:ogc=\"http://www.opengis.net/ogc\">"
                    + "<NamedLayer><Name>buildings</Name><UserStyle><FeatureTypeStyle><Rule><ogc:Filter><ogc:PropertyIsLike "
                    + "wildCard=\"§\" singleChar=\"§\" escape=\"§\"><ogc:PropertyName>name</ogc:PropertyName><ogc:Literal>§"
                    + "</ogc:Literal></ogc:PropertyIsLike></ogc:Filter><MinScaleDenominator>§</MinScaleDenominator><PolygonSymbolizer>"
                    + "<Fill><CssParameter name=\"fill\">§</CssParameter></Fill><Stroke><CssParameter name=\"stroke-width\">§"
                    + "</CssParameter><CssParameter name=\"stroke-dasharray\">§</CssParameter><CssParameter name=\"stroke-dashoffset\">§"
                    + "</CssParameter></Stroke></PolygonSymbolizer></Rule></FeatureTypeStyle></UserStyle></NamedLayer>"
                    + "</StyledLayerDescriptor>",
            "<StyledLayerDescriptor version=\"1.1.0\" xmlns=\"http://www.opengis.net/sld\" xmlns:se=\"http://www.opengis.net/se\" "
                    + "xmlns:ogc=\"http://www.opengis.net/ogc\"><NamedLayer><se:Name>roads</se:Name><UserStyle><se:FeatureTypeStyle>"
                    + "<se:Rule><ogc:Filter><ogc:PropertyIsGreaterThan><ogc:PropertyName>lanes</ogc:PropertyName><ogc:Add><ogc:Literal>§"
                    + "</ogc:Literal><ogc:Literal>§</ogc:Literal></ogc:Add></ogc:PropertyIsGreaterThan></ogc:Filter><se:LineSymbolizer>"
                    + "<se:Stroke><se:SvgParameter name=\"stroke\">§</se:SvgParameter><se:SvgParameter name=\"stroke-opacity\">§"
                    + "</se:SvgParameter></se:Stroke></se:LineSymbolizer><se:PointSymbolizer><se:Graphic><se:Mark><se:WellKnownName>§"
                    + "</se:WellKnownName></se:Mark><se:Size>§</se:Size><se:Rotation>§</se:Rotation></se:Graphic></se:PointSymbolizer>"
                    + "<se:TextSymbolizer><se:Label>§</se:Label><se:Font><se:SvgParameter name=\"font-size\">§</se:SvgParameter>"
                    + "</se:Font></se:TextSymbolizer></se:Rule></se:FeatureTypeStyle></UserStyle></NamedLayer></StyledLayerDescriptor>");

    static final List<String[]> XML_NESTING = List.of(new String[] {"<fes:Not>", "</fes:Not>"},
            new String[] {"<fes:And><fes:PropertyIsNull><fes:ValueReference>name</fes:ValueReference></fes:PropertyIsNull>",
                "</fes:And>"},
            new String[] {"<gml:MultiGeometry><gml:geometryMember>", "</gml:geometryMember></gml:MultiGeometry>"},
            new String[] {"<ogc:Add><ogc:Literal>1</ogc:Literal>", "</ogc:Add>"}, new String[] {"<a>", "</a>"},
            new String[] {"<!--", "-->"}, new String[] {"<![CDATA[", "]]>"});

    /** A template filled with odd tokens and mutated values (well-formed), or the filled document mutated as text. */
    static Arbitrary<String> documents(List<String> templates) {
        Arbitrary<List<String>> values = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Fuzz.inputs(VALUES)),
                net.jqwik.api.Tuple.of(2, Fuzz.tokens())).list().ofMinSize(1).ofMaxSize(12);
        Arbitrary<String> filled = Combinators.combine(Arbitraries.of(templates), values).as(OwsFixture::fill);
        Arbitrary<String> valid = Arbitraries.of(templates).map(t -> OwsFixture.fill(t, VALUES));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, filled),
                net.jqwik.api.Tuple.of(2, Combinators.combine(valid, Fuzz.mutations(XML_NESTING).list().ofMinSize(1).ofMaxSize(4))
                        .as(Fuzz::apply)));
    }

    static Element parse(String xml, String locator) {
        return SecureXml.parse(xml.getBytes(StandardCharsets.UTF_8), locator).getDocumentElement();
    }

    @Provide
    Arbitrary<String> wfsDocuments() {
        return documents(DOCUMENTS);
    }

    @Provide
    Arbitrary<String> filters() {
        return documents(PREDICATES.stream().map(p -> "<fes:Filter xmlns:fes=\"http://www.opengis.net/fes/2.0\" "
                + "xmlns:gml=\"http://www.opengis.net/gml/3.2\">" + p + "</fes:Filter>").toList());
    }

    @Provide
    Arbitrary<String> geometries() {
        return documents(GEOMETRIES);
    }

    @Provide
    Arbitrary<String> slds() {
        return documents(SLDS);
    }

    @Property
    void wfsGetFeatureAndTransactionPost(@ForAll("wfsDocuments") String xml) {
        for (WfsVersion v : WfsVersion.values()) {
            Fuzz.readsOrRefuses(xml, () -> {
                Element root = parse(xml, "request");
                return root.getLocalName().equals("Transaction")
                        ? new TransactionXmlReader(OwsFixture.wfs(v, OwsFixture.EDITOR)).read(root)
                        : new GetFeatureXmlReader(OwsFixture.wfs(v, Caller.ANONYMOUS)).read(root, false);
            });
        }
    }

    @Property
    void fesFilters(@ForAll("filters") String xml) {
        Fuzz.readsOrRefuses(xml, () -> new FilterXmlParser(OwsFixture.CATALOG.layer("roads", Caller.ANONYMOUS), OwsFixture.CRS,
                "filter").parse(parse(xml, "filter")));
        Fuzz.readsOrRefuses(xml, () -> new FilterXmlParser(OwsFixture.CATALOG.layer("buildings", Caller.ANONYMOUS),
                OwsFixture.CRS, "filter").readingXy(true).parse(parse(xml, "filter")));
    }

    @Property
    void gmlGeometries(@ForAll("geometries") String xml) {
        GmlGeometryReader reader = new GmlGeometryReader(OwsFixture.CRS, SrsName.urn(OwsFixture.CRS.storage()), "geometry");
        Fuzz.readsOrRefuses(xml, () -> reader.read(parse(xml, "geometry")));
    }

    @Property
    void sldBody(@ForAll("slds") String xml) {
        Fuzz.readsOrRefuses(xml, () -> WmsStyles.parse(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
