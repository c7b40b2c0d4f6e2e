package io.shikong.styles.render;

import io.shikong.core.filter.LikePattern;
import io.shikong.styles.sld.ExternalGraphic;
import io.shikong.styles.sld.Fill;
import io.shikong.styles.sld.Graphic;
import io.shikong.styles.sld.GraphicalSymbol;
import io.shikong.styles.sld.LineSymbolizer;
import io.shikong.styles.sld.Mark;
import io.shikong.styles.sld.PointSymbolizer;
import io.shikong.styles.sld.PolygonSymbolizer;
import io.shikong.styles.sld.Rule;
import io.shikong.styles.sld.Stroke;
import io.shikong.styles.sld.Style;
import io.shikong.styles.sld.Symbolizer;
import io.shikong.styles.sld.TextSymbolizer;
import org.geotools.api.filter.PropertyIsLike;
import org.geotools.filter.visitor.DefaultFilterVisitor;

/**
 * What drawing with a style may cost, so that a service can refuse a style sent by a client before it
 * draws anything: the largest symbol (a stroke's width, a graphic's size, a font's size, a halo's
 * diameter, in pixels at the OGC pixel, before any DPI scaling) and the most wildcards of a rule's
 * {@code PropertyIsLike}.
 */
public final class StyleCost {

    /**
     * A symbol's size.
     *
     * @param what   which parameter, e.g. {@code stroke-width}
     * @param pixels its size at the OGC pixel
     */
    public record Symbol(String what, double pixels) {
    }

    private StyleCost() {
    }

    /** The largest symbol of the style ({@code none}, 0 px, when it draws nothing sized). */
    public static Symbol largestSymbol(Style style) {
        Symbol[] max = {new Symbol("none", 0)};
        for (Rule r : style.rules()) {
            for (Symbolizer s : r.symbolizers()) {
                if (s instanceof LineSymbolizer l) {
                    stroke(l.stroke(), max);
                } else if (s instanceof PolygonSymbolizer p) {
                    stroke(p.stroke(), max);
                    fill(p.fill(), max);
                } else if (s instanceof PointSymbolizer p) {
                    graphic(p.graphic(), max);
                } else if (s instanceof TextSymbolizer t) {
                    consider("font-size", t.font().size(), max);
                    if (t.halo() != null) {
                        consider("Halo Radius (twice)", 2 * t.halo().radius(), max);
                    }
                }
            }
        }
        return max[0];
    }

    /** The most wildcards in one {@code PropertyIsLike} of the style's rule filters (0 when none). */
    public static int mostWildcards(Style style) {
        int[] most = {0};
        DefaultFilterVisitor visitor = new DefaultFilterVisitor() {
            @Override
            public Object visit(PropertyIsLike filter, Object data) {
                most[0] = Math.max(most[0], LikePattern.compile(filter.getLiteral(), filter.getWildCard(),
                        filter.getSingleChar(), filter.getEscape(), filter.isMatchingCase()).wildcards());
                return super.visit(filter, data);
            }
        };
        for (Rule r : style.rules()) {
            if (r.filter() != null) {
                r.filter().accept(visitor, null);
            }
        }
        return most[0];
    }

    private static void stroke(Stroke s, Symbol[] max) {
        if (s != null) {
            consider("stroke-width", s.width(), max);
            if (s.graphicFill() != null) {
                graphic(s.graphicFill(), max);
            }
        }
    }

    private static void fill(Fill f, Symbol[] max) {
        if (f != null && f.graphicFill() != null) {
            graphic(f.graphicFill(), max);
        }
    }

    private static void graphic(Graphic g, Symbol[] max) {
        // an external graphic without a Size is drawn at its own height, which the file decides (not the client)
        consider("Graphic Size", Double.isNaN(g.size()) ? Graphic.DEFAULT_SIZE : g.size(), max);
        for (GraphicalSymbol symbol : g.symbols()) {
            if (symbol instanceof Mark m) {
                stroke(m.stroke(), max);
            } else if (!(symbol instanceof ExternalGraphic)) {
                throw new IllegalStateException("unknown graphical symbol " + symbol);
            }
        }
    }

    private static void consider(String what, double pixels, Symbol[] max) {
        if (pixels > max[0].pixels()) {
            max[0] = new Symbol(what, pixels);
        }
    }
}
