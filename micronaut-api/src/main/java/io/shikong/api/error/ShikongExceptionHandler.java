package io.shikong.api.error;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.shikong.core.error.ShikongException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Renders every Shikong error of a REST request as problem+json with its status and parameter. */
@Produces
@Singleton
@Requires(classes = {ShikongException.class, ExceptionHandler.class})
public class ShikongExceptionHandler implements ExceptionHandler<ShikongException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(ShikongExceptionHandler.class);

    private final io.shikong.api.server.Unavailable unavailable;

    public ShikongExceptionHandler(io.shikong.api.server.Unavailable unavailable) {
        this.unavailable = unavailable;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ShikongException e) {
        if (io.shikong.api.server.Unavailable.storeDown(e)) {
            LOG.warn("{} {}: the store cannot be reached: {}", request.getMethod(), request.getPath(), e.getMessage());
            return unavailable.storeDown(request);
        }
        if (io.shikong.api.ows.OwsErrors.isOgcPath(request.getPath())) {
            return io.shikong.api.ows.OwsErrors.report(request, e);
        }
        if (e.status() >= 500) {
            LOG.error("{} {} failed", request.getMethod(), request.getPath(), e);
        }
        String detail = e.status() >= 500 ? "internal error; the service log has the details" : e.getMessage();
        return HttpResponse.<Problem>status(io.micronaut.http.HttpStatus.valueOf(e.status()))
                .contentType(Problems.PROBLEM_JSON)
                .body(Problems.problem(e.status(), e.code(), detail, e.locator()));
    }
}
