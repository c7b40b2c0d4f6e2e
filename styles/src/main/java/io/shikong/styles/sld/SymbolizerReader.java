package io.shikong.styles.sld;

import static io.shikong.styles.sld.Context.children;
import static io.shikong.styles.sld.Context.key;
import static io.shikong.styles.sld.Context.text;

import java.awt.Color;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.Text;

/**
 * Reads the four vector symbolizers and their parts (Fill, Stroke, Graphic, Mark, ExternalGraphic,
 * Font, Halo, LabelPlacement), from SLD 1.0 ({@code CssParameter}) or SE 1.1 ({@code SvgParameter}).
 * A bad value is noted as a problem and replaced by the default so that reading goes on and every
 * problem of the document is reported at once.
 */
final class SymbolizerReader {

    private static final Set<String> FILL_PARAMS = Set.of("fill", "fill-opacity");
    private static final Set<String> STROKE_PARAMS = Set.of("stroke", "stroke-opacity", "stroke-width",
            "stroke-dasharray", "stroke-dashoffset", "stroke-linejoin", "stroke-linecap");
    /** Sizes, widths and radii above this are absurd on a map and would cost memory (fill tiles): refused. */
    static final double MAX_PIXELS = 512;
    private static final Set<String> FONT_PARAMS = Set.of("font-family", "font-style", "font-weight", "font-size");
    private static final Pattern COLOR = Pattern.compile("#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})");
    private static final String PIXEL_UOM = "http://www.opengeospatial.org/se/units/pixel";

    private final Context cx;
    private final GraphicLocator graphics;

    SymbolizerReader(Context cx, GraphicLocator graphics) {
        this.cx = cx;
        this.graphics = graphics;
    }

    /** Whether a Rule child with this {@link Context#key} is a symbolizer this reader knows. */
    static boolean isSymbolizer(String key) {
        return Set.of("PointSymbolizer", "LineSymbolizer", "PolygonSymbolizer", "TextSymbolizer").contains(key);
    }

    Symbolizer symbolizer(Element s) {
        String uom = s.getAttribute("uom");
        if (!uom.isEmpty() && !uom.equals(PIXEL_UOM)) {
            cx.problem("unit of measure '" + uom + "' is not supported (pixels only) in " + cx.in(s));
        }
        return switch (s.getLocalName()) {
            case "PointSymbolizer" -> point(s);
            case "LineSymbolizer" -> line(s);
            case "PolygonSymbolizer" -> polygon(s);
            default -> textSymbolizer(s);
        };
    }

    private PointSymbolizer point(Element s) {
        Graphic graphic = Graphic.DEFAULT;
        Set<String> seen = Context.seen();
        for (Element c : children(s)) {
            String k = key(c);
            if (common(k)) {
                continue;
            }
            if ("Graphic".equals(k) && cx.once(seen, c, s)) {
                graphic = graphic(c);
            } else if (!"Graphic".equals(k)) {
                cx.unsupported(c, s);
            }
        }
        return new PointSymbolizer(graphic);
    }

    private LineSymbolizer line(Element s) {
        Stroke stroke = Stroke.DEFAULT;
        double offset = 0;
        Set<String> seen = Context.seen();
        for (Element c : children(s)) {
            String k = key(c);
            if (common(k)) {
                continue;
            }
            if ("Stroke".equals(k) || "PerpendicularOffset".equals(k)) {
                if (cx.once(seen, c, s)) {
                    if (k.equals("Stroke")) {
                        stroke = stroke(c);
                    } else {
                        offset = number(c, c.getLocalName(), 0, -Double.MAX_VALUE, s);
                    }
                }
            } else {
                cx.unsupported(c, s);
            }
        }
        return new LineSymbolizer(stroke, offset);
    }

    private PolygonSymbolizer polygon(Element s) {
        Fill fill = null;
        Stroke stroke = null;
        Set<String> seen = Context.seen();
        for (Element c : children(s)) {
            String k = key(c);
            if (common(k)) {
                continue;
            }
            if ("Fill".equals(k) || "Stroke".equals(k)) {
                if (cx.once(seen, c, s)) {
                    if (k.equals("Fill")) {
                        fill = fill(c, Fill.DEFAULT.color());
                    } else {
                        stroke = stroke(c);
                    }
                }
            } else {
                cx.unsupported(c, s);
            }
        }
        return new PolygonSymbolizer(fill, stroke);
    }

    private TextSymbolizer textSymbolizer(Element s) {
        String label = null;
        Font font = Font.DEFAULT;
        Halo halo = null;
        Fill fill = Fill.of(Color.BLACK);
        boolean linePlacement = false;
        double[] placement = {TextSymbolizer.DEFAULT_ANCHOR_X, TextSymbolizer.DEFAULT_ANCHOR_Y, 0, 0};
        Set<String> seen = Context.seen();
        for (Element c : children(s)) {
            String k = key(c);
            if (common(k)) {
                continue;
            }
            if (k.isEmpty() || !Set.of("Label", "Font", "Halo", "Fill", "LabelPlacement").contains(k)) {
                cx.unsupported(c, s);
                continue;
            }
            if (!cx.once(seen, c, s)) {
                continue;
            }
            switch (k) {
                case "Label" -> label = label(c);
                case "Font" -> font = font(c);
                case "Halo" -> halo = halo(c);
                case "Fill" -> fill = fill(c, Color.BLACK);
                default -> linePlacement = placement(c, placement);
            }
        }
        if (label == null) {
            if (!seen.contains("Label")) {
                cx.problem("missing Label in " + cx.in(s));
            }
            label = "";
        }
        return new TextSymbolizer(label, font, halo, fill, linePlacement, placement[0], placement[1], placement[2],
                placement[3]);
    }

    /** SE's descriptive children of a symbolizer, read and dropped; Geometry is refused by the caller. */
    private static boolean common(String k) {
        return "Name".equals(k) || "Description".equals(k);
    }

    private String label(Element l) {
        List<Element> es = children(l);
        boolean text = false;
        for (Node n = l.getFirstChild(); n != null; n = n.getNextSibling()) {
            text |= n instanceof Text t && !t.getData().isBlank();
        }
        if (es.size() != 1 || text || !Set.of("ogc:PropertyName", "ogc:ValueReference").contains(key(es.get(0)))) {
            cx.problem("Label must hold exactly one ogc:PropertyName (literal text and functions are not supported) in "
                    + cx.in(l));
            return null;
        }
        String name = text(es.get(0));
        if (name.contains("/") || name.contains("@") || name.contains("[")) {
            cx.problem("XPath property name '" + name + "' is not supported in " + cx.in(l));
            return null;
        }
        name = name.substring(name.indexOf(':') + 1);
        if (name.isEmpty()) {
            cx.problem("empty " + es.get(0).getTagName() + " in " + cx.in(l));
            return null;
        }
        return name;
    }

    private Font font(Element f) {
        Map<String, String> p = new HashMap<>();
        for (Element c : children(f)) {
            parameter(c, f, FONT_PARAMS, p);
        }
        Font d = Font.DEFAULT;
        String family = p.getOrDefault("font-family", d.family());
        String style = p.getOrDefault("font-style", d.style()).toLowerCase(Locale.ROOT);
        if (style.equals("oblique")) {
            style = "italic";
        }
        if (!Font.STYLES.contains(style)) {
            cx.problem("invalid font-style '" + style + "' (normal or italic) in " + cx.in(f));
            style = d.style();
        }
        String weight = p.getOrDefault("font-weight", d.weight()).toLowerCase(Locale.ROOT);
        if (!Font.WEIGHTS.contains(weight)) {
            cx.problem("invalid font-weight '" + weight + "' (normal or bold) in " + cx.in(f));
            weight = d.weight();
        }
        double size = d.size();
        if (p.containsKey("font-size")) {
            size = parse(p.get("font-size"), "font-size", d.size(), Double.MIN_VALUE, MAX_PIXELS, f);
        }
        if (family.isBlank()) {
            cx.problem("empty font-family in " + cx.in(f));
            family = d.family();
        }
        return new Font(family, style, weight, size);
    }

    private Halo halo(Element h) {
        double radius = 1;
        Fill fill = Fill.of(Color.WHITE);
        Set<String> seen = Context.seen();
        for (Element c : children(h)) {
            String k = key(c);
            if (("Radius".equals(k) || "Fill".equals(k)) && cx.once(seen, c, h)) {
                if (k.equals("Radius")) {
                    radius = number(c, "Radius", 1, 0, h, MAX_PIXELS);
                } else {
                    fill = fill(c, Color.WHITE);
                }
            } else if (!"Radius".equals(k) && !"Fill".equals(k)) {
                cx.unsupported(c, h);
            }
        }
        return new Halo(radius, fill);
    }

    /** Reads a LabelPlacement into {anchorX, anchorY, displacementX, displacementY}; true for line placement. */
    private boolean placement(Element lp, double[] out) {
        List<Element> es = children(lp);
        if (es.size() != 1) {
            cx.problem("LabelPlacement must hold one PointPlacement or LinePlacement in " + cx.in(lp));
            return false;
        }
        Element p = es.get(0);
        String k = key(p);
        if ("LinePlacement".equals(k)) {
            for (Element c : children(p)) {
                if ("PerpendicularOffset".equals(key(c))) {
                    if (number(c, "PerpendicularOffset", 0, -Double.MAX_VALUE, p) != 0) {
                        cx.problem("a non-zero PerpendicularOffset is not supported in " + cx.in(p));
                    }
                } else {
                    cx.unsupported(c, p);
                }
            }
            out[0] = 0;
            out[1] = 0;
            return true;
        }
        if (!"PointPlacement".equals(k)) {
            cx.unsupported(p, lp);
            return false;
        }
        for (Element c : children(p)) {
            String ck = key(c);
            if ("AnchorPoint".equals(ck)) {
                pair(c, "AnchorPointX", "AnchorPointY", out, 0);
            } else if ("Displacement".equals(ck)) {
                pair(c, "DisplacementX", "DisplacementY", out, 2);
            } else if ("Rotation".equals(ck)) {
                if (number(c, "Rotation", 0, -Double.MAX_VALUE, p) != 0) {
                    cx.problem("a rotated label (non-zero Rotation) is not supported in " + cx.in(p));
                }
            } else {
                cx.unsupported(c, p);
            }
        }
        return false;
    }

    private void pair(Element e, String x, String y, double[] out, int at) {
        for (Element c : children(e)) {
            String k = key(c);
            if (x.equals(k)) {
                out[at] = number(c, x, out[at], -Double.MAX_VALUE, e);
            } else if (y.equals(k)) {
                out[at + 1] = number(c, y, out[at + 1], -Double.MAX_VALUE, e);
            } else {
                cx.unsupported(c, e);
            }
        }
    }

    /** A Fill; {@code defaultColor} is gray for areas and marks, black for label glyphs, white for halos. */
    Fill fill(Element f, Color defaultColor) {
        Map<String, String> p = new HashMap<>();
        Graphic graphicFill = null;
        Set<String> seen = Context.seen();
        for (Element c : children(f)) {
            if ("GraphicFill".equals(key(c))) {
                if (cx.once(seen, c, f)) {
                    graphicFill = graphicIn(c);
                }
            } else {
                parameter(c, f, FILL_PARAMS, p);
            }
        }
        Color color = p.containsKey("fill") ? color(p.get("fill"), defaultColor, f) : defaultColor;
        double opacity = p.containsKey("fill-opacity") ? parse(p.get("fill-opacity"), "fill-opacity", 1, 0, 1, f) : 1;
        return new Fill(color, opacity, graphicFill);
    }

    Stroke stroke(Element s) {
        Map<String, String> p = new HashMap<>();
        Graphic graphicFill = null;
        Set<String> seen = Context.seen();
        for (Element c : children(s)) {
            if ("GraphicFill".equals(key(c))) {
                if (cx.once(seen, c, s)) {
                    graphicFill = graphicIn(c);
                }
            } else if ("GraphicStroke".equals(key(c))) {
                cx.unsupported(c, s);
            } else {
                parameter(c, s, STROKE_PARAMS, p);
            }
        }
        Stroke d = Stroke.DEFAULT;
        Color color = p.containsKey("stroke") ? color(p.get("stroke"), d.color(), s) : d.color();
        double opacity = p.containsKey("stroke-opacity") ? parse(p.get("stroke-opacity"), "stroke-opacity", 1, 0, 1, s) : 1;
        double width = p.containsKey("stroke-width")
                ? parse(p.get("stroke-width"), "stroke-width", 1, 0, MAX_PIXELS, s) : d.width();
        float[] dash = p.containsKey("stroke-dasharray") ? dashArray(p.get("stroke-dasharray"), s) : null;
        double dashOffset = p.containsKey("stroke-dashoffset")
                ? parse(p.get("stroke-dashoffset"), "stroke-dashoffset", 0, -Double.MAX_VALUE, Double.MAX_VALUE, s) : 0;
        String join = p.getOrDefault("stroke-linejoin", d.lineJoin()).toLowerCase(Locale.ROOT);
        if (join.equals("miter")) {
            join = "mitre";
        }
        if (!Stroke.LINE_JOINS.contains(join)) {
            cx.problem("invalid stroke-linejoin '" + join + "' (mitre, round or bevel) in " + cx.in(s));
            join = d.lineJoin();
        }
        String cap = p.getOrDefault("stroke-linecap", d.lineCap()).toLowerCase(Locale.ROOT);
        if (!Stroke.LINE_CAPS.contains(cap)) {
            cx.problem("invalid stroke-linecap '" + cap + "' (butt, round or square) in " + cx.in(s));
            cap = d.lineCap();
        }
        return new Stroke(color, opacity, width, dash, dashOffset, join, cap, graphicFill);
    }

    private float[] dashArray(String v, Element s) {
        String[] parts = v.strip().split("[\\s,]+");
        float[] out = new float[parts.length];
        float sum = 0;
        try {
            for (int i = 0; i < parts.length; i++) {
                out[i] = Float.parseFloat(parts[i]);
                if (!(out[i] >= 0) || Float.isInfinite(out[i])) {
                    throw new NumberFormatException();
                }
                sum += out[i];
            }
        } catch (NumberFormatException e) {
            sum = 0;
        }
        if (!(sum > 0)) {
            cx.problem("invalid stroke-dasharray '" + v + "' (non-negative numbers, not all zero) in " + cx.in(s));
            return null;
        }
        return out;
    }

    /** The single Graphic inside a GraphicFill. */
    private Graphic graphicIn(Element gf) {
        List<Element> es = children(gf);
        if (es.size() != 1 || !"Graphic".equals(key(es.get(0)))) {
            cx.problem(gf.getTagName() + " must hold exactly one Graphic in " + cx.in(gf));
            return null;
        }
        return graphic(es.get(0));
    }

    Graphic graphic(Element g) {
        List<GraphicalSymbol> symbols = new ArrayList<>();
        double size = Double.NaN;
        double rotation = 0;
        double opacity = 1;
        Set<String> seen = Context.seen();
        for (Element c : children(g)) {
            String k = key(c);
            if ("Mark".equals(k)) {
                symbols.add(mark(c));
            } else if ("ExternalGraphic".equals(k)) {
                ExternalGraphic eg = externalGraphic(c);
                if (eg != null) {
                    symbols.add(eg);
                }
            } else if (("Size".equals(k) || "Rotation".equals(k) || "Opacity".equals(k)) && cx.once(seen, c, g)) {
                switch (k) {
                    case "Size" -> size = number(c, "Size", Graphic.DEFAULT_SIZE, 0, g, MAX_PIXELS);
                    case "Rotation" -> rotation = number(c, "Rotation", 0, -Double.MAX_VALUE, g);
                    default -> opacity = number(c, "Opacity", 1, 0, g, 1);
                }
            } else if (!"Size".equals(k) && !"Rotation".equals(k) && !"Opacity".equals(k)) {
                cx.unsupported(c, g);
            }
        }
        if (symbols.isEmpty()) {
            symbols.add(Mark.DEFAULT);
        }
        if (Double.isNaN(size) && symbols.get(0) instanceof Mark) {
            size = Graphic.DEFAULT_SIZE;
        }
        return new Graphic(symbols, size, rotation, opacity);
    }

    private Mark mark(Element m) {
        String name = "square";
        Fill fill = null;
        Stroke stroke = null;
        Set<String> seen = Context.seen();
        for (Element c : children(m)) {
            String k = key(c);
            if (k.isEmpty() || !Set.of("WellKnownName", "Fill", "Stroke").contains(k)) {
                cx.unsupported(c, m);
                continue;
            }
            if (!cx.once(seen, c, m)) {
                continue;
            }
            switch (k) {
                case "WellKnownName" -> {
                    String v = value(c, m);
                    String n = v == null ? name : v.strip().toLowerCase(Locale.ROOT);
                    if (Mark.WELL_KNOWN_NAMES.contains(n)) {
                        name = n;
                    } else {
                        cx.problem("unknown WellKnownName '" + v + "' (one of " + new java.util.TreeSet<>(Mark.WELL_KNOWN_NAMES)
                                + ") in " + cx.in(m));
                    }
                }
                case "Fill" -> fill = fill(c, Fill.DEFAULT.color());
                default -> stroke = stroke(c);
            }
        }
        if (fill == null && stroke == null) {
            stroke = Stroke.DEFAULT;
            fill = name.startsWith("shape://") ? null : Fill.DEFAULT;
        }
        return new Mark(name, fill, stroke);
    }

    private ExternalGraphic externalGraphic(Element e) {
        String href = null;
        String format = null;
        Set<String> seen = Context.seen();
        for (Element c : children(e)) {
            String k = key(c);
            if ("OnlineResource".equals(k) && cx.once(seen, c, e)) {
                href = c.getAttributeNS(Context.XLINK, "href").strip();
                if (href.isEmpty()) {
                    cx.problem("OnlineResource without xlink:href in " + cx.in(e));
                    href = null;
                }
            } else if ("Format".equals(k) && cx.once(seen, c, e)) {
                format = text(c).toLowerCase(Locale.ROOT);
                if (!ExternalGraphic.FORMATS.contains(format)) {
                    cx.problem("unsupported Format '" + format + "' (one of " + new java.util.TreeSet<>(ExternalGraphic.FORMATS)
                            + ") in " + cx.in(e));
                    format = null;
                }
            } else if (!"OnlineResource".equals(k) && !"Format".equals(k)) {
                cx.unsupported(c, e);
            }
        }
        if (!seen.contains("OnlineResource")) {
            cx.problem("missing OnlineResource in " + cx.in(e));
        }
        if (!seen.contains("Format")) {
            cx.problem("missing Format in " + cx.in(e));
        }
        String resolved = href == null ? null : graphics.locate(href, msg -> cx.problem(msg + " in " + cx.in(e)));
        return resolved == null || format == null ? null : new ExternalGraphic(resolved, format);
    }

    /** Adds one CssParameter/SvgParameter to {@code out}, or notes why not; other children are unsupported. */
    private void parameter(Element c, Element parent, Set<String> known, Map<String, String> out) {
        String k = key(c);
        if (!"CssParameter".equals(k) && !"SvgParameter".equals(k)) {
            cx.unsupported(c, parent);
            return;
        }
        String name = c.getAttribute("name");
        if (!known.contains(name)) {
            cx.problem("unknown " + c.getLocalName() + " '" + name + "' in " + cx.in(parent));
            return;
        }
        if (out.containsKey(name)) {
            cx.problem("duplicate " + c.getLocalName() + " '" + name + "' in " + cx.in(parent));
            return;
        }
        String v = value(c, parent);
        if (v != null) {
            out.put(name, v.strip());
        }
    }

    /**
     * A parameter's constant value: its text, with any {@code ogc:Literal} children's text in place.
     * Property names and functions (data-driven styling) are refused.
     */
    private String value(Element c, Element parent) {
        StringBuilder sb = new StringBuilder();
        for (Node n = c.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Text t) {
                sb.append(t.getData());
            } else if (n instanceof Element e) {
                if ("ogc:Literal".equals(key(e)) && children(e).isEmpty()) {
                    sb.append(e.getTextContent());
                } else {
                    String what = c.hasAttribute("name") ? c.getLocalName() + " '" + c.getAttribute("name") + "'"
                            : c.getLocalName();
                    cx.problem("unsupported expression " + e.getTagName() + " in " + what + " of " + cx.in(parent)
                            + " (only constant values)");
                    return null;
                }
            }
        }
        return sb.toString();
    }

    private double number(Element c, String what, double dflt, double min, Element parent) {
        return number(c, what, dflt, min, parent, Double.MAX_VALUE);
    }

    private double number(Element c, String what, double dflt, double min, Element parent, double max) {
        String v = value(c, parent);
        return v == null ? dflt : parse(v.strip(), what, dflt, min, max, parent);
    }

    private double parse(String v, String what, double dflt, double min, double max, Element parent) {
        try {
            double d = Double.parseDouble(v);
            if (d >= min && d <= max && !v.endsWith("d") && !v.endsWith("f") && !v.endsWith("D") && !v.endsWith("F")) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        String range = min == 0 && max == 1 ? " (0..1)" : min >= 0 ? " (a non-negative number)" : " (a number)";
        cx.problem("invalid " + what + " '" + v + "'" + range + " in " + cx.in(parent));
        return dflt;
    }

    private Color color(String v, Color dflt, Element parent) {
        if (!COLOR.matcher(v).matches()) {
            cx.problem("invalid color '" + v + "' (#RRGGBB or #RGB) in " + cx.in(parent));
            return dflt;
        }
        String h = v.substring(1);
        if (h.length() == 3) {
            h = "" + h.charAt(0) + h.charAt(0) + h.charAt(1) + h.charAt(1) + h.charAt(2) + h.charAt(2);
        }
        return new Color(Integer.parseInt(h, 16));
    }
}
