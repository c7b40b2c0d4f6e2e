package io.shikong.api.health;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.health.HealthStatus;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.shikong.api.security.CallerBinder;
import io.shikong.core.security.Caller;
import java.util.Map;

/**
 * {@code /health} for everyone, its details for admins only: an anonymous caller (or any caller without
 * the admin role) gets {@code {"status":"UP"}} or {@code DOWN} with the same HTTP status (200 or 503),
 * never the number of layers (restricted ones included) nor a raw store error. The health endpoint itself
 * computes the details as Micronaut does; this takes them out of the answer.
 */
@ServerFilter({"/health", "/health/**"})
public class HealthDetailsFilter {

    private static final ArgumentConversionContext<Caller> CALLER = ConversionContext.of(Argument.of(Caller.class));

    private final CallerBinder callers;

    public HealthDetailsFilter(CallerBinder callers) {
        this.callers = callers;
    }

    @ResponseFilter
    public void hideDetails(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Caller caller = callers.bind(CALLER, request).getValue().orElse(Caller.ANONYMOUS);
        if (caller.hasRole(Caller.ADMIN)) {
            return;
        }
        Object body = response.body();
        Object status = body == null ? null
                : body instanceof io.micronaut.management.health.indicator.HealthResult h ? h.getStatus()
                : body instanceof Map<?, ?> m ? m.get("status") : statusOf(body);
        @SuppressWarnings("unchecked")
        MutableHttpResponse<Object> r = (MutableHttpResponse<Object>) response;
        r.body(Map.of("status", String.valueOf(status == null ? (response.code() < 400 ? HealthStatus.UP : HealthStatus.DOWN)
                : status instanceof HealthStatus s ? s.getName() : status)));
    }

    private static Object statusOf(Object body) {
        try {
            return body.getClass().getMethod("getStatus").invoke(body);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
