package io.shikong.api.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestReactiveAuthenticationProvider;
import io.shikong.core.security.Caller;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Checks HTTP Basic credentials (read by Micronaut Security's {@code BasicAuthAuthenticationFetcher})
 * against the {@link UserDirectory}. Credentials checked before (clients such as QGIS send them with every
 * tile) are answered at once on the calling thread, the event loop, as {@link ApiKeyAuthenticationFetcher}
 * answers a known key: a lookup of their SHA-256, no hash check. Any other check (a first request, a wrong
 * password, an unknown user) runs on the blocking executor, since a hash check takes a CPU for a while.
 *
 * @param <B> the request body type
 */
@Singleton
public class BasicAuthenticationProvider<B> implements HttpRequestReactiveAuthenticationProvider<B> {

    private final UserDirectory users;
    private final Scheduler blocking;

    public BasicAuthenticationProvider(UserDirectory users, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.users = users;
        this.blocking = Schedulers.fromExecutorService(blocking);
    }

    @Override
    public Publisher<AuthenticationResponse> authenticate(@Nullable HttpRequest<B> request,
                                                          AuthenticationRequest<String, String> credentials) {
        String name = credentials.getIdentity();
        String password = credentials.getSecret();
        Caller known = users.rememberedBasic(name, password);
        if (known != null) {
            return Mono.just(success(known));
        }
        return Mono.fromCallable(() -> users.authenticate(name, password)
                        .map(BasicAuthenticationProvider::success)
                        .orElseGet(() -> AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH)))
                .subscribeOn(blocking);
    }

    private static AuthenticationResponse success(Caller c) {
        return AuthenticationResponse.success(c.name(), c.roles(), Map.of(CallerFilter.METHOD, "basic"));
    }
}
