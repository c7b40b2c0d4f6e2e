package io.shikong.styles.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.shikong.core.feature.Feature;
import io.shikong.styles.sld.Style;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.assertj.core.data.Percentage;
import org.locationtech.jts.geom.Envelope;

/**
 * A picture of one of the renderer's own rasterizers ({@link PolygonRaster}, {@link LineRaster}) against Java2D's
 * anti-aliased picture of the same shapes ({@code MapRenderer.reference(true)}), both laid over white: no pixel that
 * is flat in Java2D's picture (inside a fill, an outline or the background) may differ, the ink per channel within
 * 1 %, the mean difference under half a level, and only a few edge pixels far off. Exact coverage and Marlin's
 * sampled coverage differ at edges by a few levels; a missing outline or segment, a wrong colour, a wrong width or a
 * filled hole moves far more ink than that.
 */
final class Java2dComparison {

    private Java2dComparison() {
    }

    /**
     * Draws {@code features} in {@code style} on a {@code size}² map (one unit a pixel) with the renderer's own
     * rasterizers and with Java2D, and asserts the above, after saving both pictures to {@code target/<dir>/} to
     * look at when it fails.
     */
    static void assertCloseToJava2d(List<Feature> features, Style style, boolean transparent, int size, String dir,
                                    String name) {
        BufferedImage ours = draw(features, style, transparent, size, false);
        BufferedImage java2d = draw(features, style, transparent, size, true);
        save(ours, java2d, dir, name);
        int width = java2d.getWidth();
        int height = java2d.getHeight();
        long[] inkOurs = new long[3];
        long[] inkJava2d = new long[3];
        long diffSum = 0;
        int worst = 0;
        int over32 = 0;
        int flatDiffer = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = ours.getRGB(x, y);
                int q = java2d.getRGB(x, y);
                boolean flat = true;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = Math.min(width - 1, Math.max(0, x + dx));
                        int ny = Math.min(height - 1, Math.max(0, y + dy));
                        flat &= java2d.getRGB(nx, ny) == q;
                    }
                }
                if (flat && p != q) {
                    flatDiffer++;
                }
                for (int c = 0; c < 3; c++) {
                    int a = overWhite(p, 8 * c);
                    int b = overWhite(q, 8 * c);
                    inkOurs[c] += 255 - a;
                    inkJava2d[c] += 255 - b;
                    int d = Math.abs(a - b);
                    diffSum += d;
                    worst = Math.max(worst, d);
                    over32 += d > 32 ? 1 : 0;
                }
            }
        }
        assertThat(flatDiffer).as("pixels inside fills, outlines and background (flat in Java2D's picture) that differ")
                .isZero();
        for (int c = 0; c < 3; c++) {
            assertThat((double) inkOurs[c]).as("ink in channel " + c + " (Java2D's: " + inkJava2d[c] + ")")
                    .isCloseTo(inkJava2d[c], Percentage.withPercentage(1));
        }
        assertThat(diffSum / (3.0 * width * height)).as("mean difference per channel, levels").isLessThan(0.5);
        assertThat(over32).as("channel values more than 32 levels off (worst %d)", worst).isLessThanOrEqualTo(40);
        assertThat(worst).as("largest difference, levels").isLessThanOrEqualTo(80);
    }

    private static BufferedImage draw(List<Feature> features, Style style, boolean transparent, int size,
                                      boolean reference) {
        MapRenderer r = new MapRenderer(size, size, new Envelope(0, size, 0, size), transparent, Color.WHITE);
        r.reference(reference);
        r.draw(features.iterator(), style, 1e5);
        return r.finish();
    }

    private static int overWhite(int argb, int shift) {
        int a = argb >>> 24;
        return ((argb >>> shift & 0xFF) * a + 255 * (255 - a) + 127) / 255;
    }

    private static void save(BufferedImage ours, BufferedImage java2d, String dir, String name) {
        try {
            File d = new File("target/" + dir);
            d.mkdirs();
            String file = name.replaceAll("[^A-Za-z0-9.]", "_");
            ImageIO.write(ours, "png", new File(d, file + "-ours.png"));
            ImageIO.write(java2d, "png", new File(d, file + "-java2d.png"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
