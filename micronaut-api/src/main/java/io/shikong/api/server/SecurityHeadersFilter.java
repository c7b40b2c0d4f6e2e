package io.shikong.api.server;

import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.shikong.api.config.ShikongConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The security headers of every answer, errors included: no MIME sniffing (an uploaded or echoed body is
 * never run as a script), no framing by other sites, no Referer with the URL's query (API keys may be in
 * it), and the Content-Security-Policy of {@code shikong.server.content-security-policy} (by default
 * same-origin scripts only, which the web page at {@code /} and its OpenLayers need). A header a
 * controller set itself is left as it is.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SecurityHeadersFilter {

    private final List<Map.Entry<String, String>> headers;

    public SecurityHeadersFilter(ShikongConfiguration config) {
        String csp = config.server().contentSecurityPolicy();
        List<Map.Entry<String, String>> h = new ArrayList<>(List.of(Map.entry("X-Content-Type-Options", "nosniff"),
                Map.entry("X-Frame-Options", "SAMEORIGIN"), Map.entry("Referrer-Policy", "no-referrer")));
        if (!csp.isEmpty()) {
            h.add(Map.entry("Content-Security-Policy", csp));
        }
        this.headers = List.copyOf(h);
    }

    @ResponseFilter
    public void headers(MutableHttpResponse<?> response) {
        MutableHttpHeaders h = response.getHeaders();
        for (Map.Entry<String, String> e : headers) {
            if (!h.contains(e.getKey())) {
                h.add(e.getKey(), e.getValue());
            }
        }
    }

    /** The headers every answer gets (name, value), in order: for answers written past the filters (tiles). */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }
}
