package io.shikong.api.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestExecutorAuthenticationProvider;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Checks HTTP Basic credentials (read by Micronaut Security's {@code BasicAuthAuthenticationFetcher})
 * against the {@link UserDirectory}; on the blocking executor, since a hash check takes a CPU for a while.
 *
 * @param <B> the request body type
 */
@Singleton
public class BasicAuthenticationProvider<B> implements HttpRequestExecutorAuthenticationProvider<B> {

    private final UserDirectory users;

    public BasicAuthenticationProvider(UserDirectory users) {
        this.users = users;
    }

    @Override
    public AuthenticationResponse authenticate(HttpRequest<B> request, AuthenticationRequest<String, String> credentials) {
        return users.authenticate(credentials.getIdentity(), credentials.getSecret())
                .map(c -> AuthenticationResponse.success(c.name(), c.roles(), Map.of(CallerFilter.METHOD, "basic")))
                .orElseGet(() -> AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH));
    }
}
