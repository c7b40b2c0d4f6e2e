package io.shikong.styles.render;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares a map with its expected image so that a wrong colour, a missing line or a label drawn as boxes
 * fails while anti-aliasing that differs at edges (another rasterizer, another stroke path) passes:
 * <ul>
 *   <li>a <em>flat</em> pixel (its 3×3 neighbourhood in the expected image is one colour: the inside of a
 *       fill, the middle of a thick line, the background) must be that colour within {@link #FLAT} levels per
 *       channel, alpha included;</li>
 *   <li>an <em>edge</em> pixel must lie within the per-channel range of its expected 3×3 neighbourhood,
 *       widened by {@link #EDGE} levels (a colour that is nowhere near fails: a blue pixel on a red line);</li>
 *   <li>at most {@link #MOST_FAR} pixels (of the compared ones) may differ from the expected pixel by more
 *       than {@link #FAR} levels in a channel: a thin line that is missing leaves every pixel along it far
 *       from the expected one, while a correct line anti-aliased differently moves coverage by a fraction.</li>
 * </ul>
 */
final class PictureAssert {

    /** Levels a flat pixel may differ by per channel (PNG round trips and premultiplication are exact). */
    static final int FLAT = 2;
    /** Levels an edge pixel may be outside its expected neighbourhood's range per channel. */
    static final int EDGE = 24;
    /** A pixel differs "far" above this many levels in one channel... */
    static final int FAR = 100;
    /** ...and so many far pixels are allowed in one image (sub-pixel shifts of edges). */
    static final int MOST_FAR = 40;

    private PictureAssert() {
    }

    /** The problems found, at most 20 of them described; empty when the pictures agree. */
    static List<String> compare(BufferedImage expected, BufferedImage actual, Rectangle... skip) {
        List<String> problems = new ArrayList<>();
        if (expected.getWidth() != actual.getWidth() || expected.getHeight() != actual.getHeight()) {
            problems.add("size " + actual.getWidth() + "x" + actual.getHeight() + ", expected " + expected.getWidth() + "x"
                    + expected.getHeight());
            return problems;
        }
        int w = expected.getWidth();
        int h = expected.getHeight();
        int[] e = expected.getRGB(0, 0, w, h, null, 0, w);
        int[] a = actual.getRGB(0, 0, w, h, null, 0, w);
        int flatBad = 0;
        int edgeBad = 0;
        int far = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (skipped(x, y, skip)) {
                    continue;
                }
                int ep = e[y * w + x];
                int ap = a[y * w + x];
                int[] lo = {255, 255, 255, 255};
                int[] hi = {0, 0, 0, 0};
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = Math.min(w - 1, Math.max(0, x + dx));
                        int ny = Math.min(h - 1, Math.max(0, y + dy));
                        int np = e[ny * w + nx];
                        for (int c = 0; c < 4; c++) {
                            int v = np >>> (c * 8) & 255;
                            lo[c] = Math.min(lo[c], v);
                            hi[c] = Math.max(hi[c], v);
                        }
                    }
                }
                boolean flat = true;
                for (int c = 0; c < 4; c++) {
                    flat &= lo[c] == hi[c];
                }
                int maxDiff = 0;
                boolean outside = false;
                for (int c = 0; c < 4; c++) {
                    int av = ap >>> (c * 8) & 255;
                    int ev = ep >>> (c * 8) & 255;
                    maxDiff = Math.max(maxDiff, Math.abs(av - ev));
                    outside |= av < lo[c] - EDGE || av > hi[c] + EDGE;
                }
                if (maxDiff > FAR) {
                    far++;
                }
                if (flat && maxDiff > FLAT) {
                    if (flatBad++ < 10) {
                        problems.add("flat pixel " + x + "," + y + " is " + hex(ap) + ", expected " + hex(ep));
                    }
                } else if (!flat && outside) {
                    if (edgeBad++ < 10) {
                        problems.add("edge pixel " + x + "," + y + " is " + hex(ap) + ", outside its expected neighbourhood "
                                + hex(pack(lo)) + ".." + hex(pack(hi)) + " (expected " + hex(ep) + ")");
                    }
                }
            }
        }
        if (flatBad > 0 || edgeBad > 0) {
            problems.add(flatBad + " flat and " + edgeBad + " edge pixels wrong");
        }
        if (far > MOST_FAR) {
            problems.add(far + " pixels differ by more than " + FAR + " levels (at most " + MOST_FAR + " may)");
        }
        return problems;
    }

    private static boolean skipped(int x, int y, Rectangle[] skip) {
        for (Rectangle r : skip) {
            if (r.contains(x, y)) {
                return true;
            }
        }
        return false;
    }

    /**
     * How far the glyphs in {@code box} of {@code actual} are from those of {@code expected}, at the best of
     * the shifts up to {@code shift} pixels each way (a label anchored half a pixel elsewhere is the same
     * label): the share of the box's pixels differing by more than 96 levels. Boxes drawn instead of glyphs
     * (a font without the characters) are far from the glyphs at any shift.
     */
    static double glyphDistance(BufferedImage expected, BufferedImage actual, Rectangle box, int shift) {
        double best = Double.MAX_VALUE;
        for (int sy = -shift; sy <= shift; sy++) {
            for (int sx = -shift; sx <= shift; sx++) {
                int differing = 0;
                int n = 0;
                for (int y = box.y; y < box.y + box.height; y++) {
                    for (int x = box.x; x < box.x + box.width; x++) {
                        int ax = x + sx;
                        int ay = y + sy;
                        if (ax < 0 || ay < 0 || ax >= actual.getWidth() || ay >= actual.getHeight()) {
                            continue;
                        }
                        n++;
                        if (maxDiff(expected.getRGB(x, y), actual.getRGB(ax, ay)) > 96) {
                            differing++;
                        }
                    }
                }
                best = Math.min(best, n == 0 ? 1 : differing / (double) n);
            }
        }
        return best;
    }

    /** Pixels of {@code box} darker than mid-grey (opaque): the ink of black text. */
    static int ink(BufferedImage img, Rectangle box) {
        int n = 0;
        for (int y = box.y; y < box.y + box.height; y++) {
            for (int x = box.x; x < box.x + box.width; x++) {
                Color c = new Color(img.getRGB(x, y), true);
                if (c.getAlpha() > 128 && c.getRed() + c.getGreen() + c.getBlue() < 3 * 128) {
                    n++;
                }
            }
        }
        return n;
    }

    static int maxDiff(int p, int q) {
        int d = 0;
        for (int c = 0; c < 4; c++) {
            d = Math.max(d, Math.abs((p >>> (c * 8) & 255) - (q >>> (c * 8) & 255)));
        }
        return d;
    }

    /** Whether two colours agree within {@code tolerance} levels per channel, alpha included. */
    static boolean near(int argb, Color expected, int tolerance) {
        return maxDiff(argb, expected.getRGB()) <= tolerance;
    }

    static String hex(int argb) {
        return String.format("#%08X", argb);
    }

    private static int pack(int[] c) {
        return c[3] << 24 | c[2] << 16 | c[1] << 8 | c[0];
    }
}
