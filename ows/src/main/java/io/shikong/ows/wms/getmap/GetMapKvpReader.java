package io.shikong.ows.wms.getmap;

import io.shikong.ows.wms.WmsExceptions;
import io.shikong.ows.wms.WmsLimits;
import io.shikong.ows.wms.WmsVersion;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.InvalidCrsException;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.LayerNotFoundException;
import io.shikong.core.error.MissingParameterException;
import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import io.shikong.core.filter.Ecql;
import io.shikong.core.params.Params;
import io.shikong.core.security.Caller;
import io.shikong.ows.Kvp;
import io.shikong.ows.SrsName;
import io.shikong.styles.encode.ImageEncoder;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.geotools.api.filter.Filter;
import org.locationtech.jts.geom.Envelope;

/**
 * Reads GetMap KVP for WMS 1.3.0 (CRS, BBOX in the CRS's EPSG axis order: latitude/northing first for
 * EPSG:4326, 4490 and the Gauss-Krüger zones) and 1.1.1 (SRS, x/y always). DPI hints (DPI,
 * MAP_RESOLUTION, FORMAT_OPTIONS) are accepted and ignored.
 */
public final class GetMapKvpReader {

    private final LayerCatalog catalog;
    private final CrsService crsService;
    private final long maxPixels;
    private final int maxLayers;

    /** With the default limits but for the pixels. */
    public GetMapKvpReader(LayerCatalog catalog, CrsService crsService, long maxPixels) {
        this(catalog, crsService, WmsLimits.of(maxPixels));
    }

    /** @param limits the most pixels and layers of a map are read here; the others bound the drawing */
    public GetMapKvpReader(LayerCatalog catalog, CrsService crsService, WmsLimits limits) {
        this.catalog = catalog;
        this.crsService = crsService;
        this.maxPixels = limits.maxPixels();
        this.maxLayers = limits.maxLayers();
    }

    public GetMapRequest read(Kvp kvp, WmsVersion v, Caller caller, boolean queryLayers) {
        WmsExceptions.Mode exceptions = WmsExceptions.mode(kvp.get("EXCEPTIONS"));
        List<LayerDefinition> layers = new ArrayList<>();
        List<String> names = Params.list(kvp.require("LAYERS"));
        if (names.size() > maxLayers) {
            // before any layer is looked up: each one drawn is a read of the store
            throw new InvalidParameterException("LAYERS", "LAYERS names " + names.size() + " layers; at most " + maxLayers
                    + " are drawn in one map (shikong.wms.max-layers)");
        }
        for (String name : names) {
            layers.add(layer(name, caller));
        }
        if (layers.isEmpty()) {
            throw new MissingParameterException("LAYERS");
        }
        List<String> styles = new ArrayList<>();
        String stylesValue = kvp.get("STYLES");
        if (stylesValue != null) {
            String[] parts = stylesValue.split(",", -1);
            if (parts.length != layers.size() && !(parts.length == 1 && parts[0].isBlank())) {
                throw new InvalidParameterException("STYLES", "STYLES names " + parts.length + " styles for "
                        + layers.size() + " layers");
            }
            for (String p : parts) {
                styles.add(p.trim());
            }
        }
        while (styles.size() < layers.size()) {
            styles.add("");
        }
        // clients mix them up (SRS on 1.3.0, CRS on 1.1.1): take either, the version's name first
        String crsName = v.v13() ? kvp.get("CRS", "SRS") : kvp.get("SRS", "CRS");
        if (crsName == null) {
            throw new MissingParameterException(v.v13() ? "CRS" : "SRS");
        }
        SrsName srs;
        try {
            srs = SrsName.parse(crsService, crsName, v.v13() ? "CRS" : "SRS");
        } catch (InvalidCrsException e) {
            throw new ShikongException(OgcCode.INVALID_CRS, v.v13() ? "CRS" : "SRS", e.getMessage(), e);
        }
        // WMS 1.3.0 uses the EPSG axis order for EPSG: codes too (unlike WFS); 1.1.1 is x/y
        boolean latFirst = v.v13() && srs.crs().northingFirst();
        double[] b = Params.bbox(kvp.require("BBOX"), "BBOX", false);
        Envelope bbox = latFirst ? new Envelope(b[1], b[3], b[0], b[2]) : new Envelope(b[0], b[2], b[1], b[3]);
        if (bbox.getWidth() <= 0 || bbox.getHeight() <= 0) {
            throw new InvalidParameterException("BBOX", "BBOX " + kvp.get("BBOX") + " has no area");
        }
        int width = Params.integer(kvp.require("WIDTH"), "WIDTH", 0, 1, 16384);
        int height = Params.integer(kvp.require("HEIGHT"), "HEIGHT", 0, 1, 16384);
        if ((long) width * height > maxPixels) {
            throw new InvalidParameterException("WIDTH", "WIDTH×HEIGHT " + width + "×" + height + " is over the limit of "
                    + maxPixels + " pixels");
        }
        String formatName = queryLayers && kvp.get("FORMAT") == null ? "image/png" : kvp.require("FORMAT");
        ImageEncoder.Format format = ImageEncoder.Format.of(formatName);
        if (format == null) {
            throw new ShikongException(OgcCode.INVALID_FORMAT, "FORMAT", "format '" + formatName
                    + "' is not served; use image/png, image/png; mode=8bit or image/jpeg");
        }
        boolean transparent = "true".equalsIgnoreCase(kvp.get("TRANSPARENT"));
        Color background = Color.WHITE;
        if (kvp.has("BGCOLOR")) {
            String c = kvp.get("BGCOLOR").trim();
            try {
                background = new Color(Integer.parseInt(c.replaceFirst("^(0x|0X|#)", ""), 16));
            } catch (NumberFormatException e) {
                throw new InvalidParameterException("BGCOLOR", "BGCOLOR '" + c + "' is not 0xRRGGBB");
            }
        }
        List<Filter> filters = null;
        if (kvp.has("CQL_FILTER")) {
            String[] parts = kvp.get("CQL_FILTER").split(";");
            if (parts.length != 1 && parts.length != layers.size()) {
                throw new InvalidParameterException("CQL_FILTER", "give one CQL filter per layer, separated by ';'");
            }
            filters = new ArrayList<>();
            for (int i = 0; i < layers.size(); i++) {
                filters.add(Ecql.parse(parts[parts.length == 1 ? 0 : i], "CQL_FILTER"));
            }
        }
        byte[] sld = kvp.has("SLD_BODY") ? kvp.get("SLD_BODY").getBytes(StandardCharsets.UTF_8) : null;
        return new GetMapRequest(v, layers, styles, srs.crs(), bbox, width, height, format, transparent, background,
                Params.time(kvp.get("TIME"), "TIME"), filters, sld, exceptions, dpi(kvp));
    }

    /** DPI from DPI, MAP_RESOLUTION or FORMAT_OPTIONS=dpi:N (QGIS sends all three); the OGC pixel otherwise. */
    static double dpi(Kvp kvp) {
        String value = kvp.get("DPI", "MAP_RESOLUTION");
        if (value == null && kvp.has("FORMAT_OPTIONS")) {
            for (String option : kvp.get("FORMAT_OPTIONS").split(";")) {
                if (option.trim().toLowerCase(Locale.ROOT).startsWith("dpi:")) {
                    value = option.trim().substring(4);
                }
            }
        }
        if (value == null) {
            return GetMapRequest.OGC_DPI;
        }
        double dpi = Params.number(value, "DPI");
        if (dpi < 10 || dpi > 1200) {
            throw new InvalidParameterException("DPI", "DPI must be 10..1200, was " + value);
        }
        return dpi;
    }

    private LayerDefinition layer(String name, Caller caller) {
        String n = name.contains(":") ? name.substring(name.indexOf(':') + 1) : name;
        try {
            return catalog.layer(n, caller);
        } catch (LayerNotFoundException e) {
            throw new ShikongException(OgcCode.LAYER_NOT_DEFINED, "LAYERS", "unknown layer '" + name + "'", e);
        }
    }
}
