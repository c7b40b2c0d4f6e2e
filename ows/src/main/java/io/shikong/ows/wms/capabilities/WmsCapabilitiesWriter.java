package io.shikong.ows.wms.capabilities;

import io.shikong.ows.wms.WmsVersion;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import io.shikong.core.store.TimeExtent;
import io.shikong.ows.xml.Xml;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.locationtech.jts.geom.Envelope;

/**
 * WMS_Capabilities 1.3.0 and WMT_MS_Capabilities 1.1.1: the layers the caller may see, each with
 * title, abstract, keywords, geographic bounding box, a BoundingBox per CRS (1.3.0: in the CRS's EPSG
 * axis order), its standard style with a LegendURL, queryable, and a TIME dimension with the layer's
 * real valid-time extent.
 */
public final class WmsCapabilitiesWriter {

    /** Formats of GetMap, GetFeatureInfo. */
    public static final List<String> MAP_FORMATS = List.of("image/png", "image/png; mode=8bit", "image/jpeg");
    public static final List<String> INFO_FORMATS = List.of("text/plain", "text/html", "application/json",
            "application/geo+json", "application/vnd.ogc.gml", "text/xml");

    private final LayerCatalog catalog;
    private final FeatureStore store;
    private final CrsService crsService;
    private final Caller caller;
    private final WmsVersion version;
    private final String url;
    private final int maxSize;
    private final io.shikong.styles.sld.LayerStyles layerStyles;

    public WmsCapabilitiesWriter(LayerCatalog catalog, FeatureStore store, CrsService crsService, Caller caller,
                                 WmsVersion version, String url, int maxSize, io.shikong.styles.sld.LayerStyles layerStyles) {
        this.layerStyles = layerStyles;
        this.catalog = catalog;
        this.store = store;
        this.crsService = crsService;
        this.caller = caller;
        this.version = version;
        this.url = url;
        this.maxSize = maxSize;
    }

    public void write(OutputStream out) {
        boolean v13 = version.v13();
        try (Xml x = new Xml(out)) {
            x.start(v13 ? "WMS_Capabilities" : "WMT_MS_Capabilities");
            if (v13) {
                x.ns("", "http://www.opengis.net/wms").ns("xlink", "http://www.w3.org/1999/xlink")
                        .ns("xsi", "http://www.w3.org/2001/XMLSchema-instance")
                        .attr("xsi:schemaLocation", "http://www.opengis.net/wms http://schemas.opengis.net/wms/1.3.0/capabilities_1_3_0.xsd");
            } else {
                x.ns("xlink", "http://www.w3.org/1999/xlink");
            }
            x.attr("version", version.number);
            x.start("Service").element("Name", v13 ? "WMS" : "OGC:WMS").element("Title", "时空 Shikong Web Map Service 网络地图服务")
                    .element("Abstract", "Maps of the city's layers at any time in their history (TIME), styled with SLD.");
            x.start("KeywordList").element("Keyword", "WMS").element("Keyword", "Shenyang").end();
            x.start("OnlineResource").attr("xlink:type", "simple").attr("xlink:href", url).end();
            x.element("Fees", "none").element("AccessConstraints", "none");
            if (v13) {
                x.element("MaxWidth", String.valueOf(maxSize)).element("MaxHeight", String.valueOf(maxSize));
            }
            x.end();
            x.start("Capability").start("Request");
            operation(x, "GetCapabilities", List.of(v13 ? "text/xml" : "application/vnd.ogc.wms_xml"));
            operation(x, "GetMap", MAP_FORMATS);
            operation(x, "GetFeatureInfo", INFO_FORMATS);
            operation(x, "GetLegendGraphic", List.of("image/png"));
            x.end();
            x.start("Exception");
            for (String f : v13 ? List.of("XML", "INIMAGE", "BLANK")
                    : List.of("application/vnd.ogc.se_xml", "application/vnd.ogc.se_inimage", "application/vnd.ogc.se_blank")) {
                x.element("Format", f);
            }
            x.end();
            x.start("Layer").element("Title", "Shikong");
            for (Crs c : crsService.supported()) {
                if (c.epsg() > 0 && !c.code().equals("CRS84")) {
                    x.element(v13 ? "CRS" : "SRS", c.code());
                }
            }
            if (v13) {
                x.element("CRS", "CRS:84");
            }
            Envelope all = new Envelope();
            java.util.Map<String, Envelope> bounds = new java.util.LinkedHashMap<>();
            for (LayerDefinition l : catalog.layers(caller)) {
                Envelope b = bounds(l).orElse(new Envelope(73.5, 136.5, 3.8, 53.6));
                bounds.put(l.name(), b);
                all.expandToInclude(b);
            }
            geographic(x, all.isNull() ? new Envelope(73.5, 136.5, 3.8, 53.6) : all);
            for (LayerDefinition l : catalog.layers(caller)) {
                layer(x, l, bounds.get(l.name()));
            }
            x.end();
            x.end().end();
        }
    }

    private void operation(Xml x, String name, List<String> formats) {
        x.start(name);
        formats.forEach(f -> x.element("Format", f));
        x.start("DCPType").start("HTTP").start("Get").start("OnlineResource").attr("xlink:type", "simple")
                .attr("xlink:href", url + "?").end().end().end().end();
        x.end();
    }

    private java.util.Optional<Envelope> bounds(LayerDefinition l) {
        Crs storage = crsService.resolve("EPSG:" + l.srid());
        return store.bounds(l.name(), caller).map(b -> crsService.transform(b, storage, crsService.resolve("CRS84")));
    }

    private void geographic(Xml x, Envelope e) {
        if (version.v13()) {
            x.start("EX_GeographicBoundingBox").element("westBoundLongitude", String.valueOf(e.getMinX()))
                    .element("eastBoundLongitude", String.valueOf(e.getMaxX()))
                    .element("southBoundLatitude", String.valueOf(e.getMinY()))
                    .element("northBoundLatitude", String.valueOf(e.getMaxY())).end();
        } else {
            x.start("LatLonBoundingBox").attr("minx", String.valueOf(e.getMinX())).attr("miny", String.valueOf(e.getMinY()))
                    .attr("maxx", String.valueOf(e.getMaxX())).attr("maxy", String.valueOf(e.getMaxY())).end();
        }
    }

    private void layer(Xml x, LayerDefinition l, Envelope geo) {
        x.start("Layer").attr("queryable", "1").attr("opaque", "0");
        x.element("Name", l.name()).element("Title", l.title()).element("Abstract", l.description());
        if (!l.keywords().isEmpty()) {
            x.start("KeywordList");
            l.keywords().forEach(k -> x.element("Keyword", k));
            x.end();
        }
        geographic(x, geo);
        Crs crs84 = crsService.resolve("CRS84");
        for (String code : List.of("EPSG:" + l.srid(), "EPSG:4326", "EPSG:3857")) {
            Crs c = crsService.resolve(code);
            Envelope e = crsService.transform(geo, crs84, c);
            boolean swap = version.v13() && c.northingFirst();
            x.start("BoundingBox").attr(version.v13() ? "CRS" : "SRS", c.code())
                    .attr("minx", String.valueOf(swap ? e.getMinY() : e.getMinX()))
                    .attr("miny", String.valueOf(swap ? e.getMinX() : e.getMinY()))
                    .attr("maxx", String.valueOf(swap ? e.getMaxY() : e.getMaxX()))
                    .attr("maxy", String.valueOf(swap ? e.getMaxX() : e.getMaxY())).end();
        }
        if (l.temporal()) {
            String extent = store.timeExtent(l.name(), caller).map(WmsCapabilitiesWriter::extent).orElse(null);
            if (extent != null) {
                if (version.v13()) {
                    x.start("Dimension").attr("name", "time").attr("units", "ISO8601").attr("default", "current")
                            .attr("nearestValue", "0").text(extent).end();
                } else {
                    x.start("Dimension").attr("name", "time").attr("units", "ISO8601").end();
                    x.start("Extent").attr("name", "time").attr("default", "current").text(extent).end();
                }
            }
        }
        x.start("Style").element("Name", l.name()).element("Title", "standard style of " + l.name());
        int[] legend = legendSize(l);
        x.start("LegendURL").attr("width", String.valueOf(legend[0])).attr("height", String.valueOf(legend[1]))
                .element("Format", "image/png")
                .start("OnlineResource").attr("xlink:type", "simple").attr("xlink:href", url
                        + "?SERVICE=WMS&REQUEST=GetLegendGraphic&VERSION=" + version.number + "&FORMAT=image/png&LAYER="
                        + URLEncoder.encode(l.name(), StandardCharsets.UTF_8)).end().end();
        x.end();
        x.end();
    }

    /** The size GetLegendGraphic will answer with, so clients do not squash it. */
    private int[] legendSize(LayerDefinition l) {
        var img = io.shikong.styles.render.LegendRenderer.legend(layerStyles.defaultStyle(l), 20, Double.NaN, true);
        return new int[] {img.getWidth(), img.getHeight()};
    }

    /** start/end/period: any instant in the extent can be asked for (nearestValue 0). */
    private static String extent(TimeExtent t) {
        Instant end = t.end() == null ? Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) : t.end();
        return t.start() + "/" + end + "/PT1S";
    }
}
