package io.shikong.ows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shikong.core.catalog.CatalogLoader;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.security.Caller;
import io.shikong.ows.fes.FilterXmlParser;
import io.shikong.ows.xml.SecureXml;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import org.geotools.api.filter.And;
import org.geotools.api.filter.BinaryComparisonOperator;
import org.geotools.api.filter.Filter;
import org.geotools.api.filter.Id;
import org.geotools.api.filter.Or;
import org.geotools.api.filter.PropertyIsBetween;
import org.geotools.api.filter.PropertyIsLike;
import org.geotools.api.filter.PropertyIsNil;
import org.geotools.api.filter.PropertyIsNull;
import org.geotools.api.filter.expression.Literal;
import org.geotools.api.filter.expression.PropertyName;
import org.geotools.api.filter.identity.ResourceId;
import org.geotools.api.filter.identity.Version;
import org.geotools.api.filter.spatial.BBOX;
import org.geotools.api.filter.spatial.DWithin;
import org.geotools.api.filter.spatial.Intersects;
import org.geotools.api.filter.temporal.During;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * FES 2.0 and Filter 1.1 XML to GeoTools filters: comparisons, Like defaults, resource ids with version
 * navigation, GML value references, WKT/axis-order checks on the geometry operands (BBOX with and without
 * srsName); bad filters to InvalidParameterValue and their locator.
 */
class FilterXmlParserTest {

    static final LayerDefinition ROADS = CatalogLoader.load(new ByteArrayInputStream("""
            layers: [{name: roads, geometry: LineString, attributes: [{name: name, type: string}, {name: opened, type: timestamp}]}]
            """.getBytes(StandardCharsets.UTF_8))).layer("roads", Caller.ANONYMOUS);
    static final String FES = "xmlns:fes=\"http://www.opengis.net/fes/2.0\" xmlns:gml=\"http://www.opengis.net/gml/3.2\"";

    static Filter parse(String xml) {
        return new FilterXmlParser(ROADS, new CrsService(), "filter")
                .parse(SecureXml.parse(xml.getBytes(StandardCharsets.UTF_8), "filter").getDocumentElement());
    }

    static Geometry literal(Object operand) {
        return (Geometry) ((Literal) operand).getValue();
    }

    @Test
    void qgisBboxInsideAndWithoutSrsNameIsLatitudeFirst() {
        // QGIS moves the bbox into the filter as fes:And(fes:BBOX, filter); GDAL leaves srsName out
        Filter f = parse("<fes:Filter " + FES + "><fes:And><fes:BBOX><fes:ValueReference>shikong:geom</fes:ValueReference>"
                + "<gml:Envelope><gml:lowerCorner>41.7 123.3</gml:lowerCorner><gml:upperCorner>41.9 123.6</gml:upperCorner></gml:Envelope>"
                + "</fes:BBOX><fes:PropertyIsLike wildCard=\"*\" singleChar=\".\" escapeChar=\"!\"><fes:ValueReference>name</fes:ValueReference>"
                + "<fes:Literal>*街*</fes:Literal></fes:PropertyIsLike></fes:And></fes:Filter>");
        And and = (And) f;
        BBOX bbox = (BBOX) and.getChildren().get(0);
        assertThat(literal(bbox.getExpression2()).toText())
                .isEqualTo("POLYGON ((123.3 41.7, 123.3 41.9, 123.6 41.9, 123.6 41.7, 123.3 41.7))");
        assertThat(literal(bbox.getExpression2()).getSRID()).isEqualTo(4490);
        PropertyIsLike like = (PropertyIsLike) and.getChildren().get(1);
        assertThat(like.getLiteral()).isEqualTo("*街*");
        assertThat(like.getEscape()).isEqualTo("!");
    }

    @Test
    void geometryOperandsFollowTheirSrsName() {
        Filter urn = parse("<fes:Filter " + FES + "><fes:Intersects><fes:ValueReference>geom</fes:ValueReference>"
                + "<gml:Point gml:id=\"p\" srsName=\"urn:ogc:def:crs:EPSG::4326\"><gml:pos>41.8 123.4</gml:pos></gml:Point>"
                + "</fes:Intersects></fes:Filter>");
        assertThat(literal(((Intersects) urn).getExpression2()).toText()).isEqualTo("POINT (123.4 41.8)");
        Filter code = parse("<fes:Filter " + FES + "><fes:Intersects><fes:ValueReference>geom</fes:ValueReference>"
                + "<gml:LineString gml:id=\"l\" srsName=\"EPSG:4326\"><gml:posList>123.4 41.8 123.5 41.9</gml:posList></gml:LineString>"
                + "</fes:Intersects></fes:Filter>");
        assertThat(literal(((Intersects) code).getExpression2()).toText()).isEqualTo("LINESTRING (123.4 41.8, 123.5 41.9)");
        Filter gml2 = parse("<ogc:Filter xmlns:ogc=\"http://www.opengis.net/ogc\" xmlns:gml=\"http://www.opengis.net/gml\">"
                + "<ogc:DWithin><ogc:PropertyName>geom</ogc:PropertyName><gml:Point srsName=\"EPSG:4490\">"
                + "<gml:coordinates>123.4,41.8</gml:coordinates></gml:Point><ogc:Distance units=\"m\">250</ogc:Distance>"
                + "</ogc:DWithin></ogc:Filter>");
        DWithin d = (DWithin) gml2;
        assertThat(d.getDistance()).isEqualTo(250);
        assertThat(literal(d.getExpression2()).toText()).isEqualTo("POINT (123.4 41.8)");
    }

    @Test
    void projectedOperandsAreTransformedToStorage() {
        Filter f = parse("<fes:Filter " + FES + "><fes:Intersects><fes:ValueReference>geom</fes:ValueReference>"
                + "<gml:Point gml:id=\"p\" srsName=\"urn:ogc:def:crs:EPSG::4529\"><gml:pos>4629511.995 41535737.204</gml:pos></gml:Point>"
                + "</fes:Intersects></fes:Filter>");
        Geometry g = literal(((Intersects) f).getExpression2());
        assertThat(g.getCoordinate().x).isCloseTo(123.43, org.assertj.core.data.Offset.offset(1e-7));
        assertThat(g.getCoordinate().y).isCloseTo(41.80, org.assertj.core.data.Offset.offset(1e-7));
    }

    @Test
    void temporalPeriod() {
        Filter f = parse("<fes:Filter " + FES + "><fes:During><fes:ValueReference>valid_from</fes:ValueReference>"
                + "<gml:TimePeriod gml:id=\"t\"><gml:beginPosition>2020-01-01T00:00:00Z</gml:beginPosition>"
                + "<gml:endPosition>2021-01-01T00:00:00Z</gml:endPosition></gml:TimePeriod></fes:During></fes:Filter>");
        assertThat(f).isInstanceOf(During.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<fes:Filter " + FES + "/>",
        "<fes:Filter " + FES + "><fes:Fancy/></fes:Filter>",
        "<fes:Filter " + FES + "><fes:And><fes:PropertyIsNull><fes:ValueReference>name</fes:ValueReference></fes:PropertyIsNull></fes:And></fes:Filter>",
        "<fes:Filter " + FES + "><fes:PropertyIsEqualTo><fes:ValueReference>name</fes:ValueReference></fes:PropertyIsEqualTo></fes:Filter>",
        "<fes:Filter " + FES + "><fes:Intersects><fes:ValueReference>geom</fes:ValueReference><gml:Point><gml:pos>1</gml:pos></gml:Point></fes:Intersects></fes:Filter>",
        "<fes:Filter " + FES + "><fes:Intersects><fes:ValueReference>geom</fes:ValueReference><gml:Polygon><gml:exterior><gml:LinearRing><gml:posList>1 2 3 4</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></fes:Intersects></fes:Filter>",
        "<fes:Filter " + FES + "><fes:Intersects><fes:ValueReference>geom</fes:ValueReference><gml:Point srsName=\"EPSG:2154\"><gml:pos>1 2</gml:pos></gml:Point></fes:Intersects></fes:Filter>",
        "<fes:Filter " + FES + "><fes:DWithin><fes:ValueReference>geom</fes:ValueReference><gml:Point><gml:pos>1 2</gml:pos></gml:Point><fes:Distance uom=\"m\">far</fes:Distance></fes:DWithin></fes:Filter>",
        "<fes:Filter " + FES + "><fes:After><fes:ValueReference>opened</fes:ValueReference><gml:TimeInstant><gml:timePosition>soon</gml:timePosition></gml:TimeInstant></fes:After></fes:Filter>",
        "<fes:Filter " + FES + "><fes:During><fes:ValueReference>opened</fes:ValueReference><gml:TimeInstant><gml:timePosition>2020-01-01</gml:timePosition></gml:TimeInstant></fes:During></fes:Filter>",
        "<fes:Filter " + FES + "><fes:Intersects><fes:ValueReference>geom</fes:ValueReference><gml:LineString><gml:posList srsDimension=\"x\">1 2 3 4</gml:posList></gml:LineString></fes:Intersects></fes:Filter>",
        "<fes:Filter " + FES + "><fes:Intersects><fes:ValueReference>geom</fes:ValueReference><gml:Point><gml:coord><gml:Y>1</gml:Y></gml:coord></gml:Point></fes:Intersects></fes:Filter>",
        "<fes:Filter " + FES + "><fes:BBOX><gml:Envelope><gml:pos>1</gml:pos><gml:pos>2</gml:pos></gml:Envelope></fes:BBOX></fes:Filter>",
        "<fes:Filter " + FES + "><fes:Intersects><fes:ValueReference>geom</fes:ValueReference><gml:MultiPoint><gml:pointMember><gml:LineString><gml:posList>1 2 3 4</gml:posList></gml:LineString></gml:pointMember></gml:MultiPoint></fes:Intersects></fes:Filter>",
    })
    void badFiltersAreInvalidParameterValues(String xml) {
        assertThatThrownBy(() -> parse(xml)).isInstanceOfSatisfying(io.shikong.core.error.ShikongException.class,
                e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void srsDimensionIsInherited() {
        Filter f = parse("<fes:Filter " + FES + "><fes:Intersects><fes:ValueReference>geom</fes:ValueReference>"
                + "<gml:LineString gml:id=\"l\" srsName=\"EPSG:4490\" srsDimension=\"3\"><gml:posList>123.4 41.8 5 123.5 41.9 6</gml:posList>"
                + "</gml:LineString></fes:Intersects></fes:Filter>");
        assertThat(literal(((Intersects) f).getExpression2()).getNumPoints()).isEqualTo(2);
    }

    @Test
    void absurdNestingIsRefusedNotAStackOverflow() {
        String deep = "<fes:Not>".repeat(5000) + "<fes:PropertyIsNull><fes:ValueReference>name</fes:ValueReference></fes:PropertyIsNull>"
                + "</fes:Not>".repeat(5000);
        assertThatThrownBy(() -> parse("<fes:Filter " + FES + ">" + deep + "</fes:Filter>"))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void aDoctypeIsRefusedBeforeAnythingIsRead() {
        assertThatThrownBy(() -> SecureXml.parse("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"
                .getBytes(StandardCharsets.UTF_8), "filter")).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("DOCTYPE");
    }

    // ---- comparisons, FES 2.0 and Filter 1.1 ----

    static final String OGC = "xmlns:ogc=\"http://www.opengis.net/ogc\" xmlns:gml=\"http://www.opengis.net/gml\"";

    /** One predicate in FES 2.0 ({@code fes}) or Filter 1.1 ({@code ogc}), with the dialect's property element. */
    static String filter(String dialect, String predicate) {
        String ref = dialect.equals("fes") ? "ValueReference" : "PropertyName";
        String ns = dialect.equals("fes") ? FES : OGC;
        return "<" + dialect + ":Filter " + ns + ">" + predicate.replace("REF", ref).replace("X:", dialect + ":")
                + "</" + dialect + ":Filter>";
    }

    static LayerDefinition layer(String yaml) {
        return CatalogLoader.load(new ByteArrayInputStream(("layers: [" + yaml + "]").getBytes(StandardCharsets.UTF_8)))
                .all().iterator().next();
    }

    static Filter parse(LayerDefinition layer, String xml) {
        return new FilterXmlParser(layer, new CrsService(), "filter")
                .parse(SecureXml.parse(xml.getBytes(StandardCharsets.UTF_8), "filter").getDocumentElement());
    }

    static String propertyName(Object expression) {
        return ((PropertyName) expression).getPropertyName();
    }

    static void assertInvalid(String xml, String locator) {
        assertThatThrownBy(() -> parse(xml)).isInstanceOfSatisfying(io.shikong.core.error.ShikongException.class, e -> {
            assertThat(e.code()).isEqualTo("InvalidParameterValue");
            assertThat(e.locator()).isEqualTo(locator);
            assertThat(OwsExceptionReport.status(e)).isEqualTo(400);
        });
    }

    @ParameterizedTest(name = "{0}:{1}")
    @CsvSource({
        "fes, PropertyIsEqualTo", "fes, PropertyIsNotEqualTo", "fes, PropertyIsLessThan", "fes, PropertyIsGreaterThan",
        "fes, PropertyIsLessThanOrEqualTo", "fes, PropertyIsGreaterThanOrEqualTo",
        "ogc, PropertyIsEqualTo", "ogc, PropertyIsNotEqualTo", "ogc, PropertyIsLessThan", "ogc, PropertyIsGreaterThan",
        "ogc, PropertyIsLessThanOrEqualTo", "ogc, PropertyIsGreaterThanOrEqualTo",
    })
    void comparisonsInBothDialects(String dialect, String operator) throws ClassNotFoundException {
        Filter f = parse(filter(dialect, "<X:" + operator + "><X:REF>name</X:REF><X:Literal>和平</X:Literal></X:" + operator + ">"));
        assertThat(f).isInstanceOf(Class.forName("org.geotools.api.filter." + operator));
        BinaryComparisonOperator c = (BinaryComparisonOperator) f;
        assertThat(propertyName(c.getExpression1())).isEqualTo("name");
        assertThat(((Literal) c.getExpression2()).getValue()).isEqualTo("和平");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fes", "ogc"})
    void matchCaseIsReadOffEqualTo(String dialect) {
        // only (Not)EqualTo: GeoTools' factory drops matchCase for greater() and fixes it false for lessOrEqual()
        Filter exact = parse(filter(dialect, "<X:PropertyIsEqualTo><X:REF>name</X:REF><X:Literal>a</X:Literal></X:PropertyIsEqualTo>"));
        assertThat(((BinaryComparisonOperator) exact).isMatchingCase()).isTrue();
        Filter caseless = parse(filter(dialect, "<X:PropertyIsEqualTo matchCase=\"false\"><X:REF>name</X:REF><X:Literal>a</X:Literal>"
                + "</X:PropertyIsEqualTo>"));
        assertThat(((BinaryComparisonOperator) caseless).isMatchingCase()).isFalse();
        Filter notEqual = parse(filter(dialect, "<X:PropertyIsNotEqualTo matchCase=\"FALSE\"><X:REF>name</X:REF><X:Literal>a</X:Literal>"
                + "</X:PropertyIsNotEqualTo>"));
        assertThat(((BinaryComparisonOperator) notEqual).isMatchingCase()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fes", "ogc"})
    void betweenNullAndNil(String dialect) {
        PropertyIsBetween between = (PropertyIsBetween) parse(filter(dialect, "<X:PropertyIsBetween><X:REF>opened</X:REF>"
                + "<X:LowerBoundary><X:Literal>2020-01-01</X:Literal></X:LowerBoundary><X:UpperBoundary><X:Literal>2021-01-01"
                + "</X:Literal></X:UpperBoundary></X:PropertyIsBetween>"));
        assertThat(propertyName(between.getExpression())).isEqualTo("opened");
        assertThat(((Literal) between.getLowerBoundary()).getValue()).isEqualTo("2020-01-01");
        assertThat(((Literal) between.getUpperBoundary()).getValue()).isEqualTo("2021-01-01");
        assertThat(propertyName(((PropertyIsNull) parse(filter(dialect, "<X:PropertyIsNull><X:REF>name</X:REF></X:PropertyIsNull>")))
                .getExpression())).isEqualTo("name");
        assertThat(parse(filter(dialect, "<X:PropertyIsNil><X:REF>name</X:REF></X:PropertyIsNil>"))).isInstanceOf(PropertyIsNil.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "<X:PropertyIsBetween><X:REF>opened</X:REF><X:LowerBoundary><X:Literal>1</X:Literal></X:LowerBoundary></X:PropertyIsBetween>",
        "<X:PropertyIsLike><X:REF>name</X:REF></X:PropertyIsLike>",
        "<X:PropertyIsLike><X:Literal>a*</X:Literal></X:PropertyIsLike>",
        "<X:PropertyIsNull/>",
        "<X:Or><X:PropertyIsNull><X:REF>name</X:REF></X:PropertyIsNull></X:Or>",
        "<X:And/>",
        "<X:Not/>",
        "<X:Not><X:PropertyIsNull><X:REF>name</X:REF></X:PropertyIsNull><X:PropertyIsNull><X:REF>name</X:REF></X:PropertyIsNull></X:Not>",
        "<X:PropertyIsNull><X:REF>name</X:REF></X:PropertyIsNull><X:PropertyIsNull><X:REF>name</X:REF></X:PropertyIsNull>",
        "<X:ResourceId rid=\"roads.1\"/><X:PropertyIsNull><X:REF>name</X:REF></X:PropertyIsNull>",
        "<X:ResourceId/>",
    })
    void malformedPredicatesAreInvalidParameterValuesOnTheFilter(String predicate) {
        assertInvalid(filter("fes", predicate), "filter");
        assertInvalid(filter("ogc", predicate), "filter");
    }

    @Test
    void andAndOrTakeTwoOrMoreOperands() {
        String isNull = "<fes:PropertyIsNull><fes:ValueReference>name</fes:ValueReference></fes:PropertyIsNull>";
        assertThat(((And) parse("<fes:Filter " + FES + "><fes:And>" + isNull.repeat(3) + "</fes:And></fes:Filter>")).getChildren()).hasSize(3);
        assertThat(((Or) parse("<fes:Filter " + FES + "><fes:Or>" + isNull.repeat(2) + "</fes:Or></fes:Filter>")).getChildren()).hasSize(2);
    }

    // ---- Like: wildCard, singleChar and escapeChar defaults ----

    @Test
    void likeWithoutAttributesUsesStarQuestionMarkAndBackslash() {
        PropertyIsLike like = (PropertyIsLike) parse(filter("fes", "<X:PropertyIsLike><X:REF>name</X:REF><X:Literal>沈?路*</X:Literal>"
                + "</X:PropertyIsLike>"));
        assertThat(like.getWildCard()).isEqualTo("*");
        assertThat(like.getSingleChar()).isEqualTo("?");
        assertThat(like.getEscape()).isEqualTo("\\");
        assertThat(like.isMatchingCase()).isTrue();
        assertThat(like.getLiteral()).isEqualTo("沈?路*");
        assertThat(propertyName(like.getExpression())).isEqualTo("name");
    }

    @Test
    void likeTakesTheClientsCharactersAndFilter10sEscapeAttribute() {
        PropertyIsLike fes = (PropertyIsLike) parse(filter("fes", "<X:PropertyIsLike wildCard=\"%\" singleChar=\"_\" escapeChar=\"\\\" "
                + "matchCase=\"false\"><X:REF>name</X:REF><X:Literal>%街</X:Literal></X:PropertyIsLike>"));
        assertThat(fes.getWildCard()).isEqualTo("%");
        assertThat(fes.getSingleChar()).isEqualTo("_");
        assertThat(fes.getEscape()).isEqualTo("\\");
        assertThat(fes.isMatchingCase()).isFalse();
        PropertyIsLike ogc10 = (PropertyIsLike) parse(filter("ogc", "<X:PropertyIsLike wildCard=\"*\" singleChar=\"#\" escape=\"!\">"
                + "<X:REF>name</X:REF><X:Literal>*街</X:Literal></X:PropertyIsLike>"));
        assertThat(ogc10.getSingleChar()).isEqualTo("#");
        assertThat(ogc10.getEscape()).isEqualTo("!");
    }

    // ---- resource ids and version navigation ----

    static ResourceId resourceId(String attributes) {
        Id id = (Id) parse("<fes:Filter " + FES + "><fes:ResourceId rid=\"roads.a\" " + attributes + "/></fes:Filter>");
        assertThat(id.getIdentifiers()).hasSize(1);
        return (ResourceId) id.getIdentifiers().iterator().next();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "<fes:Filter " + FES + "><fes:ResourceId rid=\"roads.a\"/></fes:Filter>",
        "<fes:Filter " + FES + "><fes:ResourceId rid=\"a\"/></fes:Filter>",
        "<fes:Filter " + FES + "><fes:ResourceId rid=\"roads.a\"/><fes:ResourceId rid=\"a\"/></fes:Filter>",
        "<ogc:Filter " + OGC + "><ogc:FeatureId fid=\"roads.a\"/></ogc:Filter>",
        "<ogc:Filter " + OGC + "><ogc:GmlObjectId gml:id=\"roads.a\"/></ogc:Filter>",
        "<fes:Filter " + FES + "><fes:ResourceId gml:id=\"roads.a\"/></fes:Filter>",
    })
    void idsLoseTheirTypePrefix(String xml) {
        Id id = (Id) parse(xml);
        assertThat(id.getIDs()).containsExactly("a");
        assertThat(id.getIdentifiers()).allSatisfy(i -> assertThat(i).isNotInstanceOf(ResourceId.class));
    }

    @ParameterizedTest(name = "version={0}")
    @CsvSource({"FIRST, FIRST", "LAST, LAST", "LATEST, LAST", "PREVIOUS, PREVIOUS", "NEXT, NEXT", "ALL, ALL", "first, FIRST"})
    void resourceIdVersionActions(String version, Version.Action action) {
        ResourceId r = resourceId("version=\"" + version + "\"");
        assertThat(r.getID()).isEqualTo("a");
        assertThat(r.getVersion().isVersionAction()).isTrue();
        assertThat(r.getVersion().getVersionAction()).isEqualTo(action);
    }

    @Test
    void resourceIdVersionNumberInstantAndDates() {
        assertThat(resourceId("version=\"3\"").getVersion().getIndex()).isEqualTo(3);
        Version instant = resourceId("version=\"2020-06-01T00:00:00Z\"").getVersion();
        assertThat(instant.isDateTime()).isTrue();
        assertThat(instant.getDateTime()).isEqualTo(Date.from(Instant.parse("2020-06-01T00:00:00Z")));
        ResourceId range = resourceId("startDate=\"2020-01-01\" endDate=\"2020-12-31T23:59:59Z\"");
        assertThat(range.getStartTime()).isEqualTo(Date.from(Instant.parse("2020-01-01T00:00:00Z")));
        assertThat(range.getEndTime()).isEqualTo(Date.from(Instant.parse("2020-12-31T23:59:59Z")));
        ResourceId from = resourceId("startDate=\"2020-01-01\"");
        assertThat(from.getStartTime()).isEqualTo(Date.from(Instant.parse("2020-01-01T00:00:00Z")));
        assertThat(from.getEndTime()).as("open end").isEqualTo(new Date(Long.MAX_VALUE));
        ResourceId until = resourceId("endDate=\"2020-01-01\"");
        assertThat(until.getStartTime()).as("open start").isEqualTo(new Date(Long.MIN_VALUE));
    }

    @Test
    void aVersionedGmlIdNamesThatVersion() {
        Id id = (Id) parse("<fes:Filter " + FES + "><fes:ResourceId rid=\"roads.a-v3\"/></fes:Filter>");
        ResourceId r = (ResourceId) id.getIdentifiers().iterator().next();
        assertThat(r.getID()).isEqualTo("a");
        assertThat(r.getFeatureVersion()).isEqualTo("3");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "version=\"0\"", "version=\"-1\"", "version=\"1.5\"", "version=\"soon\"", "version=\"LASTEST\"", "version=\"9999999999\"",
        "startDate=\"yesterday\"", "endDate=\"2020-13-01\"", "startDate=\"2021-01-01\" endDate=\"2020-01-01\"",
    })
    void badResourceIdVersionsAreInvalidParameterValues(String attributes) {
        assertInvalid("<fes:Filter " + FES + "><fes:ResourceId rid=\"roads.a\" " + attributes + "/></fes:Filter>", "ResourceId");
    }

    @Test
    void aResourceIdOfAnotherTypeIsRefusedWhenTypesAreChecked() {
        String xml = "<fes:Filter " + FES + "><fes:ResourceId rid=\"roads.a\"/><fes:ResourceId rid=\"pois.1\"/></fes:Filter>";
        FilterXmlParser checking = new FilterXmlParser(ROADS, new CrsService(), "filter").checkingTypes(id -> id.startsWith("pois."));
        assertThatThrownBy(() -> checking.parse(SecureXml.parse(xml.getBytes(StandardCharsets.UTF_8), "filter").getDocumentElement()))
                .isInstanceOfSatisfying(io.shikong.core.error.ShikongException.class, e -> {
                    assertThat(e.code()).isEqualTo("InvalidParameterValue");
                    assertThat(e.locator()).isEqualTo("ResourceId");
                    assertThat(e.getMessage()).contains("pois.1");
                });
        // unchecked (the default), the id is kept as it is and simply matches nothing
        assertThat(((Id) parse(xml)).getIDs()).containsExactlyInAnyOrder("a", "pois.1");
    }

    // ---- value references: GML's own properties keep their prefix ----

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "<fes:ValueReference>gml:name</fes:ValueReference>|gml:name",
        "<fes:ValueReference>gml:boundedBy</fes:ValueReference>|gml:boundedBy",
        "<fes:ValueReference>gml:description</fes:ValueReference>|gml:description",
        "<fes:ValueReference xmlns:g=\"http://www.opengis.net/gml/3.2\">g:name</fes:ValueReference>|gml:name",
        "<fes:ValueReference xmlns:g=\"http://www.opengis.net/gml\">g:name</fes:ValueReference>|gml:name",
        "<fes:ValueReference xmlns:s=\"https://shikong.io/features\">s:name</fes:ValueReference>|name",
        "<fes:ValueReference>shikong:name</fes:ValueReference>|name",
        "<fes:ValueReference>shikong:roads/shikong:name</fes:ValueReference>|name",
        "<fes:ValueReference> name </fes:ValueReference>|name",
    })
    void valueReferences(String reference, String property) {
        Filter f = parse("<fes:Filter " + FES + "><fes:PropertyIsNull>" + reference + "</fes:PropertyIsNull></fes:Filter>");
        assertThat(propertyName(((PropertyIsNull) f).getExpression())).isEqualTo(property);
    }

    @Test
    void filter11GmlNameUsesTheGml311Namespace() {
        Filter f = parse("<ogc:Filter " + OGC + "><ogc:PropertyIsEqualTo><ogc:PropertyName>gml:name</ogc:PropertyName>"
                + "<ogc:Literal>和平大街</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>");
        assertThat(propertyName(((BinaryComparisonOperator) f).getExpression1())).isEqualTo("gml:name");
    }

    // ---- BBOX: with and without srsName ----

    static Envelope bboxOf(Filter f) {
        return literal(((BBOX) f).getExpression2()).getEnvelopeInternal();
    }

    static String bbox(String envelope) {
        return "<fes:Filter " + FES + "><fes:BBOX><fes:ValueReference>geom</fes:ValueReference>" + envelope + "</fes:BBOX></fes:Filter>";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "none: the layer's CRS in EPSG order (GDAL -spat)|<gml:Envelope><gml:lowerCorner>41.7 123.3</gml:lowerCorner><gml:upperCorner>41.9 123.6</gml:upperCorner></gml:Envelope>",
        "EPSG:4326, x/y|<gml:Envelope srsName=\"EPSG:4326\"><gml:lowerCorner>123.3 41.7</gml:lowerCorner><gml:upperCorner>123.6 41.9</gml:upperCorner></gml:Envelope>",
        "EPSG:4490, x/y|<gml:Envelope srsName=\"EPSG:4490\"><gml:lowerCorner>123.3 41.7</gml:lowerCorner><gml:upperCorner>123.6 41.9</gml:upperCorner></gml:Envelope>",
        "URN 4326, lat/lon|<gml:Envelope srsName=\"urn:ogc:def:crs:EPSG::4326\"><gml:lowerCorner>41.7 123.3</gml:lowerCorner><gml:upperCorner>41.9 123.6</gml:upperCorner></gml:Envelope>",
        "http URI 4490, lat/lon|<gml:Envelope srsName=\"http://www.opengis.net/def/crs/EPSG/0/4490\"><gml:lowerCorner>41.7 123.3</gml:lowerCorner><gml:upperCorner>41.9 123.6</gml:upperCorner></gml:Envelope>",
        "CRS84, lon/lat|<gml:Envelope srsName=\"urn:ogc:def:crs:OGC:1.3:CRS84\"><gml:lowerCorner>123.3 41.7</gml:lowerCorner><gml:upperCorner>123.6 41.9</gml:upperCorner></gml:Envelope>",
    })
    void bboxOnTheStorageCrsLayer(String why, String envelope) {
        Filter f = parse(bbox(envelope));
        assertThat(literal(((BBOX) f).getExpression2()).toText()).as(why)
                .isEqualTo("POLYGON ((123.3 41.7, 123.3 41.9, 123.6 41.9, 123.6 41.7, 123.3 41.7))");
        assertThat(literal(((BBOX) f).getExpression2()).getSRID()).isEqualTo(4490);
        assertThat(propertyName(((BBOX) f).getExpression1())).isEqualTo("geom");
    }

    @Test
    void bboxWithoutSrsNameIsInTheLayersOwnCrsAndAxisOrder() {
        LayerDefinition wgs84 = layer("{name: wells, geometry: Point, srid: 4326, attributes: []}");
        Filter lonLat = parse(wgs84, bbox("<gml:Envelope><gml:lowerCorner>41.7 123.3</gml:lowerCorner><gml:upperCorner>41.9 123.6"
                + "</gml:upperCorner></gml:Envelope>"));
        assertThat(bboxOf(lonLat)).isEqualTo(new Envelope(123.3, 123.6, 41.7, 41.9));
        assertThat(literal(((BBOX) lonLat).getExpression2()).getSRID()).isEqualTo(4326);
        LayerDefinition zone41 = layer("{name: parcels, geometry: Polygon, srid: 4529, attributes: []}");
        Filter northingFirst = parse(zone41, bbox("<gml:Envelope><gml:lowerCorner>4620000 41520000</gml:lowerCorner>"
                + "<gml:upperCorner>4650000 41550000</gml:upperCorner></gml:Envelope>"));
        assertThat(bboxOf(northingFirst)).isEqualTo(new Envelope(41520000, 41550000, 4620000, 4650000));
        assertThat(literal(((BBOX) northingFirst).getExpression2()).getSRID()).isEqualTo(4529);
    }

    @Test
    void bboxInAnotherCrsIsTransformedToStorage() {
        // 123.3..123.6 E, 41.7..41.9 N in Web Mercator
        Envelope e = bboxOf(parse(bbox("<gml:Envelope srsName=\"EPSG:3857\"><gml:lowerCorner>13725693.215 5116146.295</gml:lowerCorner>"
                + "<gml:upperCorner>13759089.062 5146011.679</gml:upperCorner></gml:Envelope>")));
        org.assertj.core.data.Offset<Double> tolerance = org.assertj.core.data.Offset.offset(1e-4);
        assertThat(e.getMinX()).isCloseTo(123.3, tolerance);
        assertThat(e.getMaxX()).isCloseTo(123.6, tolerance);
        assertThat(e.getMinY()).isCloseTo(41.7, tolerance);
        assertThat(e.getMaxY()).isCloseTo(41.9, tolerance);
    }

    @Test
    void filter11BboxWithAGml2BoxAndNoPropertyName() {
        Filter f = parse("<ogc:Filter " + OGC + "><ogc:BBOX><gml:Box srsName=\"EPSG:4326\"><gml:coordinates>123.3,41.7 123.6,41.9"
                + "</gml:coordinates></gml:Box></ogc:BBOX></ogc:Filter>");
        assertThat(bboxOf(f)).isEqualTo(new Envelope(123.3, 123.6, 41.7, 41.9));
        assertThat(propertyName(((BBOX) f).getExpression1())).as("the layer's geometry").isEqualTo("geom");
    }

    @Test
    void readingXyIgnoresTheAxisOrderOfTheSrsName() {
        // WFS 1.0 documents: x/y under any srsName, and without one
        FilterXmlParser xy = new FilterXmlParser(ROADS, new CrsService(), "filter").readingXy(true);
        for (String srs : new String[] {"", " srsName=\"urn:ogc:def:crs:EPSG::4326\""}) {
            Filter f = xy.parse(SecureXml.parse(("<ogc:Filter " + OGC + "><ogc:Intersects><ogc:PropertyName>geom</ogc:PropertyName>"
                    + "<gml:Point" + srs + "><gml:coordinates>123.4,41.8</gml:coordinates></gml:Point></ogc:Intersects></ogc:Filter>")
                    .getBytes(StandardCharsets.UTF_8), "filter").getDocumentElement());
            assertThat(literal(((Intersects) f).getExpression2()).toText()).as(srs).isEqualTo("POINT (123.4 41.8)");
        }
    }

    @Test
    void bboxInAnUnknownCrsIsA400() {
        assertThatThrownBy(() -> parse(bbox("<gml:Envelope srsName=\"EPSG:2154\"><gml:lowerCorner>0 0</gml:lowerCorner>"
                + "<gml:upperCorner>1 1</gml:upperCorner></gml:Envelope>")))
                .isInstanceOfSatisfying(io.shikong.core.error.ShikongException.class, e -> {
                    assertThat(e.code()).isEqualTo("InvalidCRS");
                    assertThat(OwsExceptionReport.code(e)).isEqualTo("InvalidParameterValue");
                    assertThat(e.locator()).isEqualTo("filter");
                    assertThat(OwsExceptionReport.status(e)).isEqualTo(400);
                });
    }
}
