package io.shikong.styles.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shikong.core.feature.Feature;
import io.shikong.styles.render.MapDecorations;
import io.shikong.styles.sld.Rule;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

/**
 * A small red-line scene drawn as the compliance map draws it (the SLD renderer with the red-line map
 * styles and the decorations), checked pixel by pixel. The scene is 1400 m × 1050 m in metres on a
 * 560 × 420 image: 2.5 m a pixel, y up. The image is written to {@code target/redline-scene.png}.
 */
class RedLineMapStylesTest {

    static final int W = 560;
    static final int H = 420;
    static final Envelope EXTENT = new Envelope(0, 1400, 0, 1050);
    static final String NAME = "浑河湿地";
    /** As many characters as the name, none of which any font has a glyph for: drawn as boxes. */
    static final String TOFU = "\u0378\u0378\u0378\u0378";

    static BufferedImage scene(String name) throws Exception {
        WKTReader wkt = new WKTReader();
        Geometry zone = wkt.read("POLYGON((100 100, 600 100, 600 600, 100 600, 100 100))");
        Geometry other = wkt.read("POLYGON((800 750, 1100 750, 1100 950, 800 950, 800 750))");
        Geometry footprint = wkt.read("POLYGON((500 300, 800 300, 800 450, 500 450, 500 300))");
        List<Feature> zones = List.of(RedLineMapStyles.zone("Z2", other, "棋盘山", false),
                RedLineMapStyles.zone("Z1", zone, name, true));
        List<Feature> project = List.of(RedLineMapStyles.buffer("buffer-0", footprint.buffer(50)),
                RedLineMapStyles.overlap("overlap-0-Z1", zone.intersection(footprint)),
                RedLineMapStyles.footprint("footprint-0", footprint));
        return RedLineMapStyles.draw(W, H, EXTENT, "红线合规检查 test", zones, project);
    }

    /** The pixel of a point in metres. */
    static Color at(BufferedImage img, double x, double y) {
        return new Color(img.getRGB((int) (x / 2.5), (int) ((1050 - y) / 2.5)), true);
    }

    @Test
    void theSceneShowsOverlapZoneHatchScaleBarNorthArrowAndChineseLabels() throws Exception {
        BufferedImage img = scene(NAME);
        Path out = Path.of("target", "redline-scene.png");
        Files.createDirectories(out.getParent());
        ImageIO.write(img, "png", out.toFile());
        assertThat(img.getWidth()).isEqualTo(W);
        assertThat(img.getHeight()).isEqualTo(H);

        // the overlap (500..600 × 300..450 m) is red over the zone's hatch
        Color overlap = at(img, 550, 375);
        assertThat(overlap.getRed()).as("overlap " + overlap).isGreaterThan(180);
        assertThat(overlap.getGreen()).as("overlap " + overlap).isLessThan(90);
        assertThat(overlap.getBlue()).as("overlap " + overlap).isLessThan(90);

        // outside every zone and the buffer: the paper
        assertThat(at(img, 1000, 500)).isEqualTo(RedLineMapStyles.BACKGROUND);

        // in the touched zone, away from its label and the footprint: the dark green hatch (#1B7F3B lines every
        // 6 px over a light #1B7F3B tint), so hatch-coloured pixels and tinted ones between them
        int hatch = 0;
        int tint = 0;
        for (double x = 150; x < 300; x += 2.5) {
            for (double y = 150; y < 300; y += 2.5) {
                Color c = at(img, x, y);
                if (near(c, new Color(0x1B7F3B), 40)) {
                    hatch++;
                } else if (c.getGreen() > c.getRed() + 10 && c.getGreen() > c.getBlue() + 10 && c.getGreen() > 180) {
                    tint++;
                }
                assertThat(c.getRed()).as("no red in the zone away from the footprint " + c).isLessThan(c.getGreen());
            }
        }
        assertThat(hatch).as("hatch-coloured pixels").isGreaterThan(200);
        assertThat(tint).as("tinted pixels between the hatch lines").isGreaterThan(200);

        // the footprint's blue outline (x = 800 m, the east side outside the zone)
        Color outline = at(img, 800, 375);
        assertThat(outline.getBlue()).as("footprint outline " + outline).isGreaterThan(150);
        assertThat(outline.getRed()).isLessThan(100);

        // scale bar: a fifth of 1400 m rounds to 200 m, 80 px from x = 12 on the line y = H - 18
        MapDecorations d = new MapDecorations(W, H, EXTENT);
        assertThat(d.scaleBarMetres()).isEqualTo(200);
        for (int x = 14; x < 12 + 80 - 2; x += 4) {
            assertThat(dark(new Color(img.getRGB(x, H - 18)))).as("scale bar at x=" + x).isTrue();
        }
        assertThat(dark(new Color(img.getRGB(12 + 80 + 30, H - 30)))).as("above the bar's label").isFalse();
        // north arrow: filled black below its tip (x = W - 24, tip at y = 12)
        assertThat(dark(new Color(img.getRGB(W - 24, 22)))).as("north arrow").isTrue();
        assertThat(dark(new Color(img.getRGB(W - 24 - 12, 22)))).as("beside the north arrow").isFalse();

        // the zone's name at its centre (350, 350 m): glyphs, not the boxes of characters no font has
        BufferedImage boxes = scene(TOFU);
        int cx = (int) (350 / 2.5);
        int cy = (int) ((1050 - 350) / 2.5);
        int labelPixels = 0;
        int differing = 0;
        for (int x = cx - 40; x <= cx + 40; x++) {
            for (int y = cy - 10; y <= cy + 10; y++) {
                Color c = new Color(img.getRGB(x, y));
                if (near(c, new Color(0x145A2A), 50)) {
                    labelPixels++;
                }
                if (img.getRGB(x, y) != boxes.getRGB(x, y)) {
                    differing++;
                }
            }
        }
        assertThat(labelPixels).as("label glyph pixels in #145A2A").isGreaterThan(40);
        assertThat(differing).as("pixels where the Chinese label differs from four missing-glyph boxes").isGreaterThan(100);
        // the rest of the map is the same in both
        assertThat(img.getRGB(cx, cy + 60)).isEqualTo(boxes.getRGB(cx, cy + 60));
    }

    @Test
    void theLegendListsWhatTheMapDrew() throws Exception {
        WKTReader wkt = new WKTReader();
        Geometry square = wkt.read("POLYGON((100 100, 600 100, 600 600, 100 600, 100 100))");
        MapDecorations d = new MapDecorations(W, H, EXTENT)
                .legend(RedLineMapStyles.zones(), List.of(RedLineMapStyles.zone("Z", square, "湿地", false)))
                .legend(RedLineMapStyles.project(), List.of(RedLineMapStyles.footprint("f", square),
                        RedLineMapStyles.footprint("p", wkt.read("POINT(1 1)"))));
        // no touched zone, no buffer, no overlap, no line footprint: not in the legend
        assertThat(d.legendRules()).extracting(Rule::name).containsExactly("zone", "footprint", "footprint_point");
        assertThat(d.legendRules()).extracting(Rule::title)
                .containsExactly("生态红线 Red-line zone", "项目范围 Footprint", "项目位置 Footprint location");
        assertThat(RedLineMapStyles.footprint("l", wkt.read("LINESTRING(0 0, 1 1)")).get(RedLineMapStyles.KIND))
                .isEqualTo("footprint_line");
    }

    @Test
    void aZoneLargerThanTheMapIsNamedWhereItIsSeenAndATinyFootprintIsADot() throws Exception {
        WKTReader wkt = new WKTReader();
        // 14 km across on 560 px: 25 m a pixel. The zone reaches 5 km beyond the map on three sides: its
        // interior point is off the image, the interior point of the part one sees is not.
        Envelope extent = new Envelope(0, 14_000, 0, 10_500);
        Geometry zone = wkt.read("POLYGON((-50000 -5000, 6000 -5000, 6000 15500, -50000 15500, -50000 -5000))");
        assertThat(extent.contains(zone.getInteriorPoint().getCoordinate())).isFalse();
        // a 20 m square: less than a pixel, drawn as a dot
        Geometry footprint = wkt.read("POLYGON((10000 5000, 10020 5000, 10020 5020, 10000 5020, 10000 5000))");
        BufferedImage img = RedLineMapStyles.draw(W, H, extent, null, List.of(RedLineMapStyles.zone("Z", zone, NAME, false)),
                List.of(RedLineMapStyles.footprint("f", footprint)));
        ImageIO.write(img, "png", Path.of("target", "redline-large-zone.png").toFile());
        int labelPixels = 0;
        for (int x = 0; x < W; x++) {
            for (int y = 0; y < H; y++) {
                labelPixels += near(new Color(img.getRGB(x, y)), new Color(0x145A2A), 50) ? 1 : 0;
            }
        }
        assertThat(labelPixels).as("the zone's name on the map").isGreaterThan(40);
        Color dot = new Color(img.getRGB((int) (10010 / 25.0), (int) ((10_500 - 5010) / 25.0)));
        assertThat(dot.getBlue()).as("tiny footprint as a dot " + dot).isGreaterThan(150);
        assertThat(dot.getRed()).isLessThan(100);
        // a zone wholly off the map is left out (and so out of the legend)
        Feature away = RedLineMapStyles.zone("A", wkt.read("POLYGON((90000 0, 91000 0, 91000 1000, 90000 0))"), "远", false);
        assertThat(RedLineMapStyles.clipped(away, new org.locationtech.jts.geom.GeometryFactory().toGeometry(extent))).isNull();
    }

    @Test
    void sizesAndDegenerateExtents() throws Exception {
        WKTReader wkt = new WKTReader();
        // a point footprint alone: the extent grows to 100 m, the footprint is a dot in the middle (the legend
        // would cover most of so small a map: it is left out)
        Geometry point = wkt.read("POINT(500 500)");
        BufferedImage img = RedLineMapStyles.draw(100, 100, point.getEnvelopeInternal(), null, List.of(),
                List.of(RedLineMapStyles.footprint("p", point)));
        Color dot = new Color(img.getRGB(50, 50));
        assertThat(dot.getBlue()).as("point footprint " + dot).isGreaterThan(150);
        assertThat(dot.getRed()).isLessThan(100);
        assertThatThrownBy(() -> RedLineMapStyles.draw(10, 100000, EXTENT, null, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RedLineMapStyles.zones().rules()).extracting(Rule::name).containsExactly("touched", "zone", "label");
    }

    static boolean near(Color c, Color target, int tolerance) {
        return Math.abs(c.getRed() - target.getRed()) <= tolerance && Math.abs(c.getGreen() - target.getGreen()) <= tolerance
                && Math.abs(c.getBlue() - target.getBlue()) <= tolerance;
    }

    static boolean dark(Color c) {
        return c.getRed() < 80 && c.getGreen() < 80 && c.getBlue() < 80;
    }
}
