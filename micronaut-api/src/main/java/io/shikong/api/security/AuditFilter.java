package io.shikong.api.security;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.SectorLayers;
import io.shikong.core.security.AuditEntry;
import io.shikong.core.security.Caller;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Records every write and every denied request in the audit log ({@link Auditor}), when the answer is
 * known:
 * <ul>
 *   <li>{@code denied}: any 401 or 403;</li>
 *   <li>{@code hidden}: a 400 or 404 to a request naming a layer that exists but that the caller may not see
 *       (in its path, its parameters, or the typeNames and inserted features of an OGC XML body; the caller
 *       was told "no such layer", the log says which one it was);</li>
 *   <li>{@code write}: a request during which the store committed a change (a WFS Transaction, whatever
 *       interface), or a successful POST, PUT, PATCH or DELETE of the REST API other than the questions
 *       asked by POST (spatial and sector queries, red-line checks, which change no layer).</li>
 * </ul>
 * The path is recorded without its query: an API key may be in it.
 */
@ServerFilter("/**")
public class AuditFilter implements Ordered {

    /** The request attribute where the OGC XML POST keeps its body for this filter. */
    public static final String XML_BODY = "shikong.audit.xml-body";

    private static final Set<String> LAYER_PARAMETERS = Set.of("layers", "query_layers", "layer", "typename", "typenames");

    private final Auditor auditor;
    private final LayerCatalog catalog;
    private final Set<String> trustedProxies;

    public AuditFilter(Auditor auditor, LayerCatalog catalog, SecurityConfiguration security) {
        this.auditor = auditor;
        this.catalog = catalog;
        this.trustedProxies = Set.copyOf(security.trustedProxies());
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }

    @ResponseFilter
    public void audit(HttpRequest<?> request, MutableHttpResponse<?> response) {
        int status = response.code();
        Caller caller = CallerFilter.caller(request);
        String action = null;
        String layer = null;
        String detail = null;
        Set<String> changed = request.getAttribute(Auditor.CHANGED, Set.class).isPresent()
                ? new TreeSet<>(Auditor.changed(request)) : Set.of();
        if (status == 401 || status == 403) {
            action = AuditEntry.DENIED;
            layer = named(request).stream().findFirst().orElse(null);
        } else if ((status == 400 || status == 404) && !caller.hasRole(Caller.ADMIN)) {
            // named in the path, the parameters or (OGC POST) the XML body
            for (String name : named(request)) {
                if (catalog.all().stream().anyMatch(l -> l.name().equals(name)) && !catalog.visible(name, caller)) {
                    action = AuditEntry.HIDDEN;
                    layer = name;
                    break;
                }
            }
        } else if (status < 400 && (!changed.isEmpty() || restWrite(request))) {
            action = AuditEntry.WRITE;
            layer = changed.isEmpty() ? named(request).stream().findFirst().orElse(null) : changed.iterator().next();
            detail = changed.size() > 1 ? "changed " + String.join(", ", changed) : null;
        }
        if (action == null) {
            return;
        }
        String operation = operation(request);
        if (operation != null) {
            detail = detail == null ? operation : operation + "; " + detail;
        }
        auditor.record(new AuditEntry(0, Instant.now(), caller.name(), remote(request), request.getMethodName(),
                request.getPath(), layer, action, status, detail));
    }

    private static boolean restWrite(HttpRequest<?> request) {
        HttpMethod m = request.getMethod();
        if (m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS || m == HttpMethod.TRACE) {
            return false;
        }
        String path = request.getPath();
        return path.startsWith("/api/") && !path.startsWith("/api/v1/sector/") && !path.startsWith("/api/v1/spatial")
                && !path.startsWith("/api/v1/redline/");
    }

    /** The OGC operation of a KVP request ({@code REQUEST=}), or {@code null}. */
    private static String operation(HttpRequest<?> request) {
        for (Map.Entry<String, List<String>> p : request.getParameters().asMap().entrySet()) {
            if (p.getKey().equalsIgnoreCase("request") && !p.getValue().isEmpty()) {
                String v = p.getValue().get(0);
                return v.length() > 60 ? v.substring(0, 60) : v;
            }
        }
        return null;
    }

    /** The layers a request names: in its path or in the parameters that name layers. */
    private List<String> named(HttpRequest<?> request) {
        List<String> names = new ArrayList<>();
        String path = request.getPath();
        String[] seg = path.split("/");
        if (path.startsWith("/api/v1/layers/") && seg.length > 4) {
            names.add(decode(seg[4]));
        } else if (path.startsWith("/wmts/1.0.0/") && seg.length > 3) {
            names.add(decode(seg[3]));
        } else if (path.startsWith("/ogcapi/collections/") && seg.length > 3) {
            names.add(decode(seg[3]));
        } else if (path.startsWith("/api/v1/sector/") && seg.length > 4) {
            SectorLayers s = catalog.sector();
            String role = seg[4];
            String layer = switch (role) {
                case "pipelines" -> s.pipelines() == null ? null : s.pipelines().layer();
                case "inspection-sites" -> s.inspection() == null ? null : s.inspection().layer();
                case "street-view" -> s.streetView() == null ? null : s.streetView().layer();
                case "buildings" -> s.buildings() == null ? null : s.buildings().layer();
                default -> null;
            };
            if (layer != null) {
                names.add(layer);
            }
        }
        if (request.getMethod() == HttpMethod.POST && io.shikong.api.ows.OwsErrors.isOgcPath(path)) {
            names.addAll(namedInXml(request));
        }
        for (Map.Entry<String, List<String>> p : request.getParameters().asMap().entrySet()) {
            if (LAYER_PARAMETERS.contains(p.getKey().toLowerCase(java.util.Locale.ROOT))) {
                for (String v : p.getValue()) {
                    for (String one : v.split(",")) {
                        String name = one.trim();
                        int colon = name.indexOf(':');
                        name = colon >= 0 ? name.substring(colon + 1) : name;
                        if (!name.isEmpty() && names.size() < 50) {
                            names.add(name);
                        }
                    }
                }
            }
        }
        return names;
    }

    private static final java.util.regex.Pattern XML_TYPE_NAMES =
            java.util.regex.Pattern.compile("typeNames?\\s*=\\s*[\"']([^\"']{1,500})[\"']");
    private static final java.util.regex.Pattern XML_INSERTED =
            java.util.regex.Pattern.compile("<(?:[\\w.-]+:)?Insert\\b[^>]{0,500}>\\s*<(?:[\\w.-]+:)?([\\w.-]{1,200})");

    /**
     * The layers an OGC XML request names (typeName(s) attributes, the features of a WFS Insert): read from
     * the body the controller kept in the request attribute {@link #XML_BODY}, its first 64 KiB; none when it is gone.
     */
    private static List<String> namedInXml(HttpRequest<?> request) {
        List<String> names = new ArrayList<>();
        try {
            byte[] body = request.getAttribute(XML_BODY, byte[].class).orElse(null);
            if (body == null) {
                return names;
            }
            String xml = new String(body, 0, Math.min(body.length, 65536), java.nio.charset.StandardCharsets.UTF_8);
            for (java.util.regex.Pattern p : List.of(XML_TYPE_NAMES, XML_INSERTED)) {
                java.util.regex.Matcher m = p.matcher(xml);
                while (m.find() && names.size() < 50) {
                    for (String one : m.group(1).split("[,\\s]+")) {
                        int colon = one.indexOf(':');
                        String name = colon >= 0 ? one.substring(colon + 1) : one;
                        if (!name.isEmpty()) {
                            names.add(name);
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            // a body that is not text: the layer stays unnamed
        }
        return names;
    }

    private static String decode(String segment) {
        try {
            return java.net.URLDecoder.decode(segment, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }

    /**
     * The client's address: the peer's, or, when the peer is a trusted proxy, the last address of
     * {@code X-Forwarded-For} that is not a trusted proxy (the left part of the header is the client's word).
     */
    private String remote(HttpRequest<?> request) {
        InetSocketAddress peer = request.getRemoteAddress();
        String address = peer.getAddress() == null ? peer.getHostString() : peer.getAddress().getHostAddress();
        if (trustedProxies.isEmpty() || !trustedProxies.contains(address)) {
            return address;
        }
        List<String> forwarded = new ArrayList<>();
        for (String h : request.getHeaders().getAll("X-Forwarded-For")) {
            for (String a : h.split(",")) {
                if (!a.isBlank()) {
                    forwarded.add(a.trim());
                }
            }
        }
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            if (!trustedProxies.contains(forwarded.get(i))) {
                return forwarded.get(i);
            }
        }
        return address;
    }
}
