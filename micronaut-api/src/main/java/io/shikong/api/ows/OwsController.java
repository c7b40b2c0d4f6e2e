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
 * The OGC endpoints {@code /ows}, {@code /wfs} and {@code /wms}, a thin adapter of {@link OwsDispatcher}: KVP
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

    public OwsController(OwsDispatcher dispatcher, BaseUrl baseUrl) {
        this.dispatcher = dispatcher;
        this.baseUrl = baseUrl;
    }

    @Get(uris = {"/ows", "/wfs", "/wms"}, produces = MediaType.ALL, headRoute = false)
    public HttpResponse<Publisher<byte[]>> get(HttpRequest<?> request, Caller caller) {
        try {
            return ok(dispatcher.kvp(request.getPath(), request.getParameters().asMap(), caller, baseUrl.of(request)));
        } catch (OwsException e) {
            return error(request, e);
        }
    }

    @Post(uris = {"/ows", "/wfs"}, consumes = {MediaType.TEXT_XML, MediaType.APPLICATION_XML, MediaType.TEXT_PLAIN,
            "application/octet-stream"}, produces = MediaType.ALL)
    public HttpResponse<Publisher<byte[]>> post(HttpRequest<?> request, @Nullable @Body byte[] body, Caller caller) {
        try {
            return ok(dispatcher.xml(request.getPath(), body, caller, baseUrl.of(request)));
        } catch (OwsException e) {
            return error(request, e);
        }
    }

    private static HttpResponse<Publisher<byte[]>> ok(OwsResponse r) {
        return HttpResponse.ok(ChunkPublisher.publisher(r.body())).contentType(MediaType.of(r.contentType()));
    }

    private static HttpResponse<Publisher<byte[]>> error(HttpRequest<?> request, OwsException e) {
        if (e.error().status() >= 500) {
            LOG.error("OGC {} {} failed", request.getMethodName(), request.getUri(), e.error());
        }
        MutableHttpResponse<byte[]> r = OwsErrors.report(e.error(), e.context());
        return HttpResponse.<Publisher<byte[]>>status(r.status()).contentType(r.getContentType().orElseThrow())
                .body(reactor.core.publisher.Flux.just(r.body()));
    }
}
