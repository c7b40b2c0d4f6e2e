package io.shikong.api.security;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * The {@code WWW-Authenticate: Basic} challenge wherever a login would help: on every 401 that has none
 * (a controller's "this needs credentials"), and on a 403 answered to an anonymous caller (a WFS
 * Transaction, a load), so that clients such as QGIS ask for a login instead of giving up. A 404 never
 * gets one: a restricted layer looks missing, and a challenge would tell it apart.
 */
@ServerFilter("/**")
public class Challenge implements Ordered {

    private final SecurityConfiguration security;

    public Challenge(SecurityConfiguration security) {
        this.security = security;
    }

    /** The Basic challenge of the configured realm. */
    static String basic(SecurityConfiguration security) {
        return "Basic realm=\"" + security.realm() + "\", charset=\"UTF-8\"";
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }

    @ResponseFilter
    public void challenge(HttpRequest<?> request, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        boolean wanted = status == HttpStatus.UNAUTHORIZED
                || (status == HttpStatus.FORBIDDEN && CallerFilter.caller(request).anonymous());
        if (wanted && !response.getHeaders().contains("WWW-Authenticate")) {
            response.getHeaders().add("WWW-Authenticate", basic(security));
        }
    }
}
