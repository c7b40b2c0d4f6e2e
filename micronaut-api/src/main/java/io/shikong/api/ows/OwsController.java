package io.shikong.api.ows;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.shikong.api.config.ShikongConfiguration;
import io.shikong.api.rest.BaseUrl;
import io.shikong.api.stream.ChunkPublisher;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.crs.CrsService;
import io.shikong.core.encode.Chunks;
import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import io.shikong.ows.Kvp;
import io.shikong.ows.wfs.WfsContext;
import io.shikong.ows.wfs.WfsService;
import io.shikong.ows.wfs.WfsSettings;
import io.shikong.ows.wfs.WfsVersion;
import io.shikong.ows.xml.SecureXml;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * The OGC endpoints {@code /ows}, {@code /wfs} and {@code /wms}: KVP by GET, XML by POST, dispatched by SERVICE and
 * REQUEST (or the XML root). Every error is an OWS exception report with its code, locator and status
 * ({@link OwsErrors}). The answer's type comes from FORMAT / OUTPUTFORMAT / INFO_FORMAT, never from the
 * {@code Accept} header: these routes produce any type, so no client is refused for what it accepts.
 */
@Controller
@Hidden
@ExecuteOn(TaskExecutors.BLOCKING)
public class OwsController {

    private static final Logger LOG = LoggerFactory.getLogger(OwsController.class);

    private final LayerCatalog catalog;
    private final FeatureStore store;
    private final CrsService crsService;
    private final BaseUrl baseUrl;
    private final WfsSettings wfsSettings;
    private final long wmsMaxPixels;
    private final io.shikong.ows.wms.PixelBudget wmsPixels;
    private final io.shikong.styles.sld.LayerStyles layerStyles;
    private final io.shikong.ows.wfs.lock.LockManager wfsLocks;
    private final io.shikong.core.storedquery.StoredQueryRepository storedQueries;

    public OwsController(LayerCatalog catalog, FeatureStore store, CrsService crsService, BaseUrl baseUrl,
                         ShikongConfiguration config, io.shikong.styles.sld.LayerStyles layerStyles,
                         io.shikong.ows.wfs.lock.LockManager wfsLocks,
                         io.shikong.core.storedquery.StoredQueryRepository storedQueries,
                         io.shikong.ows.wms.PixelBudget wmsPixels) {
        this.storedQueries = storedQueries;
        this.wmsPixels = wmsPixels;
        this.layerStyles = layerStyles;
        this.wfsLocks = wfsLocks;
        this.catalog = catalog;
        this.store = store;
        this.crsService = crsService;
        this.baseUrl = baseUrl;
        this.wfsSettings = new WfsSettings(config.wfs().countDefault(), config.wfs().maxCount());
        this.wmsMaxPixels = config.wms().maxPixels();
    }

    @Get(uris = {"/ows", "/wfs", "/wms"}, produces = MediaType.ALL, headRoute = false)
    public HttpResponse<Publisher<byte[]>> get(HttpRequest<?> request, Caller caller) {
        WfsVersion version = WfsVersion.V2_0_0;
        try {
            Kvp kvp = new Kvp(request.getParameters().asMap());
            String service = kvp.get("SERVICE");
            if (service == null && request.getPath().startsWith("/wfs")) {
                service = "WFS";
            }
            if (service == null && request.getPath().startsWith("/wms")) {
                service = "WMS";
            }
            if ("WMS".equalsIgnoreCase(service)) {
                return wms(request, kvp, caller);
            }
            if (service == null) {
                throw new io.shikong.core.error.MissingParameterException("service");
            }
            if (!service.equalsIgnoreCase("WFS")) {
                throw new ShikongException(OgcCode.INVALID_PARAMETER_VALUE, "service", "service '" + service
                        + "' is not served here; use WFS or WMS");
            }
            String op = kvp.require("REQUEST");
            version = op.equalsIgnoreCase("GetCapabilities")
                    ? WfsVersion.negotiate(kvp.get("ACCEPTVERSIONS"), kvp.get("VERSION"))
                    : WfsVersion.of(kvp.get("VERSION"));
            WfsContext ctx = context(request, caller, version);
            Map<String, List<String>> params = request.getParameters().asMap();
            String self = serviceUrl(request);
            WfsService.Response r = new WfsService(ctx, storedQueries).kvp(op, kvp, start -> pageUrl(self, params, start));
            return ok(r);
        } catch (ShikongException e) {
            if (OwsErrors.isWms(request.getPath(), request.getParameters().asMap())) {
                return publisher(OwsErrors.report(request, e));
            }
            return exception(e, version);
        } catch (RuntimeException e) {
            LOG.error("WFS request {} failed", request.getUri(), e);
            return exception(new ShikongException(OgcCode.NO_APPLICABLE_CODE, null, "internal error", e), version);
        }
    }

    @Post(uris = {"/ows", "/wfs"}, consumes = {MediaType.TEXT_XML, MediaType.APPLICATION_XML, MediaType.TEXT_PLAIN,
            "application/octet-stream"}, produces = MediaType.ALL)
    public HttpResponse<Publisher<byte[]>> post(HttpRequest<?> request, @Nullable @Body byte[] body, Caller caller) {
        WfsVersion version = WfsVersion.V2_0_0;
        try {
            Element root = SecureXml.parse(body, "request").getDocumentElement();
            String ns = root.getNamespaceURI();
            version = "http://www.opengis.net/wfs".equals(ns) ? WfsVersion.V1_1_0 : WfsVersion.V2_0_0;
            if (!"http://www.opengis.net/wfs".equals(ns) && !"http://www.opengis.net/wfs/2.0".equals(ns)) {
                // 400: the caller's mistake, so the text is shown; the report answers the code's 501
                throw new ShikongException(OgcCode.OPERATION_NOT_SUPPORTED, 400, "request",
                        "not a WFS 1.1 or 2.0 request: {" + ns + "}" + root.getLocalName(), null);
            }
            boolean transaction10 = root.getLocalName().equals("Transaction") && "http://www.opengis.net/wfs".equals(ns)
                    && "1.0.0".equals(root.getAttribute("version"));
            if (root.hasAttribute("version") && !root.getLocalName().equals("GetCapabilities") && !transaction10) {
                WfsVersion declared = WfsVersion.of(root.getAttribute("version"));
                if (declared != version) {
                    throw new ShikongException(OgcCode.INVALID_PARAMETER_VALUE, "version", "version " + declared.number
                            + " does not match the namespace " + ns);
                }
            }
            WfsService.Response r = new WfsService(context(request, caller, version), storedQueries).xml(root);
            return ok(r);
        } catch (ShikongException e) {
            return exception(e, version);
        } catch (RuntimeException e) {
            LOG.error("WFS POST {} failed", request.getUri(), e);
            return exception(new ShikongException(OgcCode.NO_APPLICABLE_CODE, null, "internal error", e), version);
        }
    }

    /** WMS by KVP; errors in the EXCEPTIONS format asked for (XML report, message in the image, blank image). */
    private HttpResponse<Publisher<byte[]>> wms(HttpRequest<?> request, Kvp kvp, Caller caller) {
        io.shikong.ows.wms.WmsVersion v = io.shikong.ows.wms.WmsVersion.negotiate(
                kvp.get("VERSION") != null ? kvp.get("VERSION") : kvp.get("WMTVER"));
        try {
            String op = kvp.require("REQUEST");
            String url = baseUrl.of(request) + (request.getPath().startsWith("/wms") ? "/wms" : "/ows");
            var r = new io.shikong.ows.wms.WmsService(catalog, store, crsService, caller, v, url, wmsMaxPixels, wmsPixels, layerStyles)
                    .kvp(op, kvp);
            return HttpResponse.ok(ChunkPublisher.publisher(Chunks.of(r.body()))).contentType(MediaType.of(r.contentType()));
        } catch (ShikongException e) {
            return publisher(OwsErrors.wms(e, v, kvp.get("EXCEPTIONS"), kvp.get("FORMAT"), kvp.get("WIDTH"),
                    kvp.get("HEIGHT"), kvp.get("TRANSPARENT")));
        } catch (RuntimeException e) {
            LOG.error("WMS request {} failed", request.getUri(), e);
            return publisher(OwsErrors.wms(new ShikongException(OgcCode.NO_APPLICABLE_CODE, null, "internal error", e),
                    v, null, null, null, null, null));
        }
    }

    private static HttpResponse<Publisher<byte[]>> publisher(io.micronaut.http.MutableHttpResponse<byte[]> r) {
        byte[] body = r.body();
        return HttpResponse.<Publisher<byte[]>>status(r.status()).contentType(r.getContentType().orElseThrow())
                .body(reactor.core.publisher.Flux.just(body));
    }

    private WfsContext context(HttpRequest<?> request, Caller caller, WfsVersion version) {
        return new WfsContext(catalog, store, crsService, caller, version, serviceUrl(request), wfsSettings, wfsLocks);
    }

    private String serviceUrl(HttpRequest<?> request) {
        return baseUrl.of(request) + (request.getPath().startsWith("/wfs") ? "/wfs" : "/ows");
    }

    private static HttpResponse<Publisher<byte[]>> ok(WfsService.Response r) {
        return HttpResponse.ok(ChunkPublisher.publisher(r.body())).contentType(MediaType.of(r.contentType()));
    }

    static HttpResponse<Publisher<byte[]>> exception(ShikongException e, WfsVersion version) {
        return publisher(OwsErrors.wfs(e, version));
    }

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
