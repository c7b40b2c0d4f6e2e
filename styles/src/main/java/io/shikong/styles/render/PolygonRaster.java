package io.shikong.styles.render;

/**
 * An anti-aliased rasterizer for the map's commonest shape: a small polygon filled with a plain colour and outlined
 * by a thin solid stroke with miter joins (every building of the standard style: a fill and a 0.5 px outline),
 * written straight into the image's {@code INT_ARGB} pixels.
 *
 * <p>Why hand-written: Java2D's rasterizer (Marlin) costs a few microseconds per call whatever the shape's size (a
 * rendering context, a stroker turning the outline into an offset path, edge lists, 32 px tiles and a mask blit per
 * call), and a map of 50,000 buildings makes 100,000 such calls: that was the largest part of a map's time (the
 * 0.5 px outlines alone ~200 ms of a 1024×768 map). No library draws anti-aliased paths into a Java raster other
 * than Java2D itself. Here a building is one call: its outline's two offset rings (miter joins, bevelled past
 * Java2D's miter limit of 10, as {@link java.awt.BasicStroke} does) and its rings are accumulated as exact signed
 * areas per pixel into two small buffers the size of its bounding box (the accumulation rasterizer of font-rs), and
 * each pixel gets the fill, then the stroke, composited source-over with Java2D's own 8-bit arithmetic. Coverage is
 * the exact area of the pixel covered (Marlin samples 8 sub-scanlines of 256 sub-pixels), so edge pixels may differ
 * from Java2D's by a few levels; fully covered and empty pixels are the same.
 *
 * <p>Holes are taken out whatever the rings' orientation (a hole is accumulated against its exterior's sign);
 * overlapping parts of the outline (sharp inner corners) count once where they cover a pixel fully.
 */
final class PolygonRaster {

    /** Java2D's default miter limit ({@link java.awt.BasicStroke}), in half widths. */
    private static final double MITER_LIMIT = 10;
    /** Bounding boxes above this many pixels are left to Java2D (the buffers would be large). */
    static final int MAX_PIXELS = 1 << 18;

    /**
     * A polygon to draw: rings of screen points, each ring's points without the closing one.
     *
     * @param xy        x, y pairs of every ring, one after another
     * @param ends      the end (exclusive, in points) of each ring in {@code xy}; ring 0 is the exterior
     * @param fill      the fill colour (non-premultiplied ARGB), or 0 for none
     * @param stroke    the outline colour (non-premultiplied ARGB), or 0 for none
     * @param halfWidth half the outline's width, pixels
     */
    record Poly(double[] xy, int[] ends, int fill, int stroke, double halfWidth) {
    }

    private final int[] argb;
    private final int width;
    private final int height;
    private float[] fillAcc = new float[256];
    private float[] strokeAcc = new float[256];
    /** The outline's offset rings being built: x, y pairs. */
    private double[] out = new double[256];
    private int outN;
    /** The end of each piece of the outline in {@link #out}, in points. */
    private int[] pieceEnds = new int[64];
    private int pieceN;
    private final Blend[] blends = Blend.cache();

    PolygonRaster(int[] argb, int width, int height) {
        this.argb = argb;
        this.width = width;
        this.height = height;
    }

    /** Draws the polygon's rows in {@code [top, bottom)}; false when it is too large for this rasterizer (nothing drawn). */
    boolean draw(Poly p, int top, int bottom) {
        double[] xy = p.xy();
        int[] ends = p.ends();
        double h = p.stroke() != 0 ? p.halfWidth() : 0;
        // the outline as pieces, each turning the same way: a rectangle per segment, a wedge filling the outer side of
        // each join, and the inner overlap of the two rectangles taken out again
        outN = 0;
        pieceN = 0;
        if (h > 0) {
            int start = 0;
            for (int end : ends) {
                if (!offsetRings(xy, start, end, h)) {
                    outline(xy, start, end, h);
                }
                start = end;
            }
        }
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        int n = ends.length == 0 ? 0 : ends[ends.length - 1];
        for (int i = 0; i < 2 * n; i += 2) {
            minX = Math.min(minX, xy[i]);
            maxX = Math.max(maxX, xy[i]);
            minY = Math.min(minY, xy[i + 1]);
            maxY = Math.max(maxY, xy[i + 1]);
        }
        for (int i = 0; i < 2 * outN; i += 2) {
            minX = Math.min(minX, out[i]);
            maxX = Math.max(maxX, out[i]);
            minY = Math.min(minY, out[i + 1]);
            maxY = Math.max(maxY, out[i + 1]);
        }
        if (!(minX <= maxX) || !(minY <= maxY)) {
            return true; // nothing to draw (or not a number)
        }
        int x0 = (int) Math.floor(minX);
        int y0 = (int) Math.floor(minY);
        int bw = (int) Math.ceil(maxX) - x0 + 2;
        int bh = Math.max(1, (int) Math.ceil(maxY) - y0);
        if (maxX - minX > 4096 || maxY - minY > 4096 || (long) bw * bh > MAX_PIXELS) {
            return false;
        }
        int rowTop = Math.max(y0, Math.max(top, 0));
        int rowBottom = Math.min(y0 + bh, Math.min(bottom, height));
        if (rowTop >= rowBottom || x0 + bw - 1 <= 0 || x0 >= width) {
            return true; // outside the image (or this band)
        }
        int cells = bw * bh;
        if (fillAcc.length < cells) {
            int size = Math.max(cells, 2 * fillAcc.length);
            fillAcc = new float[size];
            strokeAcc = new float[size];
        }
        boolean fill = p.fill() != 0;
        if (fill) {
            int start = 0;
            double exterior = 0;
            for (int r = 0; r < ends.length; r++) {
                double area = area(xy, start, ends[r]);
                if (r == 0) {
                    exterior = area;
                }
                // a hole turning the exterior's way is taken backwards: it must subtract
                ring(fillAcc, bw, bh, xy, start, ends[r], x0, y0, r > 0 && (area > 0) == (exterior > 0));
                start = ends[r];
            }
        }
        if (h > 0) {
            int start = 0;
            for (int i = 0; i < pieceN; i++) {
                ring(strokeAcc, bw, bh, out, start, pieceEnds[i], x0, y0, false);
                start = pieceEnds[i];
            }
        }
        composite(p, fill, h > 0, bw, bh, x0, y0, rowTop, rowBottom);
        return true;
    }

    /** Composites fill, then stroke, over the pixels of rows [rowTop, rowBottom), and clears the buffers. */
    private void composite(Poly p, boolean fill, boolean stroke, int bw, int bh, int x0, int y0, int rowTop, int rowBottom) {
        Blend fb = fill ? Blend.of(blends, p.fill()) : null;
        Blend sb = stroke ? Blend.of(blends, p.stroke()) : null;
        float[] fAcc = fillAcc;
        float[] sAcc = strokeAcc;
        int[] px = argb;
        // the columns inside the image
        int colFrom = Math.max(0, -x0);
        int colTo = Math.min(bw, width - x0);
        for (int row = 0; row < bh; row++) {
            int y = y0 + row;
            int base = row * bw;
            if (y < rowTop || y >= rowBottom || colFrom >= colTo) {
                java.util.Arrays.fill(fAcc, base, base + bw, 0f);
                java.util.Arrays.fill(sAcc, base, base + bw, 0f);
                continue;
            }
            float fSum = 0;
            float sSum = 0;
            int col = 0;
            for (; col < colFrom; col++) {
                int i = base + col;
                fSum += fAcc[i];
                sSum += sAcc[i];
                fAcc[i] = 0;
                sAcc[i] = 0;
            }
            int pi = y * width + x0;
            for (; col < colTo; col++) {
                int i = base + col;
                fSum += fAcc[i];
                sSum += sAcc[i];
                fAcc[i] = 0;
                sAcc[i] = 0;
                int fm = fill ? coverage(fSum) : 0;
                int sm = stroke ? coverage(sSum) : 0; // either sign: the pieces add negative sums, the offset rings either
                if ((fm | sm) != 0) {
                    int d = px[pi + col];
                    if (fm != 0) {
                        d = fb.over(d, fm);
                    }
                    if (sm != 0) {
                        d = sb.over(d, sm);
                    }
                    px[pi + col] = d;
                }
            }
            java.util.Arrays.fill(fAcc, base + col, base + bw, 0f);
            java.util.Arrays.fill(sAcc, base + col, base + bw, 0f);
        }
    }

    private static int coverage(float acc) {
        float a = Math.abs(acc);
        return a >= 1 ? 255 : (int) (a * 255 + 0.5f);
    }

    /** Twice the signed area of a ring. */
    private static double area(double[] xy, int start, int end) {
        double s = 0;
        for (int i = start; i < end; i++) {
            int j = i + 1 == end ? start : i + 1;
            s += xy[2 * i] * xy[2 * j + 1] - xy[2 * j] * xy[2 * i + 1];
        }
        return s;
    }

    /**
     * Appends the outline of a closed ring as its two offset rings, one on either side at half width {@code h} with
     * miter joins, the second one backwards, so that their accumulated coverages subtract: the band between them is
     * the stroke (two edges per point, where {@link #outline}'s pieces take twelve). False when a join is past the
     * miter limit or the ring has fewer than three points or repeated points (nothing appended): the pieces then.
     * {@link #simpleOutline} holds for every ring drawn, so the rings do not fold over within a join.
     */
    private boolean offsetRings(double[] xy, int start, int end, double h) {
        int k = end - start;
        if (k < 3) {
            return false;
        }
        int first = outN;
        for (int i = start; i < end; i++) {
            int prev = i == start ? end - 1 : i - 1;
            int next = i + 1 == end ? start : i + 1;
            double px = xy[2 * i];
            double py = xy[2 * i + 1];
            double d0x = px - xy[2 * prev];
            double d0y = py - xy[2 * prev + 1];
            double d1x = xy[2 * next] - px;
            double d1y = xy[2 * next + 1] - py;
            double l0 = Math.sqrt(d0x * d0x + d0y * d0y);
            double l1 = Math.sqrt(d1x * d1x + d1y * d1y);
            if (l0 == 0 || l1 == 0) {
                outN = first;
                return false;
            }
            double n0x = -d0y / l0 * h;
            double n0y = d0x / l0 * h;
            double n1x = -d1y / l1 * h;
            double n1y = d1x / l1 * h;
            double dot = (n0x * n1x + n0y * n1y) / (h * h);
            if (!(1 + dot > 2 / (MITER_LIMIT * MITER_LIMIT))) {
                outN = first;
                return false;
            }
            double f = 1 / (1 + dot);
            point(px + f * (n0x + n1x), py + f * (n0y + n1y));
        }
        if (pieceN + 2 > pieceEnds.length) {
            pieceEnds = java.util.Arrays.copyOf(pieceEnds, 2 * pieceEnds.length + 2);
        }
        pieceEnds[pieceN++] = outN;
        // the other side, backwards: the mirror of each miter point through its vertex
        for (int i = end - 1; i >= start; i--) {
            int o = first + (i - start);
            point(2 * xy[2 * i] - out[2 * o], 2 * xy[2 * i + 1] - out[2 * o + 1]);
        }
        pieceEnds[pieceN++] = outN;
        return true;
    }

    /**
     * Appends the outline of a closed ring as pieces (x, y rings in {@link #out}, ends in {@link #pieceEnds}), all
     * turning the same way so that their coverages add up: a rectangle of half width {@code h} per segment; per join, the wedge
     * between the two rectangles on the outer side (to the miter point, or bevelled past the miter limit); and, where
     * it lies within both rectangles, their overlap on the inner side turning the other way, so that it counts once.
     */
    private void outline(double[] xy, int start, int end, double h) {
        int k = end - start;
        if (k < 2) {
            return;
        }
        for (int i = start; i < end; i++) {
            int prev = i == start ? end - 1 : i - 1;
            int next = i + 1 == end ? start : i + 1;
            double px = xy[2 * i];
            double py = xy[2 * i + 1];
            double d1x = xy[2 * next] - px;
            double d1y = xy[2 * next + 1] - py;
            double l1 = Math.sqrt(d1x * d1x + d1y * d1y);
            if (l1 == 0) {
                continue;
            }
            double n1x = -d1y / l1 * h;
            double n1y = d1x / l1 * h;
            // the segment's rectangle
            piece4(px + n1x, py + n1y, xy[2 * next] + n1x, xy[2 * next + 1] + n1y, xy[2 * next] - n1x,
                    xy[2 * next + 1] - n1y, px - n1x, py - n1y, 1);
            double d0x = px - xy[2 * prev];
            double d0y = py - xy[2 * prev + 1];
            double l0 = Math.sqrt(d0x * d0x + d0y * d0y);
            if (l0 == 0 || k == 2) {
                continue;
            }
            double n0x = -d0y / l0 * h;
            double n0y = d0x / l0 * h;
            double cross = d0x * d1y - d0y * d1x;
            if (cross == 0) {
                continue; // straight on (or straight back: no join area on either side that the rectangles miss)
            }
            double dot = (n0x * n1x + n0y * n1y) / (h * h);
            // the outer side: left when turning right
            double so = cross < 0 ? 1 : -1;
            if (1 + dot > 2 / (MITER_LIMIT * MITER_LIMIT)) {
                double f = so / (1 + dot);
                piece4(px, py, px + so * n0x, py + so * n0y, px + f * (n0x + n1x), py + f * (n0y + n1y), px + so * n1x,
                        py + so * n1y, 1);
                // the inner overlap of the rectangles: a kite reaching h·tan(turn/2) along each segment
                double reach = h * Math.sqrt(Math.max(0, (1 - dot) / (1 + dot)));
                if (reach <= 0.5 * Math.min(l0, l1)) {
                    piece4(px, py, px - so * n0x, py - so * n0y, px - f * (n0x + n1x), py - f * (n0y + n1y),
                            px - so * n1x, py - so * n1y, -1);
                }
            } else {
                piece4(px, py, px + so * n0x, py + so * n0y, px + so * n1x, py + so * n1y, px, py, 1);
            }
        }
    }

    /**
     * Whether {@link #draw} outlines these rings as Java2D would: every ring has three points or more, and at every
     * join the two segments' rectangles overlap only in the kite {@link #outline} takes out (it reaches at most half
     * way along each segment) and the miter is within the limit. Otherwise (sharp spikes, segments shorter than the
     * outline is wide) the pieces would overlap elsewhere and count twice at edges: leave such a polygon to Java2D.
     */
    static boolean simpleOutline(double[] xy, int[] ends, double h) {
        int start = 0;
        for (int end : ends) {
            if (end - start < 3) {
                return false;
            }
            for (int i = start; i < end; i++) {
                int prev = i == start ? end - 1 : i - 1;
                int next = i + 1 == end ? start : i + 1;
                double d0x = xy[2 * i] - xy[2 * prev];
                double d0y = xy[2 * i + 1] - xy[2 * prev + 1];
                double d1x = xy[2 * next] - xy[2 * i];
                double d1y = xy[2 * next + 1] - xy[2 * i + 1];
                double l0 = Math.sqrt(d0x * d0x + d0y * d0y);
                double l1 = Math.sqrt(d1x * d1x + d1y * d1y);
                if (l0 == 0 || l1 == 0) {
                    return false;
                }
                double dot = (d0x * d1x + d0y * d1y) / (l0 * l1);
                if (!(1 + dot > 2 / (MITER_LIMIT * MITER_LIMIT))
                        || h * Math.sqrt(Math.max(0, (1 - dot) / (1 + dot))) > 0.5 * Math.min(l0, l1)) {
                    return false;
                }
            }
            start = end;
        }
        return true;
    }

    /** Appends a quadrilateral (or a triangle, its last point its first) that adds coverage (sign 1) or takes it away (-1). */
    private void piece4(double ax, double ay, double bx, double by, double cx, double cy, double dx, double dy, int sign) {
        // twice the signed area (shoelace): a positive one accumulates negative coverage (see line)
        double area = (ax * by - bx * ay) + (bx * cy - cx * by) + (cx * dy - dx * cy) + (dx * ay - ax * dy);
        if (area == 0) {
            return;
        }
        if ((area > 0) == (sign > 0)) {
            point(ax, ay);
            point(bx, by);
            point(cx, cy);
            point(dx, dy);
        } else {
            point(dx, dy);
            point(cx, cy);
            point(bx, by);
            point(ax, ay);
        }
        if (pieceN == pieceEnds.length) {
            pieceEnds = java.util.Arrays.copyOf(pieceEnds, 2 * pieceN);
        }
        pieceEnds[pieceN++] = outN;
    }

    private void point(double x, double y) {
        if (2 * outN + 2 > out.length) {
            out = java.util.Arrays.copyOf(out, 2 * out.length);
        }
        out[2 * outN] = x;
        out[2 * outN + 1] = y;
        outN++;
    }

    /** Accumulates a closed ring's signed areas into {@code acc} (bw × bh, origin x0, y0). */
    private static void ring(float[] acc, int bw, int bh, double[] xy, int start, int end, int x0, int y0, boolean backwards) {
        if (end - start < 2) {
            return;
        }
        for (int i = start; i < end; i++) {
            int j = i + 1 == end ? start : i + 1;
            if (backwards) {
                line(acc, bw, bh, xy[2 * j] - x0, xy[2 * j + 1] - y0, xy[2 * i] - x0, xy[2 * i + 1] - y0);
            } else {
                line(acc, bw, bh, xy[2 * i] - x0, xy[2 * i + 1] - y0, xy[2 * j] - x0, xy[2 * j + 1] - y0);
            }
        }
    }

    /**
     * Adds a line's signed area to the accumulation buffer: each pixel gets the part of its area the line's
     * trapezoid (to its right) covers, the pixel after the line the rest, so a prefix sum along a row is the
     * winding coverage (font-rs's accumulation rasterizer, exact for straight edges).
     */
    static void line(float[] acc, int bw, int bh, double ax, double ay, double bx, double by) {
        if (ay == by) {
            return;
        }
        double dir;
        double p0x;
        double p0y;
        double p1x;
        double p1y;
        if (ay < by) {
            dir = 1;
            p0x = ax;
            p0y = ay;
            p1x = bx;
            p1y = by;
        } else {
            dir = -1;
            p0x = bx;
            p0y = by;
            p1x = ax;
            p1y = ay;
        }
        double dxdy = (p1x - p0x) / (p1y - p0y);
        double x = p0x;
        int yStart = Math.max(0, (int) Math.floor(p0y));
        int yEnd = Math.min(bh, (int) Math.ceil(p1y));
        if (p0y < yStart) {
            x = p0x + (yStart - p0y) * dxdy;
        }
        for (int y = yStart; y < yEnd; y++) {
            int lineStart = y * bw;
            double dy = Math.min(y + 1, p1y) - Math.max(y, p0y);
            double xNext = x + dxdy * dy;
            double d = dy * dir;
            double xa;
            double xb;
            if (x < xNext) {
                xa = x;
                xb = xNext;
            } else {
                xa = xNext;
                xb = x;
            }
            double xaFloor = Math.floor(xa);
            int xai = (int) xaFloor;
            double xbCeil = Math.ceil(xb);
            int xbi = (int) xbCeil;
            if (xbi <= xai + 1) {
                double xmf = 0.5 * (x + xNext) - xaFloor;
                acc[lineStart + xai] += (float) (d - d * xmf);
                acc[lineStart + xai + 1] += (float) (d * xmf);
            } else {
                double s = 1 / (xb - xa);
                double xaf = xa - xaFloor;
                double a0 = 0.5 * s * (1 - xaf) * (1 - xaf);
                double xbf = xb - xbCeil + 1;
                double am = 0.5 * s * xbf * xbf;
                acc[lineStart + xai] += (float) (d * a0);
                if (xbi == xai + 2) {
                    acc[lineStart + xai + 1] += (float) (d * (1 - a0 - am));
                } else {
                    double a1 = s * (1.5 - xaf);
                    acc[lineStart + xai + 1] += (float) (d * (a1 - a0));
                    for (int xi = xai + 2; xi < xbi - 1; xi++) {
                        acc[lineStart + xi] += (float) (d * s);
                    }
                    double a2 = a1 + (xbi - xai - 3) * s;
                    acc[lineStart + xbi - 1] += (float) (d * (1 - a2 - am));
                }
                acc[lineStart + xbi] += (float) (d * am);
            }
            x = xNext;
        }
    }
}
