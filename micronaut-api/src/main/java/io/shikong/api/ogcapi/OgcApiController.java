package io.shikong.api.ogcapi;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.shikong.api.rest.BaseUrl;
import io.shikong.api.stream.ChunkPublisher;
import io.shikong.core.security.Caller;
import io.shikong.ows.oapif.OapifResponse;
import io.shikong.ows.oapif.OapifService;
import io.swagger.v3.oas.annotations.Hidden;
import org.reactivestreams.Publisher;

/**
 * OGC API - Features under {@code /ogcapi}: each route hands the path variables, the query parameters, the
 * {@code Accept}, {@code If-Match} and {@code Content-Crs} headers, the body, the caller and the public base URL
 * to {@link OapifService} and streams its answer. Errors are the service's exceptions, rendered as
 * problem+json by the REST error handlers. The API describes itself at {@code /ogcapi/api}, so it is hidden from
 * the REST API's OpenAPI document (and the client generated from it).
 */
@Controller(OapifService.ROOT)
@Hidden
@ExecuteOn(TaskExecutors.BLOCKING)
public class OgcApiController {

    private final OapifService service;
    private final BaseUrl baseUrl;

    public OgcApiController(OapifService service, BaseUrl baseUrl) {
        this.service = service;
        this.baseUrl = baseUrl;
    }

    @Get(uri = "/", produces = MediaType.ALL, headRoute = false)
    public HttpResponse<Publisher<byte[]>> landing(HttpRequest<?> request, Caller caller) {
        return send(service.landing(req(request, caller)));
    }

    @Get(uri = "/conformance", produces = MediaType.ALL, headRoute = false)
    public HttpResponse<Publisher<byte[]>> conformance(HttpRequest<?> request, Caller caller) {
        return send(service.conformance(req(request, caller)));
    }

    @Get(uri = "/api", produces = MediaType.ALL, headRoute = false)
    public HttpResponse<Publisher<byte[]>> api(HttpRequest<?> request, Caller caller) {
        return send(service.api(req(request, caller)));
    }

    @Get(uri = "/collections", produces = MediaType.ALL, headRoute = false)
    public HttpResponse<Publisher<byte[]>> collections(HttpRequest<?> request, Caller caller) {
        return send(service.collections(req(request, caller)));
    }

    @Get(uri = "/collections/{collectionId}", produces = MediaType.ALL, headRoute = false)
    public HttpResponse<Publisher<byte[]>> collection(HttpRequest<?> request, @PathVariable String collectionId, Caller caller) {
        return send(service.collection(req(request, caller), collectionId));
    }

    @Get(uri = "/collections/{collectionId}/queryables", produces = MediaType.ALL, headRoute = false)
    public HttpResponse<Publisher<byte[]>> queryables(HttpRequest<?> request, @PathVariable String collectionId, Caller caller) {
        return send(service.queryables(req(request, caller), collectionId));
    }

    @Get(uri = "/collections/{collectionId}/sortables", produces = MediaType.ALL, headRoute = false)
    public HttpResponse<Publisher<byte[]>> sortables(HttpRequest<?> request, @PathVariable String collectionId, Caller caller) {
        return send(service.sortables(req(request, caller), collectionId));
    }

    @Get(uri = "/collections/{collectionId}/items", produces = MediaType.ALL, headRoute = false)
    public HttpResponse<Publisher<byte[]>> items(HttpRequest<?> request, @PathVariable String collectionId, Caller caller) {
        return send(service.items(req(request, caller), collectionId));
    }

    @Get(uri = "/collections/{collectionId}/items/{featureId}", produces = MediaType.ALL, headRoute = false)
    public HttpResponse<Publisher<byte[]>> item(HttpRequest<?> request, @PathVariable String collectionId,
                                                @PathVariable String featureId, Caller caller) {
        return send(service.item(req(request, caller), collectionId, featureId));
    }

    @Get(uri = "/collections/{collectionId}/items/{featureId}/history", produces = MediaType.ALL, headRoute = false)
    public HttpResponse<Publisher<byte[]>> history(HttpRequest<?> request, @PathVariable String collectionId,
                                                   @PathVariable String featureId, Caller caller) {
        return send(service.history(req(request, caller), collectionId, featureId));
    }

    @Post(uri = "/collections/{collectionId}/items", consumes = {"application/geo+json", MediaType.APPLICATION_JSON},
            produces = MediaType.ALL)
    public HttpResponse<Publisher<byte[]>> create(HttpRequest<?> request, @PathVariable String collectionId,
                                                  @Nullable @Body byte[] body, Caller caller) {
        return send(service.create(req(request, caller), collectionId, body, request.getHeaders().get("Content-Crs")));
    }

    @Put(uri = "/collections/{collectionId}/items/{featureId}", consumes = {"application/geo+json", MediaType.APPLICATION_JSON},
            produces = MediaType.ALL)
    public HttpResponse<Publisher<byte[]>> replace(HttpRequest<?> request, @PathVariable String collectionId,
                                                   @PathVariable String featureId, @Nullable @Body byte[] body, Caller caller) {
        return send(service.replace(req(request, caller), collectionId, featureId, body,
                request.getHeaders().get("Content-Crs"), request.getHeaders().get("If-Match")));
    }

    @Patch(uri = "/collections/{collectionId}/items/{featureId}", consumes = {"application/merge-patch+json",
        "application/geo+json", MediaType.APPLICATION_JSON}, produces = MediaType.ALL)
    public HttpResponse<Publisher<byte[]>> update(HttpRequest<?> request, @PathVariable String collectionId,
                                                  @PathVariable String featureId, @Nullable @Body byte[] body, Caller caller) {
        return send(service.update(req(request, caller), collectionId, featureId, body,
                request.getHeaders().get("Content-Crs"), request.getHeaders().get("If-Match")));
    }

    @Delete(uri = "/collections/{collectionId}/items/{featureId}", produces = MediaType.ALL)
    public HttpResponse<Publisher<byte[]>> delete(HttpRequest<?> request, @PathVariable String collectionId,
                                                  @PathVariable String featureId, Caller caller) {
        return send(service.delete(req(request, caller), collectionId, featureId, request.getHeaders().get("If-Match")));
    }

    private OapifService.Request req(HttpRequest<?> request, Caller caller) {
        return new OapifService.Request(baseUrl.of(request), caller, request.getParameters().asMap(),
                request.getHeaders().get("Accept"));
    }

    private static HttpResponse<Publisher<byte[]>> send(OapifResponse r) {
        MutableHttpResponse<Publisher<byte[]>> answer = HttpResponse.status(HttpStatus.valueOf(r.status()));
        r.headers().forEach(answer::header);
        if (r.body() != null) {
            answer.body(ChunkPublisher.publisher(r.body())).contentType(MediaType.of(r.contentType()));
        }
        return answer;
    }
}
