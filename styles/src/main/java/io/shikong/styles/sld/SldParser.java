package io.shikong.styles.sld;

import static io.shikong.styles.sld.Context.children;
import static io.shikong.styles.sld.Context.key;
import static io.shikong.styles.sld.Context.text;

import io.shikong.core.fes.FilterProblems;
import io.shikong.core.fes.FilterProfile;
import io.shikong.core.fes.FilterReader;
import io.shikong.styles.sld.StyledLayerDescriptor.StyledLayer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.geotools.api.filter.Filter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads Styled Layer Descriptor 1.0 and Symbology Encoding 1.1 documents into the style model.
 *
 * <p>Accepted structure: {@code StyledLayerDescriptor > NamedLayer | UserLayer > UserStyle | NamedStyle},
 * {@code UserStyle > FeatureTypeStyle > Rule > Filter | ElseFilter, Min/MaxScaleDenominator,
 * Point/Line/Polygon/TextSymbolizer}; a bare {@code UserStyle} or {@code FeatureTypeStyle} root is a
 * document of one unnamed layer. Style elements may be in the SLD ({@code http://www.opengis.net/sld})
 * or SE ({@code http://www.opengis.net/se}) namespace, in any mix, parameters {@code CssParameter} or
 * {@code SvgParameter}, as text or {@code ogc:Literal}; filters Filter Encoding 1.0/1.1 or FES 2.0.
 * Names, titles and descriptions are read; other metadata ({@code Abstract}, {@code IsDefault},
 * {@code FeatureTypeName}, {@code SemanticTypeIdentifier}) is skipped.
 *
 * <p>Errors: everything else — an unknown or unsupported element or parameter, a bad colour, number or
 * dash array, a spatial or temporal filter, a remote graphic — is a problem naming the element (and the
 * rule it is in). All problems of a document are thrown together as one {@link StyleException}. A
 * document over 1 MiB, nested deeper than 64 elements, not well-formed, or with a DOCTYPE is refused
 * before reading. Parsers are immutable and thread-safe.
 */
public final class SldParser {

    private static final SldParser DEFAULT = new SldParser(null);
    private static final Set<String> METADATA = Set.of("Name", "Title", "Abstract", "Description");

    private final Path graphicsDirectory;

    private SldParser(Path graphicsDirectory) {
        this.graphicsDirectory = graphicsDirectory;
    }

    /**
     * A parser that also accepts external graphics from files under {@code directory} (relative
     * references resolve against it); without one only {@code classpath:} graphics are accepted.
     */
    public static SldParser withGraphicsDirectory(Path directory) {
        return new SldParser(directory);
    }

    /** Parses with classpath-only external graphics. */
    public static StyledLayerDescriptor parse(byte[] xml) {
        return DEFAULT.read(xml);
    }

    /**
     * Parses a document that defines exactly one user style (a standard style file).
     *
     * @throws StyleException also when the document holds no or several user styles
     */
    public static Style parseStyle(byte[] xml) {
        List<Style> styles = parse(xml).styles();
        if (styles.size() != 1) {
            throw new StyleException(List.of("expected exactly one UserStyle, found " + styles.size()));
        }
        return styles.get(0);
    }

    /** Parses a document. */
    public StyledLayerDescriptor read(byte[] xml) {
        Document doc = SecureDom.parse(xml);
        Context cx = new Context();
        StyledLayerDescriptor sld = new Reading(cx, new SymbolizerReader(cx, new GraphicLocator(graphicsDirectory)),
                ruleFilters(cx)).document(doc.getDocumentElement());
        if (!cx.problems().isEmpty()) {
            throw new StyleException(cx.problems());
        }
        return sld;
    }

    /** Rule filters: the shared OGC filter reader in its SLD profile, its problems among the document's. */
    private static FilterReader ruleFilters(Context cx) {
        return FilterReader.collecting(FilterProfile.SLD, new FilterProblems() {
            @Override
            public void problem(String message) {
                cx.problem(message);
            }

            @Override
            public String in(Element e) {
                return cx.in(e);
            }
        });
    }

    /** The reading of one document. */
    private record Reading(Context cx, SymbolizerReader symbolizers, FilterReader filters) {

        StyledLayerDescriptor document(Element root) {
            String k = key(root);
            if ("StyledLayerDescriptor".equals(k)) {
                cx.enter(root, "StyledLayerDescriptor");
                String version = root.getAttribute("version");
                if (!version.isEmpty() && !version.equals("1.0.0") && !version.equals("1.1.0")) {
                    cx.problem("unsupported StyledLayerDescriptor version '" + version + "' (1.0.0 or 1.1.0)");
                }
                List<StyledLayer> layers = new ArrayList<>();
                for (Element c : children(root)) {
                    String ck = key(c);
                    if ("NamedLayer".equals(ck) || "UserLayer".equals(ck)) {
                        layers.add(layer(c));
                    } else if (!METADATA.contains(ck)) {
                        cx.unsupported(c, root);
                    }
                }
                if (layers.isEmpty()) {
                    cx.problem("no NamedLayer or UserLayer in StyledLayerDescriptor");
                }
                return new StyledLayerDescriptor(layers);
            }
            List<Style> styles = new ArrayList<>();
            if ("UserStyle".equals(k)) {
                styles.add(userStyle(root));
            } else if ("FeatureTypeStyle".equals(k)) {
                styles.add(new Style(null, null, List.of(featureTypeStyle(root))));
            } else {
                cx.problem("unsupported root element " + root.getTagName() + " (namespace " + root.getNamespaceURI()
                        + "): expected StyledLayerDescriptor, UserStyle or FeatureTypeStyle in the SLD or SE namespace");
            }
            return new StyledLayerDescriptor(List.of(new StyledLayer(null, false, styles, List.of())));
        }

        private StyledLayer layer(Element l) {
            boolean user = l.getLocalName().equals("UserLayer");
            String name = childText(l, "Name");
            if (name == null && !user) {
                cx.problem("missing Name in NamedLayer");
            }
            Context.Scope outer = cx.enter(l, l.getLocalName() + (name == null ? "" : " '" + name + "'"));
            List<Style> styles = new ArrayList<>();
            List<String> named = new ArrayList<>();
            for (Element c : children(l)) {
                String k = key(c);
                if ("UserStyle".equals(k)) {
                    styles.add(userStyle(c));
                } else if ("NamedStyle".equals(k) && !user) {
                    String n = childText(c, "Name");
                    if (n == null) {
                        cx.problem("missing Name in " + cx.in(c));
                    } else {
                        named.add(n);
                    }
                } else if (!"Name".equals(k) && !"Description".equals(k)) {
                    cx.unsupported(c, l);
                }
            }
            if (styles.isEmpty() && named.isEmpty()) {
                cx.problem("no UserStyle" + (user ? "" : " or NamedStyle") + " in " + cx.in(l));
            }
            cx.leave(outer);
            return new StyledLayer(name, user, styles, named);
        }

        private Style userStyle(Element s) {
            String name = childText(s, "Name");
            Context.Scope outer = cx.enter(s, "UserStyle" + (name == null ? "" : " '" + name + "'"));
            List<FeatureTypeStyle> ftss = new ArrayList<>();
            for (Element c : children(s)) {
                String k = key(c);
                if ("FeatureTypeStyle".equals(k)) {
                    ftss.add(featureTypeStyle(c));
                } else if (!METADATA.contains(k) && !"IsDefault".equals(k)) {
                    cx.unsupported(c, s);
                }
            }
            if (ftss.isEmpty()) {
                cx.problem("no FeatureTypeStyle in " + cx.in(s));
            }
            String title = title(s);
            cx.leave(outer);
            return new Style(name, title, ftss);
        }

        private FeatureTypeStyle featureTypeStyle(Element f) {
            List<Rule> rules = new ArrayList<>();
            for (Element c : children(f)) {
                String k = key(c);
                if ("Rule".equals(k)) {
                    rules.add(rule(c, rules.size() + 1));
                } else if (!METADATA.contains(k) && !"FeatureTypeName".equals(k) && !"SemanticTypeIdentifier".equals(k)) {
                    cx.unsupported(c, f);
                }
            }
            if (rules.isEmpty()) {
                cx.problem("no Rule in " + cx.in(f));
            }
            return new FeatureTypeStyle(rules);
        }

        private Rule rule(Element r, int index) {
            String name = childText(r, "Name");
            Context.Scope outer = cx.enter(r, name == null ? "Rule #" + index : "Rule '" + name + "'");
            Filter filter = null;
            boolean elseFilter = false;
            double min = 0;
            double max = Double.POSITIVE_INFINITY;
            List<Symbolizer> symbolizers = new ArrayList<>();
            Set<String> seen = Context.seen();
            for (Element c : children(r)) {
                String k = key(c);
                if (METADATA.contains(k)) {
                    continue;
                }
                if (SymbolizerReader.isSymbolizer(k)) {
                    symbolizers.add(symbolizers().symbolizer(c));
                    continue;
                }
                if (k.isEmpty() || !Set.of("ogc:Filter", "ElseFilter", "MinScaleDenominator", "MaxScaleDenominator")
                        .contains(k)) {
                    cx.unsupported(c, r);
                    continue;
                }
                if (!cx.once(seen, c, r)) {
                    continue;
                }
                switch (k) {
                    case "ogc:Filter" -> filter = filters.read(c);
                    case "ElseFilter" -> elseFilter = true;
                    case "MinScaleDenominator" -> min = scale(c, r, 0);
                    default -> max = scale(c, r, Double.POSITIVE_INFINITY);
                }
            }
            if (elseFilter && seen.contains("Filter")) {
                cx.problem("both Filter and ElseFilter in " + cx.in(r));
                filter = null;
            }
            if (!(max > min)) {
                cx.problem("MinScaleDenominator " + min + " is not below MaxScaleDenominator " + max + " in " + cx.in(r));
                min = 0;
                max = Double.POSITIVE_INFINITY;
            }
            String title = title(r);
            cx.leave(outer);
            return new Rule(name, title, filter, elseFilter, min, max, symbolizers);
        }

        private double scale(Element c, Element rule, double dflt) {
            String v = text(c);
            try {
                double d = Double.parseDouble(v);
                if (d >= 0 && !Double.isNaN(d)) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            cx.problem("invalid " + c.getLocalName() + " '" + v + "' (a non-negative number) in " + cx.in(rule));
            return dflt;
        }

        /** The Title child, or SE's Description/Title. */
        private static String title(Element e) {
            String t = childText(e, "Title");
            if (t != null) {
                return t;
            }
            for (Element c : children(e)) {
                if ("Description".equals(key(c))) {
                    return childText(c, "Title");
                }
            }
            return null;
        }

        private static String childText(Element e, String styleKey) {
            for (Element c : children(e)) {
                if (styleKey.equals(key(c))) {
                    String t = text(c);
                    return t.isEmpty() ? null : t;
                }
            }
            return null;
        }
    }
}
