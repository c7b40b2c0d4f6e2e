package io.shikong.ows.gml;

import static org.assertj.core.api.Assertions.assertThat;

import io.shikong.core.crs.CrsService;
import io.shikong.ows.SrsName;
import io.shikong.ows.xml.SecureXml;
import io.shikong.ows.xml.Xml;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

/**
 * Geometries written as GML 3.2 and 3.1.1 (both axis orders) read back as the same geometry, coordinate for
 * coordinate: the coordinates are the shortest decimals that read back as the same doubles.
 */
class GmlGeometryWriterTest {

    static final CrsService CRS = new CrsService();

    static String write(Geometry g, boolean gml32, SrsName srs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Xml x = new Xml(out)) {
            x.start("root").ns("gml", gml32 ? "http://www.opengis.net/gml/3.2" : "http://www.opengis.net/gml");
            new GmlGeometryWriter(x, gml32, srs.name(), srs.latFirst()).write(g, "f.1.g");
            x.end();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "POINT (123.4662110 41.8595140)",
        "LINESTRING (123.1 41.2, 123.30000000000001 41.0000001, -0.5 5)",
        "POLYGON ((123.4 41.8, 123.5 41.8, 123.5 41.9, 123.4 41.8), (123.42 41.82, 123.43 41.82, 123.43 41.83, 123.42 41.82))",
        "MULTIPOINT ((1 2), (3.25 4.125))",
        "MULTILINESTRING ((1 2, 3 4), (5 6, 7.000001 8))",
        "MULTIPOLYGON (((123.4 41.8, 123.5 41.8, 123.5 41.9, 123.4 41.8)), ((1 1, 2 1, 2 2, 1 1)))",
        "POLYGON ((13741234.5 5132000.25, 13742234.5 5132000.25, 13742234.5 5133000.125, 13741234.5 5132000.25))"})
    void readsBackAsTheSameGeometry(String wkt) throws Exception {
        Geometry g = new WKTReader().read(wkt);
        for (boolean gml32 : new boolean[] {true, false}) {
            for (SrsName srs : new SrsName[] {SrsName.urn(CRS.storage()), SrsName.parse(CRS, "EPSG:4490", "srsName")}) {
                String xml = write(g, gml32, srs);
                var root = SecureXml.parse(xml.getBytes(StandardCharsets.UTF_8), "gml").getDocumentElement();
                var read = new GmlGeometryReader(CRS, srs, "geometry").read(GmlGeometryReader.elements(root).get(0));
                assertThat(read.geometry().equalsExact(g)).as(xml).isTrue();
                assertThat(xml).doesNotContain("E7").doesNotContain("E-");
            }
        }
    }
}
