package io.shikong.styles.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shikong.core.feature.Feature;
import io.shikong.styles.sld.Rule;
import io.shikong.styles.sld.StandardStyles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.WKTReader;

/** Scale bar, north arrow, legend box and title, drawn on a blank map; extent fitting; legend rules. */
class MapDecorationsTest {

    static BufferedImage blank(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    static boolean dark(int rgb) {
        Color c = new Color(rgb);
        return c.getRed() < 80 && c.getGreen() < 80 && c.getBlue() < 80;
    }

    static boolean grey(Color c) {
        return c.getRed() == c.getGreen() && c.getGreen() == c.getBlue() && c.getRed() < 230 && c.getRed() > 90;
    }

    @Test
    void fitKeepsTheExtentAndTakesTheImagesAspect() {
        Envelope wide = MapDecorations.fit(new Envelope(0, 1000, 0, 100), 400, 300);
        assertThat(wide).isEqualTo(new Envelope(0, 1000, 50 - 375, 50 + 375));
        Envelope tall = MapDecorations.fit(new Envelope(0, 100, 0, 1000), 400, 300);
        assertThat(tall.getHeight()).isEqualTo(1000);
        assertThat(tall.getWidth()).isCloseTo(1000 * 4 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
        // a point: 100 m around it
        Envelope point = MapDecorations.fit(new Envelope(10, 10, 20, 20), 100, 100);
        assertThat(point).isEqualTo(new Envelope(-40, 60, -30, 70));
        assertThatThrownBy(() -> new MapDecorations(100, 100, new Envelope())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scaleBarLengthsAreRoundMetres() {
        assertThat(new MapDecorations(500, 500, new Envelope(0, 1400, 0, 1400)).scaleBarMetres()).isEqualTo(200);
        assertThat(new MapDecorations(500, 500, new Envelope(0, 30_000, 0, 30_000)).scaleBarMetres()).isEqualTo(5000);
        assertThat(new MapDecorations(500, 500, new Envelope(0, 600, 0, 600)).scaleBarMetres()).isEqualTo(100);
        assertThat(MapDecorations.scaleText(200)).isEqualTo("200 m");
        assertThat(MapDecorations.scaleText(5000)).isEqualTo("5 km");
        assertThat(MapDecorations.scaleText(0.5)).isEqualTo("0.5 m");
        // 1000 m over 500 px: 2 m a pixel, 1:7143 at 0.28 mm pixels
        assertThat(new MapDecorations(500, 500, new Envelope(0, 1000, 0, 1000)).scaleDenominator())
                .isCloseTo(2 / 0.00028, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void decorationsAreDrawnWhereTheyBelong() {
        int w = 400;
        int h = 300;
        // 800 m across: the bar is 100 m, 50 px
        MapDecorations d = new MapDecorations(w, h, new Envelope(0, 800, 0, 600)).title("红线合规检查")
                .legend(StandardStyles.load("eco_red_lines"), null);
        BufferedImage img = d.draw(blank(w, h));
        for (int x = 14; x <= 12 + 50 - 2; x += 4) {
            assertThat(dark(img.getRGB(x, h - 18))).as("scale bar at " + x).isTrue();
        }
        assertThat(dark(img.getRGB(12 + 50 + 20, h - 40))).isFalse();
        assertThat(dark(img.getRGB(w - 24, 22))).as("north arrow").isTrue();
        // the title's glyphs, top left
        int titlePixels = 0;
        for (int x = 10; x < 110; x++) {
            for (int y = 6; y < 24; y++) {
                titlePixels += dark(img.getRGB(x, y)) ? 1 : 0;
            }
        }
        assertThat(titlePixels).as("title glyph pixels").isGreaterThan(50);
        // the legend box, bottom right, 10 px from the edges: its grey frame (anti-aliased over two pixel
        // columns) and the core zone's dark green swatch inside
        int frame = 0;
        for (int y = h - 50; y < h - 10; y++) {
            Color c = new Color(img.getRGB(w - 10, y));
            Color c2 = new Color(img.getRGB(w - 11, y));
            frame += grey(c) || grey(c2) ? 1 : 0;
        }
        assertThat(frame).as("legend frame pixels").isEqualTo(40);
        assertThat(new Color(img.getRGB(w - 5, h - 30))).as("outside the box").isEqualTo(Color.WHITE);
        int swatch = 0;
        for (int x = w / 2; x < w; x++) {
            for (int y = h / 2; y < h; y++) {
                Color c = new Color(img.getRGB(x, y));
                swatch += c.getGreen() > c.getRed() + 40 && c.getGreen() > c.getBlue() + 40 ? 1 : 0;
            }
        }
        assertThat(swatch).as("hatched green swatch pixels").isGreaterThan(20);
    }

    @Test
    void theLegendListsTheRulesThatDrewAFeature() throws Exception {
        var style = StandardStyles.load("eco_red_lines");
        var square = new WKTReader().read("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))");
        Envelope extent = new Envelope(0, 1000, 0, 1000);
        assertThat(new MapDecorations(500, 500, extent).legend(style, null).legendRules())
                .extracting(Rule::name).containsExactly("core", "general");
        assertThat(new MapDecorations(500, 500, extent)
                .legend(style, List.of(Feature.of("a", square, Map.of("protection_level", "core")))).legendRules())
                .extracting(Rule::name).containsExactly("core");
        assertThat(new MapDecorations(500, 500, extent)
                .legend(style, List.of(Feature.of("a", square, Map.of("protection_level", "general")))).legendRules())
                .extracting(Rule::name).containsExactly("general");
        // the same style twice: its rules once
        assertThat(new MapDecorations(500, 500, extent).legend(style, null).legend(style, null).legendRules()).hasSize(2);
    }

    @Test
    void decorationTextUsesTheCjkFallback() {
        // the one font fallback of the renderer: a Chinese title or legend entry in SansSerif shows as glyphs
        String text = "图例 Legend 红线合规检查 生态红线";
        java.awt.Font font = Fonts.font(new io.shikong.styles.sld.Font("SansSerif", "normal", "bold", 14), text);
        assertThat(font.canDisplayUpTo(text)).as(font.getFontName() + " shows " + text).isEqualTo(-1);
    }
}
