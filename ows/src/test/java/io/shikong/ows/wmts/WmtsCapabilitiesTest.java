package io.shikong.ows.wmts;

import static io.shikong.ows.wmts.WmtsFixture.DISPATCHER;
import static io.shikong.ows.wmts.WmtsFixture.bytes;
import static io.shikong.ows.wmts.WmtsFixture.params;
import static org.assertj.core.api.Assertions.assertThat;

import io.shikong.core.security.Caller;
import io.shikong.ows.OwsResponse;
import io.shikong.ows.wms.capabilities.WmsCapabilitiesWriter;
import io.shikong.ows.xml.SecureXml;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.NamespaceContext;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The capabilities parsed with the secure, namespace-aware DocumentBuilder and read by XPath as clients read
 * them: operations in both encodings, the layers the caller may see, their limits, time dimension and
 * templates, and the tile matrix sets with their corners in each CRS's axis order.
 */
class WmtsCapabilitiesTest {

    private static final Map<String, String> NS = Map.of("w", "http://www.opengis.net/wmts/1.0",
            "ows", "http://www.opengis.net/ows/1.1", "xlink", "http://www.w3.org/1999/xlink");

    private final XPath xpath = xpath();

    static Document capabilities(Caller caller) {
        OwsResponse r = DISPATCHER.kvp("/wmts", params("SERVICE=WMTS&REQUEST=GetCapabilities"), caller, "http://h");
        assertThat(r.contentType()).isEqualTo("application/xml");
        return SecureXml.parse(bytes(r), "capabilities");
    }

    String text(Document d, String path) {
        try {
            return xpath.evaluate(path, d);
        } catch (XPathExpressionException e) {
            throw new AssertionError(e);
        }
    }

    List<String> texts(Document d, String path) {
        try {
            NodeList nodes = (NodeList) xpath.evaluate(path, d, XPathConstants.NODESET);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                out.add(nodes.item(i).getTextContent());
            }
            return out;
        } catch (XPathExpressionException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theRootAndBothEncodingsOfEachOperation() {
        Document d = capabilities(Caller.ANONYMOUS);
        assertThat(d.getDocumentElement().getLocalName()).isEqualTo("Capabilities");
        assertThat(d.getDocumentElement().getNamespaceURI()).isEqualTo(NS.get("w"));
        assertThat(d.getDocumentElement().getAttribute("version")).isEqualTo("1.0.0");
        assertThat(text(d, "/w:Capabilities/ows:ServiceIdentification/ows:ServiceType")).isEqualTo("OGC WMTS");
        for (String op : List.of("GetCapabilities", "GetTile", "GetFeatureInfo")) {
            String get = "//ows:Operation[@name='" + op + "']/ows:DCP/ows:HTTP/ows:Get";
            assertThat(texts(d, get + "/ows:Constraint[@name='GetEncoding']/ows:AllowedValues/ows:Value"))
                    .containsExactly("KVP", "RESTful");
            assertThat(text(d, get + "[ows:Constraint//ows:Value='KVP']/@xlink:href")).isEqualTo("http://h/wmts?");
        }
        assertThat(text(d, "//ows:Operation[@name='GetCapabilities']//ows:Get[ows:Constraint//ows:Value='RESTful']/@xlink:href"))
                .isEqualTo("http://h/wmts/1.0.0/WMTSCapabilities.xml");
        assertThat(text(d, "/w:Capabilities/w:ServiceMetadataURL/@xlink:href"))
                .isEqualTo("http://h/wmts/1.0.0/WMTSCapabilities.xml");
    }

    @Test
    void aRestrictedLayerOnlyForCallersWhoMaySeeIt() {
        assertThat(texts(capabilities(Caller.ANONYMOUS), "//w:Contents/w:Layer/ows:Identifier"))
                .containsExactly("buildings", "wells");
        assertThat(texts(capabilities(WmtsFixture.PIPELINES), "//w:Contents/w:Layer/ows:Identifier"))
                .containsExactly("buildings", "wells", "pipelines");
    }

    @Test
    void eachLayerHasItsBoundsStyleFormatsAndInfoFormats() {
        Document d = capabilities(Caller.ANONYMOUS);
        String layer = "//w:Layer[ows:Identifier='buildings']";
        assertThat(text(d, layer + "/ows:Title")).isEqualTo("建筑物 Buildings");
        assertThat(text(d, layer + "/ows:WGS84BoundingBox/ows:LowerCorner")).isEqualTo("123.2 41.6");
        assertThat(text(d, layer + "/ows:WGS84BoundingBox/ows:UpperCorner")).isEqualTo("123.7 42");
        assertThat(text(d, layer + "/w:Style[@isDefault='true']/ows:Identifier")).isEqualTo("default");
        assertThat(text(d, layer + "/w:Style/w:LegendURL/@xlink:href")).startsWith("http://h/wms?SERVICE=WMS&REQUEST=GetLegendGraphic")
                .endsWith("LAYER=buildings");
        assertThat(texts(d, layer + "/w:Format")).containsExactly("image/png", "image/png; mode=8bit", "image/jpeg",
                "application/vnd.mapbox-vector-tile");
        assertThat(texts(d, layer + "/w:InfoFormat")).containsExactlyElementsOf(WmsCapabilitiesWriter.INFO_FORMATS);
        assertThat(texts(d, layer + "/w:TileMatrixSetLink/w:TileMatrixSet"))
                .containsExactly("WebMercatorQuad", "WorldCRS84Quad", "CGCS2000Quad", "WebMercatorQuadGCJ02");
    }

    @Test
    void limitsComeFromTheLayersExtent() {
        Document d = capabilities(Caller.ANONYMOUS);
        String c = "//w:Layer[ows:Identifier='buildings']/w:TileMatrixSetLink[w:TileMatrixSet='CGCS2000Quad']"
                + "/w:TileMatrixSetLimits/w:TileMatrixLimits";
        // Tianditu level 1 is 2×1 tiles of 180°: Shenyang (east, north) is column 1, row 0
        String level1 = c + "[w:TileMatrix='1']";
        assertThat(text(d, level1 + "/w:MinTileCol")).isEqualTo("1");
        assertThat(text(d, level1 + "/w:MaxTileCol")).isEqualTo("1");
        assertThat(text(d, level1 + "/w:MinTileRow")).isEqualTo("0");
        assertThat(text(d, level1 + "/w:MaxTileRow")).isEqualTo("0");
        assertThat(texts(d, c + "/w:TileMatrix")).hasSize(18).startsWith("1").endsWith("18");
        // Web Mercator level 13: the OSM formula's tiles of the corners (x 6899..6910, y 3030..3041)
        String z13 = "//w:Layer[ows:Identifier='buildings']/w:TileMatrixSetLink[w:TileMatrixSet='WebMercatorQuad']"
                + "/w:TileMatrixSetLimits/w:TileMatrixLimits[w:TileMatrix='13']";
        assertThat(Long.parseLong(text(d, z13 + "/w:MinTileCol"))).isEqualTo(osmX(123.2, 13));
        assertThat(Long.parseLong(text(d, z13 + "/w:MaxTileCol"))).isEqualTo(osmX(123.7, 13));
        assertThat(Long.parseLong(text(d, z13 + "/w:MinTileRow"))).isEqualTo(osmY(42.0, 13));
        assertThat(Long.parseLong(text(d, z13 + "/w:MaxTileRow"))).isEqualTo(osmY(41.6, 13));
    }

    private static long osmX(double lon, int z) {
        return (long) Math.floor((lon + 180) / 360 * (1 << z));
    }

    private static long osmY(double lat, int z) {
        double r = Math.toRadians(lat);
        return (long) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * (1 << z));
    }

    @Test
    void aLayerWithValidTimeHasTheTimeDimensionAndItInItsTemplates() {
        Document d = capabilities(Caller.ANONYMOUS);
        String dim = "//w:Layer[ows:Identifier='buildings']/w:Dimension";
        assertThat(text(d, dim + "/ows:Identifier")).isEqualTo("Time");
        assertThat(text(d, dim + "/ows:UOM")).isEqualTo("ISO8601");
        assertThat(text(d, dim + "/w:Default")).isEqualTo("current");
        assertThat(text(d, dim + "/w:Current")).isEqualTo("true");
        assertThat(text(d, dim + "/w:Value")).startsWith("2020-01-01T00:00:00Z/").endsWith("/PT1S");
        assertThat(text(d, "//w:Layer[ows:Identifier='buildings']/w:ResourceURL[@resourceType='tile'][@format='image/png']/@template"))
                .isEqualTo("http://h/wmts/1.0.0/buildings/{Style}/{Time}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.png");
        assertThat(text(d, "//w:Layer[ows:Identifier='buildings']/w:ResourceURL[@resourceType='FeatureInfo'][@format='text/html']/@template"))
                .isEqualTo("http://h/wmts/1.0.0/buildings/{Style}/{Time}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}/{J}/{I}.html");

        // a published table without time: no dimension, no {Time} segment
        assertThat(texts(d, "//w:Layer[ows:Identifier='wells']/w:Dimension")).isEmpty();
        assertThat(text(d, "//w:Layer[ows:Identifier='wells']/w:ResourceURL[@format='application/vnd.mapbox-vector-tile']/@template"))
                .isEqualTo("http://h/wmts/1.0.0/wells/{Style}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.mvt");
    }

    @Test
    void tileMatrixSetsWithTheirCornersInTheirCrsAxisOrder() {
        Document d = capabilities(Caller.ANONYMOUS);
        String c = "//w:Contents/w:TileMatrixSet[ows:Identifier='CGCS2000Quad']";
        assertThat(text(d, c + "/ows:SupportedCRS")).isEqualTo("urn:ogc:def:crs:EPSG::4490");
        assertThat(texts(d, c + "/w:TileMatrix/ows:Identifier")).hasSize(18).startsWith("1").endsWith("18");
        String level1 = c + "/w:TileMatrix[ows:Identifier='1']";
        // latitude first, as EPSG:4490 defines its axes
        assertThat(text(d, level1 + "/w:TopLeftCorner")).isEqualTo("90 -180");
        assertThat(Double.parseDouble(text(d, level1 + "/w:ScaleDenominator"))).isCloseTo(2.958293554545656E8,
                org.assertj.core.api.Assertions.within(1e-3));
        assertThat(text(d, level1 + "/w:MatrixWidth")).isEqualTo("2");
        assertThat(text(d, level1 + "/w:MatrixHeight")).isEqualTo("1");

        String m = "//w:Contents/w:TileMatrixSet[ows:Identifier='WebMercatorQuad']";
        assertThat(text(d, m + "/ows:SupportedCRS")).isEqualTo("urn:ogc:def:crs:EPSG::3857");
        assertThat(text(d, m + "/w:WellKnownScaleSet")).isEqualTo("urn:ogc:def:wkss:OGC:1.0:GoogleMapsCompatible");
        // easting first
        assertThat(text(d, m + "/w:TileMatrix[ows:Identifier='0']/w:TopLeftCorner"))
                .isEqualTo("-20037508.342789244 20037508.342789244");
        assertThat(text(d, m + "/w:TileMatrix[ows:Identifier='0']/w:MatrixWidth")).isEqualTo("1");

        String w = "//w:Contents/w:TileMatrixSet[ows:Identifier='WorldCRS84Quad']";
        assertThat(text(d, w + "/ows:SupportedCRS")).isEqualTo("urn:ogc:def:crs:OGC:1.3:CRS84");
        assertThat(text(d, w + "/w:TileMatrix[ows:Identifier='0']/w:TopLeftCorner")).isEqualTo("-180 90");
        // every number plain, without an exponent
        assertThat(texts(d, "//w:ScaleDenominator")).noneMatch(s -> s.contains("E"));
    }

    private static XPath xpath() {
        XPath x = XPathFactory.newInstance().newXPath();
        x.setNamespaceContext(new NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                return NS.get(prefix);
            }

            @Override
            public String getPrefix(String uri) {
                return null;
            }

            @Override
            public Iterator<String> getPrefixes(String uri) {
                return null;
            }
        });
        return x;
    }
}
