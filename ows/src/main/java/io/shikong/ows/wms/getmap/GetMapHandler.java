package io.shikong.ows.wms.getmap;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.query.Query;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.FeatureStore;
import io.shikong.ows.OwsResponse;
import io.shikong.ows.wms.PixelBudget;
import io.shikong.ows.wms.WmsStyles;
import io.shikong.styles.encode.ImageEncoder;
import io.shikong.styles.render.MapRenderer;
import io.shikong.styles.sld.Style;
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
        List<Style> layerStyles = new ArrayList<>();
        for (int i = 0; i < map.layers().size(); i++) {
            layerStyles.add(styles.style(map.layers().get(i), map.styles().get(i), sld));
        }
        MapRenderer renderer = new MapRenderer(map.width(), map.height(), map.bbox(), map.transparent(), map.background());
        renderer.symbolScale(map.symbolScale());
        double scale = map.scaleDenominator();
        for (int i = 0; i < map.layers().size(); i++) {
            LayerDefinition l = map.layers().get(i);
            // only the properties the style reads: less to fetch and decode per feature
            List<String> needed = io.shikong.styles.render.StyleProperties.of(layerStyles.get(i)).stream()
                    .filter(n -> l.attribute(n).isPresent()).toList();
            Query q = Query.of(l.name(), caller).bbox(map.bbox(), map.crs())
                    .filter(map.filters() == null ? null : map.filters().get(i), null)
                    .properties(needed).time(map.time()).outputCrs(map.crs()).bboxIndexOnly(true).build();
            try (FeatureCursor c = store.read(q)) {
                renderer.draw(c, layerStyles.get(i), scale);
            }
        }
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
