package io.shikong.styles.render;

/**
 * An anti-aliased rasterizer for the map's commonest line: an opaque, solid polyline a few pixels wide with round
 * caps and round joins (every pipeline of the standard style), written straight into the image's {@code INT_ARGB}
 * pixels without Java2D's rasterizer (Marlin's per-call cost and its stroker's offset paths).
 *
 * <p>Such a stroke is exactly the set of points within half its width of the polyline (the union of one capsule
 * per segment). Each pixel near a segment gets the area of the pixel inside that segment's capsule, estimated from the
 * distance d of the pixel's centre to the segment and the direction to it: a unit square cut by a straight edge at
 * signed distance s covers F(s) of its area (exact: linear across the middle, quadratic at the corners), and a band of
 * half width r covers F(r - d) + F(r + d) - 1 (a cap's circle a little less). A pixel takes the largest coverage of the
 * line's segments (the union: joins and self overlaps are inked once), except where two segments each cover part of it
 * and the parts differ (the inner side of a turn, a crossing): there the union is sampled on an 8×8 grid. Coverage is
 * kept in a buffer of the band's pixels (indexed within the line's bounding box when that is small, so that a short line
 * stays in cache); the touched pixels are listed, composited source-over with Java2D's own 8-bit arithmetic
 * ({@link Blend}) once per line, and cleared.
 * Fully covered and empty pixels are as Java2D's; edge pixels may differ from Marlin's sampled coverage by a few
 * levels.
 */
final class LineRaster {

    /** Lines with a coordinate beyond this many pixels from the image are left to Java2D. */
    static final double MAX_COORD = 1e6;

    /**
     * A polyline to draw.
     *
     * @param xy     x, y pairs of screen points
     * @param n      number of points
     * @param colour the opaque colour (ARGB, alpha 255)
     * @param half   half the line's width, pixels
     */
    record Line(double[] xy, int n, int colour, double half) {
    }

    private final int[] argb;
    private final int width;
    private final int top;
    private final int bottom;
    private final Blend[] blends = Blend.cache();
    /** Coverage (0-255) of the band's pixels by the line being drawn; zero between lines. */
    private byte[] cover;
    /** Indices in {@link #cover} of the pixels the line being drawn covers. */
    private int[] touched = new int[1024];
    private int touchedN;
    /** The frame of the buffers for the line being drawn: its first column and row, width, and end row. */
    private int fx0;
    private int fy0;
    private int fw;
    private int fy1;
    /**
     * Per pixel of {@link #cover}: 1 + the segment that last covered it partly, or -(1 + its entry in {@link #mixed})
     * once two segments have each covered it partly (its coverage is then their union's, sampled).
     */
    private int[] owner;
    /** Per pixel covered partly by several segments: its index, then up to {@link #MIXED_SEGMENTS} segments (-1: none). */
    private int[] mixed = new int[64 * (1 + MIXED_SEGMENTS)];
    private int mixedN;
    private static final int MIXED_SEGMENTS = 4;
    /** Coverage from which a pixel is full, as Java2D's rasterizer rounds it. */
    private static final double FULL = 1 - 1.5 / 255;
    /** The squared cosine above which two segments' directions make a slight turn ({@link #mix}). */
    private static final double SAME_WAY = 0.97 * 0.97;
    /** Samples per side of a pixel covered partly by several segments. */
    private static final int SAMPLES = 8;
    /** The points of the line being drawn. */
    private double[] xy;
    /** The corners of the rectangle around the segment being drawn, the first repeated. */
    private final double[] corners = new double[10];

    /** A rasterizer of the rows {@code [top, bottom)} of an image's pixels. */
    LineRaster(int[] argb, int width, int top, int bottom) {
        this.argb = argb;
        this.width = width;
        this.top = top;
        this.bottom = bottom;
    }

    /** Whether a line's points are all finite and near the image (else Java2D draws it). */
    static boolean fits(double[] xy, int n, int width, int height) {
        for (int i = 0; i < 2 * n; i += 2) {
            double x = xy[i];
            double y = xy[i + 1];
            if (!(x > -MAX_COORD && x < width + MAX_COORD && y > -MAX_COORD && y < height + MAX_COORD)) {
                return false;
            }
        }
        return true;
    }

    boolean covers(int top, int bottom) {
        return this.top == top && this.bottom == bottom;
    }

    void draw(Line line) {
        if (cover == null) {
            cover = new byte[width * (bottom - top)];
            owner = new int[width * (bottom - top)];
        }
        double[] xy = line.xy();
        this.xy = xy;
        double r = line.half();
        touchedN = 0;
        mixedN = 0;
        // the buffers' frame: the line's bounding box when small (a compact part of the buffers), else the band
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 2 * line.n(); i += 2) {
            minX = Math.min(minX, xy[i]);
            maxX = Math.max(maxX, xy[i]);
            minY = Math.min(minY, xy[i + 1]);
            maxY = Math.max(maxY, xy[i + 1]);
        }
        fx0 = Math.max(0, (int) Math.floor(minX - r - 1));
        fy0 = Math.max(top, (int) Math.floor(minY - r - 1));
        int fx1 = Math.min(width, (int) Math.ceil(maxX + r + 1));
        fy1 = Math.min(bottom, (int) Math.ceil(maxY + r + 1));
        if (fx0 >= fx1 || fy0 >= fy1) {
            return;
        }
        fw = fx1 - fx0;
        for (int i = 0; i + 1 < line.n(); i++) {
            segment(i, xy[2 * i], xy[2 * i + 1], xy[2 * i + 2], xy[2 * i + 3], r);
        }
        for (int e = 0; e < mixedN; e++) {
            sample(e, r);
        }
        Blend blend = Blend.of(blends, line.colour());
        byte[] cov = cover;
        for (int t = 0; t < touchedN; t++) {
            int i = touched[t];
            int m = cov[i] & 0xFF;
            cov[i] = 0;
            owner[i] = 0;
            int pi = (fy0 + i / fw) * width + fx0 + i % fw;
            argb[pi] = blend.over(argb[pi], m);
        }
        touchedN = 0;
    }

    /** Raises the coverage of the pixels near segment a-b (a capsule of radius r) to the capsule's. */
    private void segment(int seg, double ax, double ay, double bx, double by, double r) {
        // pixels whose centre is within r + √½ of the segment may be touched
        double reach = r + 0.7072;
        double dx = bx - ax;
        double dy = by - ay;
        double len2 = dx * dx + dy * dy;
        double len = Math.sqrt(len2);
        double ux;
        double uy;
        if (len > 0) {
            ux = dx / len;
            uy = dy / len;
        } else {
            ux = 1;
            uy = 0;
        }
        // the segment's own normal, sorted components for the edge coverage
        double na = Math.abs(uy);
        double nb = Math.abs(ux);
        if (na < nb) {
            double t = na;
            na = nb;
            nb = t;
        }
        // the capsule within the rectangle: the segment lengthened by reach at both ends, reach on either side
        double ex = ux * reach;
        double ey = uy * reach;
        double px0 = ax - ex - ey;
        double py0 = ay - ey + ex;
        double px1 = bx + ex - ey;
        double py1 = by + ey + ex;
        double px2 = bx + ex + ey;
        double py2 = by + ey - ex;
        double px3 = ax - ex + ey;
        double py3 = ay - ey - ex;
        double minY = Math.min(Math.min(py0, py1), Math.min(py2, py3));
        double maxY = Math.max(Math.max(py0, py1), Math.max(py2, py3));
        int rowFrom = Math.max(fy0, (int) Math.ceil(minY - 0.5));
        int rowTo = Math.min(fy1 - 1, (int) Math.floor(maxY - 0.5));
        double inv = len2 > 0 ? 1 / len2 : 0;
        double bend = 1 / (24 * r);
        // pixels whose centre is this near are covered whatever the edge's direction
        double inner = r - 0.7072;
        boolean wide = r >= 0.7072;
        double hB = 0.5 * (na + nb);
        double mB = 0.5 * (na - nb);
        double invA = 1 / na;
        double k2ab = nb > 0 ? 1 / (2 * na * nb) : 0;
        double[] q = corners;
        q[0] = px0;
        q[1] = py0;
        q[2] = px1;
        q[3] = py1;
        q[4] = px2;
        q[5] = py2;
        q[6] = px3;
        q[7] = py3;
        q[8] = px0;
        q[9] = py0;
        for (int y = rowFrom; y <= rowTo; y++) {
            double cy = y + 0.5;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            // the row's crossings of the rectangle's four sides
            for (int k = 0; k < 8; k += 2) {
                double y0 = q[k + 1];
                double y1 = q[k + 3];
                if ((cy < y0 && cy < y1) || (cy > y0 && cy > y1)) {
                    continue;
                }
                double x;
                if (y0 == y1) {
                    lo = Math.min(lo, Math.min(q[k], q[k + 2]));
                    hi = Math.max(hi, Math.max(q[k], q[k + 2]));
                    continue;
                }
                x = q[k] + (cy - y0) * (q[k + 2] - q[k]) / (y1 - y0);
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
            if (!(lo <= hi)) {
                continue;
            }
            int colFrom = Math.max(fx0, (int) Math.ceil(lo - 0.5));
            int colTo = Math.min(fx0 + fw - 1, (int) Math.floor(hi - 0.5));
            int base = (y - fy0) * fw - fx0;
            double wy = cy - ay;
            for (int x = colFrom; x <= colTo; x++) {
                int i = base + x;
                int old = cover[i] & 0xFF;
                if (old == 255) {
                    continue;
                }
                double wx = x + 0.5 - ax;
                double t = (wx * dx + wy * dy) * inv;
                double d;
                double c;
                if (t > 0 && t < 1) {
                    d = Math.abs(wx * uy - wy * ux);
                    if (d >= reach) {
                        continue;
                    }
                    double e = r - d;
                    // edge(r - d, na, nb) with the segment's constants (r + d is past any edge: r ≥ √½)
                    c = d <= inner || e >= hB ? 1 : e <= -hB ? 0 : e <= -mB ? (e + hB) * (e + hB) * k2ab
                            : e >= mB ? 1 - (hB - e) * (hB - e) * k2ab : 0.5 + e * invA;
                    if (!wide) {
                        c += edge(r + d, na, nb) - 1;
                    }
                } else {
                    double a;
                    double b;
                    // nearest the end: the edge is the cap's circle, its normal towards the pixel
                    double ox = t <= 0 ? wx : wx - dx;
                    double oy = t <= 0 ? wy : wy - dy;
                    // the cap's circle bends away from its tangent by x²/2r, on average 1/24r across a pixel
                    double dist = Math.sqrt(ox * ox + oy * oy);
                    d = dist + bend;
                    if (d >= reach) {
                        continue;
                    }
                    if (dist > 0) {
                        // (divided by d, not dist: the normal a little short, the edge's ramp a little narrower)
                        a = Math.abs(ox) / d;
                        b = Math.abs(oy) / d;
                        if (a < b) {
                            double s = a;
                            a = b;
                            b = s;
                        }
                    } else {
                        a = 1;
                        b = 0;
                    }
                    c = d <= inner ? 1 : edge(r - d, a, b) + edge(r + d, a, b) - 1;
                }
                // Marlin's sub-pixel grid misses slivers of under 1/8 of a sub-scanline: such pixels are full (empty)
                int m = c >= FULL ? 255 : c <= 1 - FULL ? 0 : (int) (c * 255 + 0.5);
                if (m == 0) {
                    continue;
                }
                if (old == 0) {
                    if (touchedN == touched.length) {
                        touched = java.util.Arrays.copyOf(touched, 2 * touchedN);
                    }
                    touched[touchedN++] = i;
                    owner[i] = seg + 1;
                } else if (m < 255) {
                    mix(i, seg, x + 0.5, cy);
                }
                if (m > old) {
                    cover[i] = (byte) m;
                }
            }
        }
    }

    /**
     * Notes that segment seg covers pixel i (centre x, y) partly, as another segment did. On the outer side of a join
     * the two capsules cover the same part of the pixel (the join's circle is tangent to both) and the larger coverage
     * is the union's; elsewhere (the inner side of a turn, where the two edges meet, or a crossing) the union is
     * sampled.
     */
    private void mix(int i, int seg, double x, double y) {
        int o = owner[i];
        if (o > 0) {
            if (o == seg + 1) {
                return;
            }
            int other = o - 1;
            if (Math.abs(other - seg) == 1) {
                int first = Math.min(other, seg);
                double vx = xy[2 * first + 2];
                double vy = xy[2 * first + 3];
                double d0x = vx - xy[2 * first];
                double d0y = vy - xy[2 * first + 1];
                double d1x = xy[2 * first + 4] - vx;
                double d1y = xy[2 * first + 5] - vy;
                double turn = d0x * d1y - d0y * d1x;
                double dot = d0x * d1x + d0y * d1y;
                if (dot > 0 && dot * dot > SAME_WAY * (d0x * d0x + d0y * d0y) * (d1x * d1x + d1y * d1y)) {
                    return; // a slight turn: the edges meet at so flat an angle that the larger coverage is near the union's
                }
                double s0 = d0x * (y - vy) - d0y * (x - vx);
                double s1 = d1x * (y - vy) - d1y * (x - vx);
                if (!(turn > 0 ? s0 > 0 && s1 > 0 : turn < 0 && s0 < 0 && s1 < 0)) {
                    return; // not inside the turn
                }
            }
            int stride = 1 + MIXED_SEGMENTS;
            if ((mixedN + 1) * stride > mixed.length) {
                mixed = java.util.Arrays.copyOf(mixed, 2 * mixed.length);
            }
            int at = mixedN * stride;
            mixed[at] = i;
            mixed[at + 1] = o - 1;
            mixed[at + 2] = seg;
            for (int k = 3; k < stride; k++) {
                mixed[at + k] = -1;
            }
            owner[i] = -(1 + mixedN);
            mixedN++;
            return;
        }
        int at = (-o - 1) * (1 + MIXED_SEGMENTS);
        for (int k = 1; k <= MIXED_SEGMENTS; k++) {
            if (mixed[at + k] == seg) {
                return;
            }
            if (mixed[at + k] == -1) {
                mixed[at + k] = seg;
                return;
            }
        }
    }

    /** The coverage of a pixel covered partly by several segments: their union's, sampled (at least their largest). */
    private void sample(int e, double r) {
        int at = e * (1 + MIXED_SEGMENTS);
        int i = mixed[at];
        double py = fy0 + i / fw;
        double px = fx0 + i % fw;
        double r2 = r * r;
        long in = samples(at, px, py, r2, 0);
        int inside = Long.bitCount(in);
        int m = (inside * 255 + SAMPLES * SAMPLES / 2) / (SAMPLES * SAMPLES);
        if (m > (cover[i] & 0xFF)) {
            cover[i] = (byte) m;
        }
    }

    /**
     * Adds to {@code in} the samples (bits, row by row) within r of a segment of mixed entry {@code at}. A capsule is
     * convex: on each row of samples the ones inside it are a run, found from either end (the samples outside it on
     * the left, then on the right, are the only others tested); rows already all inside are skipped.
     */
    private long samples(int at, double px, double py, double r2, long in) {
        for (int k = 1; k <= MIXED_SEGMENTS; k++) {
            int seg = mixed[at + k];
            if (seg < 0) {
                break;
            }
            double ax = xy[2 * seg];
            double ay = xy[2 * seg + 1];
            double dx = xy[2 * seg + 2] - ax;
            double dy = xy[2 * seg + 3] - ay;
            double len2 = dx * dx + dy * dy;
            double inv = len2 > 0 ? 1 / len2 : 0;
            for (int sy = 0; sy < SAMPLES; sy++) {
                int shift = sy * SAMPLES;
                if ((in >>> shift & 0xFF) == 0xFF) {
                    continue;
                }
                double wy = py + (sy + 0.5) / SAMPLES - ay;
                int lo = 0;
                while (lo < SAMPLES && !inside(px + (lo + 0.5) / SAMPLES - ax, wy, dx, dy, inv, r2)) {
                    lo++;
                }
                if (lo == SAMPLES) {
                    continue;
                }
                int hi = SAMPLES - 1;
                while (hi > lo && !inside(px + (hi + 0.5) / SAMPLES - ax, wy, dx, dy, inv, r2)) {
                    hi--;
                }
                in |= (0xFFL >>> (SAMPLES - 1 - hi + lo) << lo) << shift;
            }
        }
        return in;
    }

    /** Whether the point (wx, wy) from a segment's start is within √r2 of the segment (dx, dy; inv 1/its length²). */
    private static boolean inside(double wx, double wy, double dx, double dy, double inv, double r2) {
        double t = Math.max(0, Math.min(1, (wx * dx + wy * dy) * inv));
        double ox = wx - t * dx;
        double oy = wy - t * dy;
        return ox * ox + oy * oy <= r2;
    }

    /**
     * The area of a unit square on the inner side of a straight edge at signed distance s from its centre (positive:
     * the centre inside), the edge's unit normal having absolute components a ≥ b.
     */
    static double edge(double s, double a, double b) {
        double h = 0.5 * (a + b);
        if (s >= h) {
            return 1;
        }
        if (s <= -h) {
            return 0;
        }
        double m = 0.5 * (a - b);
        if (s <= -m) {
            double u = s + h;
            return u * u / (2 * a * b);
        }
        if (s >= m) {
            double u = h - s;
            return 1 - u * u / (2 * a * b);
        }
        return 0.5 + s / a;
    }
}
