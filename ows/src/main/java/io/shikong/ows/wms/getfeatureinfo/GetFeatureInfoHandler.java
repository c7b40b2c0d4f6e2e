package io.shikong.ows.wms.getfeatureinfo;

import io.shikong.ows.OwsResponse;
import io.shikong.ows.wms.WmsVersion;
import io.shikong.ows.wms.capabilities.WmsCapabilitiesWriter;
import io.shikong.ows.wms.getmap.GetMapRequest;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.shikong.core.catalog.AttributeDefinition;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.Crs;
import io.shikong.core.encode.GeoJsonWriter;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import io.shikong.core.feature.Feature;
import io.shikong.core.params.Params;
import io.shikong.core.query.Query;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.FeatureStore;
import io.shikong.ows.Kvp;
import io.shikong.ows.OwsExceptionReport;
import io.shikong.ows.SrsName;
import io.shikong.ows.xml.Xml;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.geotools.api.filter.Filter;
import org.geotools.api.filter.FilterFactory;
import org.geotools.factory.CommonFactoryFinder;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * GetFeatureInfo: the features of the queried layers under a pixel (I/J in 1.3.0, X/Y in 1.1.1), within
 * a few pixels for points and lines, nearest first, at most FEATURE_COUNT per layer; as text/plain,
 * text/html, GeoJSON or GML 3.1.1.
 */
public final class GetFeatureInfoHandler {

    /** Pixels around the click that count as a hit for points and lines. */
    static final int TOLERANCE_PX = 4;
    /**
     * Features read per layer around the click, before the FEATURE_COUNT (at most 1000) nearest are kept: a
     * bound on the work of one click in a dense layer, not a deployment setting.
     */
    static final int CANDIDATES_PER_LAYER = 5000;
    private static final FilterFactory FF = CommonFactoryFinder.getFilterFactory();
    private static final GeometryFactory GF = new GeometryFactory();

    private static OwsResponse result(String contentType, byte[] body) {
        return new OwsResponse(contentType, io.shikong.core.encode.Chunks.of(body));
    }

    private record Hit(LayerDefinition layer, Feature feature, double distance) {
    }

    private final FeatureStore store;
    private final io.shikong.core.crs.CrsService crsService;

    public GetFeatureInfoHandler(FeatureStore store, io.shikong.core.crs.CrsService crsService) {
        this.store = store;
        this.crsService = crsService;
    }

    public OwsResponse handle(GetMapRequest map, Kvp kvp, Caller caller) {
        WmsVersion v = map.version();
        List<String> queryLayers = Params.list(kvp.require("QUERY_LAYERS"));
        String i = kvp.get(v.v13() ? "I" : "X", v.v13() ? "X" : "I");
        String j = kvp.get(v.v13() ? "J" : "Y", v.v13() ? "Y" : "J");
        if (i == null) {
            throw new io.shikong.core.error.MissingParameterException(v.v13() ? "I" : "X");
        }
        if (j == null) {
            throw new io.shikong.core.error.MissingParameterException(v.v13() ? "J" : "Y");
        }
        int px = pixel(i, map.width(), v.v13() ? "I" : "X");
        int py = pixel(j, map.height(), v.v13() ? "J" : "Y");
        int count = Params.integer(kvp.get("FEATURE_COUNT"), "FEATURE_COUNT", 1, 1, 1000);
        String format = kvp.get("INFO_FORMAT") == null ? "text/plain" : kvp.get("INFO_FORMAT");
        double unitsPerPixel = map.bbox().getWidth() / map.width();
        double x = map.bbox().getMinX() + (px + 0.5) * unitsPerPixel;
        double y = map.bbox().getMaxY() - (py + 0.5) * (map.bbox().getHeight() / map.height());
        Geometry click = GF.createPoint(new Coordinate(x, y));
        double tolerance = TOLERANCE_PX * unitsPerPixel;
        Envelope box = new Envelope(x - tolerance, x + tolerance, y - tolerance, y + tolerance);
        List<Hit> hits = new ArrayList<>();
        for (String name : queryLayers) {
            LayerDefinition l = map.layers().stream().filter(d -> d.name().equals(name.contains(":")
                    ? name.substring(name.indexOf(':') + 1) : name)).findFirst().orElseThrow(() -> new ShikongException(
                    OgcCode.LAYER_NOT_DEFINED, "QUERY_LAYERS", "query layer '" + name + "' is not among LAYERS"));
            int index = map.layers().indexOf(l);
            Filter extra = map.filters() == null ? null : map.filters().get(index);
            Query q = Query.of(l.name(), caller).bbox(box, map.crs()).filter(extra, null).time(map.time())
                    .outputCrs(map.crs()).limit(CANDIDATES_PER_LAYER).build();
            List<Hit> layerHits = new ArrayList<>();
            try (FeatureCursor c = store.read(q)) {
                while (c.hasNext()) {
                    Feature f = c.next();
                    layerHits.add(new Hit(l, f, f.geometry() == null ? Double.MAX_VALUE : f.geometry().distance(click)));
                }
            }
            layerHits.sort(Comparator.comparingDouble(Hit::distance).thenComparing(h -> h.feature().id()));
            hits.addAll(layerHits.subList(0, Math.min(count, layerHits.size())));
        }
        String f = format.toLowerCase(Locale.ROOT);
        if (f.startsWith("text/plain")) {
            return result("text/plain; charset=UTF-8", plain(hits).getBytes(StandardCharsets.UTF_8));
        }
        if (f.startsWith("text/html")) {
            return result("text/html; charset=UTF-8", html(hits).getBytes(StandardCharsets.UTF_8));
        }
        if (f.contains("json")) {
            // labelled as asked: application/json or application/geo+json
            return result(f.startsWith("application/json") ? "application/json" : "application/geo+json",
                    json(hits, map.crs()));
        }
        if (f.contains("gml") || f.equals("text/xml") || f.equals("application/xml")) {
            return result("application/vnd.ogc.gml", gml(hits, map.crs()));
        }
        throw new InvalidParameterException("INFO_FORMAT", "INFO_FORMAT '" + format + "' is not served; use one of "
                + WmsCapabilitiesWriter.INFO_FORMATS);
    }

    private static int pixel(String value, int size, String locator) {
        int p = Params.integer(value, locator, 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (p < 0 || p >= size) {
            throw new ShikongException(OgcCode.INVALID_POINT, locator, locator + " " + p + " is outside the map (0.."
                    + (size - 1) + ")");
        }
        return p;
    }

    private static String plain(List<Hit> hits) {
        StringBuilder sb = new StringBuilder();
        if (hits.isEmpty()) {
            sb.append("no features were found\n");
        }
        for (Hit h : hits) {
            sb.append("Layer '").append(h.layer().name()).append("'\n  Feature ").append(h.feature().id()).append(":\n");
            for (AttributeDefinition a : h.layer().attributes()) {
                sb.append("    ").append(a.name()).append(" = ").append(h.feature().get(a.name())).append('\n');
            }
            if (h.feature().validFrom() != null) {
                sb.append("    valid_from = ").append(h.feature().validFrom()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String html(List<Hit> hits) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"UTF-8\"><title>GetFeatureInfo</title></head><body>");
        if (hits.isEmpty()) {
            sb.append("<p>no features were found</p>");
        }
        LayerDefinition current = null;
        for (Hit h : hits) {
            if (h.layer() != current) {
                if (current != null) {
                    sb.append("</table>");
                }
                current = h.layer();
                sb.append("<h3>").append(OwsExceptionReport.escape(current.title())).append("</h3><table border=\"1\"><tr><th>id</th>");
                current.attributes().forEach(a -> sb.append("<th>").append(OwsExceptionReport.escape(a.name())).append("</th>"));
                sb.append("</tr>");
            }
            sb.append("<tr><td>").append(OwsExceptionReport.escape(h.feature().id())).append("</td>");
            for (AttributeDefinition a : current.attributes()) {
                Object v = h.feature().get(a.name());
                sb.append("<td>").append(v == null ? "" : OwsExceptionReport.escape(String.valueOf(v))).append("</td>");
            }
            sb.append("</tr>");
        }
        if (current != null) {
            sb.append("</table>");
        }
        return sb.append("</body></html>").toString();
    }

    private byte[] json(List<Hit> hits, Crs crs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            g.writeArrayFieldStart("features");
            for (Hit h : hits) {
                GeoJsonWriter.feature(g, h.feature(), h.layer().temporal(), null);
            }
            g.writeEndArray();
            g.writeStringField("crs_of_geometries", crs.code());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private byte[] gml(List<Hit> hits, Crs crs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Xml x = new Xml(out)) {
            x.start("wfs:FeatureCollection").ns("wfs", "http://www.opengis.net/wfs").ns("gml", "http://www.opengis.net/gml")
                    .ns(io.shikong.ows.gml.GmlFeatureWriter.PREFIX, io.shikong.ows.gml.GmlFeatureWriter.NAMESPACE);
            for (Hit h : hits) {
                x.start("gml:featureMember");
                io.shikong.ows.gml.GmlFeatureWriter.write(x, h.layer(), h.feature(), SrsName.urn(crs), false, false, false);
                x.end();
            }
            x.end();
        }
        return out.toByteArray();
    }
}
