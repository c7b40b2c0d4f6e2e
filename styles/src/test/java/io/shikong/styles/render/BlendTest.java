package io.shikong.styles.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Blend}'s fast paths (a table onto transparent pixels, no division for opaque onto opaque, reciprocals
 * instead of divisions) give the very pixel of Java2D's 8-bit source-over ({@link Blend#reference}) for every
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
                    int expected = Blend.reference(dst, a, r, g, b, colour, m);
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
}
