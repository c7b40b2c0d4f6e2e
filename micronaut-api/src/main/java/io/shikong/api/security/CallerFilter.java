package io.shikong.api.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.SecurityFilter;
import io.shikong.api.error.Problems;
import io.shikong.api.ows.OwsErrors;
import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import io.shikong.core.security.Caller;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what Micronaut Security found ({@link SecurityFilter} runs just before, with its fetchers: HTTP
 * Basic, JWT bearer tokens, and {@link ApiKeyAuthenticationFetcher}) into the {@link Caller} the rest of the
 * code uses, put on the request for {@link CallerBinder}: anonymous without credentials.
 *
 * <p>Micronaut Security treats credentials it cannot accept as no credentials at all (its Basic and token
 * fetchers emit nothing and the request goes on anonymously). Here wrong credentials are a 401, never a silent
 * fall-back to anonymous: when the request carries credentials (an {@code Authorization} header, an API key)
 * and no authentication came of them, the answer is 401 with the {@code WWW-Authenticate} challenge, an OGC
 * exception report on OGC paths, problem+json elsewhere. Two kinds of credentials at once are refused too
 * (one might be wrong and go unnoticed).
 *
 * <p>Who may see and change which layer is decided in the catalog ({@link io.shikong.core.catalog.Access}),
 * not by Micronaut Security's URL rules: a restricted layer must look missing to a caller who may not see it
 * (404, or absent from a capabilities document), in every interface alike, which a URL rule answering 401/403
 * would give away. Micronaut Security's rules therefore let every request through
 * ({@code micronaut.security.intercept-url-map: /** isAnonymous()}).
 */
@ServerFilter("/**")
public class CallerFilter implements Ordered {

    /** The request attribute holding the {@link Caller}. */
    static final String ATTRIBUTE = "shikong.caller";
    /** The authentication attribute naming how the caller authenticated ({@code basic}, {@code api-key}). */
    static final String METHOD = "shikong.auth";

    private final SecurityConfiguration security;

    public CallerFilter(SecurityConfiguration security) {
        this.security = security;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @RequestFilter
    @Nullable
    public MutableHttpResponse<?> authenticate(HttpRequest<?> request) {
        List<String> presented = presented(request);
        if (presented.size() > 1) {
            return unauthorized(request, "send one kind of credentials, not " + String.join(" and ", presented), false);
        }
        Authentication authentication = request.getAttribute(SecurityFilter.AUTHENTICATION, Authentication.class).orElse(null);
        if (authentication == null) {
            if (!presented.isEmpty()) {
                return unauthorized(request, rejected(presented.get(0)), presented.get(0).equals("a bearer token"));
            }
            request.setAttribute(ATTRIBUTE, Caller.ANONYMOUS);
            return null;
        }
        request.setAttribute(ATTRIBUTE, new Caller(authentication.getName(), new java.util.HashSet<>(authentication.getRoles())));
        return null;
    }

    /** The caller of a request that went through this filter (anonymous before). */
    public static Caller caller(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, Caller.class).orElse(Caller.ANONYMOUS);
    }

    /** The kinds of credentials the request carries, by their description. */
    private static List<String> presented(HttpRequest<?> request) {
        List<String> kinds = new ArrayList<>();
        String authorization = request.getHeaders().getAuthorization().orElse(null);
        if (authorization != null) {
            if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                kinds.add("Basic credentials");
            } else if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                kinds.add("a bearer token");
            } else {
                kinds.add("an Authorization header");
            }
        }
        if (ApiKeyAuthenticationFetcher.presented(request) != null) {
            kinds.add("an API key");
        }
        return kinds;
    }

    private String rejected(String kind) {
        return switch (kind) {
            case "Basic credentials" -> "unknown user or wrong password";
            case "a bearer token" -> security.jwt().enabled()
                    ? "the bearer token was not accepted (signature, issuer " + security.jwt().issuer()
                            + ", audience " + security.jwt().audience() + " or expiry)"
                    : "bearer tokens are not accepted here (shikong.security.jwt.issuer is not configured)";
            case "an API key" -> "unknown API key";
            default -> "unsupported Authorization scheme (Basic or Bearer)";
        };
    }

    private MutableHttpResponse<?> unauthorized(HttpRequest<?> request, String detail, boolean bearer) {
        request.setAttribute(ATTRIBUTE, Caller.ANONYMOUS);
        MutableHttpResponse<?> response;
        if (OwsErrors.isOgcPath(request.getPath())) {
            response = OwsErrors.report(request, new ShikongException(OgcCode.NO_APPLICABLE_CODE, 401, null, detail, null));
        } else {
            response = HttpResponse.status(HttpStatus.UNAUTHORIZED)
                    .contentType(Problems.PROBLEM_JSON)
                    .body(Problems.problem(401, "Unauthorized", detail, null));
        }
        response.getHeaders().add("WWW-Authenticate", Challenge.basic(security));
        if (bearer) {
            response.getHeaders().add("WWW-Authenticate", "Bearer realm=\"" + security.realm() + "\", error=\"invalid_token\"");
        }
        return response;
    }
}
