package io.shikong.ows.wms.getmap;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import io.shikong.ows.OwsResponse;
import io.shikong.ows.wms.PixelBudget;
import io.shikong.ows.wms.WmsStyles;
import io.shikong.styles.encode.ImageEncoder;
import io.shikong.styles.render.LayerPainter;
import io.shikong.styles.render.MapRenderer;
import io.shikong.styles.sld.StyledLayerDescriptor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
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

    /** @param pixels the budget the maps being drawn share, one for the whole process */
    public GetMapHandler(FeatureStore store, Caller caller, PixelBudget pixels, WmsStyles styles) {
        this.store = store;
        this.caller = caller;
        this.pixels = Objects.requireNonNull(pixels, "pixels");
        this.styles = styles;
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
        List<LayerPainter.Layer> layers = new ArrayList<>();
        for (int i = 0; i < map.layers().size(); i++) {
            LayerDefinition l = map.layers().get(i);
            layers.add(new LayerPainter.Layer(l, styles.style(l, map.styles().get(i), sld),
                    map.filters() == null ? null : map.filters().get(i)));
        }
        MapRenderer renderer = new MapRenderer(map.width(), map.height(), map.bbox(), map.transparent(), map.background());
        renderer.symbolScale(map.symbolScale());
        new LayerPainter(store, caller).paint(renderer, layers, map.bbox(), map.crs(), map.time(), map.scaleDenominator());
        return renderer.finish();
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
