package io.shikong.api.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyType;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import io.micronaut.security.token.jwt.signature.jwks.JwksSignatureConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Collection;

/**
 * Micronaut Security's JWT validation configured from {@code shikong.security.jwt.*}: the provider's JSON Web
 * Key Set (Micronaut fetches, caches and refetches it: {@code ReactiveJwksSignature}) or a shared secret
 * ({@code SecretSignature}), and the issuer and audience every token must carry. Expiry and not-before are
 * Micronaut's own validators.
 *
 * <p>Without an issuer configured no token is accepted: Micronaut accepts unsigned ({@code alg: none}) tokens
 * when no signature is configured at all, so {@link IssuerAndAudience} refuses every token then.
 */
@Factory
public class JwtSettings {

    /** The provider's JWKS, when {@code shikong.security.jwt.jwks-url} is set. */
    @Singleton
    @Named("shikong")
    @Requires(property = "shikong.security.jwt.jwks-url", pattern = "https?://.+")
    public JwksSignatureConfiguration jwks(SecurityConfiguration security) {
        String url = security.jwt().jwksUrl();
        return new JwksSignatureConfiguration() {
            @Override
            public String getUrl() {
                return url;
            }

            @Override
            @SuppressWarnings("deprecation")
            public KeyType getKeyType() {
                return KeyType.RSA; // unused by the reactive JWKS signature, which takes every key type of the set
            }

            @Override
            @SuppressWarnings("deprecation")
            public Integer getCacheExpiration() {
                return 60;
            }

            @Override
            public String getName() {
                return "shikong";
            }
        };
    }

    /** A shared HMAC secret, when {@code shikong.security.jwt.secret} is set. */
    @Singleton
    @Named("shikong-secret")
    @Requires(property = "shikong.security.jwt.secret", pattern = ".+")
    public SignatureConfiguration secret(SecurityConfiguration security) {
        SecretSignatureConfiguration config = new SecretSignatureConfiguration("shikong-secret");
        config.setSecret(security.jwt().secret());
        config.setJwsAlgorithm(JWSAlgorithm.HS256);
        return new SecretSignature(config);
    }

    /** The issuer and audience check of every token; refuses all when JWT is not configured. */
    @Singleton
    public static class IssuerAndAudience implements GenericJwtClaimsValidator<HttpRequest<?>> {

        private final SecurityConfiguration.Jwt jwt;

        public IssuerAndAudience(SecurityConfiguration security) {
            this.jwt = security.jwt();
        }

        @Override
        public boolean validate(Claims claims, HttpRequest<?> request) {
            if (!jwt.enabled()) {
                return false;
            }
            if (!jwt.issuer().equals(claims.get(Claims.ISSUER))) {
                return false;
            }
            Object aud = claims.get(Claims.AUDIENCE);
            if (aud instanceof Collection<?> list) {
                return list.stream().anyMatch(a -> jwt.audience().equals(String.valueOf(a)));
            }
            return aud != null && jwt.audience().equals(String.valueOf(aud));
        }
    }
}
