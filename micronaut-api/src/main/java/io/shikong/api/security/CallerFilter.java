package io.shikong.api.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.shikong.api.error.Problems;
import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import io.shikong.core.security.Caller;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Turns the request's credentials into a {@link Caller} (anonymous without credentials) and puts it on
 * the request, from where {@link CallerBinder} hands it to controllers. Wrong credentials are a 401,
 * never a silent fall-back to anonymous.
 */
@ServerFilter("/**")
public class CallerFilter {

    static final String ATTRIBUTE = "shikong.caller";

    private final UserDirectory users;

    public CallerFilter(UserDirectory users) {
        this.users = users;
    }

    @RequestFilter
    @Nullable
    public MutableHttpResponse<?> authenticate(HttpRequest<?> request) {
        Optional<String> header = request.getHeaders().getAuthorization();
        if (header.isEmpty()) {
            request.setAttribute(ATTRIBUTE, Caller.ANONYMOUS);
            return null;
        }
        String value = header.get();
        if (!value.regionMatches(true, 0, "Basic ", 0, 6)) {
            return unauthorized(request, "only HTTP Basic authentication is supported");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return unauthorized(request, "malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return unauthorized(request, "malformed Basic credentials");
        }
        Optional<Caller> caller = users.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
        if (caller.isEmpty()) {
            return unauthorized(request, "unknown user or wrong password");
        }
        request.setAttribute(ATTRIBUTE, caller.get());
        return null;
    }

    private static MutableHttpResponse<?> unauthorized(HttpRequest<?> request, String detail) {
        if (io.shikong.api.ows.OwsErrors.isOgcPath(request.getPath())) {
            return io.shikong.api.ows.OwsErrors.report(request,
                            new ShikongException(OgcCode.NO_APPLICABLE_CODE, 401, null, detail, null))
                    .header("WWW-Authenticate", "Basic realm=\"shikong\", charset=\"UTF-8\"");
        }
        return HttpResponse.status(HttpStatus.UNAUTHORIZED)
                .header("WWW-Authenticate", "Basic realm=\"shikong\", charset=\"UTF-8\"")
                .contentType(Problems.PROBLEM_JSON)
                .body(Problems.problem(401, "Unauthorized", detail, null));
    }
}
