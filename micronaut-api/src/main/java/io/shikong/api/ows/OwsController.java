package io.shikong.api.ows;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.shikong.api.rest.BaseUrl;
import io.shikong.api.tiles.TileResponses;
import io.shikong.api.stream.ChunkPublisher;
import io.shikong.core.security.Caller;
import io.shikong.ows.OwsDispatcher;
import io.shikong.ows.OwsException;
import io.shikong.ows.OwsResponse;
import io.swagger.v3.oas.annotations.Hidden;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OGC endpoints {@code /ows}, {@code /wfs}, {@code /wms}, {@code /wmts} and WMTS's RESTful paths below
 * {@code /wmts/1.0.0}, a thin adapter of {@link OwsDispatcher}: KVP
 * by GET, XML by POST handed over with the path, the caller and the public URL; the answer streamed with its
 * content type; a failure rendered by {@link OwsErrors} in the context the dispatcher gives with it. The
 * answer's type comes from FORMAT / OUTPUTFORMAT / INFO_FORMAT, never from the {@code Accept} header: these
 * routes produce any type, so no client is refused for what it accepts.
 */
@Controller
@Hidden
@ExecuteOn(TaskExecutors.BLOCKING)
public class OwsController {

    private static final Logger LOG = LoggerFactory.getLogger(OwsController.class);

    private final OwsDispatcher dispatcher;
    private final BaseUrl baseUrl;
    private final io.shikong.core.catalog.LayerCatalog catalog;
    private final io.shikong.api.config.ShikongConfiguration.Tiles tilesConfig;
    private final io.shikong.api.server.Unavailable unavailable;

    public OwsController(OwsDispatcher dispatcher, BaseUrl baseUrl, io.shikong.core.catalog.LayerCatalog catalog,
                         io.shikong.api.config.ShikongConfiguration config, io.shikong.api.server.Unavailable unavailable) {
        this.dispatcher = dispatcher;
        this.unavailable = unavailable;
        this.baseUrl = baseUrl;
        this.catalog = catalog;
        this.tilesConfig = config.tiles();
    }

    @Get(uris = {"/ows", "/wfs", "/wms", "/wmts"}, produces = MediaType.ALL, headRoute = false)
    public HttpResponse<Publisher<byte[]>> get(HttpRequest<?> request, Caller caller) {
        try {
            return ok(request, dispatcher.kvp(request.getPath(), request.getParameters().asMap(), caller, baseUrl.of(request)),
                    caller);
        } catch (OwsException e) {
            return error(request, e);
        }
    }

    /**
     * WMTS's RESTful resources below {@code /wmts/1.0.0}: the capabilities, tiles and feature info (the path
     * scheme of {@link io.shikong.ows.wmts.WmtsPaths}).
     */
    @Get(uri = "/wmts/1.0.0/{+path}", produces = MediaType.ALL, headRoute = false)
    public HttpResponse<Publisher<byte[]>> wmtsRest(HttpRequest<?> request, String path, Caller caller) {
        try {
            return ok(request, dispatcher.wmtsRest(request.getPath(), caller, baseUrl.of(request)), caller);
        } catch (OwsException e) {
            return error(request, e);
        }
    }

    /**
     * XML by POST, in an XML type only ({@code application/xml}, {@code text/xml}: what OWSLib, GDAL, QGIS and
     * the OGC test suite send; {@code application/octet-stream}, which no HTML form or simple cross-site
     * request can send). {@code text/plain}, form types and a body without a type are refused with 415 before
     * anything is read: a cross-site form cannot forge a WFS Transaction for a signed-in editor.
     */
    @Post(uris = {"/ows", "/wfs"}, consumes = {MediaType.TEXT_XML, MediaType.APPLICATION_XML,
            "application/octet-stream"}, produces = MediaType.ALL)
    public HttpResponse<Publisher<byte[]>> post(HttpRequest<?> request, @Nullable @Body byte[] body, Caller caller) {
        if (body != null) {
            // kept for the audit log's response filter: reading the body again there (request.getBody) trips
            // Micronaut's shared body buffer once it is released, and the connection is dropped
            request.setAttribute(io.shikong.api.security.AuditFilter.XML_BODY, body);
        }
        try {
            return ok(request, dispatcher.xml(request.getPath(), body, caller, baseUrl.of(request)), caller);
        } catch (OwsException e) {
            return error(request, e);
        }
    }

    /**
     * The answer streamed; an image ({@link #inMemory}) handed over whole; a WMTS tile (an answer with an ETag)
     * in memory with the tile caching of XYZ tiles:
     * If-None-Match and 304, Cache-Control by the layer's visibility and time, MVT gzipped for clients that
     * accept it. Every answer's body is a publisher of bytes, whatever its content type: written as it is,
     * never serialized.
     */
    private HttpResponse<Publisher<byte[]>> ok(HttpRequest<?> request, OwsResponse r, Caller caller) {
        if (r.etag() != null) {
            MutableHttpResponse<byte[]> tile = TileResponses.tile(request, whole(r.body()), r.contentType(), r.etag(),
                    wmtsCacheControl(request), r.contentType().startsWith(io.shikong.tiles.TileFormat.MVT.mediaType));
            MutableHttpResponse<Publisher<byte[]>> answer = HttpResponse.status(tile.status());
            tile.getHeaders().forEach((name, values) -> values.forEach(v -> answer.getHeaders().add(name, v)));
            tile.getBody().ifPresent(b -> answer.body(reactor.core.publisher.Flux.just(b)));
            return answer;
        }
        if (inMemory(r)) {
            byte[] body = whole(r.body());
            return HttpResponse.<Publisher<byte[]>>ok(reactor.core.publisher.Flux.just(body))
                    .contentType(MediaType.of(r.contentType()));
        }
        return HttpResponse.ok(ChunkPublisher.publisher(r.body())).contentType(MediaType.of(r.contentType()));
    }

    /**
     * Whether the answer is an image (a map, a legend): made whole in memory before it is answered, so it is
     * handed to the HTTP layer as it is instead of pulled chunk by chunk from a blocking thread of its own
     * ({@link ChunkPublisher}: a second thread hand-off per map, for a body that is already there).
     */
    static boolean inMemory(OwsResponse r) {
        return r.contentType().startsWith("image/");
    }

    /** The body's chunks as one array (the one chunk itself when there is one: no copy). */
    static byte[] whole(io.shikong.core.encode.Chunks chunks) {
        try (chunks) {
            byte[] first = chunks.next();
            if (first == null) {
                return new byte[0];
            }
            byte[] next = chunks.next();
            if (next == null) {
                return first;
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(first.length + next.length);
            out.writeBytes(first);
            for (; next != null; next = chunks.next()) {
                out.writeBytes(next);
            }
            return out.toByteArray();
        }
    }

    /** Cache-Control of a WMTS tile: its layer (LAYER, or the first segment of a RESTful path) and time (TIME, or a time segment). */
    private String wmtsCacheControl(HttpRequest<?> request) {
        String layer = null;
        java.time.Instant time = null;
        String path = request.getPath();
        if (path.startsWith(io.shikong.ows.wmts.WmtsPaths.ROOT + "/")) {
            try {
                if (io.shikong.ows.wmts.WmtsPaths.parse(path) instanceof io.shikong.ows.wmts.WmtsPaths.Tile t) {
                    layer = t.request().layer();
                    time = t.request().time();
                }
            } catch (RuntimeException e) {
                // the tile was served, so its path parses; be safe anyway
            }
        } else {
            for (var p : request.getParameters().asMap().entrySet()) {
                if (p.getKey().equalsIgnoreCase("LAYER") && !p.getValue().isEmpty()) {
                    layer = p.getValue().get(0);
                } else if (p.getKey().equalsIgnoreCase("TIME") && !p.getValue().isEmpty()
                        && !p.getValue().get(0).isBlank() && !p.getValue().get(0).equalsIgnoreCase("current")) {
                    time = java.time.Instant.EPOCH; // an instant: the as-of max-age
                }
            }
        }
        return io.shikong.api.tiles.TilesController.cacheControl(catalog, layer == null ? java.util.List.of() : java.util.List.of(layer), time,
                tilesConfig);
    }

    private HttpResponse<Publisher<byte[]>> error(HttpRequest<?> request, OwsException e) {
        if (io.shikong.api.server.Unavailable.storeDown(e)) {
            LOG.warn("OGC {} {}: the store cannot be reached: {}", request.getMethodName(), request.getUri(), e.getMessage());
            MutableHttpResponse<?> r = unavailable.storeDown(request);
            return HttpResponse.<Publisher<byte[]>>status(r.status()).contentType(r.getContentType().orElseThrow())
                    .header("Retry-After", r.getHeaders().get("Retry-After"))
                    .body(reactor.core.publisher.Flux.just((byte[]) r.body()));
        }
        // 501 OperationNotSupported is the client's unknown REQUEST, not our failure: not logged as an error
        if (e.error().status() >= 500 && e.error().status() != 501) {
            LOG.error("OGC {} {} failed", request.getMethodName(), request.getUri(), e.error());
        }
        MutableHttpResponse<byte[]> r = OwsErrors.report(e.error(), e.context());
        return HttpResponse.<Publisher<byte[]>>status(r.status()).contentType(r.getContentType().orElseThrow())
                .body(reactor.core.publisher.Flux.just(r.body()));
    }
}
