package io.shikong.styles.render;

import io.shikong.core.feature.Feature;
import io.shikong.styles.sld.LineSymbolizer;
import io.shikong.styles.sld.PointSymbolizer;
import io.shikong.styles.sld.Rule;
import io.shikong.styles.sld.Style;
import io.shikong.styles.sld.Symbolizer;
import io.shikong.styles.sld.TextSymbolizer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Legend graphics: one row per rule that draws something (text symbolizers are not shown), a swatch
 * of the rule's symbolizers on a sample point, line or square, and the rule's title (else name).
 */
public final class LegendRenderer {

    private static final GeometryFactory GF = new GeometryFactory();

    private LegendRenderer() {
    }

    /**
     * @param swatch side of each swatch in pixels (GetLegendGraphic WIDTH/HEIGHT, default 20)
     * @param scale  only rules applying at this scale; {@code NaN} for all
     */
    public static BufferedImage legend(Style style, int swatch, double scale, boolean transparent) {
        List<Rule> rules = new ArrayList<>();
        for (Rule r : style.rules()) {
            if (drawable(r) && (Double.isNaN(scale) || r.appliesAtScale(scale))) {
                rules.add(r);
            }
        }
        return legend(rules, swatch, transparent);
    }

    /** Whether a rule draws something a legend can show (text symbolizers are not shown). */
    static boolean drawable(Rule r) {
        return r.symbolizers().stream().anyMatch(s -> !(s instanceof TextSymbolizer));
    }

    /** The rows of these rules, in order: swatch and title (map legends pick the rules themselves). */
    static BufferedImage legend(List<Rule> rules, int swatch, boolean transparent) {
        int rowHeight = swatch + 4;
        java.awt.Font font = Fonts.font(io.shikong.styles.sld.Font.DEFAULT, "图例");
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        Graphics2D pg = probe.createGraphics();
        pg.setFont(font);
        int textWidth = 0;
        for (Rule r : rules) {
            textWidth = Math.max(textWidth, pg.getFontMetrics(Fonts.font(io.shikong.styles.sld.Font.DEFAULT, label(r))).stringWidth(label(r)));
        }
        pg.dispose();
        int width = Math.max(swatch, swatch + 8 + textWidth + 4);
        int height = Math.max(swatch, rules.size() * rowHeight);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        if (!transparent) {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
        }
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            MapRenderer swatchRenderer = new MapRenderer(swatch, swatch, new Envelope(0, swatch, 0, swatch), true, null);
            Geometry sample = sample(r.symbolizers(), swatch);
            swatchRenderer.drawSymbolizers(Feature.of("legend", sample, Map.of()),
                    r.symbolizers().stream().filter(s -> !(s instanceof TextSymbolizer)).toList());
            g.drawImage(swatchRenderer.finish(), 0, i * rowHeight + 2, null);
            String text = label(r);
            g.setFont(Fonts.font(io.shikong.styles.sld.Font.DEFAULT, text));
            g.setColor(Color.BLACK);
            g.drawString(text, swatch + 8, i * rowHeight + 2 + swatch / 2 + 5);
        }
        g.dispose();
        return img;
    }

    private static String label(Rule r) {
        if (r.title() != null && !r.title().isBlank()) {
            return r.title();
        }
        return r.name() == null ? "" : r.name();
    }

    private static Geometry sample(List<Symbolizer> symbolizers, int size) {
        double m = 2;
        if (symbolizers.stream().anyMatch(s -> s instanceof PointSymbolizer)) {
            return GF.createPoint(new Coordinate(size / 2.0, size / 2.0));
        }
        if (symbolizers.stream().anyMatch(s -> s instanceof LineSymbolizer)) {
            return GF.createLineString(new Coordinate[] {new Coordinate(m, m), new Coordinate(size / 2.0, size - m * 2),
                    new Coordinate(size - m, size / 2.0)});
        }
        return GF.toGeometry(new Envelope(m, size - m, m, size - m));
    }
}
