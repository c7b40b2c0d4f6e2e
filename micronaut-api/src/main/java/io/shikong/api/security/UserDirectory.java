package io.shikong.api.security;

import io.shikong.api.config.ShikongConfiguration;
import io.shikong.core.catalog.CatalogConfigurationException;
import io.shikong.core.security.Caller;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The users HTTP Basic authentication knows, from {@code shikong.users}
 * ({@code name:password:role+role,...}; env {@code SHIKONG_USERS}). A small built-in directory so the
 * service runs with nothing else; in production an identity provider belongs in front of it.
 */
@Singleton
public class UserDirectory {

    private record User(byte[] password, Caller caller) {
    }

    private final Map<String, User> users = new HashMap<>();

    public UserDirectory(ShikongConfiguration config) {
        String spec = config.users();
        if (spec == null || spec.isBlank()) {
            return;
        }
        for (String entry : spec.split(",")) {
            String[] parts = entry.trim().split(":", 3);
            if (parts.length < 2 || parts[0].isBlank() || parts[1].isEmpty()) {
                throw new CatalogConfigurationException("shikong.users",
                        "entry '" + parts[0] + "' must be name:password:role+role");
            }
            Set<String> roles = parts.length == 3 && !parts[2].isBlank() ? Set.of(parts[2].split("\\+")) : Set.of();
            users.put(parts[0], new User(parts[1].getBytes(StandardCharsets.UTF_8), new Caller(parts[0], roles)));
        }
    }

    /** The caller for these credentials, or empty when the user is unknown or the password wrong. */
    public Optional<Caller> authenticate(String name, String password) {
        User user = users.get(name);
        byte[] given = password.getBytes(StandardCharsets.UTF_8);
        // constant-time comparison, and the same work for unknown users
        boolean ok = MessageDigest.isEqual(user == null ? new byte[given.length + 1] : user.password(), given);
        return ok && user != null ? Optional.of(user.caller()) : Optional.empty();
    }
}
