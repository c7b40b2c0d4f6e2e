package io.shikong.styles.render;

import io.shikong.core.feature.Feature;
import io.shikong.styles.sld.FeatureTypeStyle;
import io.shikong.styles.sld.Fill;
import io.shikong.styles.sld.Font;
import io.shikong.styles.sld.Halo;
import io.shikong.styles.sld.Rule;
import io.shikong.styles.sld.Style;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;

/**
 * What a printed map has besides its features, drawn over the finished image: the title (top left), a
 * north arrow (top right), a scale bar in metres (bottom left) and a legend box (bottom right) listing
 * the rules of the map's styles, each with its swatch and title (left out when it would take more than
 * 60 % of the map's width or height). Everything is drawn with the
 * renderer's own pieces: text with its halo by {@link MapRenderer}, fonts with their CJK fallback by
 * {@link Fonts}, swatches by {@link LegendRenderer}, so Chinese titles and rule titles show as glyphs.
 *
 * <p>The map's extent is in a projected CRS in metres, x east and y north, with the image's aspect
 * ratio (see {@link #fit}), so that a pixel is as long across as up and the scale bar is true both ways.
 */
public final class MapDecorations {

    /** The OGC standardized rendering pixel, 0.28 mm: what scale denominators are counted in. */
    public static final double PIXEL_METRES = 0.00028;

    private static final Font TITLE = new Font(java.awt.Font.SANS_SERIF, "normal", "bold", 14);
    private static final Font TEXT = new Font(java.awt.Font.SANS_SERIF, "normal", "normal", 11);
    private static final Font BOLD = new Font(java.awt.Font.SANS_SERIF, "normal", "bold", 11);
    private static final Halo HALO = new Halo(1.5, new Fill(Color.WHITE, 0.85, null));
    private static final int SWATCH = 16;
    /** A legend box wider or taller than this share of the map would hide it: it is left out. */
    private static final double MAX_LEGEND_SHARE = 0.6;

    private final int width;
    private final int height;
    private final Envelope extent;
    private final List<Rule> legend = new ArrayList<>();
    private String title;

    /**
     * @param extent the map's extent in projected metres, as {@link #fit} gives it for this size
     */
    public MapDecorations(int width, int height, Envelope extent) {
        if (width < 1 || height < 1 || extent == null || extent.isNull() || !(extent.getWidth() > 0)) {
            throw new IllegalArgumentException("a map needs a size and a non-empty extent, was " + width + "x" + height
                    + " " + extent);
        }
        this.width = width;
        this.height = height;
        this.extent = new Envelope(extent);
    }

    /**
     * The extent widened to the image's aspect ratio about its centre (never cut); an extent less than a
     * metre across both ways (a point) grows to 100 m around its centre.
     */
    public static Envelope fit(Envelope extent, int width, int height) {
        Envelope e = new Envelope(extent);
        if (e.isNull() || e.getWidth() < 1 && e.getHeight() < 1) {
            Coordinate c = e.isNull() ? new Coordinate(0, 0) : e.centre();
            e = new Envelope(c.x - 50, c.x + 50, c.y - 50, c.y + 50);
        }
        double aspect = (double) width / height;
        if (e.getWidth() / e.getHeight() > aspect) {
            double h = e.getWidth() / aspect;
            return new Envelope(e.getMinX(), e.getMaxX(), e.centre().y - h / 2, e.centre().y + h / 2);
        }
        double w = e.getHeight() * aspect;
        return new Envelope(e.centre().x - w / 2, e.centre().x + w / 2, e.getMinY(), e.getMaxY());
    }

    /** Metres on the ground per pixel across. */
    public double metresPerPixel() {
        return extent.getWidth() / width;
    }

    /** The scale denominator, as SLD Min/MaxScaleDenominator means it (0.28 mm pixels). */
    public double scaleDenominator() {
        return metresPerPixel() / PIXEL_METRES;
    }

    public MapDecorations title(String title) {
        this.title = title;
        return this;
    }

    /**
     * Adds to the legend, in the style's order, the rules of {@code style} that drew one of
     * {@code features} at this map's scale (rules that only label are left out; a rule already listed is
     * not repeated); with {@code features} null, every such rule applying at this scale.
     */
    public MapDecorations legend(Style style, Collection<Feature> features) {
        double scale = scaleDenominator();
        for (FeatureTypeStyle fts : style.featureTypeStyles()) {
            for (Rule r : fts.rules()) {
                if (!LegendRenderer.drawable(r) || !r.appliesAtScale(scale) || legend.contains(r)) {
                    continue;
                }
                if (features == null || features.stream().anyMatch(f -> drew(fts, r, f, scale))) {
                    legend.add(r);
                }
            }
        }
        return this;
    }

    /** The rules the legend lists, in order. */
    public List<Rule> legendRules() {
        return List.copyOf(legend);
    }

    private static boolean drew(FeatureTypeStyle fts, Rule r, Feature f, double scale) {
        if (f.geometry() == null || f.geometry().isEmpty()) {
            return false;
        }
        if (!r.elseFilter()) {
            return FeatureFilter.matches(r.filter(), f);
        }
        return fts.rules().stream().noneMatch(o -> !o.elseFilter() && o.appliesAtScale(scale)
                && FeatureFilter.matches(o.filter(), f));
    }

    /** Draws the decorations onto {@code image} (the renderer's finished map) and returns it. */
    public BufferedImage draw(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            scaleBar(g);
            northArrow(g);
            legendBox(g);
            if (title != null && !title.isBlank()) {
                text(g, title, TITLE, 10, 20, HALO);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The round length (1, 2 or 5 times a power of ten metres) nearest below a fifth of the map's width. */
    public double scaleBarMetres() {
        double target = extent.getWidth() / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(target)));
        double metres = magnitude;
        for (double f : new double[] {1, 2, 5}) {
            if (f * magnitude <= target) {
                metres = f * magnitude;
            }
        }
        return metres;
    }

    /** The scale bar's label: "200 m", "2 km". */
    static String scaleText(double metres) {
        return metres >= 1000 ? plain(metres / 1000) + " km" : plain(metres) + " m";
    }

    private static String plain(double v) {
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    private void scaleBar(Graphics2D g) {
        double metres = scaleBarMetres();
        int px = (int) Math.round(metres / metresPerPixel());
        String label = scaleText(metres);
        int x = 12;
        int y = height - 18;
        int textWidth = (int) Math.ceil(layout(g, label, TEXT).getAdvance());
        g.setColor(new Color(255, 255, 255, 220));
        g.fillRect(x - 6, y - 14, px + textWidth + 20, 24);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(2));
        g.drawLine(x, y, x + px, y);
        g.drawLine(x, y - 6, x, y + 3);
        g.drawLine(x + px, y - 6, x + px, y + 3);
        g.setStroke(new BasicStroke(1));
        g.drawLine(x + px / 2, y - 4, x + px / 2, y);
        text(g, label, TEXT, x + px + 6, y + 4, null);
    }

    private void northArrow(Graphics2D g) {
        int x = width - 24;
        int y = 12;
        Path2D.Double arrow = new Path2D.Double();
        arrow.moveTo(x, y);
        arrow.lineTo(x - 8, y + 22);
        arrow.lineTo(x, y + 16);
        arrow.lineTo(x + 8, y + 22);
        arrow.closePath();
        g.setColor(new Color(255, 255, 255, 200));
        g.setStroke(new BasicStroke(3, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(arrow);
        g.setColor(Color.BLACK);
        g.fill(arrow);
        TextLayout n = layout(g, "N", BOLD);
        text(g, "N", BOLD, (float) (x - n.getAdvance() / 2), y + 36, HALO);
    }

    private void legendBox(Graphics2D g) {
        if (legend.isEmpty()) {
            return;
        }
        BufferedImage rows = LegendRenderer.legend(legend, SWATCH, true);
        String heading = "图例 Legend";
        int pad = 6;
        int headingHeight = 16;
        int boxW = Math.max(rows.getWidth(), (int) Math.ceil(layout(g, heading, BOLD).getAdvance())) + 2 * pad;
        int boxH = headingHeight + rows.getHeight() + 2 * pad;
        if (boxW > width * MAX_LEGEND_SHARE || boxH > height * MAX_LEGEND_SHARE) {
            return;
        }
        int x = width - boxW - 10;
        int y = height - boxH - 10;
        g.setColor(new Color(255, 255, 255, 220));
        g.fillRect(x, y, boxW, boxH);
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1));
        g.drawRect(x, y, boxW, boxH);
        text(g, heading, BOLD, x + pad, y + pad + 11, null);
        g.drawImage(rows, x + pad, y + pad + headingHeight, null);
    }

    private static TextLayout layout(Graphics2D g, String text, Font font) {
        return new TextLayout(text, Fonts.font(font, text), g.getFontRenderContext());
    }

    /** Text with its baseline starting at (x, y), in the font the renderer would pick, halo first. */
    private static void text(Graphics2D g, String text, Font font, float x, float y, Halo halo) {
        TextLayout layout = layout(g, text, font);
        MapRenderer.text(g, layout.getOutline(AffineTransform.getTranslateInstance(x, y)), halo, Fill.of(Color.BLACK), 1);
    }
}
