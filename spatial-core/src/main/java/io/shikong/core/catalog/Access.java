package io.shikong.core.catalog;

import io.shikong.core.security.Caller;
import java.util.Set;

/**
 * Who may see a layer and who may change it.
 *
 * @param restricted when true, only callers with one of {@code readRoles} (or {@link Caller#ADMIN})
 *                   see the layer; anonymous callers never do
 * @param readRoles  roles that may read a restricted layer
 * @param writeRoles roles that may write; empty means the layer is read-only for everybody but admins
 */
public record Access(boolean restricted, Set<String> readRoles, Set<String> writeRoles) {

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
        return canRead(caller) && (caller.hasRole(Caller.ADMIN) || writeRoles.stream().anyMatch(caller::hasRole));
    }
}
