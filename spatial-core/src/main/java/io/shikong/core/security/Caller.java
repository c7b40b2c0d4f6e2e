package io.shikong.core.security;

import java.util.Objects;
import java.util.Set;

/**
 * Who is asking: anonymous, or a named principal with roles. Every catalog lookup and store call
 * receives one, so each caller sees only what it may.
 *
 * @param name  principal name; {@code "anonymous"} for {@link #ANONYMOUS}
 * @param roles granted roles; never {@code null}
 */
public record Caller(String name, Set<String> roles) {

    /** Role that may read and write everything. */
    public static final String ADMIN = "admin";
    /** Role that may write public layers that allow writes. */
    public static final String EDITOR = "editor";

    /** The caller without credentials: sees public layers only, writes nothing. */
    public static final Caller ANONYMOUS = new Caller("anonymous", Set.of());

    public Caller {
        Objects.requireNonNull(name, "name");
        roles = Set.copyOf(roles);
    }

    /** A principal with the given roles. */
    public static Caller of(String name, String... roles) {
        return new Caller(name, Set.of(roles));
    }

    public boolean anonymous() {
        return this == ANONYMOUS || (roles.isEmpty() && "anonymous".equals(name));
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
