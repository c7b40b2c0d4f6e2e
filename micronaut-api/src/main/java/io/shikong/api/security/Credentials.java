package io.shikong.api.security;

import io.shikong.core.catalog.CatalogConfigurationException;
import io.shikong.core.security.PasswordHash;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One user or API key of the configuration: {@code name:secret:role+role}, entries separated by commas.
 *
 * @param name   who the credential speaks for (the caller's name)
 * @param secret a {@link PasswordHash} string, or (only in the deprecated {@code shikong.users}) plain text
 * @param roles  the caller's roles
 */
record Credentials(String name, String secret, Set<String> roles) {

    /** Whether the secret is stored as plain text (deprecated {@code shikong.users} only). */
    boolean plain() {
        return !PasswordHash.isHash(secret);
    }

    /**
     * The entries of {@code spec}; empty for a blank one.
     *
     * @param key        the configuration key, for messages
     * @param hashesOnly refuse plain-text secrets
     * @throws CatalogConfigurationException naming the key and the entry (never the secret)
     */
    static List<Credentials> parse(String key, String spec, boolean hashesOnly) {
        List<Credentials> out = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        Set<String> names = new LinkedHashSet<>();
        for (String entry : spec.split(",")) {
            String[] parts = entry.trim().split(":", 3);
            String name = parts[0].trim();
            if (parts.length < 2 || name.isEmpty() || parts[1].isEmpty()) {
                throw new CatalogConfigurationException(key, "entry '" + name + "' must be name:secret:role+role");
            }
            if (name.equalsIgnoreCase("anonymous")) {
                throw new CatalogConfigurationException(key, "'anonymous' is the caller without credentials, not a name to give");
            }
            if (key.endsWith("users") && !names.add(name)) {
                throw new CatalogConfigurationException(key, "user '" + name + "' is listed twice");
            }
            String secret = parts[1];
            if (PasswordHash.isHash(secret) || hashesOnly) {
                String problem = PasswordHash.problem(secret);
                if (problem != null) {
                    throw new CatalogConfigurationException(key, "the secret of '" + name + "' " + problem);
                }
            }
            Set<String> roles = new LinkedHashSet<>();
            if (parts.length == 3) {
                for (String r : parts[2].split("\\+")) {
                    if (!r.isBlank()) {
                        roles.add(r.trim());
                    }
                }
            }
            out.add(new Credentials(name, secret, Set.copyOf(roles)));
        }
        return out;
    }
}
