package io.shikong.api.security;

import io.shikong.api.config.ShikongConfiguration;
import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import io.shikong.core.security.Caller;
import io.shikong.core.security.PasswordHash;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users and API keys of the configuration, for the embedded default (in production an identity
 * provider issues JWTs instead): {@code shikong.security.users} and {@code shikong.security.api-keys}, stored
 * as {@link PasswordHash} strings, and the deprecated {@code shikong.users} (plain text accepted, with a
 * warning at every start).
 *
 * <p>Checking a PBKDF2 hash costs a CPU for a noticeable time (that is its point), and clients such as QGIS
 * send their Basic credentials with every tile: a credential checked once is remembered (by its SHA-256,
 * never the secret itself) for the life of the process, so only the first request of a user pays. Checks
 * that are not remembered run at most {@code max(1, processors / 2)} at once, so that a flood of wrong
 * passwords cannot take every core; a check that waits more than ten seconds is answered 503.
 */
@Singleton
public class UserDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(UserDirectory.class);
    private static final int REMEMBERED = 4096;

    private final Map<String, Credentials> users = new HashMap<>();
    private final List<Credentials> apiKeys = new ArrayList<>();
    private final Map<String, Caller> remembered = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Caller> eldest) {
            return size() > REMEMBERED;
        }
    });
    private final Semaphore hashing = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), true);
    /** A hash checked for unknown users, so that they cost what known ones do. */
    private volatile String decoy;
    private final int decoyIterations;

    public UserDirectory(ShikongConfiguration config, SecurityConfiguration security) {
        int iterations = PasswordHash.MIN_ITERATIONS;
        for (Credentials c : Credentials.parse("shikong.security.users", security.users(), true)) {
            users.put(c.name(), c);
            iterations = Math.max(iterations, iterations(c.secret()));
        }
        List<String> plain = new ArrayList<>();
        for (Credentials c : Credentials.parse("shikong.users", config.users(), false)) {
            if (users.containsKey(c.name())) {
                throw new io.shikong.core.catalog.CatalogConfigurationException("shikong.users",
                        "user '" + c.name() + "' is also in shikong.security.users");
            }
            users.put(c.name(), c);
            if (c.plain()) {
                plain.add(c.name());
            } else {
                iterations = Math.max(iterations, iterations(c.secret()));
            }
        }
        if (config.users() != null && !config.users().isBlank()) {
            LOG.warn("shikong.users (SHIKONG_USERS) is deprecated: move its users to shikong.security.users "
                    + "(SHIKONG_SECURITY_USERS) with hashed passwords (bin/shikong hash-password)"
                    + (plain.isEmpty() ? "" : "; plain-text passwords of " + plain));
        }
        apiKeys.addAll(Credentials.parse("shikong.security.api-keys", security.apiKeys(), true));
        decoyIterations = iterations;
    }

    /** Whether any user or key is configured. */
    public boolean empty() {
        return users.isEmpty() && apiKeys.isEmpty();
    }

    /**
     * The caller for these Basic credentials, or empty when the user is unknown or the password wrong.
     * Blocks for the time of a hash check unless the credentials were checked before.
     */
    public Optional<Caller> authenticate(String name, String password) {
        String key = basicKey(name, password);
        Caller known = remembered.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        Credentials user = users.get(name);
        boolean ok;
        if (user != null && user.plain()) {
            ok = MessageDigest.isEqual(user.secret().getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
        } else {
            String stored = user != null ? user.secret() : decoy();
            ok = hashed(() -> PasswordHash.verify(stored, password.toCharArray())) && user != null;
        }
        if (!ok) {
            return Optional.empty();
        }
        Caller caller = new Caller(user.name(), user.roles());
        remembered.put(key, caller);
        return Optional.of(caller);
    }

    /** The caller of Basic credentials checked before, or {@code null}: no hash check, never blocks. */
    public Caller rememberedBasic(String name, String password) {
        return remembered.get(basicKey(name, password));
    }

    /** The caller of an API key checked before, or {@code null}: no hash check, never blocks. */
    public Caller rememberedKey(String apiKey) {
        return apiKey.isEmpty() ? null : remembered.get(key("apikey", apiKey));
    }

    /** The caller an API key speaks for, or empty for an unknown key. Every key is checked (no early exit). */
    public Optional<Caller> authenticateKey(String apiKey) {
        if (apiKey.isEmpty() || apiKeys.isEmpty()) {
            return Optional.empty();
        }
        String key = key("apikey", apiKey);
        Caller known = remembered.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        Credentials found = null;
        char[] secret = apiKey.toCharArray();
        for (Credentials c : apiKeys) {
            if (hashed(() -> PasswordHash.verify(c.secret(), secret)) && found == null) {
                found = c;
            }
        }
        if (found == null) {
            return Optional.empty();
        }
        Caller caller = new Caller(found.name(), found.roles());
        remembered.put(key, caller);
        return Optional.of(caller);
    }

    private boolean hashed(java.util.function.BooleanSupplier check) {
        try {
            if (!hashing.tryAcquire(10, TimeUnit.SECONDS)) {
                throw new ShikongException(OgcCode.NO_APPLICABLE_CODE, 503, null,
                        "too many credentials being checked at once; retry shortly", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShikongException(OgcCode.NO_APPLICABLE_CODE, 503, null, "interrupted while checking credentials", e);
        }
        try {
            return check.getAsBoolean();
        } finally {
            hashing.release();
        }
    }

    private String decoy() {
        String d = decoy;
        if (d == null) {
            d = PasswordHash.hash("decoy".toCharArray(), decoyIterations);
            decoy = d;
        }
        return d;
    }

    private static int iterations(String hash) {
        return Integer.parseInt(hash.substring(PasswordHash.PREFIX.length()).split("\\$")[0]);
    }

    private static String basicKey(String name, String password) {
        return key("basic", name + "\u0000" + password);
    }

    private static String key(String realm, String secret) {
        return HexFormat.of().formatHex(PasswordHash.digest(realm, secret.toCharArray()));
    }
}
