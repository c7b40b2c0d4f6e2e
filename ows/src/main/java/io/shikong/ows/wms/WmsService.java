package io.shikong.ows.wms;

import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import io.shikong.ows.Kvp;
import io.shikong.ows.OwsResponse;
import io.shikong.ows.wms.capabilities.WmsCapabilitiesWriter;
import io.shikong.ows.wms.getfeatureinfo.GetFeatureInfoHandler;
import io.shikong.ows.wms.getmap.GetMapHandler;
import io.shikong.ows.wms.getmap.GetMapKvpReader;
import io.shikong.ows.wms.getmap.GetMapRequest;
import io.shikong.ows.wms.legend.LegendHandler;
import io.shikong.styles.sld.LayerStyles;
import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.Objects;

/**
 * The Web Map Service for one request: one method per operation (GetCapabilities, GetMap, GetFeatureInfo,
 * GetLegendGraphic), each reading its KVP request and calling the operation's package. Nothing here knows HTTP.
 */
public final class WmsService {

    private final LayerCatalog catalog;
    private final FeatureStore store;
    private final CrsService crsService;
    private final Caller caller;
    private final WmsVersion version;
    private final String url;
    private final WmsLimits limits;
    private final PixelBudget pixels;
    private final LayerStyles layerStyles;

    /** With a pixel budget of its own that holds one map of {@code maxPixels} (tests). */
    public WmsService(LayerCatalog catalog, FeatureStore store, CrsService crsService, Caller caller,
                      WmsVersion version, String url, long maxPixels, LayerStyles layerStyles) {
        this(catalog, store, crsService, caller, version, url, WmsLimits.of(maxPixels), new PixelBudget(maxPixels),
                layerStyles);
    }

    /**
     * @param maxPixels the most pixels (WIDTH×HEIGHT) of one map (the other limits their defaults)
     * @param pixels    the budget the maps being drawn share, one for the whole process
     */
    public WmsService(LayerCatalog catalog, FeatureStore store, CrsService crsService, Caller caller,
                      WmsVersion version, String url, long maxPixels, PixelBudget pixels, LayerStyles layerStyles) {
        this(catalog, store, crsService, caller, version, url, WmsLimits.of(maxPixels), pixels, layerStyles);
    }

    /**
     * @param limits what one map may ask for
     * @param pixels the budget the maps being drawn share, one for the whole process
     */
    public WmsService(LayerCatalog catalog, FeatureStore store, CrsService crsService, Caller caller,
                      WmsVersion version, String url, WmsLimits limits, PixelBudget pixels, LayerStyles layerStyles) {
        this.pixels = Objects.requireNonNull(pixels, "pixels");
        this.layerStyles = layerStyles;
        this.catalog = catalog;
        this.store = store;
        this.crsService = crsService;
        this.caller = caller;
        this.version = version;
        this.url = url;
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** The operation a REQUEST value names (1.0 names too: capabilities, map, feature_info). */
    public OwsResponse kvp(String request, Kvp kvp) {
        return switch (request.toLowerCase(Locale.ROOT)) {
            case "getcapabilities", "capabilities" -> capabilities();
            case "getmap", "map" -> getMap(kvp);
            case "getfeatureinfo", "feature_info" -> getFeatureInfo(kvp);
            case "getlegendgraphic" -> getLegendGraphic(kvp);
            default -> throw new ShikongException(OgcCode.OPERATION_NOT_SUPPORTED, "REQUEST", "WMS has no operation '"
                    + request + "' (GetCapabilities, GetMap, GetFeatureInfo, GetLegendGraphic)");
        };
    }

    public OwsResponse capabilities() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new WmsCapabilitiesWriter(catalog, store, crsService, caller, version, url,
                (int) Math.sqrt(limits.maxPixels()), layerStyles).write(out);
        return OwsResponse.of(version.v13() ? "text/xml" : "application/vnd.ogc.wms_xml", out.toByteArray());
    }

    public OwsResponse getMap(Kvp kvp) {
        GetMapRequest map = new GetMapKvpReader(catalog, crsService, limits).read(kvp, version, caller, false);
        return new GetMapHandler(store, caller, pixels, styles(), limits).handle(map);
    }

    public OwsResponse getFeatureInfo(Kvp kvp) {
        GetMapRequest map = new GetMapKvpReader(catalog, crsService, limits).read(kvp, version, caller, true);
        return new GetFeatureInfoHandler(store, crsService).handle(map, kvp, caller);
    }

    public OwsResponse getLegendGraphic(Kvp kvp) {
        return new LegendHandler(catalog, caller, styles()).handle(kvp);
    }

    /** The styles the maps and legends are drawn with. */
    public WmsStyles styles() {
        return new WmsStyles(layerStyles);
    }
}
