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

/**
 * The renderer's own line rasterizer ({@link LineRaster}: opaque solid lines with round caps and joins) against
 * Java2D's anti-aliased stroke ({@code MapRenderer.reference(true)} draws every line with Java2D): the same random
 * polylines (short and long, sharp turns, lines leaving the image, lines crossing themselves) on a transparent and an
 * opaque background. Exact coverage and Marlin's sampled coverage differ at edges by a few levels; a missing segment,
 * a wrong colour or a wrong width moves far more ink than that. A translucent colour is drawn by Java2D in both.
 */
class LineRasterTest {

    private static final int SIZE = 240;

    private static Style style(String colour, double width, double opacity) {
        String sld = """
                <StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc">
                  <NamedLayer><Name>l</Name><UserStyle><Name>l</Name><FeatureTypeStyle><Rule><LineSymbolizer>
                    <Stroke><CssParameter name="stroke">%s</CssParameter><CssParameter name="stroke-width">%s</CssParameter>
                      <CssParameter name="stroke-opacity">%s</CssParameter>
                      <CssParameter name="stroke-linecap">round</CssParameter><CssParameter name="stroke-linejoin">round</CssParameter></Stroke>
                  </LineSymbolizer></Rule></FeatureTypeStyle></UserStyle></NamedLayer>
                </StyledLayerDescriptor>""".formatted(colour, width, opacity);
        return SldParser.parse(sld.getBytes(StandardCharsets.UTF_8)).styles().get(0);
    }

    /** Random polylines: short wiggly ones, long ones across (and out of) the image, zigzags with sharp turns. */
    private static List<Feature> lines() {
        GeometryFactory gf = new GeometryFactory();
        Random rnd = new Random(7);
        List<Feature> out = new ArrayList<>();
        for (int f = 0; f < 60; f++) {
            int n = 2 + rnd.nextInt(8);
            Coordinate[] c = new Coordinate[n];
            double x = rnd.nextDouble() * SIZE;
            double y = rnd.nextDouble() * SIZE;
            double step = f % 4 == 0 ? 80 : f % 4 == 1 ? 3 : 20;
            for (int i = 0; i < n; i++) {
                c[i] = new Coordinate(x, y);
                if (f % 6 == 5) {
                    // a zigzag: sharp turns
                    x += step * (i % 2 == 0 ? 1 : -0.8) + rnd.nextDouble();
                    y += 0.3 * step + rnd.nextDouble();
                } else {
                    x += step * (rnd.nextDouble() * 2 - 1);
                    y += step * (rnd.nextDouble() * 2 - 1);
                }
            }
            out.add(Feature.of("l" + f, gf.createLineString(c), Map.of()));
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({
        "#1F78B4, 1.5, 1, true",
        "#1F78B4, 1.5, 1, false",
        "#8B5A2B, 3.5, 1, true",
        "#D7191C, 3.5, 1, false",
        "#E6B800, 2, 1, true",
        "#E6B800, 1, 1, true",
        "#202020, 4, 1, false",
        "#1B7F3B, 2.5, 0.6, true",
    })
    void sameInkAsJava2DWithinAFewLevelsAtEdges(String colour, double width, double opacity, boolean transparent) {
        Style style = style(colour, width, opacity);
        Java2dComparison.assertCloseToJava2d(lines(), style, transparent, SIZE, "line-raster", colour + width + opacity + transparent);
    }
}
