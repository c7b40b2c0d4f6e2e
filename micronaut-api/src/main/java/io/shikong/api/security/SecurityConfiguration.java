package io.shikong.api.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.shikong.core.catalog.CatalogConfigurationException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Authentication and the audit log, {@code shikong.security.*}: bound once at start, every default written
 * in {@code application.yml} beside its environment variable; a bad value stops the start naming its key
 * (as the records of {@link io.shikong.api.config.ShikongConfiguration}; a record of its own so the security
 * code keeps its settings in its package).
 *
 * @param users          users for HTTP Basic: {@code name:pbkdf2-sha256$...:role+role,...} (hashes only; make
 *                       them with {@code bin/shikong hash-password}); empty = none
 * @param apiKeys        API keys, sent as the header {@code X-API-Key} or the query parameter {@code apikey}:
 *                       {@code name:pbkdf2-sha256$...:role+role,...}, the name being who the key speaks for
 *                       (make them with {@code bin/shikong hash-password --api-key}); empty = none
 * @param realm          the realm of the {@code WWW-Authenticate: Basic} challenge
 * @param trustedProxies addresses of reverse proxies whose {@code X-Forwarded-For} names the client (for the
 *                       audit log); empty = the header is ignored
 * @param jwt            bearer tokens of an external identity provider
 * @param audit          the audit log
 */
@ConfigurationProperties("shikong.security")
public record SecurityConfiguration(@Nullable String users, @Nullable String apiKeys, @Nullable String realm,
                                    @Nullable List<String> trustedProxies, Jwt jwt, Audit audit) {

    public SecurityConfiguration {
        users = users == null ? "" : users.trim();
        apiKeys = apiKeys == null ? "" : apiKeys.trim();
        realm = realm == null || realm.isBlank() ? "shikong" : realm.trim();
        if (!realm.matches("[\\p{Alnum} ._-]+")) {
            throw bad("realm", "may hold letters, digits, space, '.', '_' and '-' only, was '" + realm + "'");
        }
        Set<String> proxies = new LinkedHashSet<>();
        for (String p : trustedProxies == null ? List.<String>of() : trustedProxies) {
            for (String one : p.split(",")) {
                if (!one.isBlank()) {
                    proxies.add(one.trim());
                }
            }
        }
        trustedProxies = List.copyOf(proxies);
        // parsed here so that a plain-text password or a malformed hash stops the start naming its key
        Credentials.parse("shikong.security.users", users, true);
        Credentials.parse("shikong.security.api-keys", apiKeys, true);
    }

    /**
     * JWT bearer tokens from an external identity provider (Keycloak, Azure AD, ...), checked by Micronaut
     * Security: signature by the provider's keys, {@code exp}/{@code nbf}, issuer and audience.
     *
     * @param issuer     the {@code iss} every token must carry; empty = bearer tokens are not accepted (401)
     * @param audience   a value the token's {@code aud} must contain (required with {@code issuer})
     * @param jwksUrl    the provider's JSON Web Key Set URL ({@code .../protocol/openid-connect/certs}); keys are
     *                   fetched when first needed and again when a token names an unknown key
     * @param secret     a static shared secret of HS256/384/512 tokens instead (at least 32 bytes)
     * @param rolesClaim the claim holding the caller's roles (a list of strings)
     * @param nameClaim  the claim naming the caller
     */
    @ConfigurationProperties("jwt")
    public record Jwt(@Nullable String issuer, @Nullable String audience, @Nullable String jwksUrl,
                      @Nullable String secret, @Nullable String rolesClaim, @Nullable String nameClaim) {
        public Jwt {
            issuer = issuer == null ? "" : issuer.trim();
            audience = audience == null ? "" : audience.trim();
            jwksUrl = jwksUrl == null ? "" : jwksUrl.trim();
            secret = secret == null ? "" : secret;
            rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim.trim();
            nameClaim = nameClaim == null || nameClaim.isBlank() ? "sub" : nameClaim.trim();
            if (issuer.isEmpty()) {
                if (!audience.isEmpty() || !jwksUrl.isEmpty() || !secret.isEmpty()) {
                    throw bad("jwt.issuer", "is needed when shikong.security.jwt.audience, jwks-url or secret is set");
                }
            } else {
                if (audience.isEmpty()) {
                    throw bad("jwt.audience", "is needed with shikong.security.jwt.issuer (tokens for other services "
                            + "of the same provider must not be accepted)");
                }
                if (jwksUrl.isEmpty() == secret.isEmpty()) {
                    throw bad("jwt.jwks-url", "set either shikong.security.jwt.jwks-url or shikong.security.jwt.secret");
                }
                if (!jwksUrl.isEmpty()) {
                    URI uri;
                    try {
                        uri = URI.create(jwksUrl);
                    } catch (IllegalArgumentException e) {
                        throw bad("jwt.jwks-url", "is not a URL: " + e.getMessage());
                    }
                    if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
                        throw bad("jwt.jwks-url", "must be an http(s) URL, was '" + jwksUrl + "'");
                    }
                }
                if (!secret.isEmpty() && secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
                    throw bad("jwt.secret", "must be at least 32 bytes (256 bits) for HS256");
                }
            }
        }

        /** Whether bearer tokens are accepted at all. */
        public boolean enabled() {
            return !issuer.isEmpty();
        }
    }

    /**
     * The audit log of writes and denied requests, in the store's database ({@code shikong_audit}).
     *
     * @param maxEntries entries kept; the oldest are deleted beyond
     * @param maxLimit   the most entries one {@code GET /api/v1/audit} page holds
     * @param queueSize  entries waiting to be written; more are dropped (and counted in the log) rather than
     *                   slowing requests down
     */
    @ConfigurationProperties("audit")
    public record Audit(long maxEntries, int maxLimit, int queueSize) {
        public Audit {
            if (maxEntries < 1000) {
                throw bad("audit.max-entries", "must be at least 1000, was " + maxEntries);
            }
            if (maxLimit < 1) {
                throw bad("audit.max-limit", "must be at least 1, was " + maxLimit);
            }
            if (queueSize < 100) {
                throw bad("audit.queue-size", "must be at least 100, was " + queueSize);
            }
        }
    }

    private static CatalogConfigurationException bad(String key, String message) {
        return new CatalogConfigurationException("shikong.security." + key, message);
    }
}
