package io.shikong.api.server;

import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.shikong.api.config.ShikongConfiguration;

/**
 * The security headers of every answer, errors included: no MIME sniffing (an uploaded or echoed body is
 * never run as a script), no framing by other sites, no Referer with the URL's query (API keys may be in
 * it), and the Content-Security-Policy of {@code shikong.server.content-security-policy} (by default
 * same-origin scripts only, which the web page at {@code /} and its OpenLayers need). A header a
 * controller set itself is left as it is.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SecurityHeadersFilter {

    private final String contentSecurityPolicy;

    public SecurityHeadersFilter(ShikongConfiguration config) {
        this.contentSecurityPolicy = config.server().contentSecurityPolicy();
    }

    @ResponseFilter
    public void headers(MutableHttpResponse<?> response) {
        MutableHttpHeaders h = response.getHeaders();
        set(h, "X-Content-Type-Options", "nosniff");
        set(h, "X-Frame-Options", "SAMEORIGIN");
        set(h, "Referrer-Policy", "no-referrer");
        if (!contentSecurityPolicy.isEmpty()) {
            set(h, "Content-Security-Policy", contentSecurityPolicy);
        }
    }

    private static void set(MutableHttpHeaders h, String name, String value) {
        if (!h.contains(name)) {
            h.add(name, value);
        }
    }
}
