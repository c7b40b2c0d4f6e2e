package io.shikong.ows.wms;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import io.shikong.styles.sld.LayerStyles;
import io.shikong.styles.sld.SldParser;
import io.shikong.styles.sld.Style;
import io.shikong.styles.sld.StyleException;
import io.shikong.styles.sld.StyledLayerDescriptor;

/**
 * The style a WMS operation draws a layer with (GetMap, GetLegendGraphic): from an SLD_BODY when it styles
 * that layer, else the named or the layer's default style.
 */
public final class WmsStyles {

    private final LayerStyles layerStyles;

    public WmsStyles(LayerStyles layerStyles) {
        this.layerStyles = layerStyles;
    }

    /** An SLD_BODY; an InvalidParameterValue on SLD_BODY when it is no SLD. */
    public static StyledLayerDescriptor parse(byte[] sld) {
        try {
            return SldParser.parse(sld);
        } catch (StyleException e) {
            throw new InvalidParameterException("SLD_BODY", "invalid SLD_BODY: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("SLD_BODY", "invalid SLD_BODY: " + e.getMessage(), e);
        }
    }

    /** The style for a layer: from SLD_BODY when it styles that layer, else the named or standard style. */
    public Style style(LayerDefinition l, String name, StyledLayerDescriptor sld) {
        if (sld != null) {
            for (StyledLayerDescriptor.StyledLayer sl : sld.layers()) {
                if (sl.name() != null && (sl.name().equals(l.name()) || sl.name().endsWith(":" + l.name()))
                        && !sl.userStyles().isEmpty()) {
                    return sl.userStyles().get(0);
                }
            }
        }
        if (name == null || name.isBlank() || name.equals(l.name()) || name.equalsIgnoreCase("default")) {
            return layerStyles.defaultStyle(l);
        }
        throw new ShikongException(OgcCode.STYLE_NOT_DEFINED, "STYLES", "layer '" + l.name() + "' has no style '" + name
                + "' (its style: " + l.name() + ")");
    }
}
