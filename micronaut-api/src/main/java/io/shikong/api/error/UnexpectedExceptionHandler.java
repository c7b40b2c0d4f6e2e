package io.shikong.api.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The last resort: a 500 problem without a stack trace (503 when the store cannot be reached); the log keeps the cause. */
@Produces
@Singleton
public class UnexpectedExceptionHandler implements ExceptionHandler<RuntimeException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionHandler.class);

    private final io.shikong.api.server.Unavailable unavailable;

    public UnexpectedExceptionHandler(io.shikong.api.server.Unavailable unavailable) {
        this.unavailable = unavailable;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, RuntimeException e) {
        if (io.shikong.api.server.Unavailable.storeDown(e)) {
            LOG.warn("{} {}: the store cannot be reached: {}", request.getMethod(), request.getPath(), e.getMessage());
            return unavailable.storeDown(request);
        }
        LOG.error("{} {} failed", request.getMethod(), request.getPath(), e);
        if (io.shikong.api.ows.OwsErrors.isOgcPath(request.getPath())) {
            return io.shikong.api.ows.OwsErrors.report(request,
                    new ShikongException(OgcCode.NO_APPLICABLE_CODE, null, "internal error", e));
        }
        return HttpResponse.<Problem>status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(Problems.PROBLEM_JSON)
                .body(Problems.problem(500, OgcCode.NO_APPLICABLE_CODE.code(),
                        "internal error; the service log has the details", null));
    }
}
