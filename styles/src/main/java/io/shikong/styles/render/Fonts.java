package io.shikong.styles.render;

import io.shikong.styles.sld.Font;
import java.util.Locale;

/**
 * Java fonts for SLD fonts. A label the requested family cannot show (Chinese in a Latin font) is drawn
 * with the CJK font Debian's fonts-wqy-zenhei installs, so Chinese labels never come out as boxes.
 */
final class Fonts {

    private static final String CJK = "WenQuanYi Zen Hei";

    private Fonts() {
    }

    static java.awt.Font font(Font f, String text) {
        int style = java.awt.Font.PLAIN;
        if (f != null && "bold".equals(f.weight().toLowerCase(Locale.ROOT))) {
            style |= java.awt.Font.BOLD;
        }
        if (f != null && "italic".equals(f.style().toLowerCase(Locale.ROOT))) {
            style |= java.awt.Font.ITALIC;
        }
        float size = f == null ? 10 : (float) f.size();
        String family = f == null || f.family() == null ? java.awt.Font.SANS_SERIF : f.family();
        java.awt.Font font = new java.awt.Font(family, style, 1).deriveFont(size);
        if (font.canDisplayUpTo(text) >= 0) {
            java.awt.Font cjk = new java.awt.Font(CJK, style, 1).deriveFont(size);
            if (cjk.canDisplayUpTo(text) < 0) {
                return cjk;
            }
        }
        return font;
    }
}
