package io.shikong.api.error;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.exceptions.response.HateoasErrorResponseProcessor;
import io.micronaut.web.router.Router;
import io.shikong.api.ows.OwsErrors;
import io.shikong.core.error.OgcCode;
import jakarta.inject.Singleton;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes Micronaut's own errors (no route, wrong method, unreadable or unsupported body, body too large,
 * unacceptable type, unconvertible argument) look like ours: an OGC exception report on the OGC endpoints
 * (whatever the {@code Accept} header), problem+json everywhere else. A 406 names the types the resource
 * can produce.
 */
@Singleton
@Replaces(HateoasErrorResponseProcessor.class)
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Object> {

    private final Router router;

    public ProblemErrorResponseProcessor(Router router) {
        this.router = router;
    }

    @Override
    public MutableHttpResponse<Object> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        int status = response.code();
        HttpRequest<?> request = context.getRequest();
        String detail = context.getErrors().isEmpty() ? response.reason() : context.getErrors().get(0).getMessage();
        if (OwsErrors.isOgcPath(request.getPath())) {
            MutableHttpResponse<byte[]> report = OwsErrors.report(request, OwsErrors.fromStatus(status, detail));
            @SuppressWarnings("unchecked")
            MutableHttpResponse<Object> r = (MutableHttpResponse<Object>) response;
            return r.status(report.status()).contentType(report.getContentType().orElseThrow()).body(report.body());
        }
        String parameter = context.getErrors().isEmpty() ? null : context.getErrors().get(0).getPath().orElse(null);
        String code = (status == 404 ? OgcCode.NOT_FOUND : status == 405 ? OgcCode.OPERATION_NOT_SUPPORTED
                : status >= 500 ? OgcCode.NO_APPLICABLE_CODE : OgcCode.INVALID_PARAMETER_VALUE).code();
        if (status == 406) {
            Set<String> types = producible(request);
            detail = "none of the types in the Accept header ('" + request.getHeaders().get("Accept")
                    + "') can be produced here; this resource produces " + (types.isEmpty() ? "application/json"
                    : String.join(", ", types));
            parameter = "Accept";
        }
        if (status >= 500) {
            detail = "internal error; the service log has the details";
            parameter = null;
        }
        @SuppressWarnings("unchecked")
        MutableHttpResponse<Object> r = (MutableHttpResponse<Object>) response;
        return r.contentType(Problems.PROBLEM_JSON).body(Problems.problem(status, code, detail, parameter));
    }

    /** The media types the routes matching this request's method and path produce. */
    private Set<String> producible(HttpRequest<?> request) {
        return router.<Object, Object>find(request.getMethod(), request.getPath(), request)
                .map(m -> m.getRouteInfo().getProduces())
                .flatMap(java.util.Collection::stream)
                .map(MediaType::toString)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
