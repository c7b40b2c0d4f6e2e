package io.shikong.ows.gml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shikong.core.crs.CrsService;
import io.shikong.core.error.ShikongException;
import io.shikong.ows.OwsExceptionReport;
import io.shikong.ows.SrsName;
import io.shikong.ows.xml.SecureXml;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Envelope;
import org.w3c.dom.Element;

/**
 * GML 2, 3.1.1 and 3.2 geometries to JTS, WKT out (x = longitude/easting), edge cases first; the axis
 * order each srsName form implies (QGIS: EPSG axis order only for URNs and http URIs); bad geometries to
 * an InvalidParameterValue naming the locator the reader was given.
 */
class GmlGeometryReaderTest {

    static final CrsService CRS = new CrsService();
    /** What the WFS and filter readers pass when nothing says otherwise: the storage CRS as a URN. */
    static final SrsName DEFAULT = SrsName.urn(CRS.storage());
    static final String GML32 = "xmlns:gml=\"http://www.opengis.net/gml/3.2\"";
    static final String GML = "xmlns:gml=\"http://www.opengis.net/gml\"";

    static Element element(String xml) {
        return SecureXml.parse(xml.getBytes(StandardCharsets.UTF_8), "geometry").getDocumentElement();
    }

    static GmlGeometryReader.Read read(String xml) {
        return new GmlGeometryReader(CRS, DEFAULT, "geometry").read(element(xml));
    }

    static String wkt(String xml) {
        return read(xml).geometry().toText();
    }

    /** A bad geometry is the caller's fault: InvalidParameterValue (or InvalidCRS), 400, our locator. */
    static void assertRefused(String xml, String code) {
        assertThatThrownBy(() -> read(xml)).isInstanceOfSatisfying(ShikongException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.locator()).isEqualTo("geometry");
            assertThat(OwsExceptionReport.status(e)).isEqualTo(400);
        });
    }

    // ---- edge cases: empty, too short, malformed, too large ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "<gml:Point " + GML32 + "/>",
        "<gml:Point " + GML32 + "><gml:pos/></gml:Point>",
        "<gml:Point " + GML32 + "><gml:pos>   </gml:pos></gml:Point>",
        "<gml:Point " + GML + "><gml:coordinates/></gml:Point>",
        "<gml:Point " + GML + "><gml:coord/></gml:Point>",
        "<gml:LineString " + GML32 + "/>",
        "<gml:LineString " + GML32 + "><gml:posList/></gml:LineString>",
        "<gml:LinearRing " + GML32 + "><gml:posList/></gml:LinearRing>",
        "<gml:Polygon " + GML32 + "/>",
        "<gml:Polygon " + GML32 + "><gml:exterior/></gml:Polygon>",
        "<gml:Polygon " + GML32 + "><gml:exterior><gml:LinearRing/></gml:exterior></gml:Polygon>",
        "<gml:Envelope " + GML32 + "/>",
        "<gml:Envelope " + GML32 + "><gml:lowerCorner/><gml:upperCorner/></gml:Envelope>",
        "<gml:Box " + GML + "/>",
    })
    void emptyElementsAreRefused(String xml) {
        assertRefused(xml, "InvalidParameterValue");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "<gml:MultiPoint " + GML32 + "/>|MULTIPOINT EMPTY",
        "<gml:MultiCurve " + GML32 + "/>|MULTILINESTRING EMPTY",
        "<gml:MultiSurface " + GML32 + "/>|MULTIPOLYGON EMPTY",
        "<gml:MultiGeometry " + GML32 + "/>|GEOMETRYCOLLECTION EMPTY",
    })
    void multiGeometriesWithoutMembersAreEmpty(String xml, String expected) {
        // GML lets a multi-geometry have no members (minOccurs 0); an empty operand is the filter compiler's to refuse
        assertThat(wkt(xml)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        // posList with an odd count in two dimensions, and a count not a multiple of three in three
        "<gml:LineString " + GML32 + "><gml:posList>123.4 41.8 123.5</gml:posList></gml:LineString>",
        "<gml:LineString " + GML32 + " srsDimension=\"3\"><gml:posList>123.4 41.8 5 123.5 41.9</gml:posList></gml:LineString>",
        "<gml:LineString " + GML32 + "><gml:posList srsDimension=\"4\">1 2 3 4 5 6 7 8</gml:posList></gml:LineString>",
        "<gml:LineString " + GML32 + "><gml:posList srsDimension=\"1\">1 2 3 4</gml:posList></gml:LineString>",
        // too few positions
        "<gml:Point " + GML32 + "><gml:pos>41.8</gml:pos></gml:Point>",
        "<gml:Point " + GML32 + "><gml:pos>41.8 123.4</gml:pos><gml:pos>41.9 123.5</gml:pos></gml:Point>",
        "<gml:LineString " + GML32 + "><gml:posList>41.8 123.4</gml:posList></gml:LineString>",
        // an unclosed ring, and a closed one of three positions
        "<gml:Polygon " + GML32 + "><gml:exterior><gml:LinearRing><gml:posList>0 0 0 1 1 1 1 0</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>",
        "<gml:Polygon " + GML32 + "><gml:exterior><gml:LinearRing><gml:posList>0 0 0 1 0 0</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>",
        "<gml:Polygon " + GML + "><gml:outerBoundaryIs><gml:LinearRing><gml:coordinates>0,0 0,1 1,1 1,0</gml:coordinates></gml:LinearRing></gml:outerBoundaryIs></gml:Polygon>",
        "<gml:Polygon " + GML32 + "><gml:exterior><gml:LinearRing><gml:posList>0 0 0 9 9 9 0 0</gml:posList></gml:LinearRing></gml:exterior>"
                + "<gml:interior><gml:LinearRing><gml:posList>1 1 1 2 2 2 2 1</gml:posList></gml:LinearRing></gml:interior></gml:Polygon>",
        // a ring that is not a LinearRing, an exterior of two rings
        "<gml:Polygon " + GML32 + "><gml:exterior><gml:LineString><gml:posList>0 0 0 1 1 1 0 0</gml:posList></gml:LineString></gml:exterior></gml:Polygon>",
        "<gml:Polygon " + GML32 + "><gml:exterior><gml:LinearRing><gml:posList>0 0 0 1 1 1 0 0</gml:posList></gml:LinearRing>"
                + "<gml:LinearRing><gml:posList>0 0 0 1 1 1 0 0</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>",
        // numbers that are not finite coordinates
        "<gml:Point " + GML32 + "><gml:pos>NaN 41.8</gml:pos></gml:Point>",
        "<gml:Point " + GML32 + "><gml:pos>Infinity 41.8</gml:pos></gml:Point>",
        "<gml:Point " + GML32 + "><gml:pos>1e400 41.8</gml:pos></gml:Point>",
        "<gml:Point " + GML32 + "><gml:pos>123,4 41,8</gml:pos></gml:Point>",
        "<gml:Point " + GML + "><gml:coordinates>123.4</gml:coordinates></gml:Point>",
        "<gml:Point " + GML + "><gml:coord><gml:X>123.4</gml:X></gml:coord></gml:Point>",
        // members of the wrong kind, and GML 3 types the reader does not model
        "<gml:MultiSurface " + GML32 + "><gml:surfaceMember><gml:Point><gml:pos>1 2</gml:pos></gml:Point></gml:surfaceMember></gml:MultiSurface>",
        "<gml:MultiCurve " + GML32 + "><gml:curveMember><gml:Point><gml:pos>1 2</gml:pos></gml:Point></gml:curveMember></gml:MultiCurve>",
        "<gml:Curve " + GML32 + "><gml:segments><gml:LineStringSegment><gml:posList>1 2 3 4</gml:posList></gml:LineStringSegment></gml:segments></gml:Curve>",
        "<gml:MultiSurface " + GML32 + "><gml:surfaceMember><gml:Surface><gml:patches/></gml:Surface></gml:surfaceMember></gml:MultiSurface>",
        "<gml:Envelope " + GML32 + "><gml:lowerCorner>1</gml:lowerCorner><gml:upperCorner>3 4</gml:upperCorner></gml:Envelope>",
        "<gml:Box " + GML + "><gml:coordinates>1,2 3,4 5,6</gml:coordinates></gml:Box>",
    })
    void malformedGeometriesAreInvalidParameterValues(String xml) {
        assertRefused(xml, "InvalidParameterValue");
    }

    @Test
    void aPosListBeyondTheCoordinateLimitIsRefused() {
        int n = GmlGeometryReader.MAX_COORDINATES + 1;
        StringBuilder posList = new StringBuilder(n * 4);
        for (int i = 0; i < n; i++) {
            posList.append(i % 2).append(' ').append(i % 3).append(' ');
        }
        assertThatThrownBy(() -> read("<gml:LineString " + GML32 + "><gml:posList>" + posList + "</gml:posList></gml:LineString>"))
                .isInstanceOfSatisfying(ShikongException.class, e -> {
                    assertThat(e.code()).isEqualTo("InvalidParameterValue");
                    assertThat(e.locator()).isEqualTo("geometry");
                    assertThat(e.getMessage()).contains("more than " + GmlGeometryReader.MAX_COORDINATES + " coordinates");
                });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"EPSG:2154", "urn:ogc:def:crs:EPSG::99999", "http://www.opengis.net/def/crs/EPSG/0/banana", "WGS84"})
    void anUnknownCrsIsAnInvalidCrsWithTheReadersLocator(String srsName) {
        // InvalidCRS inside the service; WFS reports it as InvalidParameterValue (OWS Common knows no InvalidCRS)
        String xml = "<gml:Point " + GML32 + " srsName=\"" + srsName + "\"><gml:pos>1 2</gml:pos></gml:Point>";
        assertRefused(xml, "InvalidCRS");
        assertThatThrownBy(() -> read(xml)).isInstanceOfSatisfying(ShikongException.class,
                e -> assertThat(OwsExceptionReport.code(e)).isEqualTo("InvalidParameterValue"));
    }

    @ParameterizedTest(name = "srsName=\"{0}\"")
    @ValueSource(strings = {"", "   "})
    void aBlankSrsNameMeansNoSrsName(String srsName) {
        // as on an ancestor, where a blank srsName is passed over: the inherited or default CRS applies
        GmlGeometryReader.Read r = read("<gml:Point " + GML32 + " srsName=\"" + srsName + "\"><gml:pos>41.8 123.4</gml:pos></gml:Point>");
        assertThat(r.geometry().toText()).isEqualTo("POINT (123.4 41.8)");
        assertThat(r.srs()).isEqualTo(DEFAULT);
        assertThat(wkt("<gml:MultiPoint " + GML32 + " srsName=\"EPSG:4326\"><gml:pointMember><gml:Point srsName=\"" + srsName + "\">"
                + "<gml:pos>123.4 41.8</gml:pos></gml:Point></gml:pointMember></gml:MultiPoint>")).isEqualTo("MULTIPOINT ((123.4 41.8))");
    }

    @Test
    void anotherCrsInsideOneGeometryIsRefused() {
        assertRefused("<gml:MultiPoint " + GML32 + " srsName=\"urn:ogc:def:crs:EPSG::4490\"><gml:pointMember>"
                + "<gml:Point srsName=\"urn:ogc:def:crs:EPSG::3857\"><gml:pos>1 2</gml:pos></gml:Point>"
                + "</gml:pointMember></gml:MultiPoint>", "InvalidParameterValue");
    }

    // ---- axis order by srsName form ----

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "EPSG:4326|123.4 41.8|EPSG:4326|false",
        "urn:ogc:def:crs:EPSG::4326|41.8 123.4|EPSG:4326|true",
        "urn:ogc:def:crs:EPSG:6.6:4326|41.8 123.4|EPSG:4326|true",
        "urn:x-ogc:def:crs:EPSG:4326|41.8 123.4|EPSG:4326|true",
        "http://www.opengis.net/def/crs/EPSG/0/4326|41.8 123.4|EPSG:4326|true",
        "http://www.opengis.net/gml/srs/epsg.xml#4326|123.4 41.8|EPSG:4326|false",
        "EPSG:4490|123.4 41.8|EPSG:4490|false",
        "urn:ogc:def:crs:EPSG::4490|41.8 123.4|EPSG:4490|true",
        "http://www.opengis.net/def/crs/EPSG/0/4490|41.8 123.4|EPSG:4490|true",
        "urn:ogc:def:crs:OGC:1.3:CRS84|123.4 41.8|CRS84|false",
        "http://www.opengis.net/def/crs/OGC/1.3/CRS84|123.4 41.8|CRS84|false",
    })
    void geographicAxisOrderFollowsTheSrsNameForm(String srsName, String pos, String code, boolean latFirst) {
        GmlGeometryReader.Read r = read("<gml:Point " + GML32 + " srsName=\"" + srsName + "\"><gml:pos>" + pos + "</gml:pos></gml:Point>");
        assertThat(r.geometry().toText()).isEqualTo("POINT (123.4 41.8)");
        assertThat(r.srs().crs().code()).isEqualTo(code);
        assertThat(r.srs().latFirst()).isEqualTo(latFirst);
        assertThat(r.srs().name()).isEqualTo(srsName);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        // CGCS2000 3-degree Gauss-Krüger zone 41 (zone prefix in the easting): EPSG says northing first
        "urn:ogc:def:crs:EPSG::4529|4629511.995 41535737.204",
        "http://www.opengis.net/def/crs/EPSG/0/4529|4629511.995 41535737.204",
        "EPSG:4529|41535737.204 4629511.995",
    })
    void gaussKrugerZonesAreNorthingFirstOnlyUnderAuthorityNames(String srsName, String pos) {
        // the reader swaps, it does not transform: the point stays in the zone's metres, easting first
        GmlGeometryReader.Read r = read("<gml:Point " + GML32 + " srsName=\"" + srsName + "\"><gml:pos>" + pos + "</gml:pos></gml:Point>");
        assertThat(r.geometry().toText()).isEqualTo("POINT (41535737.204 4629511.995)");
        assertThat(r.srs().crs().code()).isEqualTo("EPSG:4529");
    }

    @Test
    void webMercatorIsEastingFirstUnderEveryName() {
        for (String srs : new String[] {"EPSG:3857", "urn:ogc:def:crs:EPSG::3857", "http://www.opengis.net/def/crs/EPSG/0/3857"}) {
            assertThat(wkt("<gml:Point " + GML32 + " srsName=\"" + srs + "\"><gml:pos>13740000 5130000</gml:pos></gml:Point>"))
                    .as(srs).isEqualTo("POINT (13740000 5130000)");
        }
    }

    @Test
    void withoutSrsNameTheDefaultAppliesAndItsAxisOrder() {
        GmlGeometryReader.Read r = read("<gml:Point " + GML32 + "><gml:pos>41.8 123.4</gml:pos></gml:Point>");
        assertThat(r.geometry().toText()).isEqualTo("POINT (123.4 41.8)");
        assertThat(r.srs()).isEqualTo(DEFAULT);
        GmlGeometryReader xy = new GmlGeometryReader(CRS, SrsName.parse(CRS, "EPSG:4490", "srsName"), "geometry");
        assertThat(xy.read(element("<gml:Point " + GML32 + "><gml:pos>123.4 41.8</gml:pos></gml:Point>")).geometry().toText())
                .isEqualTo("POINT (123.4 41.8)");
    }

    @Test
    void theSrsNameOfAnAncestorIsInherited() {
        Element root = element("<wrapper " + GML32 + " srsName=\"EPSG:4326\"><gml:Point><gml:pos>123.4 41.8</gml:pos></gml:Point></wrapper>");
        GmlGeometryReader.Read r = new GmlGeometryReader(CRS, DEFAULT, "geometry").read(GmlGeometryReader.elements(root).get(0));
        assertThat(r.geometry().toText()).isEqualTo("POINT (123.4 41.8)");
        assertThat(r.srs().crs().code()).isEqualTo("EPSG:4326");
    }

    @Test
    void forceXyReadsUrnCoordinatesAsXy() {
        // WFS 1.0 documents (older QGIS) carry a URN srsName with x/y coordinates
        GmlGeometryReader xy = new GmlGeometryReader(CRS, DEFAULT, "geometry", true);
        assertThat(xy.read(element("<gml:Point " + GML + " srsName=\"urn:ogc:def:crs:EPSG::4326\"><gml:coordinates>123.4,41.8</gml:coordinates></gml:Point>"))
                .geometry().toText()).isEqualTo("POINT (123.4 41.8)");
    }

    @Test
    void membersKeepTheirOwnAxisOrderWithinTheSameCrs() {
        assertThat(wkt("<gml:MultiPoint " + GML32 + " srsName=\"urn:ogc:def:crs:EPSG::4326\">"
                + "<gml:pointMember><gml:Point><gml:pos>41.8 123.4</gml:pos></gml:Point></gml:pointMember>"
                + "<gml:pointMember><gml:Point srsName=\"EPSG:4326\"><gml:pos>123.5 41.9</gml:pos></gml:Point></gml:pointMember>"
                + "</gml:MultiPoint>")).isEqualTo("MULTIPOINT ((123.4 41.8), (123.5 41.9))");
    }

    // ---- srsDimension 3: the third ordinate is read past and dropped ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "<gml:LineString " + GML32 + " srsName=\"urn:ogc:def:crs:EPSG::4490\" srsDimension=\"3\"><gml:posList>41.8 123.4 50 41.9 123.5 60</gml:posList></gml:LineString>",
        "<gml:LineString " + GML32 + " srsName=\"urn:ogc:def:crs:EPSG::4490\"><gml:posList srsDimension=\"3\">41.8 123.4 50 41.9 123.5 60</gml:posList></gml:LineString>",
        "<gml:LineString " + GML32 + " srsName=\"urn:ogc:def:crs:EPSG::4490\"><gml:pos>41.8 123.4 50</gml:pos><gml:pos>41.9 123.5 60</gml:pos></gml:LineString>",
        "<gml:LineString " + GML + " srsName=\"EPSG:4490\"><gml:coordinates>123.4,41.8,50 123.5,41.9,60</gml:coordinates></gml:LineString>",
    })
    void threeDimensionalPositionsLoseTheirHeight(String xml) {
        assertThat(wkt(xml)).isEqualTo("LINESTRING (123.4 41.8, 123.5 41.9)");
    }

    @Test
    void srsDimensionIsInheritedFromTheMultiGeometry() {
        assertThat(wkt("<gml:MultiCurve " + GML32 + " srsName=\"urn:ogc:def:crs:EPSG::4490\" srsDimension=\"3\"><gml:curveMember>"
                + "<gml:LineString><gml:posList>41.8 123.4 50 41.9 123.5 60</gml:posList></gml:LineString></gml:curveMember></gml:MultiCurve>"))
                .isEqualTo("MULTILINESTRING ((123.4 41.8, 123.5 41.9))");
    }

    /** These were 500s: an empty ts made an invalid regular expression. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ts=\"\"|must not be empty, were ',', '' and '.'",
        "cs=\"\"|must not be empty, were '', ' ' and '.'",
        "decimal=\"\"|must not be empty, were ',', ' ' and ''",
        "cs=\" \"|must differ, were ' ', ' ' and '.'",
        "ts=\",\"|must differ, were ',', ',' and '.'",
        "decimal=\",\"|must differ, were ',', ' ' and ','",
        "ts=\".\"|must differ, were ',', '.' and '.'",
    })
    void emptyOrEqualCoordinateSeparatorsAreRefused(String attribute, String message) {
        String xml = "<gml:LineString " + GML + " srsName=\"EPSG:4490\"><gml:coordinates " + attribute
                + ">123.4,41.8 123.5,41.9</gml:coordinates></gml:LineString>";
        assertRefused(xml, "InvalidParameterValue");
        assertThatThrownBy(() -> read(xml)).hasMessage("invalid GML geometry: the cs, ts and decimal of gml:coordinates "
                + message);
    }

    @Test
    void aDecimalPointIsRefusedWhereTheDecimalSeparatorIsAnother() {
        assertThatThrownBy(() -> read("<gml:Point " + GML + " srsName=\"EPSG:4490\"><gml:coordinates cs=\" \" decimal=\",\" "
                + "ts=\";\">123.4 41,8</gml:coordinates></gml:Point>"))
                .hasMessage("invalid GML geometry: '123.4' is not a coordinate with the decimal separator ','");
    }

    // ---- each geometry type in GML 3.2, 3.1.1 and 2 ----

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "GML 3.2 pos|<gml:Point " + GML32 + " gml:id=\"p\" srsName=\"urn:ogc:def:crs:EPSG::4490\"><gml:pos>41.8 123.4</gml:pos></gml:Point>",
        "GML 3.1.1 pos|<gml:Point " + GML + " srsName=\"urn:x-ogc:def:crs:EPSG:4326\"><gml:pos>41.8 123.4</gml:pos></gml:Point>",
        "GML 3.1.1 EPSG code|<gml:Point " + GML + " srsName=\"EPSG:4326\"><gml:pos>123.4 41.8</gml:pos></gml:Point>",
        "GML 2 coordinates|<gml:Point " + GML + " srsName=\"EPSG:4326\"><gml:coordinates>123.4,41.8</gml:coordinates></gml:Point>",
        "GML 2 coordinates, own separators|<gml:Point " + GML + " srsName=\"EPSG:4326\"><gml:coordinates cs=\" \" ts=\";\">123.4 41.8</gml:coordinates></gml:Point>",
        "GML 2 coord|<gml:Point " + GML + " srsName=\"EPSG:4326\"><gml:coord><gml:X>123.4</gml:X><gml:Y>41.8</gml:Y></gml:coord></gml:Point>",
        "surrounding whitespace|<gml:Point " + GML32 + " srsName=\"EPSG:4490\"><gml:pos>&#10;  123.4&#9; 41.8 &#10;</gml:pos></gml:Point>",
    })
    void point(String why, String xml) {
        assertThat(wkt(xml)).as(why).isEqualTo("POINT (123.4 41.8)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "GML 3.2 posList|<gml:LineString " + GML32 + " srsName=\"urn:ogc:def:crs:EPSG::4490\"><gml:posList>41.8 123.4 41.9 123.5 41.95 123.6</gml:posList></gml:LineString>",
        "GML 3.2 posList over lines|<gml:LineString " + GML32 + " srsName=\"urn:ogc:def:crs:EPSG::4490\"><gml:posList>&#10; 41.8 123.4&#10; 41.9 123.5&#10; 41.95 123.6&#10;</gml:posList></gml:LineString>",
        "GML 3.1.1 pos list|<gml:LineString " + GML + " srsName=\"EPSG:4490\"><gml:pos>123.4 41.8</gml:pos><gml:pos>123.5 41.9</gml:pos><gml:pos>123.6 41.95</gml:pos></gml:LineString>",
        "GML 2 coordinates|<gml:LineString " + GML + " srsName=\"EPSG:4490\"><gml:coordinates>123.4,41.8 123.5,41.9  123.6,41.95</gml:coordinates></gml:LineString>",
        "GML 2 coordinates, own separators|<gml:LineString " + GML + " srsName=\"EPSG:4490\"><gml:coordinates cs=\":\" ts=\";\">123.4:41.8;123.5:41.9;123.6:41.95</gml:coordinates></gml:LineString>",
        "GML 2 coordinates, several characters|<gml:LineString " + GML + " srsName=\"EPSG:4490\"><gml:coordinates cs=\"::\" ts=\"; \">123.4::41.8; 123.5::41.9; 123.6::41.95</gml:coordinates></gml:LineString>",
        "GML 2 coordinates, decimal comma|<gml:LineString " + GML + " srsName=\"EPSG:4490\"><gml:coordinates cs=\" \" ts=\";\" decimal=\",\">123,4 41,8;123,5 41,9;123,6 41,95</gml:coordinates></gml:LineString>",
        "GML 2 coordinates, a tuple a line|<gml:LineString " + GML + " srsName=\"EPSG:4490\"><gml:coordinates>123.4,41.8&#10;123.5,41.9&#10;&#9;123.6,41.95</gml:coordinates></gml:LineString>",
    })
    void lineString(String why, String xml) {
        assertThat(wkt(xml)).as(why).isEqualTo("LINESTRING (123.4 41.8, 123.5 41.9, 123.6 41.95)");
    }

    static final String POLYGON_WITH_HOLE = "POLYGON ((123 41, 123 42, 124 42, 124 41, 123 41), (123.2 41.2, 123.4 41.2, 123.4 41.4, 123.2 41.2))";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "GML 3.2 latitude first|<gml:Polygon " + GML32 + " srsName=\"urn:ogc:def:crs:EPSG::4490\"><gml:exterior><gml:LinearRing>"
                + "<gml:posList>41 123 42 123 42 124 41 124 41 123</gml:posList></gml:LinearRing></gml:exterior><gml:interior><gml:LinearRing>"
                + "<gml:posList>41.2 123.2 41.2 123.4 41.4 123.4 41.2 123.2</gml:posList></gml:LinearRing></gml:interior></gml:Polygon>",
        "GML 3.1.1 x/y|<gml:Polygon " + GML + " srsName=\"EPSG:4490\"><gml:exterior><gml:LinearRing>"
                + "<gml:posList>123 41 123 42 124 42 124 41 123 41</gml:posList></gml:LinearRing></gml:exterior><gml:interior><gml:LinearRing>"
                + "<gml:pos>123.2 41.2</gml:pos><gml:pos>123.4 41.2</gml:pos><gml:pos>123.4 41.4</gml:pos><gml:pos>123.2 41.2</gml:pos>"
                + "</gml:LinearRing></gml:interior></gml:Polygon>",
        "GML 2 boundaries|<gml:Polygon " + GML + " srsName=\"EPSG:4490\"><gml:outerBoundaryIs><gml:LinearRing>"
                + "<gml:coordinates>123,41 123,42 124,42 124,41 123,41</gml:coordinates></gml:LinearRing></gml:outerBoundaryIs><gml:innerBoundaryIs>"
                + "<gml:LinearRing><gml:coordinates>123.2,41.2 123.4,41.2 123.4,41.4 123.2,41.2</gml:coordinates></gml:LinearRing>"
                + "</gml:innerBoundaryIs></gml:Polygon>",
    })
    void polygonWithAHole(String why, String xml) {
        assertThat(wkt(xml)).as(why).isEqualTo(POLYGON_WITH_HOLE);
    }

    @Test
    void polygonWithTwoHoles() {
        assertThat(wkt("<gml:Polygon " + GML32 + " srsName=\"EPSG:4490\"><gml:exterior><gml:LinearRing><gml:posList>0 0 0 10 10 10 10 0 0 0"
                + "</gml:posList></gml:LinearRing></gml:exterior><gml:interior><gml:LinearRing><gml:posList>1 1 1 2 2 2 1 1</gml:posList>"
                + "</gml:LinearRing></gml:interior><gml:interior><gml:LinearRing><gml:posList>5 5 5 6 6 6 5 5</gml:posList></gml:LinearRing>"
                + "</gml:interior></gml:Polygon>"))
                .isEqualTo("POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (1 1, 1 2, 2 2, 1 1), (5 5, 5 6, 6 6, 5 5))");
    }

    static final String TWO_SQUARES = "MULTIPOLYGON (((123 41, 123 42, 124 42, 124 41, 123 41)), ((125 41, 125 42, 126 42, 126 41, 125 41)))";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "GML 3.2 MultiSurface, surfaceMember|<gml:MultiSurface " + GML32 + " srsName=\"urn:ogc:def:crs:EPSG::4490\">"
                + "<gml:surfaceMember><gml:Polygon><gml:exterior><gml:LinearRing><gml:posList>41 123 42 123 42 124 41 124 41 123</gml:posList>"
                + "</gml:LinearRing></gml:exterior></gml:Polygon></gml:surfaceMember><gml:surfaceMember><gml:Polygon><gml:exterior><gml:LinearRing>"
                + "<gml:posList>41 125 42 125 42 126 41 126 41 125</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></gml:surfaceMember>"
                + "</gml:MultiSurface>",
        "GML 3.1.1 MultiSurface, surfaceMembers|<gml:MultiSurface " + GML + " srsName=\"EPSG:4490\"><gml:surfaceMembers>"
                + "<gml:Polygon><gml:exterior><gml:LinearRing><gml:posList>123 41 123 42 124 42 124 41 123 41</gml:posList></gml:LinearRing>"
                + "</gml:exterior></gml:Polygon><gml:Polygon><gml:exterior><gml:LinearRing><gml:posList>125 41 125 42 126 42 126 41 125 41"
                + "</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></gml:surfaceMembers></gml:MultiSurface>",
        "GML 2 MultiPolygon|<gml:MultiPolygon " + GML + " srsName=\"EPSG:4490\"><gml:polygonMember><gml:Polygon><gml:outerBoundaryIs>"
                + "<gml:LinearRing><gml:coordinates>123,41 123,42 124,42 124,41 123,41</gml:coordinates></gml:LinearRing></gml:outerBoundaryIs>"
                + "</gml:Polygon></gml:polygonMember><gml:polygonMember><gml:Polygon><gml:outerBoundaryIs><gml:LinearRing>"
                + "<gml:coordinates>125,41 125,42 126,42 126,41 125,41</gml:coordinates></gml:LinearRing></gml:outerBoundaryIs></gml:Polygon>"
                + "</gml:polygonMember></gml:MultiPolygon>",
    })
    void multiSurface(String why, String xml) {
        assertThat(wkt(xml)).as(why).isEqualTo(TWO_SQUARES);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "GML 3.2 MultiCurve|<gml:MultiCurve " + GML32 + " srsName=\"urn:ogc:def:crs:EPSG::4326\"><gml:curveMember><gml:LineString>"
                + "<gml:posList>41.8 123.4 41.9 123.5</gml:posList></gml:LineString></gml:curveMember><gml:curveMember><gml:LineString>"
                + "<gml:posList>41.7 123.3 41.6 123.2</gml:posList></gml:LineString></gml:curveMember></gml:MultiCurve>",
        "GML 3.1.1 curveMembers|<gml:MultiCurve " + GML + " srsName=\"EPSG:4326\"><gml:curveMembers><gml:LineString>"
                + "<gml:posList>123.4 41.8 123.5 41.9</gml:posList></gml:LineString><gml:LineString>"
                + "<gml:posList>123.3 41.7 123.2 41.6</gml:posList></gml:LineString></gml:curveMembers></gml:MultiCurve>",
        "GML 2 MultiLineString|<gml:MultiLineString " + GML + " srsName=\"EPSG:4326\"><gml:lineStringMember><gml:LineString>"
                + "<gml:coordinates>123.4,41.8 123.5,41.9</gml:coordinates></gml:LineString></gml:lineStringMember><gml:lineStringMember>"
                + "<gml:LineString><gml:coordinates>123.3,41.7 123.2,41.6</gml:coordinates></gml:LineString></gml:lineStringMember>"
                + "</gml:MultiLineString>",
    })
    void multiCurve(String why, String xml) {
        assertThat(wkt(xml)).as(why).isEqualTo("MULTILINESTRING ((123.4 41.8, 123.5 41.9), (123.3 41.7, 123.2 41.6))");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "GML 3.2 pointMember|<gml:MultiPoint " + GML32 + " srsName=\"http://www.opengis.net/def/crs/EPSG/0/4490\"><gml:pointMember>"
                + "<gml:Point><gml:pos>41.8 123.4</gml:pos></gml:Point></gml:pointMember><gml:pointMember><gml:Point><gml:pos>41.9 123.5"
                + "</gml:pos></gml:Point></gml:pointMember></gml:MultiPoint>",
        "GML 3.1.1 pointMembers|<gml:MultiPoint " + GML + " srsName=\"EPSG:4490\"><gml:pointMembers><gml:Point><gml:pos>123.4 41.8"
                + "</gml:pos></gml:Point><gml:Point><gml:pos>123.5 41.9</gml:pos></gml:Point></gml:pointMembers></gml:MultiPoint>",
        "GML 2 pointMember|<gml:MultiPoint " + GML + " srsName=\"EPSG:4490\"><gml:pointMember><gml:Point><gml:coordinates>123.4,41.8"
                + "</gml:coordinates></gml:Point></gml:pointMember><gml:pointMember><gml:Point><gml:coordinates>123.5,41.9</gml:coordinates>"
                + "</gml:Point></gml:pointMember></gml:MultiPoint>",
    })
    void multiPoint(String why, String xml) {
        assertThat(wkt(xml)).as(why).isEqualTo("MULTIPOINT ((123.4 41.8), (123.5 41.9))");
    }

    @Test
    void multiGeometryKeepsMixedMembers() {
        assertThat(wkt("<gml:MultiGeometry " + GML32 + " srsName=\"EPSG:4490\"><gml:geometryMember><gml:Point><gml:pos>123.4 41.8</gml:pos>"
                + "</gml:Point></gml:geometryMember><gml:geometryMember><gml:LineString><gml:posList>123.4 41.8 123.5 41.9</gml:posList>"
                + "</gml:LineString></gml:geometryMember></gml:MultiGeometry>"))
                .isEqualTo("GEOMETRYCOLLECTION (POINT (123.4 41.8), LINESTRING (123.4 41.8, 123.5 41.9))");
    }

    static final String BOX = "POLYGON ((123.3 41.7, 123.3 41.9, 123.6 41.9, 123.6 41.7, 123.3 41.7))";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "GML 3.2 corners, URN|<gml:Envelope " + GML32 + " srsName=\"urn:ogc:def:crs:EPSG::4326\"><gml:lowerCorner>41.7 123.3</gml:lowerCorner>"
                + "<gml:upperCorner>41.9 123.6</gml:upperCorner></gml:Envelope>",
        "GML 3.2 corners, http URI|<gml:Envelope " + GML32 + " srsName=\"http://www.opengis.net/def/crs/EPSG/0/4490\"><gml:lowerCorner>41.7 123.3"
                + "</gml:lowerCorner><gml:upperCorner>41.9 123.6</gml:upperCorner></gml:Envelope>",
        "GML 3.2 corners, EPSG code|<gml:Envelope " + GML32 + " srsName=\"EPSG:4326\"><gml:lowerCorner>123.3 41.7</gml:lowerCorner>"
                + "<gml:upperCorner>123.6 41.9</gml:upperCorner></gml:Envelope>",
        "GML 3.2 corners, no srsName|<gml:Envelope " + GML32 + "><gml:lowerCorner>41.7 123.3</gml:lowerCorner><gml:upperCorner>41.9 123.6"
                + "</gml:upperCorner></gml:Envelope>",
        "GML 3.1.1 two pos|<gml:Envelope " + GML + " srsName=\"urn:x-ogc:def:crs:EPSG:4326\"><gml:pos>41.7 123.3</gml:pos><gml:pos>41.9 123.6"
                + "</gml:pos></gml:Envelope>",
        "GML 3.1.1 coordinates|<gml:Envelope " + GML + " srsName=\"EPSG:4326\"><gml:coordinates>123.3,41.7 123.6,41.9</gml:coordinates></gml:Envelope>",
        "GML 2 Box|<gml:Box " + GML + " srsName=\"EPSG:4326\"><gml:coordinates>123.3,41.7 123.6,41.9</gml:coordinates></gml:Box>",
        "GML 2 Box, corners reversed|<gml:Box " + GML + " srsName=\"EPSG:4326\"><gml:coordinates>123.6,41.9 123.3,41.7</gml:coordinates></gml:Box>",
        "GML 2 Box of coords|<gml:Box " + GML + " srsName=\"EPSG:4326\"><gml:coord><gml:X>123.3</gml:X><gml:Y>41.7</gml:Y></gml:coord>"
                + "<gml:coord><gml:X>123.6</gml:X><gml:Y>41.9</gml:Y></gml:coord></gml:Box>",
    })
    void envelopeAsGeometry(String why, String xml) {
        assertThat(wkt(xml)).as(why).isEqualTo(BOX);
    }

    @Test
    void envelopeInAGaussKrugerZoneIsNorthingFirstUnderAUrn() {
        GmlGeometryReader reader = new GmlGeometryReader(CRS, DEFAULT, "geometry");
        Element e = element("<gml:Envelope " + GML32 + " srsName=\"urn:ogc:def:crs:EPSG::4529\"><gml:lowerCorner>4620000 41520000</gml:lowerCorner>"
                + "<gml:upperCorner>4650000 41550000</gml:upperCorner></gml:Envelope>");
        Envelope env = reader.envelope(e, reader.srs(e, DEFAULT));
        assertThat(env).isEqualTo(new Envelope(41520000, 41550000, 4620000, 4650000));
    }
}
