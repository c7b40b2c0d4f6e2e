package io.shikong.styles.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Blend}'s fast paths (a table onto transparent pixels, no division for opaque onto opaque, reciprocals
 * instead of divisions) give the very pixel of Java2D's 8-bit source-over ({@link #reference}) for every
 * coverage, every destination alpha and every channel value, for opaque and translucent colours.
 */
class BlendTest {

    @Test
    void reciprocalDivisionIsExactForEveryOperand() {
        for (int a = 1; a < 256; a++) {
            for (int v = 0; v <= 510; v++) {
                int expected = v >= a ? 255 : (v * 255 + a / 2) / a;
                assertThat(Blend.div8(v, a)).as("div8(%d, %d)", v, a).isEqualTo(expected);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0xFF5A5A5A, 0xFFF2DAB2, 0xFF000000, 0xFFFFFFFF, 0x80E76F6F, 0x01123456, 0xFE7FA7D9, 0x00FFFFFF, 0x3300FF80})
    void everyPathGivesTheReferencePixel(int colour) {
        Blend blend = new Blend(colour);
        int a = colour >>> 24;
        int r = Blend.mul8(a, colour >>> 16 & 0xFF);
        int g = Blend.mul8(a, colour >>> 8 & 0xFF);
        int b = Blend.mul8(a, colour & 0xFF);
        for (int m = 0; m < 256; m++) {
            for (int da = 0; da < 256; da++) {
                for (int v = 0; v < 256; v++) {
                    // every value in each channel, the three channels differing
                    int dst = da << 24 | v << 16 | (255 - v) << 8 | (v * 7 & 0xFF);
                    int expected = reference(dst, a, r, g, b, colour, m);
                    int got = blend.over(dst, m);
                    if (got != expected) {
                        assertThat(Integer.toHexString(got)).as("colour %08x coverage %d onto %08x", colour, m, dst)
                                .isEqualTo(Integer.toHexString(expected));
                    }
                }
            }
        }
    }

    @Test
    void theCacheGivesEachColourItsOwnBlend() {
        Blend[] cache = Blend.cache();
        Blend x = Blend.of(cache, 0xFF5A5A5A);
        assertThat(Blend.of(cache, 0xFF5A5A5A)).isSameAs(x);
        for (int c = 0; c < 1000; c++) {
            assertThat(Blend.of(cache, 0xFF000000 | c * 4099).argb).isEqualTo(0xFF000000 | c * 4099);
        }
        assertThat(Blend.of(cache, 0xFF5A5A5A).argb).isEqualTo(0xFF5A5A5A);
    }

    /**
     * Source-over of a colour at coverage {@code m} onto a non-premultiplied ARGB pixel, as Java2D's IntArgb SrcOver
     * mask fill computes it (8-bit multiply and divide rounded the same way): the definition the fast paths keep.
     *
     * @param a colour's alpha; r, g, b its premultiplied channels; argbColour the colour itself
     */
    private static int reference(int dst, int a, int r, int g, int b, int argbColour, int m) {
        int resA;
        int resR;
        int resG;
        int resB;
        if (m == 255) {
            if (a == 255) {
                return argbColour;
            }
            resA = a;
            resR = r;
            resG = g;
            resB = b;
        } else {
            resA = Blend.mul8(m, a);
            resR = Blend.mul8(m, r);
            resG = Blend.mul8(m, g);
            resB = Blend.mul8(m, b);
        }
        if (resA != 255) {
            int dstF = Blend.mul8(255 - resA, dst >>> 24);
            resA += dstF;
            if (dstF != 0) {
                int dr = dst >>> 16 & 0xFF;
                int dg = dst >>> 8 & 0xFF;
                int db = dst & 0xFF;
                if (dstF != 255) {
                    dr = Blend.mul8(dstF, dr);
                    dg = Blend.mul8(dstF, dg);
                    db = Blend.mul8(dstF, db);
                }
                resR += dr;
                resG += dg;
                resB += db;
            }
            if (resA != 0 && resA < 255) {
                resR = (resR >= resA ? 255 : (resR * 255 + resA / 2) / resA);
                resG = (resG >= resA ? 255 : (resG * 255 + resA / 2) / resA);
                resB = (resB >= resA ? 255 : (resB * 255 + resA / 2) / resA);
            }
        }
        return resA << 24 | resR << 16 | resG << 8 | resB;
    }
}
