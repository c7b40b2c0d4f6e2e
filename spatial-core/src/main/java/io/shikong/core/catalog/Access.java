package io.shikong.core.catalog;

import io.shikong.core.security.Caller;
import java.util.Set;

/**
 * Who may see a layer and who may change it.
 *
 * @param restricted when true, only callers with one of {@code readRoles} (or {@link Caller#ADMIN})
 *                   see the layer; anonymous callers never do
 * @param readRoles  roles that may read a restricted layer
 * @param writeRoles roles that may write; empty means the layer is read-only for everybody but admins;
 *                   {@link #ANYONE} lets every caller write, anonymous ones included (for conformance test
 *                   layers that a test suite unable to log in must edit; never for city data)
 */
public record Access(boolean restricted, Set<String> readRoles, Set<String> writeRoles) {

    /** The write role that grants writes to every caller, anonymous ones included. */
    public static final String ANYONE = "anonymous";

    public static final Access PUBLIC = new Access(false, Set.of(), Set.of(Caller.EDITOR));

    public Access {
        readRoles = Set.copyOf(readRoles);
        writeRoles = Set.copyOf(writeRoles);
    }

    /** Whether {@code caller} may see the layer at all. */
    public boolean canRead(Caller caller) {
        if (!restricted) {
            return true;
        }
        return caller.hasRole(Caller.ADMIN) || readRoles.stream().anyMatch(caller::hasRole);
    }

    /** Whether {@code caller} may change the layer's features. */
    public boolean canWrite(Caller caller) {
        return canRead(caller) && (writeRoles.contains(ANYONE) || caller.hasRole(Caller.ADMIN)
                || writeRoles.stream().anyMatch(caller::hasRole));
    }
}
