package io.shikong.api.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import io.shikong.core.security.Caller;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * API keys for Micronaut Security: the header {@value #HEADER}, or the query parameter {@value #PARAMETER}
 * (any case) for tools that cannot send headers (a WMS URL pasted into a desktop GIS, a browser map). A key
 * is checked against the hashes of {@code shikong.security.api-keys} on the blocking executor. Micronaut
 * Security has API keys only as a bearer-token reader, which would take the {@code Authorization} header that
 * Basic and JWT use; hence this fetcher of its own.
 */
@Singleton
public class ApiKeyAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    /** The header carrying an API key. */
    public static final String HEADER = "X-API-Key";
    /** The query parameter carrying an API key. */
    public static final String PARAMETER = "apikey";

    private final UserDirectory users;
    private final ExecutorService blocking;

    public ApiKeyAuthenticationFetcher(UserDirectory users, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.users = users;
        this.blocking = blocking;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        String key = presented(request);
        if (key == null) {
            return Mono.empty();
        }
        Caller known = users.rememberedKey(key);
        if (known != null) {
            // checked before: answered here, without a hop to the blocking executor
            return Mono.just(authentication(known));
        }
        return Mono.fromCallable(() -> users.authenticateKey(key)
                        .map(ApiKeyAuthenticationFetcher::authentication)
                        .orElse(null))
                .subscribeOn(Schedulers.fromExecutorService(blocking));
    }

    private static Authentication authentication(Caller c) {
        return Authentication.build(c.name(), c.roles(), Map.of(CallerFilter.METHOD, "api-key"));
    }

    /** The API key of the request (header first), or {@code null}. */
    static String presented(HttpRequest<?> request) {
        String header = request.getHeaders().get(HEADER);
        if (header != null) {
            return header.trim();
        }
        for (String name : request.getParameters().names()) {
            if (name.equalsIgnoreCase(PARAMETER)) {
                String value = request.getParameters().get(name);
                return value == null ? "" : value.trim();
            }
        }
        return null;
    }
}
