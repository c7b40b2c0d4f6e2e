package io.shikong.styles.render;

/**
 * A plain colour composited source-over onto non-premultiplied {@code INT_ARGB} pixels at a coverage of 0-255, with
 * Java2D's own 8-bit arithmetic (its IntArgb SrcOver mask fill: mul8table, div8table; BlendTest keeps it as written
 * there, with its divisions, as the reference), but without its per-pixel divisions where they are not needed:
 * <ul>
 *   <li>a fully covered opaque colour is the colour;</li>
 *   <li>onto a transparent pixel (alpha 0, whatever its other channels) the result depends on the coverage only: it is
 *       looked up in a table of 256 made once per colour;</li>
 *   <li>an opaque colour onto an opaque pixel stays opaque: no division, two multiplies per channel;</li>
 *   <li>otherwise the divisions by the result's alpha are multiplies by a reciprocal (exact for every 8-bit
 *       operand, checked for all of them by the tests).</li>
 * </ul>
 * Every path gives the same pixel as that reference, bit for bit.
 */
final class Blend {

    /** ceil(2^40 / a): v / a is (v · RECIPROCAL[a]) >>> 40 for every v below 2^16. */
    private static final long[] RECIPROCAL = new long[256];

    static {
        for (int a = 1; a < 256; a++) {
            RECIPROCAL[a] = ((1L << 40) + a - 1) / a;
        }
    }

    /** The colour (non-premultiplied ARGB). */
    final int argb;
    /** Its alpha and premultiplied channels. */
    private final int a;
    private final int r;
    private final int g;
    private final int b;
    private final boolean opaque;
    /** The result onto a transparent pixel, by coverage. */
    private final int[] ontoClear = new int[256];

    Blend(int argb) {
        this.argb = argb;
        a = argb >>> 24;
        r = mul8(a, argb >>> 16 & 0xFF);
        g = mul8(a, argb >>> 8 & 0xFF);
        b = mul8(a, argb & 0xFF);
        opaque = a == 255;
        for (int m = 0; m < 256; m++) {
            ontoClear[m] = general(0, m);
        }
    }

    /** The blend of a colour from a small cache (direct-mapped by colour); made and cached on a miss. */
    static Blend of(Blend[] cache, int argb) {
        int h = argb * 0x9E3779B9 >>> 32 - Integer.numberOfTrailingZeros(cache.length);
        Blend b = cache[h];
        if (b == null || b.argb != argb) {
            b = new Blend(argb);
            cache[h] = b;
        }
        return b;
    }

    /** A cache for {@link #of}. */
    static Blend[] cache() {
        return new Blend[64];
    }

    /** This colour at coverage m (1-255) over the pixel {@code dst}. */
    int over(int dst, int m) {
        if (opaque) {
            if (m == 255) {
                return argb;
            }
            int da = dst >>> 24;
            if (da == 255) {
                int n = 255 - m;
                return 0xFF000000 | (mul8(m, r) + mul8(n, dst >>> 16 & 0xFF)) << 16
                        | (mul8(m, g) + mul8(n, dst >>> 8 & 0xFF)) << 8 | (mul8(m, b) + mul8(n, dst & 0xFF));
            }
            if (da == 0) {
                return ontoClear[m];
            }
        } else if (dst >>> 24 == 0) {
            return ontoClear[m];
        }
        return general(dst, m);
    }

    /** Java2D's source-over of this colour at coverage m onto {@code dst}, its divisions as multiplies. */
    private int general(int dst, int m) {
        int resA;
        int resR;
        int resG;
        int resB;
        if (m == 255) {
            resA = a;
            resR = r;
            resG = g;
            resB = b;
        } else {
            resA = mul8(m, a);
            resR = mul8(m, r);
            resG = mul8(m, g);
            resB = mul8(m, b);
        }
        if (resA != 255) {
            int dstF = mul8(255 - resA, dst >>> 24);
            resA += dstF;
            if (dstF != 0) {
                resR += mul8(dstF, dst >>> 16 & 0xFF);
                resG += mul8(dstF, dst >>> 8 & 0xFF);
                resB += mul8(dstF, dst & 0xFF);
            }
            if (resA != 0 && resA < 255) {
                resR = div8(resR, resA);
                resG = div8(resG, resA);
                resB = div8(resB, resA);
            }
        }
        return resA << 24 | resR << 16 | resG << 8 | resB;
    }

    /** a·b/255 rounded, as Java2D's mul8table. */
    static int mul8(int a, int b) {
        int t = a * b + 128;
        return (t + (t >> 8)) >> 8;
    }

    /** v·255/a rounded, at most 255, as Java2D's div8table (a 1-255, v 0-510). */
    static int div8(int v, int a) {
        return v >= a ? 255 : (int) ((v * 255 + (a >> 1)) * RECIPROCAL[a] >>> 40);
    }
}
