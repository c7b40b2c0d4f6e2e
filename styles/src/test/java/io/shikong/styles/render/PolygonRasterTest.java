package io.shikong.styles.render;

import io.shikong.core.feature.Feature;
import io.shikong.styles.sld.SldParser;
import io.shikong.styles.sld.Style;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * The renderer's own polygon rasterizer ({@link PolygonRaster}: plain fills with thin outlines) against Java2D
 * ({@code MapRenderer.reference(true)} draws every polygon with Java2D): the same random small polygons, spiky ones
 * (past the miter limit) and polygons with holes, on a transparent and an opaque background, in opaque and
 * translucent colours. Exact coverage and Marlin's sampled coverage differ at edges by a few levels; a missing
 * outline, a wrong colour or a filled hole moves far more ink than that.
 */
class PolygonRasterTest {

    private static final int SIZE = 240;

    private static Style style(String fill, double fillOpacity, String stroke, double width, double strokeOpacity) {
        String sld = """
                <StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc">
                  <NamedLayer><Name>b</Name><UserStyle><Name>b</Name><FeatureTypeStyle><Rule><PolygonSymbolizer>
                    <Fill><CssParameter name="fill">%s</CssParameter><CssParameter name="fill-opacity">%s</CssParameter></Fill>
                    <Stroke><CssParameter name="stroke">%s</CssParameter><CssParameter name="stroke-width">%s</CssParameter>
                      <CssParameter name="stroke-opacity">%s</CssParameter></Stroke>
                  </PolygonSymbolizer></Rule></FeatureTypeStyle></UserStyle></NamedLayer>
                </StyledLayerDescriptor>""".formatted(fill, fillOpacity, stroke, width, strokeOpacity);
        return SldParser.parse(sld.getBytes(StandardCharsets.UTF_8)).styles().get(0);
    }

    /** Random star-shaped polygons 1.5-14 px across, every fifth with a hole, some with spikes. */
    private static List<Feature> polygons() {
        GeometryFactory gf = new GeometryFactory();
        Random rnd = new Random(42);
        List<Feature> out = new ArrayList<>();
        for (int f = 0; f < 220; f++) {
            double cx = 4 + rnd.nextDouble() * (SIZE - 8);
            double cy = 4 + rnd.nextDouble() * (SIZE - 8);
            double r = 0.8 + rnd.nextDouble() * 7;
            int n = 3 + rnd.nextInt(8);
            Coordinate[] ring = new Coordinate[n + 1];
            for (int i = 0; i < n; i++) {
                double a = 2 * Math.PI * (i + 0.6 * rnd.nextDouble()) / n;
                double rr = r * (f % 7 == 0 && i % 2 == 0 ? 0.15 : 0.5 + 0.5 * rnd.nextDouble());
                ring[i] = new Coordinate(cx + rr * Math.cos(a), cy + rr * Math.sin(a));
            }
            ring[n] = ring[0];
            LinearRing shell = gf.createLinearRing(ring);
            LinearRing[] holes = {};
            if (f % 5 == 0 && r > 3) {
                Coordinate[] h = new Coordinate[5];
                double hr = r * 0.2;
                // every other hole turns the exterior's way, which must not matter
                int dir = f % 10 == 0 ? 1 : -1;
                for (int i = 0; i < 4; i++) {
                    double a = dir * Math.PI / 2 * i;
                    h[i] = new Coordinate(cx + hr * Math.cos(a), cy + hr * Math.sin(a));
                }
                h[4] = h[0];
                holes = new LinearRing[] {gf.createLinearRing(h)};
            }
            Polygon p = gf.createPolygon(shell, holes);
            out.add(Feature.of("p" + f, p, Map.of()));
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({
        "#F2DAB2, 1, #5A5A5A, 0.5, 1, true",
        "#F2DAB2, 1, #5A5A5A, 0.5, 1, false",
        "#7FA7D9, 1, #202020, 1, 1, true",
        "#E76F6F, 0.5, #1B7F3B, 1.5, 0.7, true",
        "#E76F6F, 0.5, #1B7F3B, 1.5, 0.7, false",
        "#C8C8C8, 1, #5A5A5A, 0.5, 0, true",
    })
    void sameInkAsJava2DWithinAFewLevelsAtEdges(String fill, double fillOpacity, String stroke, double width,
                                                 double strokeOpacity, boolean transparent) {
        Style style = style(fill, fillOpacity, stroke, width, strokeOpacity);
        Java2dComparison.assertCloseToJava2d(polygons(), style, transparent, SIZE, "polygon-raster", fill + width + strokeOpacity + transparent);
    }
}
