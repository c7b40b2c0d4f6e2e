package io.shikong.ows.wms.legend;

import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import io.shikong.core.params.Params;
import io.shikong.core.security.Caller;
import io.shikong.ows.Kvp;
import io.shikong.ows.OwsResponse;
import io.shikong.ows.wms.WmsStyles;
import io.shikong.styles.encode.ImageEncoder;
import io.shikong.styles.render.LegendRenderer;
import io.shikong.styles.sld.Style;
import io.shikong.styles.sld.StyledLayerDescriptor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * GetLegendGraphic: the legend of a layer's style (named, default, or from SLD_BODY) as an image, one
 * swatch per rule, at most 256 pixels wide.
 */
public final class LegendHandler {

    private final LayerCatalog catalog;
    private final Caller caller;
    private final WmsStyles styles;

    public LegendHandler(LayerCatalog catalog, Caller caller, WmsStyles styles) {
        this.catalog = catalog;
        this.caller = caller;
        this.styles = styles;
    }

    public OwsResponse handle(Kvp kvp) {
        String layerName = kvp.require("LAYER");
        LayerDefinition l;
        try {
            l = catalog.layer(layerName.contains(":") ? layerName.substring(layerName.indexOf(':') + 1) : layerName, caller);
        } catch (io.shikong.core.error.LayerNotFoundException e) {
            throw new ShikongException(OgcCode.LAYER_NOT_DEFINED, "LAYER", "unknown layer '" + layerName + "'", e);
        }
        String format = kvp.get("FORMAT") == null ? "image/png" : kvp.get("FORMAT");
        ImageEncoder.Format f = ImageEncoder.Format.of(format);
        if (f == null) {
            throw new ShikongException(OgcCode.INVALID_FORMAT, "FORMAT", "legend format '" + format + "' is not served");
        }
        StyledLayerDescriptor sld = kvp.has("SLD_BODY")
                ? WmsStyles.parse(kvp.get("SLD_BODY").getBytes(StandardCharsets.UTF_8)) : null;
        Style style = styles.style(l, kvp.get("STYLE"), sld);
        // a swatch larger than 256 px is no legend: clamp rather than refuse
        int size = Math.min(256, Params.integer(kvp.get("WIDTH"), "WIDTH", 20, 8, Integer.MAX_VALUE));
        double scale = kvp.has("SCALE") ? Params.number(kvp.get("SCALE"), "SCALE") : Double.NaN;
        BufferedImage img = LegendRenderer.legend(style, size, scale, "true".equalsIgnoreCase(kvp.get("TRANSPARENT")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageEncoder.write(img, f, java.awt.Color.WHITE, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return OwsResponse.of(f.mime, out.toByteArray());
    }
}
