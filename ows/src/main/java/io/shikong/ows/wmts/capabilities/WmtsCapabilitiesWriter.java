package io.shikong.ows.wmts.capabilities;

import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import io.shikong.core.store.TimeExtent;
import io.shikong.ows.wmts.WmtsPaths;
import io.shikong.ows.xml.Xml;
import io.shikong.styles.sld.LayerStyles;
import io.shikong.styles.sld.Style;
import io.shikong.tiles.TileFormat;
import io.shikong.tiles.grid.TileMatrix;
import io.shikong.tiles.grid.TileMatrixLimits;
import io.shikong.tiles.grid.TileMatrixSet;
import io.shikong.tiles.grid.TileMatrixSets;
import io.shikong.tiles.grid.TileProjection;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Envelope;

/**
 * The WMTS 1.0.0 capabilities: service identification and provider; GetCapabilities, GetTile and
 * GetFeatureInfo in both encodings (an {@code ows:Get} per encoding with its GetEncoding constraint, KVP or
 * RESTful); one Layer per catalog layer the caller may see, with its WGS 84 bounds, its default style (legend
 * from WMS GetLegendGraphic), the tile formats (PNG, 8-bit PNG, JPEG, Mapbox Vector Tile), WMS GetFeatureInfo's
 * formats, for layers with valid time a {@code Time} dimension (default {@code current}, the layer's valid-time
 * extent as its value), a TileMatrixSetLink per set with the limits of the layer's extent, and the RESTful
 * templates of {@link WmtsPaths}; then the tile matrix sets, each TopLeftCorner in its CRS's axis order
 * (latitude first for EPSG:4490, so {@code 90 -180} for Tianditu's set).
 */
public final class WmtsCapabilitiesWriter {

    /** The tile formats in the order clients that take the first one should see them. */
    public static final List<TileFormat> FORMATS = List.of(TileFormat.PNG, TileFormat.PNG8, TileFormat.JPEG,
            TileFormat.MVT);
    /** Where nothing is known of a layer's extent: China. */
    private static final Envelope CHINA = new Envelope(73.5, 136.5, 3.8, 53.6);

    private final LayerCatalog catalog;
    private final FeatureStore store;
    private final CrsService crsService;
    private final TileMatrixSets sets;
    private final TileProjection projection;
    private final LayerStyles layerStyles;
    private final Caller caller;
    private final String baseUrl;
    private final String kvpUrl;

    /**
     * @param baseUrl the public URL the endpoints are below (RESTful templates, WMS legends)
     * @param kvpUrl  the KVP endpoint ({@code {base}/wmts} or {@code {base}/ows})
     */
    public WmtsCapabilitiesWriter(LayerCatalog catalog, FeatureStore store, CrsService crsService, TileMatrixSets sets,
                                  TileProjection projection, LayerStyles layerStyles, Caller caller, String baseUrl,
                                  String kvpUrl) {
        this.catalog = catalog;
        this.store = store;
        this.crsService = crsService;
        this.sets = sets;
        this.projection = projection;
        this.layerStyles = layerStyles;
        this.caller = caller;
        this.baseUrl = baseUrl;
        this.kvpUrl = kvpUrl;
    }

    /** The sets in the capabilities' order: the EPSG ones first, the GCJ-02 variant (for overlays only) last. */
    public List<TileMatrixSet> matrixSets() {
        return sets.all().stream().sorted(Comparator.comparing(TileMatrixSet::gcj02)).toList();
    }

    public void write(OutputStream out) {
        try (Xml x = new Xml(out)) {
            x.start("Capabilities").ns("", "http://www.opengis.net/wmts/1.0").ns("ows", "http://www.opengis.net/ows/1.1")
                    .ns("xlink", "http://www.w3.org/1999/xlink").ns("xsi", "http://www.w3.org/2001/XMLSchema-instance")
                    .ns("gml", "http://www.opengis.net/gml")
                    .attr("xsi:schemaLocation", "http://www.opengis.net/wmts/1.0 "
                            + "http://schemas.opengis.net/wmts/1.0/wmtsGetCapabilities_response.xsd")
                    .attr("version", "1.0.0");
            service(x);
            operations(x);
            x.start("Contents");
            List<TileMatrixSet> matrixSets = matrixSets();
            for (LayerDefinition l : catalog.layers(caller)) {
                layer(x, l, matrixSets);
            }
            for (TileMatrixSet set : matrixSets) {
                matrixSet(x, set);
            }
            x.end();
            x.start("ServiceMetadataURL").attr("xlink:href", baseUrl + WmtsPaths.CAPABILITIES).end();
            x.end();
        }
    }

    private static void service(Xml x) {
        x.start("ows:ServiceIdentification");
        x.element("ows:Title", "时空 Shikong Web Map Tile Service 网络地图瓦片服务");
        x.element("ows:Abstract", "城市图层的瓦片，可回溯任一时刻（TIME 维度）；天地图 CGCS2000 经纬度矩阵集与 Web 墨卡托。"
                + " Tiles of the city's layers as they stood at any instant (the Time dimension), in Tianditu's "
                + "CGCS2000 geographic set, Web Mercator and CRS84; raster tiles styled like WMS, and vector tiles (MVT).");
        x.start("ows:Keywords").element("ows:Keyword", "WMTS").element("ows:Keyword", "Shenyang")
                .element("ows:Keyword", "CGCS2000").end();
        x.element("ows:ServiceType", "OGC WMTS");
        x.element("ows:ServiceTypeVersion", "1.0.0");
        x.element("ows:Fees", "none");
        x.element("ows:AccessConstraints", "none");
        x.end();
        x.start("ows:ServiceProvider").element("ows:ProviderName", "Shikong").start("ows:ServiceContact").end().end();
    }

    private void operations(Xml x) {
        x.start("ows:OperationsMetadata");
        for (String op : List.of("GetCapabilities", "GetTile", "GetFeatureInfo")) {
            String rest = baseUrl + (op.equals("GetCapabilities") ? WmtsPaths.CAPABILITIES : WmtsPaths.ROOT + "/");
            x.start("ows:Operation").attr("name", op).start("ows:DCP").start("ows:HTTP");
            get(x, kvpUrl + "?", "KVP");
            get(x, rest, "RESTful");
            x.end().end().end();
        }
        x.end();
    }

    private static void get(Xml x, String href, String encoding) {
        x.start("ows:Get").attr("xlink:href", href).start("ows:Constraint").attr("name", "GetEncoding")
                .start("ows:AllowedValues").element("ows:Value", encoding).end().end().end();
    }

    private void layer(Xml x, LayerDefinition l, List<TileMatrixSet> matrixSets) {
        Optional<Envelope> storageBounds = storageBounds(l);
        Envelope geo = storageBounds.map(b -> crsService.transform(b, crsService.storage(), crsService.resolve("CRS84")))
                .orElse(CHINA);
        x.start("Layer");
        x.element("ows:Title", l.title() == null ? l.name() : l.title());
        if (l.description() != null && !l.description().isBlank()) {
            x.element("ows:Abstract", l.description());
        }
        if (!l.keywords().isEmpty()) {
            x.start("ows:Keywords");
            l.keywords().forEach(k -> x.element("ows:Keyword", k));
            x.end();
        }
        x.start("ows:WGS84BoundingBox").element("ows:LowerCorner", number(geo.getMinX()) + " " + number(geo.getMinY()))
                .element("ows:UpperCorner", number(geo.getMaxX()) + " " + number(geo.getMaxY())).end();
        x.element("ows:Identifier", l.name());
        style(x, l);
        FORMATS.forEach(f -> x.element("Format", f.mediaType));
        WmtsPaths.INFO_EXTENSIONS.values().forEach(f -> x.element("InfoFormat", f));
        if (l.temporal()) {
            timeDimension(x, l);
        }
        for (TileMatrixSet set : matrixSets) {
            x.start("TileMatrixSetLink").element("TileMatrixSet", set.id());
            List<TileMatrixLimits.Limit> limits = limits(set, storageBounds);
            if (!limits.isEmpty()) {
                x.start("TileMatrixSetLimits");
                for (TileMatrixLimits.Limit limit : limits) {
                    x.start("TileMatrixLimits").element("TileMatrix", limit.matrixId())
                            .element("MinTileRow", String.valueOf(limit.range().minRow()))
                            .element("MaxTileRow", String.valueOf(limit.range().maxRow()))
                            .element("MinTileCol", String.valueOf(limit.range().minCol()))
                            .element("MaxTileCol", String.valueOf(limit.range().maxCol())).end();
                }
                x.end();
            }
            x.end();
        }
        for (TileFormat f : FORMATS) {
            x.start("ResourceURL").attr("format", f.mediaType).attr("resourceType", "tile")
                    .attr("template", WmtsPaths.tileTemplate(baseUrl, l.name(), l.temporal(), f)).end();
        }
        for (var info : WmtsPaths.INFO_EXTENSIONS.entrySet()) {
            x.start("ResourceURL").attr("format", info.getValue()).attr("resourceType", "FeatureInfo")
                    .attr("template", WmtsPaths.infoTemplate(baseUrl, l.name(), l.temporal(), info.getKey())).end();
        }
        x.end();
    }

    private void style(Xml x, LayerDefinition l) {
        Style style = layerStyles.defaultStyle(l);
        x.start("Style").attr("isDefault", "true");
        x.element("ows:Title", style.title() != null ? style.title() : "默认样式 default style of " + l.name());
        x.element("ows:Identifier", "default");
        x.start("LegendURL").attr("format", "image/png").attr("xlink:href", baseUrl
                + "/wms?SERVICE=WMS&REQUEST=GetLegendGraphic&VERSION=1.3.0&FORMAT=image/png&LAYER="
                + URLEncoder.encode(l.name(), StandardCharsets.UTF_8)).end();
        x.end();
    }

    /**
     * The {@code Time} dimension: any instant of the valid-time extent may be asked for (as WMS's TIME,
     * {@code start/end/PT1S}; an open end is now), {@code current} being the default and always accepted.
     */
    private void timeDimension(Xml x, LayerDefinition l) {
        x.start("Dimension");
        x.element("ows:Title", "有效时间 Valid time");
        x.element("ows:Abstract", "瓦片显示该时刻的城市状态 The tile shows the city as it stood at this instant "
                + "(ISO 8601); current: as it stands now.");
        x.element("ows:Identifier", "Time");
        x.element("ows:UOM", "ISO8601");
        x.element("Default", "current");
        x.element("Current", "true");
        x.element("Value", store.timeExtent(l.name(), caller).map(WmtsCapabilitiesWriter::extent).orElse("current"));
        x.end();
    }

    private static String extent(TimeExtent t) {
        Instant end = t.end() == null ? Instant.now().truncatedTo(ChronoUnit.SECONDS) : t.end();
        return t.start() + "/" + end + "/PT1S";
    }

    private void matrixSet(Xml x, TileMatrixSet set) {
        x.start("TileMatrixSet");
        x.element("ows:Title", set.title());
        if (set.gcj02()) {
            x.element("ows:Abstract", "GCJ-02 偏移坐标的 Web 墨卡托，仅用于叠加高德/腾讯底图，与 WGS 84/CGCS2000 地图不重合。"
                    + " Web Mercator of GCJ-02 (offset) coordinates, only for overlays on Amap or Tencent base maps; "
                    + "it does not line up with WGS 84 or CGCS2000 maps.");
        }
        x.element("ows:Identifier", set.id());
        x.element("ows:SupportedCRS", set.crs().urn());
        if (set.wellKnownScaleSet() != null) {
            x.element("WellKnownScaleSet", set.wellKnownScaleSet());
        }
        for (TileMatrix m : set.matrices()) {
            String corner = set.northingFirst() ? number(m.originY()) + " " + number(m.originX())
                    : number(m.originX()) + " " + number(m.originY());
            x.start("TileMatrix").element("ows:Identifier", m.id())
                    .element("ScaleDenominator", number(m.scaleDenominator()))
                    .element("TopLeftCorner", corner)
                    .element("TileWidth", String.valueOf(m.tileWidth()))
                    .element("TileHeight", String.valueOf(m.tileHeight()))
                    .element("MatrixWidth", String.valueOf(m.matrixWidth()))
                    .element("MatrixHeight", String.valueOf(m.matrixHeight())).end();
        }
        x.end();
    }

    /** The layer's bounds in the storage CRS, if the store knows any. */
    private Optional<Envelope> storageBounds(LayerDefinition l) {
        Crs layerCrs = crsService.resolve("EPSG:" + l.srid());
        return store.bounds(l.name(), caller).filter(b -> !b.isNull())
                .map(b -> layerCrs.equals(crsService.storage()) ? b : crsService.transform(b, layerCrs, crsService.storage()));
    }

    /** The tiles of each matrix the layer's extent touches; none (no limits written) when it is unknown. */
    private List<TileMatrixLimits.Limit> limits(TileMatrixSet set, Optional<Envelope> storageBounds) {
        if (storageBounds.isEmpty()) {
            return List.of();
        }
        try {
            return TileMatrixLimits.of(set, projection.toTiles(set, storageBounds.get()));
        } catch (RuntimeException e) {
            // an extent the set's CRS cannot hold (beyond Web Mercator's latitudes): every tile may be asked for
            return List.of();
        }
    }

    /** A number as plain decimals (no exponent): clients parse it whatever their locale and reader. */
    static String number(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
