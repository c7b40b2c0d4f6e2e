package io.shikong.ows.wms.getmap;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import io.shikong.ows.OwsResponse;
import io.shikong.ows.wms.PixelBudget;
import io.shikong.ows.wms.WmsLimits;
import io.shikong.ows.wms.WmsStyles;
import io.shikong.styles.encode.ImageEncoder;
import io.shikong.styles.render.LayerPainter;
import io.shikong.styles.render.MapRenderer;
import io.shikong.styles.render.RenderTimeoutException;
import io.shikong.styles.render.StyleCost;
import io.shikong.styles.sld.Style;
import io.shikong.styles.sld.StyledLayerDescriptor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * GetMap: each layer's features for the bbox (only the properties its style reads) streamed from the store
 * straight into the styles renderer, then encoded as PNG, PNG8 or JPEG.
 */
public final class GetMapHandler {

    private final FeatureStore store;
    private final Caller caller;
    private final PixelBudget pixels;
    private final WmsStyles styles;
    private final WmsLimits limits;

    /** With the default limits (but for the pixels, which the reader checked). */
    public GetMapHandler(FeatureStore store, Caller caller, PixelBudget pixels, WmsStyles styles) {
        this(store, caller, pixels, styles, WmsLimits.of(pixels.pixels()));
    }

    /**
     * @param pixels the budget the maps being drawn share, one for the whole process
     * @param limits the largest symbol, the render deadline and the LIKE wildcards of an SLD_BODY
     */
    public GetMapHandler(FeatureStore store, Caller caller, PixelBudget pixels, WmsStyles styles, WmsLimits limits) {
        this.store = store;
        this.caller = caller;
        this.pixels = Objects.requireNonNull(pixels, "pixels");
        this.styles = styles;
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public OwsResponse handle(GetMapRequest map) {
        return OwsResponse.of(map.format().mime, encode(render(map), map));
    }

    /**
     * Renders the map: each layer's features in the map CRS, streamed into the renderer, once the map fits
     * in the {@link PixelBudget} the maps being drawn share (so a burst of large maps cannot exhaust the heap).
     */
    BufferedImage render(GetMapRequest map) {
        return pixels.draw(map.width(), map.height(), () -> draw(map));
    }

    private BufferedImage draw(GetMapRequest map) {
        StyledLayerDescriptor sld = map.sldBody() == null ? null : WmsStyles.parse(map.sldBody());
        if (sld != null) {
            for (Style s : sld.styles()) {
                int wildcards = StyleCost.mostWildcards(s);
                if (wildcards > limits.maxLikeWildcards()) {
                    throw new InvalidParameterException("SLD_BODY", "a PropertyIsLike of SLD_BODY has " + wildcards
                            + " wildcards; at most " + limits.maxLikeWildcards() + " are accepted (shikong.wms.max-like-wildcards)");
                }
            }
        }
        List<LayerPainter.Layer> layers = new ArrayList<>();
        for (int i = 0; i < map.layers().size(); i++) {
            LayerDefinition l = map.layers().get(i);
            Style style = styles.style(l, map.styles().get(i), sld);
            checkSymbols(style, map, sld != null);
            layers.add(new LayerPainter.Layer(l, style, map.filters() == null ? null : map.filters().get(i)));
        }
        MapRenderer renderer = new MapRenderer(map.width(), map.height(), map.bbox(), map.transparent(), map.background());
        renderer.symbolScale(map.symbolScale());
        renderer.deadline(limits.renderTimeout());
        try {
            new LayerPainter(store, caller).paint(renderer, layers, map.bbox(), map.crs(), map.time(), map.scaleDenominator());
            return renderer.finish();
        } catch (RenderTimeoutException e) {
            long ms = limits.renderTimeout().toMillis();
            throw new ShikongException(OgcCode.OPERATION_PROCESSING_FAILED, null, "the map was not drawn within "
                    + (ms > 0 && ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms") + " (shikong.wms.render-timeout); ask "
                    + "for fewer layers, a smaller area or fewer features", e);
        }
    }

    /**
     * Refuses a style whose largest symbol, scaled to the map's DPI, is over {@link WmsLimits#maxSymbolSize()}:
     * the cost of a stroke grows with its width, and the pixel budget does not see it.
     */
    private void checkSymbols(Style style, GetMapRequest map, boolean sldBody) {
        StyleCost.Symbol largest = StyleCost.largestSymbol(style);
        double scaled = largest.pixels() * map.symbolScale();
        if (scaled > limits.maxSymbolSize()) {
            String dpi = map.symbolScale() == 1 ? "" : String.format(Locale.ROOT, " at DPI %.0f (×%.2f)", map.dpi(),
                    map.symbolScale());
            throw new InvalidParameterException(map.symbolScale() == 1 ? (sldBody ? "SLD_BODY" : "STYLES") : "DPI",
                    String.format(Locale.ROOT, "a %s of %.0f px%s is drawn %.0f px wide; at most %.0f px are drawn "
                            + "(shikong.wms.max-symbol-size)", largest.what(), largest.pixels(), dpi, scaled,
                            limits.maxSymbolSize()));
        }
    }

    static byte[] encode(BufferedImage image, GetMapRequest map) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageEncoder.write(image, map.format(), map.background(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
