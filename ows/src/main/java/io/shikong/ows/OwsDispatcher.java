package io.shikong.ows;

import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.MissingParameterException;
import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import io.shikong.core.storedquery.StoredQueryRepository;
import io.shikong.ows.wfs.WfsContext;
import io.shikong.ows.wfs.WfsService;
import io.shikong.ows.wfs.WfsSettings;
import io.shikong.ows.wfs.WfsVersion;
import io.shikong.ows.wfs.lock.LockManager;
import io.shikong.ows.wms.PixelBudget;
import io.shikong.ows.wms.WmsLimits;
import io.shikong.ows.wms.WmsService;
import io.shikong.ows.wms.WmsVersion;
import io.shikong.ows.wmts.WmtsExceptions;
import io.shikong.ows.wmts.WmtsPaths;
import io.shikong.ows.wmts.WmtsService;
import io.shikong.ows.xml.SecureXml;
import io.shikong.styles.sld.LayerStyles;
import io.shikong.tiles.TileService;
import io.shikong.tiles.grid.TileProjection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * The one entry of the OGC services, whatever the endpoint ({@code /ows}, {@code /wfs}, {@code /wms},
 * {@code /wmts}, and WMTS's RESTful paths below {@code /wmts/1.0.0} through {@link #wmtsRest}): it
 * finds the service (SERVICE, else the path; for an XML body the root's namespace), negotiates the version,
 * reads the operation (REQUEST or the root element) and calls the service, which answers an
 * {@link OwsResponse}. Every failure is an {@link OwsException}: the error with the {@link ErrorContext}
 * (service, version, WMS EXCEPTIONS format) its report is written for. Plain Java: the HTTP layer adapts it.
 *
 * <p>The services are WFS, WMS and WMTS (when a {@link TileService} is given); a new one is an entry of
 * {@link #PATHS} (and of {@link #NAMESPACES} if it takes XML bodies) and a case of {@link #kvp} and {@link #xml}.
 */
public final class OwsDispatcher {

    /** The service of an endpoint path when SERVICE is not given ({@code /ows} names none). */
    private static final Map<String, String> PATHS = Map.of("/wfs", "WFS", "/wms", "WMS", "/wmts", "WMTS");
    /** The service of an XML request by its root element's namespace (WMS takes no XML bodies). */
    private static final Map<String, String> NAMESPACES = Map.of(
            WfsVersion.V1_1_0.wfsNs, "WFS", WfsVersion.V2_0_0.wfsNs, "WFS");

    private final LayerCatalog catalog;
    private final FeatureStore store;
    private final CrsService crsService;
    private final WfsSettings wfsSettings;
    private final LockManager wfsLocks;
    private final StoredQueryRepository storedQueries;
    private final LayerStyles layerStyles;
    private final PixelBudget wmsPixels;
    private final WmsLimits wmsLimits;
    private final TileService tiles;
    private final TileProjection tileProjection;

    /** Without WMTS (no tile service). */
    public OwsDispatcher(LayerCatalog catalog, FeatureStore store, CrsService crsService, WfsSettings wfsSettings,
                         LockManager wfsLocks, StoredQueryRepository storedQueries, LayerStyles layerStyles,
                         PixelBudget wmsPixels, long wmsMaxPixels) {
        this(catalog, store, crsService, wfsSettings, wfsLocks, storedQueries, layerStyles, wmsPixels, wmsMaxPixels,
                null);
    }

    /**
     * @param wfsLocks      the process's one WFS lock table
     * @param storedQueries where the WFS stored queries clients create are kept
     * @param layerStyles   every layer's default style (WMS)
     * @param wmsPixels     the pixels the WMS maps being drawn at once share, one budget for the process
     * @param wmsMaxPixels  the most pixels (WIDTH×HEIGHT) of one WMS map
     * @param tiles         the tile service WMTS serves (tiles, tile matrix sets); {@code null} serves no WMTS
     */
    public OwsDispatcher(LayerCatalog catalog, FeatureStore store, CrsService crsService, WfsSettings wfsSettings,
                         LockManager wfsLocks, StoredQueryRepository storedQueries, LayerStyles layerStyles,
                         PixelBudget wmsPixels, long wmsMaxPixels, TileService tiles) {
        this(catalog, store, crsService, wfsSettings, wfsLocks, storedQueries, layerStyles, wmsPixels,
                WmsLimits.of(wmsMaxPixels), tiles);
    }

    /**
     * @param wmsLimits what one WMS map may ask for: pixels, layers, symbol sizes, drawing time
     *                  ({@code shikong.wms})
     */
    public OwsDispatcher(LayerCatalog catalog, FeatureStore store, CrsService crsService, WfsSettings wfsSettings,
                         LockManager wfsLocks, StoredQueryRepository storedQueries, LayerStyles layerStyles,
                         PixelBudget wmsPixels, WmsLimits wmsLimits, TileService tiles) {
        this.catalog = catalog;
        this.store = store;
        this.crsService = crsService;
        this.wfsSettings = wfsSettings;
        this.wfsLocks = wfsLocks;
        this.storedQueries = storedQueries;
        this.layerStyles = layerStyles;
        this.wmsPixels = wmsPixels;
        this.wmsLimits = java.util.Objects.requireNonNull(wmsLimits, "wmsLimits");
        this.tiles = tiles;
        this.tileProjection = tiles == null ? null : new TileProjection(crsService);
    }

    /**
     * A KVP request (GET).
     *
     * @param path    the endpoint path, {@code /ows}, {@code /wfs}, {@code /wms} or {@code /wmts}
     * @param params  the raw query parameters (names in any case)
     * @param baseUrl the public URL the endpoints are below, e.g. {@code http://host}
     * @throws OwsException whatever failed, with the context of its report
     */
    public OwsResponse kvp(String path, Map<String, List<String>> params, Caller caller, String baseUrl) {
        Kvp kvp;
        try {
            kvp = new Kvp(params);
        } catch (ShikongException e) {
            throw new OwsException(e, wfsOrWms(path, params, WfsVersion.V2_0_0));
        }
        String service = kvp.get("SERVICE");
        if (service == null) {
            service = PATHS.entrySet().stream().filter(p -> path.startsWith(p.getKey())).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }
        if (service == null) {
            throw new OwsException(new MissingParameterException("service"), wfsOrWms(path, params, WfsVersion.V2_0_0));
        }
        return switch (service.toUpperCase(Locale.ROOT)) {
            case "WFS" -> wfs(path, params, kvp, caller, baseUrl);
            case "WMS" -> wms(path, kvp, caller, baseUrl);
            case "WMTS" -> wmts(path, kvp, caller, baseUrl);
            default -> throw new OwsException(new ShikongException(OgcCode.INVALID_PARAMETER_VALUE, "service",
                    "service '" + service + "' is not served here; use " + (tiles == null ? "WFS or WMS" : "WFS, WMS or WMTS")),
                    wfsOrWms(path, params, WfsVersion.V2_0_0));
        };
    }

    /**
     * A WMTS RESTful request (GET): the capabilities, a tile (its answer carries the tile's ETag) or
     * GetFeatureInfo, by the path scheme of {@link WmtsPaths}; query parameters are not read.
     *
     * @param path    the request path below the public base URL, starting with {@link WmtsPaths#ROOT}
     * @param baseUrl the public URL the endpoints are below, e.g. {@code http://host}
     * @throws OwsException whatever failed, in a WMTS report's context (an unknown path: NotFound, 404)
     */
    public OwsResponse wmtsRest(String path, Caller caller, String baseUrl) {
        try {
            return wmtsService(caller, baseUrl, baseUrl + WmtsPaths.KVP).rest(path);
        } catch (ShikongException e) {
            throw new OwsException(WmtsExceptions.translate(e), ErrorContext.wmts());
        } catch (RuntimeException e) {
            throw new OwsException(internal(e), ErrorContext.wmts());
        }
    }

    /**
     * An XML request (POST): the service is the root element's namespace, the operation its name.
     *
     * @param path the endpoint path, {@code /ows} or {@code /wfs}
     * @throws OwsException whatever failed, with the context of its report
     */
    public OwsResponse xml(String path, byte[] body, Caller caller, String baseUrl) {
        WfsVersion version = WfsVersion.V2_0_0;
        try {
            Element root = SecureXml.parse(body, "request").getDocumentElement();
            String ns = root.getNamespaceURI();
            String service = ns == null ? null : NAMESPACES.get(ns);
            if (!"WFS".equals(service)) {
                // 400: the caller's mistake, so the text is shown; the report answers the code's 501
                throw new ShikongException(OgcCode.OPERATION_NOT_SUPPORTED, 400, "request",
                        "not a WFS 1.1 or 2.0 request: {" + ns + "}" + root.getLocalName(), null);
            }
            version = WfsVersion.V1_1_0.wfsNs.equals(ns) ? WfsVersion.V1_1_0 : WfsVersion.V2_0_0;
            boolean transaction10 = root.getLocalName().equals("Transaction") && version == WfsVersion.V1_1_0
                    && "1.0.0".equals(root.getAttribute("version"));
            if (root.hasAttribute("version") && !root.getLocalName().equals("GetCapabilities") && !transaction10) {
                WfsVersion declared = WfsVersion.of(root.getAttribute("version"));
                if (declared != version) {
                    throw new ShikongException(OgcCode.INVALID_PARAMETER_VALUE, "version", "version " + declared.number
                            + " does not match the namespace " + ns);
                }
            }
            return new WfsService(wfsContext(caller, version, wfsUrl(path, baseUrl)), storedQueries).xml(root);
        } catch (ShikongException e) {
            throw new OwsException(e, ErrorContext.wfs(version.number));
        } catch (RuntimeException e) {
            throw new OwsException(internal(e), ErrorContext.wfs(version.number));
        }
    }

    /**
     * The report context of a request whose parameters may not have been read, judged from the path and the
     * raw parameters without throwing (for errors the HTTP framework raises before any service runs).
     */
    public static ErrorContext errorContext(String path, Map<String, List<String>> params) {
        return ErrorContext.of(path, params);
    }

    private OwsResponse wfs(String path, Map<String, List<String>> params, Kvp kvp, Caller caller, String baseUrl) {
        WfsVersion version = WfsVersion.V2_0_0;
        try {
            String op = kvp.require("REQUEST");
            version = op.equalsIgnoreCase("GetCapabilities")
                    ? WfsVersion.negotiate(kvp.get("ACCEPTVERSIONS"), kvp.get("VERSION"))
                    : WfsVersion.of(kvp.get("VERSION"));
            String self = wfsUrl(path, baseUrl);
            return new WfsService(wfsContext(caller, version, self), storedQueries)
                    .kvp(op, kvp, start -> pageUrl(self, params, start));
        } catch (ShikongException e) {
            throw new OwsException(e, wfsOrWms(path, params, version));
        } catch (RuntimeException e) {
            throw new OwsException(internal(e), ErrorContext.wfs(version.number));
        }
    }

    /** WMS by KVP; its errors are reported in the EXCEPTIONS format asked for (XML report, message in the image, blank image). */
    private OwsResponse wms(String path, Kvp kvp, Caller caller, String baseUrl) {
        WmsVersion v = WmsVersion.negotiate(kvp.get("VERSION") != null ? kvp.get("VERSION") : kvp.get("WMTVER"));
        try {
            String op = kvp.require("REQUEST");
            String url = baseUrl + (path.startsWith("/wms") ? "/wms" : "/ows");
            return new WmsService(catalog, store, crsService, caller, v, url, wmsLimits, wmsPixels, layerStyles)
                    .kvp(op, kvp);
        } catch (ShikongException e) {
            throw new OwsException(e, ErrorContext.wms(v.number, kvp.get("EXCEPTIONS"), kvp.get("FORMAT"),
                    kvp.get("WIDTH"), kvp.get("HEIGHT"), kvp.get("TRANSPARENT")));
        } catch (RuntimeException e) {
            // an internal error is never drawn into the image: an XML report
            throw new OwsException(internal(e), ErrorContext.wms(v.number, null, null, null, null, null));
        }
    }

    /** WMTS by KVP; its errors in OWS 1.1 reports with WMTS's codes and locators. */
    private OwsResponse wmts(String path, Kvp kvp, Caller caller, String baseUrl) {
        try {
            String op = kvp.require("REQUEST");
            return wmtsService(caller, baseUrl, baseUrl + (path.startsWith("/wmts") ? WmtsPaths.KVP : "/ows")).kvp(op, kvp);
        } catch (ShikongException e) {
            throw new OwsException(WmtsExceptions.translate(e), ErrorContext.wmts());
        } catch (RuntimeException e) {
            throw new OwsException(internal(e), ErrorContext.wmts());
        }
    }

    private WmtsService wmtsService(Caller caller, String baseUrl, String kvpUrl) {
        if (tiles == null) {
            throw new ShikongException(OgcCode.OPERATION_NOT_SUPPORTED, "service", "WMTS is not served here");
        }
        return new WmtsService(catalog, store, crsService, tiles, tileProjection, layerStyles, caller, baseUrl, kvpUrl);
    }

    /**
     * A WFS report in {@code version}, unless the path or SERVICE says WMS or WMTS: that service's report judged
     * from the raw parameters.
     */
    private static ErrorContext wfsOrWms(String path, Map<String, List<String>> params, WfsVersion version) {
        return ErrorContext.isWms(path, params) || ErrorContext.isWmts(path, params) ? ErrorContext.of(path, params)
                : ErrorContext.wfs(version.number);
    }

    private static ShikongException internal(RuntimeException e) {
        return new ShikongException(OgcCode.NO_APPLICABLE_CODE, null, "internal error", e);
    }

    private WfsContext wfsContext(Caller caller, WfsVersion version, String serviceUrl) {
        return new WfsContext(catalog, store, crsService, caller, version, serviceUrl, wfsSettings, wfsLocks);
    }

    private static String wfsUrl(String path, String baseUrl) {
        return baseUrl + (path.startsWith("/wfs") ? "/wfs" : "/ows");
    }

    /** The URL of the results page starting at {@code start}: the request's own parameters, STARTINDEX replaced. */
    private static String pageUrl(String self, Map<String, List<String>> params, long start) {
        StringBuilder sb = new StringBuilder(self);
        char sep = '?';
        for (var e : params.entrySet()) {
            // page links are results pages: a hits answer's next link leads to the features it counted
            if (e.getKey().equalsIgnoreCase("STARTINDEX") || e.getKey().equalsIgnoreCase("RESULTTYPE")) {
                continue;
            }
            for (String v : e.getValue()) {
                sb.append(sep).append(enc(e.getKey())).append('=').append(enc(v));
                sep = '&';
            }
        }
        return sb.append(sep).append("STARTINDEX=").append(start).toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
