package io.shikong.ows.wmts;

import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import io.shikong.ows.wmts.getfeatureinfo.WmtsFeatureInfoRequest;
import io.shikong.ows.wmts.gettile.GetTileKvpReader;
import io.shikong.ows.wmts.gettile.GetTileRequest;
import io.shikong.tiles.TileFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The RESTful encoding of WMTS 1.0.0, in one place: the URL templates the capabilities announce and the
 * parsing of the paths clients build from them. Below {@code {base}/wmts/1.0.0}:
 * <ul>
 *   <li>{@code /WMTSCapabilities.xml}: the capabilities;</li>
 *   <li>{@code /{layer}/{Style}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.{ext}}: a tile of a layer
 *       without valid time, {@code ext} one of {@code png}, {@code png8}, {@code jpg}, {@code mvt}
 *       ({@code pbf} and {@code jpeg} accepted);</li>
 *   <li>{@code /{layer}/{Style}/{Time}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.{ext}}: a tile of a
 *       layer with valid time, {@code Time} an ISO 8601 instant or {@code current} (the dimension's
 *       identifier is {@code Time}, so GDAL, OWSLib and QGIS substitute it in the template as GIBS's
 *       templates have it);</li>
 *   <li>the same two with {@code /{J}/{I}.{infoExt}} after {@code {TileCol}}: GetFeatureInfo, {@code infoExt}
 *       one of {@code txt}, {@code html}, {@code json}, {@code geojson}, {@code gml}, {@code xml}.</li>
 * </ul>
 * The number of segments tells the four apart (6, 7, 8 and 9 below the version). A path that is none of
 * them is a NotFound (404).
 */
public final class WmtsPaths {

    /** The root of the RESTful resources, below the public base URL. */
    public static final String ROOT = "/wmts/1.0.0";
    /** The RESTful capabilities document, below the public base URL. */
    public static final String CAPABILITIES = ROOT + "/WMTSCapabilities.xml";
    /** The KVP endpoint, below the public base URL (KVP is also served at {@code /ows} with SERVICE=WMTS). */
    public static final String KVP = "/wmts";

    /** GetFeatureInfo's formats (WMS GetFeatureInfo's) by RESTful extension, in the capabilities' order. */
    public static final Map<String, String> INFO_EXTENSIONS = infoExtensions();

    private static Map<String, String> infoExtensions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("txt", "text/plain");
        m.put("html", "text/html");
        m.put("json", "application/json");
        m.put("geojson", "application/geo+json");
        m.put("gml", "application/vnd.ogc.gml");
        m.put("xml", "text/xml");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** A parsed RESTful request. */
    public sealed interface Resource permits Capabilities, Tile, FeatureInfo {
    }

    /** The capabilities document. */
    public record Capabilities() implements Resource {
    }

    /** A tile. */
    public record Tile(GetTileRequest request) implements Resource {
    }

    /** GetFeatureInfo at a pixel of a tile. */
    public record FeatureInfo(WmtsFeatureInfoRequest request) implements Resource {
    }

    private WmtsPaths() {
    }

    /** The tile URL template of a layer in a format, with a {@code {Time}} segment when the layer has valid time. */
    public static String tileTemplate(String baseUrl, String layer, boolean time, TileFormat format) {
        return prefix(baseUrl, layer, time) + "." + format.extension;
    }

    /** The GetFeatureInfo URL template of a layer for an info format's extension. */
    public static String infoTemplate(String baseUrl, String layer, boolean time, String infoExtension) {
        return prefix(baseUrl, layer, time) + "/{J}/{I}." + infoExtension;
    }

    private static String prefix(String baseUrl, String layer, boolean time) {
        return baseUrl + ROOT + "/" + encode(layer) + "/{Style}/" + (time ? "{Time}/" : "")
                + "{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}";
    }

    /**
     * The resource a RESTful path names.
     *
     * @param path the request path, starting with {@link #ROOT} (segments percent-encoded or not)
     * @throws ShikongException NotFound (404) for a path that is no WMTS resource, MissingParameterValue or
     *                          InvalidParameterValue for a value that cannot be read (format, row, column,
     *                          time, I, J)
     */
    public static Resource parse(String path) {
        String p = path == null ? "" : path;
        if (p.equals(CAPABILITIES) || p.equalsIgnoreCase(CAPABILITIES)) {
            return new Capabilities();
        }
        if (!p.startsWith(ROOT + "/")) {
            throw notFound(path);
        }
        List<String> s = new ArrayList<>();
        for (String segment : p.substring(ROOT.length() + 1).split("/", -1)) {
            s.add(decode(segment));
        }
        int n = s.size();
        if (n < 6 || n > 9 || s.stream().anyMatch(String::isEmpty)) {
            throw notFound(path);
        }
        String last = s.get(n - 1);
        int dot = last.lastIndexOf('.');
        if (dot <= 0) {
            throw notFound(path);
        }
        String ext = last.substring(dot + 1).toLowerCase(Locale.ROOT);
        s.set(n - 1, last.substring(0, dot));
        boolean info = n >= 8;
        boolean time = n == 7 || n == 9;
        int t = time ? 3 : 2; // index of the TileMatrixSet segment
        String formatExtension = info ? "png" : ext;
        GetTileRequest tile = new GetTileRequest(s.get(0), GetTileKvpReader.style(s.get(1)),
                GetTileKvpReader.format(formatExtension), s.get(t), s.get(t + 1),
                GetTileKvpReader.index(s.get(t + 2), "TileRow"), GetTileKvpReader.index(s.get(t + 3), "TileCol"),
                time ? GetTileKvpReader.time(s.get(2)) : null);
        if (!info) {
            return new Tile(tile);
        }
        String infoFormat = INFO_EXTENSIONS.get(ext);
        if (infoFormat == null) {
            throw new InvalidParameterException("InfoFormat", "GetFeatureInfo extension '." + ext
                    + "' is not served; use one of " + INFO_EXTENSIONS.keySet());
        }
        return new FeatureInfo(new WmtsFeatureInfoRequest(tile, s.get(t + 5), s.get(t + 4), infoFormat));
    }

    private static ShikongException notFound(String path) {
        return new ShikongException(OgcCode.NOT_FOUND, "request", "没有这个 WMTS 资源 no WMTS resource at '" + path
                + "'; the RESTful paths are " + ROOT + "/{layer}/{Style}[/{Time}]/{TileMatrixSet}/{TileMatrix}/"
                + "{TileRow}/{TileCol}.{png|png8|jpg|mvt} (and /{J}/{I}.{txt|html|json|geojson|gml|xml} for "
                + "GetFeatureInfo), see " + CAPABILITIES);
    }

    /** Percent-encodes a layer name for a path segment (RFC 3986 unreserved characters kept). */
    static String encode(String segment) {
        StringBuilder sb = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xFF));
            }
        }
        return sb.toString();
    }

    /** Percent-decodes a path segment ({@code +} stays a plus: it is no space in a path). */
    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%' && i + 2 < segment.length()) {
                int v = hex(segment.charAt(i + 1)) * 16 + hex(segment.charAt(i + 2));
                if (v >= 0) {
                    out.write(v);
                    i += 2;
                    continue;
                }
            }
            out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        int d = Character.digit(c, 16);
        return d < 0 ? -1000 : d;
    }
}
