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
import org.geotools.api.filter.And;
import org.geotools.api.filter.Filter;
import org.geotools.api.filter.PropertyIsLike;
import org.geotools.api.filter.expression.Literal;
import org.geotools.api.filter.spatial.BBOX;
import org.geotools.api.filter.spatial.DWithin;
import org.geotools.api.filter.spatial.Intersects;
import org.geotools.api.filter.temporal.During;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Geometry;

/** FES 2.0 and Filter 1.1 XML to GeoTools filters: WKT/axis-order checks on the geometry operands. */
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
}
