package io.shikong.tiles.style;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.encode.GeoJsonWriter;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.styles.sld.Fill;
import io.shikong.styles.sld.FeatureTypeStyle;
import io.shikong.styles.sld.Graphic;
import io.shikong.styles.sld.GraphicalSymbol;
import io.shikong.styles.sld.LayerStyles;
import io.shikong.styles.sld.LineSymbolizer;
import io.shikong.styles.sld.Mark;
import io.shikong.styles.sld.PointSymbolizer;
import io.shikong.styles.sld.PolygonSymbolizer;
import io.shikong.styles.sld.Rule;
import io.shikong.styles.sld.StandardStyles;
import io.shikong.styles.sld.Stroke;
import io.shikong.styles.sld.Style;
import io.shikong.styles.sld.Symbolizer;
import io.shikong.styles.sld.TextSymbolizer;
import io.shikong.tiles.grid.TileMatrixSet;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A MapLibre style (style specification v8) drawing the vector tiles of some layers with their SLD styles, read
 * from the parsed {@link Style} objects of {@link LayerStyles}, so that a change of an SLD changes the style:
 * one vector source (the layers' TileJSON), and per rule and symbolizer a MapLibre layer with the same colours,
 * widths, opacities, dashes, sizes and label properties:
 * <ul>
 *   <li>a polygon symbolizer's solid fill is a {@code fill} layer, its stroke a {@code line} layer;</li>
 *   <li>a line symbolizer is a {@code line} layer (dashes in line widths, as MapLibre counts them; SLD's
 *       left-positive offset as MapLibre's right-positive {@code line-offset});</li>
 *   <li>a point symbolizer's mark is a {@code circle} layer of the mark's size, fill and stroke, whatever its
 *       shape (MapLibre draws no other shape without a sprite sheet);</li>
 *   <li>a text symbolizer is a {@code symbol} layer of its label property, font size and weight, anchor,
 *       displacement, halo and colour (Chinese glyphs are drawn by the browser's own fonts, MapLibre's
 *       {@code localIdeographFontFamily}; the glyph server gives the Latin ones);</li>
 *   <li>a rule's filter is a MapLibre filter ({@link MapLibreFilters}), an ElseFilter the negation of its
 *       siblings', its scale range a zoom range (MapLibre zoom {@code z} shows Web Mercator at the scale
 *       denominator {@value #ZOOM0_SCALE}{@code / 2^z}, the OGC 0.28 mm pixel the raster tiles are drawn at).</li>
 * </ul>
 * Labels are drawn above everything else, as the standard styles' label passes are. What cannot be said
 * without a sprite sheet (hatched {@code GraphicFill}s, external graphics) or in a MapLibre filter is left out
 * and listed in the style's metadata under {@code shikong:omitted}. MapLibre draws Web Mercator tiles only:
 * the set is {@code WebMercatorQuad} or its GCJ-02 variant.
 */
public final class MapLibreStyle {

    /** The id of the one vector source. */
    public static final String SOURCE = "shikong";
    /** The scale denominator of MapLibre's zoom 0 (a 512-pixel world) at the OGC pixel. */
    public static final double ZOOM0_SCALE = 279541132.0143589;
    /** A public glyph server with the font stacks below, for when the deployment names none. */
    public static final String DEFAULT_GLYPHS = "https://demotiles.maplibre.org/font/{fontstack}/{range}.pbf";
    /** Font stacks of normal and bold labels. */
    public static final List<String> FONT = List.of("Noto Sans Regular");
    public static final List<String> BOLD_FONT = List.of("Noto Sans Bold");

    private static final JsonFactory JSON = new JsonFactory();

    private final LayerStyles styles;
    private final TileJson tileJson;
    private final String glyphs;

    /**
     * @param tileJson  where the layers' TileJSON is (its base URL and set: WebMercatorQuad or the GCJ-02 variant)
     * @param glyphsUrl the glyph URL template ({@code {fontstack}}, {@code {range}}); {@code null} for
     *                  {@link #DEFAULT_GLYPHS}
     * @throws InvalidParameterException (locator {@code tileMatrixSet}) for a set MapLibre cannot draw
     */
    public MapLibreStyle(LayerStyles styles, TileJson tileJson, String glyphsUrl) {
        TileMatrixSet set = tileJson.set();
        if (set.crs().epsg() != 3857) {
            throw new InvalidParameterException("tileMatrixSet", "MapLibre 只绘制 Web 墨卡托瓦片 MapLibre draws Web "
                    + "Mercator tiles only: use WebMercatorQuad (or WebMercatorQuadGCJ02 over Amap/Tencent), not "
                    + set.id());
        }
        this.styles = styles;
        this.tileJson = tileJson;
        this.glyphs = glyphsUrl == null || glyphsUrl.isBlank() ? DEFAULT_GLYPHS : glyphsUrl;
    }

    /**
     * The standard layers among those a caller may see (those of {@link StandardStyles#LAYERS}), polygons
     * first, then lines, then points, so that nothing is hidden under an area.
     */
    public static List<LayerDefinition> standardLayers(List<LayerDefinition> visible) {
        return visible.stream().filter(l -> StandardStyles.LAYERS.contains(l.name()))
                .sorted(Comparator.comparingInt(MapLibreStyle::drawOrder)).toList();
    }

    private static int drawOrder(LayerDefinition l) {
        return switch (l.geometryType()) {
            case POLYGON, MULTIPOLYGON -> 0;
            case LINESTRING, MULTILINESTRING -> 1;
            case POINT, MULTIPOINT -> 2;
            default -> 1;
        };
    }

    /**
     * The style of these layers, drawn in this order.
     *
     * @param name the style's name (e.g. {@code standard})
     */
    public byte[] document(String name, List<LayerDefinition> layers) {
        List<Map<String, Object>> drawn = new ArrayList<>();
        List<Map<String, Object>> labels = new ArrayList<>();
        List<String> omitted = new ArrayList<>();
        Map<String, Object> sld = new LinkedHashMap<>();
        for (LayerDefinition l : layers) {
            Style style = styles.defaultStyle(l);
            sld.put(l.name(), style.name() != null ? style.name() : l.name());
            new Translation(l, drawn, labels, omitted).style(style);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", 8);
        doc.put("name", name);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("shikong:sld", sld);
        metadata.put("shikong:omitted", omitted);
        doc.put("metadata", metadata);
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("type", "vector");
        source.put("url", tileJson.url(layers));
        source.put("attribution", TileJson.ATTRIBUTION);
        doc.put("sources", Map.of(SOURCE, source));
        doc.put("glyphs", glyphs);
        List<Object> all = new ArrayList<>(drawn);
        all.addAll(labels);
        doc.put("layers", all);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            GeoJsonWriter.value(g, doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The MapLibre layers of one catalog layer's style. */
    private static final class Translation {

        private final LayerDefinition layer;
        private final MapLibreFilters filters;
        private final List<Map<String, Object>> drawn;
        private final List<Map<String, Object>> labels;
        private final List<String> omitted;

        Translation(LayerDefinition layer, List<Map<String, Object>> drawn, List<Map<String, Object>> labels,
                    List<String> omitted) {
            this.layer = layer;
            this.filters = new MapLibreFilters(layer);
            this.drawn = drawn;
            this.labels = labels;
            this.omitted = omitted;
        }

        void style(Style style) {
            for (int f = 0; f < style.featureTypeStyles().size(); f++) {
                FeatureTypeStyle fts = style.featureTypeStyles().get(f);
                for (int r = 0; r < fts.rules().size(); r++) {
                    Rule rule = fts.rules().get(r);
                    String id = layer.name() + "-" + f + "-" + (rule.name() != null ? rule.name() : "rule" + r);
                    Optional<Object> filter = rule.elseFilter() ? elseFilter(fts) : filters.translate(rule.filter());
                    if (filter.isEmpty()) {
                        omitted.add(id + ": filter not expressible in MapLibre 过滤条件无法转换");
                        continue;
                    }
                    if (Boolean.FALSE.equals(filter.get())) {
                        continue; // an ElseFilter after a rule that takes every feature: never drawn
                    }
                    for (int s = 0; s < rule.symbolizers().size(); s++) {
                        symbolizer(id + "-" + s, rule, filter.get(), rule.symbolizers().get(s));
                    }
                }
            }
        }

        /** The features no sibling rule takes: false when one takes all, empty when one cannot be translated. */
        private Optional<Object> elseFilter(FeatureTypeStyle fts) {
            List<Object> any = new ArrayList<>();
            any.add("any");
            for (Rule sibling : fts.rules()) {
                if (sibling.elseFilter()) {
                    continue;
                }
                if (sibling.filter() == null) {
                    return Optional.of(MapLibreFilters.none());
                }
                Optional<Object> f = filters.translate(sibling.filter());
                if (f.isEmpty()) {
                    return Optional.empty();
                }
                any.add(f.get());
            }
            return Optional.of(any.size() == 1 ? Boolean.TRUE : List.of("!", any));
        }

        private void symbolizer(String id, Rule rule, Object filter, Symbolizer s) {
            if (s instanceof PolygonSymbolizer p) {
                if (p.fill() != null) {
                    if (p.fill().graphicFill() != null) {
                        omitted.add(id + ": GraphicFill (hatch) needs a sprite 填充图案需要精灵图");
                    } else {
                        Map<String, Object> paint = new LinkedHashMap<>();
                        paint.put("fill-color", colour(p.fill().color()));
                        paint.put("fill-opacity", p.fill().opacity());
                        drawn.add(layer(id + "-fill", "fill", rule, filter, null, paint));
                    }
                }
                if (p.stroke() != null) {
                    drawn.add(line(id + "-outline", rule, filter, p.stroke(), 0));
                }
            } else if (s instanceof LineSymbolizer l) {
                drawn.add(line(id + "-line", rule, filter, l.stroke(), l.perpendicularOffset()));
            } else if (s instanceof PointSymbolizer p) {
                point(id, rule, filter, p.graphic());
            } else if (s instanceof TextSymbolizer t) {
                labels.add(text(id + "-label", rule, filter, t));
            }
        }

        private Map<String, Object> line(String id, Rule rule, Object filter, Stroke stroke, double offset) {
            Map<String, Object> layout = new LinkedHashMap<>();
            layout.put("line-cap", stroke.lineCap());
            layout.put("line-join", stroke.lineJoin().equals("mitre") ? "miter" : stroke.lineJoin());
            Map<String, Object> paint = new LinkedHashMap<>();
            paint.put("line-color", colour(stroke.color()));
            paint.put("line-opacity", stroke.opacity());
            paint.put("line-width", stroke.width());
            float[] dash = stroke.dashArray();
            if (dash != null && dash.length > 0) {
                // MapLibre counts dashes in line widths, SLD in pixels
                double unit = stroke.width() > 0 ? stroke.width() : 1;
                List<Object> d = new ArrayList<>();
                for (float v : dash) {
                    d.add(round(v / unit));
                }
                paint.put("line-dasharray", d);
            }
            if (offset != 0) {
                paint.put("line-offset", -offset);
            }
            return layer(id, "line", rule, filter, layout, paint);
        }

        private void point(String id, Rule rule, Object filter, Graphic graphic) {
            Mark mark = null;
            for (GraphicalSymbol symbol : graphic.symbols()) {
                if (symbol instanceof Mark m && !m.isHatch()) {
                    mark = m;
                    break;
                }
            }
            if (mark == null) {
                omitted.add(id + ": external graphic needs a sprite 外部图形需要精灵图");
                return;
            }
            Map<String, Object> paint = new LinkedHashMap<>();
            double size = Double.isNaN(graphic.size()) ? Graphic.DEFAULT_SIZE : graphic.size();
            paint.put("circle-radius", size / 2);
            Fill fill = mark.fill();
            paint.put("circle-color", colour(fill != null ? fill.color() : Color.BLACK));
            paint.put("circle-opacity", fill != null ? fill.opacity() * graphic.opacity() : 0.0);
            if (mark.stroke() != null) {
                paint.put("circle-stroke-color", colour(mark.stroke().color()));
                paint.put("circle-stroke-width", mark.stroke().width());
                paint.put("circle-stroke-opacity", mark.stroke().opacity() * graphic.opacity());
            }
            drawn.add(layer(id + "-circle", "circle", rule, filter, null, paint));
        }

        private Map<String, Object> text(String id, Rule rule, Object filter, TextSymbolizer t) {
            Map<String, Object> layout = new LinkedHashMap<>();
            layout.put("text-field", List.of("to-string", List.of("get", t.labelProperty())));
            layout.put("text-font", "bold".equals(t.font().weight()) ? BOLD_FONT : FONT);
            layout.put("text-size", t.font().size());
            if (t.linePlacement()) {
                layout.put("symbol-placement", "line");
            } else {
                layout.put("text-anchor", anchor(t.anchorX(), t.anchorY()));
                if (t.displacementX() != 0 || t.displacementY() != 0) {
                    // ems of the font; SLD's y is up, MapLibre's down
                    layout.put("text-offset", List.of(round(t.displacementX() / t.font().size()),
                            round(-t.displacementY() / t.font().size())));
                }
            }
            Map<String, Object> paint = new LinkedHashMap<>();
            paint.put("text-color", colour(t.fill().color()));
            paint.put("text-opacity", t.fill().opacity());
            if (t.halo() != null) {
                paint.put("text-halo-color", colour(t.halo().fill().color(), t.halo().fill().opacity()));
                paint.put("text-halo-width", t.halo().radius());
            }
            // SLD labels no feature whose label is null (absent from the tile)
            Object labelled = List.of("has", t.labelProperty());
            Object f = Boolean.TRUE.equals(filter) ? labelled : List.of("all", filter, labelled);
            return layer(id, "symbol", rule, f, layout, paint);
        }

        private Map<String, Object> layer(String id, String type, Rule rule, Object filter, Map<String, Object> layout,
                                          Map<String, Object> paint) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("id", id);
            l.put("type", type);
            l.put("source", SOURCE);
            l.put("source-layer", layer.name());
            if (!Boolean.TRUE.equals(filter)) {
                l.put("filter", filter);
            }
            if (Double.isFinite(rule.maxScale())) {
                l.put("minzoom", zoom(rule.maxScale()));
            }
            if (rule.minScale() > 0) {
                l.put("maxzoom", zoom(rule.minScale()));
            }
            if (layout != null && !layout.isEmpty()) {
                l.put("layout", layout);
            }
            l.put("paint", paint);
            return l;
        }
    }

    /** The MapLibre zoom at which Web Mercator is drawn at a scale denominator, within 0..24. */
    static double zoom(double scaleDenominator) {
        return round(Math.max(0, Math.min(24, Math.log(ZOOM0_SCALE / scaleDenominator) / Math.log(2))));
    }

    /** MapLibre's text-anchor nearest to an SLD anchor point (fractions of the label box, 0,0 bottom left). */
    static String anchor(double x, double y) {
        String h = x < 0.25 ? "left" : x > 0.75 ? "right" : "";
        String v = y < 0.25 ? "bottom" : y > 0.75 ? "top" : "";
        if (h.isEmpty() && v.isEmpty()) {
            return "center";
        }
        return v.isEmpty() ? h : h.isEmpty() ? v : v + "-" + h;
    }

    /** {@code #RRGGBB}, as SLD writes colours. */
    static String colour(Color c) {
        return String.format(Locale.ROOT, "#%06X", c.getRGB() & 0xFFFFFF);
    }

    private static String colour(Color c, double opacity) {
        return opacity >= 1 ? colour(c) : String.format(Locale.ROOT, "rgba(%d,%d,%d,%s)", c.getRed(), c.getGreen(),
                c.getBlue(), round(opacity));
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

}
