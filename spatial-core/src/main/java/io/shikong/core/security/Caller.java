package io.shikong.core.security;

import java.util.Objects;
import java.util.Set;

/**
 * Who is asking: anonymous, or a named principal with roles. The roles are configuration words: {@link #ADMIN}
 * (every layer, the catalog and the audit log), {@link #EDITOR} (writes of public layers by default),
 * {@link #DATA_STEWARD} (loads), and any role a layer names in its {@code readRoles}/{@code writeRoles}. Every catalog lookup and store call
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
    /**
     * Role of data stewards: loads into layers (ingest jobs, {@code /api/v1/ingest/jobs}) of every layer they
     * may see; the name the ingest code has always used.
     */
    public static final String DATA_STEWARD = "data_steward";

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
