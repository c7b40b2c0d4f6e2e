package io.shikong.styles.sld;

import io.shikong.core.catalog.CatalogConfigurationException;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The default style of every layer of a catalog, settled once at start: the SLD file the catalog names
 * ({@code style:}), else the standard style of a sample layer, else a readable style by geometry type
 * (blue points, dark lines, translucent grey polygons with an outline). A named SLD that cannot be read or
 * parsed stops the start with a message naming the layer, as every other catalog error does.
 */
public final class LayerStyles {

    private final Map<String, Style> styles = new HashMap<>();

    public LayerStyles(LayerCatalog catalog) {
        for (LayerDefinition l : catalog.all()) {
            styles.put(l.name(), resolve(l));
        }
    }

    /** The default style of a layer of the catalog (by geometry type for a layer it does not know). */
    public Style defaultStyle(LayerDefinition l) {
        Style s = styles.get(l.name());
        return s != null ? s : byGeometryType(l);
    }

    private static Style resolve(LayerDefinition l) {
        if (l.style() != null) {
            try {
                StyledLayerDescriptor sld = SldParser.parse(Files.readAllBytes(Path.of(l.style())));
                if (sld.styles().isEmpty()) {
                    throw new CatalogConfigurationException("layers." + l.name() + ".style", "'" + l.style()
                            + "' holds no UserStyle");
                }
                return sld.styles().get(0);
            } catch (IOException e) {
                throw new CatalogConfigurationException("layers." + l.name() + ".style", "cannot read '" + l.style()
                        + "': " + e.getMessage(), e);
            } catch (IllegalArgumentException e) { // StyleException included
                throw new CatalogConfigurationException("layers." + l.name() + ".style", "invalid SLD '" + l.style()
                        + "': " + e.getMessage(), e);
            }
        }
        if (StandardStyles.LAYERS.contains(l.name())) {
            return StandardStyles.load(l.name());
        }
        return byGeometryType(l);
    }

    /** A plain style for layers without one of their own: by geometry type. */
    static Style byGeometryType(LayerDefinition l) {
        String symbolizer = switch (l.geometryType()) {
            case POINT, MULTIPOINT -> "<PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill>"
                    + "<CssParameter name=\"fill\">#3366CC</CssParameter></Fill><Stroke><CssParameter name=\"stroke\">"
                    + "#FFFFFF</CssParameter></Stroke></Mark><Size>7</Size></Graphic></PointSymbolizer>";
            case LINESTRING, MULTILINESTRING -> "<LineSymbolizer><Stroke><CssParameter name=\"stroke\">#333333</CssParameter>"
                    + "<CssParameter name=\"stroke-width\">1.5</CssParameter></Stroke></LineSymbolizer>";
            default -> "<PolygonSymbolizer><Fill><CssParameter name=\"fill\">#AAAAAA</CssParameter>"
                    + "<CssParameter name=\"fill-opacity\">0.6</CssParameter></Fill><Stroke><CssParameter name=\"stroke\">#555555</CssParameter>"
                    + "</Stroke></PolygonSymbolizer>";
        };
        String sld = "<StyledLayerDescriptor version=\"1.0.0\" xmlns=\"http://www.opengis.net/sld\"><NamedLayer><Name>"
                + l.name() + "</Name><UserStyle><Name>" + l.name() + "</Name><FeatureTypeStyle><Rule><Name>"
                + l.name() + "</Name>" + symbolizer + "</Rule></FeatureTypeStyle></UserStyle></NamedLayer></StyledLayerDescriptor>";
        return SldParser.parse(sld.getBytes(StandardCharsets.UTF_8)).styles().get(0);
    }
}
