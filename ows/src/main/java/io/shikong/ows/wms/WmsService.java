package io.shikong.ows.wms;

import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import io.shikong.core.params.Params;
import io.shikong.core.query.Query;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.FeatureStore;
import io.shikong.ows.Kvp;
import io.shikong.styles.encode.ImageEncoder;
import io.shikong.styles.render.LegendRenderer;
import io.shikong.styles.render.MapRenderer;
import io.shikong.styles.sld.LayerStyles;
import io.shikong.styles.sld.SldParser;
import io.shikong.styles.sld.Style;
import io.shikong.styles.sld.StyleException;
import io.shikong.styles.sld.StyledLayerDescriptor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * The Web Map Service operations: GetCapabilities, GetMap (features streamed from the store straight
 * into the renderer), GetFeatureInfo and GetLegendGraphic. Nothing here knows HTTP.
 */
public final class WmsService {

    /** A response body and its content type. */
    public record Response(String contentType, byte[] body) {
    }

    private final LayerCatalog catalog;
    private final FeatureStore store;
    private final CrsService crsService;
    private final Caller caller;
    private final WmsVersion version;
    private final String url;
    private final long maxPixels;
    private final PixelBudget pixels;
    private final LayerStyles layerStyles;

    /** With a pixel budget of its own that holds one map of {@code maxPixels} (tests). */
    public WmsService(LayerCatalog catalog, FeatureStore store, CrsService crsService, Caller caller,
                      WmsVersion version, String url, long maxPixels, LayerStyles layerStyles) {
        this(catalog, store, crsService, caller, version, url, maxPixels, new PixelBudget(maxPixels), layerStyles);
    }

    /**
     * @param maxPixels the most pixels (WIDTH×HEIGHT) of one map
     * @param pixels    the budget the maps being drawn share, one for the whole process
     */
    public WmsService(LayerCatalog catalog, FeatureStore store, CrsService crsService, Caller caller,
                      WmsVersion version, String url, long maxPixels, PixelBudget pixels, LayerStyles layerStyles) {
        this.pixels = java.util.Objects.requireNonNull(pixels, "pixels");
        this.layerStyles = layerStyles;
        this.catalog = catalog;
        this.store = store;
        this.crsService = crsService;
        this.caller = caller;
        this.version = version;
        this.url = url;
        this.maxPixels = maxPixels;
    }

    public Response kvp(String request, Kvp kvp) {
        switch (request.toLowerCase(Locale.ROOT)) {
            case "getcapabilities", "capabilities" -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                new WmsCapabilitiesWriter(catalog, store, crsService, caller, version, url,
                        (int) Math.sqrt(maxPixels), layerStyles).write(out);
                return new Response(version.v13() ? "text/xml" : "application/vnd.ogc.wms_xml", out.toByteArray());
            }
            case "getmap", "map" -> {
                GetMapRequest map = new GetMapKvpReader(catalog, crsService, maxPixels).read(kvp, version, caller, false);
                return new Response(map.format().mime, encode(render(map), map));
            }
            case "getfeatureinfo", "feature_info" -> {
                GetMapRequest map = new GetMapKvpReader(catalog, crsService, maxPixels).read(kvp, version, caller, true);
                var r = new GetFeatureInfoHandler(store, crsService).handle(map, kvp, caller);
                return new Response(r.contentType(), r.body());
            }
            case "getlegendgraphic" -> {
                return legend(kvp);
            }
            default -> throw new ShikongException(OgcCode.OPERATION_NOT_SUPPORTED, "REQUEST", "WMS has no operation '"
                    + request + "' (GetCapabilities, GetMap, GetFeatureInfo, GetLegendGraphic)");
        }
    }

    /**
     * Renders the map: each layer's features in the map CRS, streamed into the renderer, once the map fits
     * in the {@link PixelBudget} the maps being drawn share (so a burst of large maps cannot exhaust the heap).
     */
    BufferedImage render(GetMapRequest map) {
        return pixels.draw(map.width(), map.height(), () -> draw(map));
    }

    private BufferedImage draw(GetMapRequest map) {
        StyledLayerDescriptor sld = map.sldBody() == null ? null : parse(map.sldBody());
        List<Style> styles = new java.util.ArrayList<>();
        for (int i = 0; i < map.layers().size(); i++) {
            styles.add(style(map.layers().get(i), map.styles().get(i), sld));
        }
        MapRenderer renderer = new MapRenderer(map.width(), map.height(), map.bbox(), map.transparent(), map.background());
        renderer.symbolScale(map.symbolScale());
        double scale = map.scaleDenominator();
        for (int i = 0; i < map.layers().size(); i++) {
            LayerDefinition l = map.layers().get(i);
            // only the properties the style reads: less to fetch and decode per feature
            List<String> needed = io.shikong.styles.render.StyleProperties.of(styles.get(i)).stream()
                    .filter(n -> l.attribute(n).isPresent()).toList();
            Query q = Query.of(l.name(), caller).bbox(map.bbox(), map.crs())
                    .filter(map.filters() == null ? null : map.filters().get(i), null)
                    .properties(needed).time(map.time()).outputCrs(map.crs()).bboxIndexOnly(true).build();
            try (FeatureCursor c = store.read(q)) {
                renderer.draw(c, styles.get(i), scale);
            }
        }
        return renderer.finish();
    }

    private static StyledLayerDescriptor parse(byte[] sld) {
        try {
            return SldParser.parse(sld);
        } catch (StyleException e) {
            throw new InvalidParameterException("SLD_BODY", "invalid SLD_BODY: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("SLD_BODY", "invalid SLD_BODY: " + e.getMessage(), e);
        }
    }

    /** The style for a layer: from SLD_BODY when it styles that layer, else the named or standard style. */
    Style style(LayerDefinition l, String name, StyledLayerDescriptor sld) {
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

    private Response legend(Kvp kvp) {
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
        StyledLayerDescriptor sld = kvp.has("SLD_BODY") ? parse(kvp.get("SLD_BODY").getBytes(java.nio.charset.StandardCharsets.UTF_8)) : null;
        Style style = style(l, kvp.get("STYLE"), sld);
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
        return new Response(f.mime, out.toByteArray());
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
