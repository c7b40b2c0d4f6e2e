package io.shikong.core.security;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the audit log: a write or a denied request.
 *
 * @param id      the entry's position in the log (increasing; 0 before it is stored)
 * @param time    when the request was answered
 * @param user    the caller's name ({@code anonymous} without credentials; the name given with wrong
 *                credentials is not trusted and recorded as {@code anonymous})
 * @param remote  the client address (the first address of {@code X-Forwarded-For} only when the direct peer
 *                is a trusted proxy)
 * @param method  the HTTP method
 * @param path    the request path, without the query (which may carry an API key)
 * @param layer   the layer concerned, or {@code null} when the request names none
 * @param action  {@link #WRITE}, {@link #DENIED} or {@link #HIDDEN}
 * @param status  the HTTP status answered
 * @param detail  a short description (the OGC operation, the changed layers, the reason), or {@code null}
 */
public record AuditEntry(long id, Instant time, String user, String remote, String method, String path,
                         String layer, String action, int status, String detail) {

    /** A write that was done. */
    public static final String WRITE = "write";
    /** A request refused with 401 or 403. */
    public static final String DENIED = "denied";
    /** A request for a layer the caller may not see, answered as if the layer did not exist. */
    public static final String HIDDEN = "hidden";

    public AuditEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(action, "action");
        remote = remote == null ? "" : remote;
    }

    /** The same entry with the id the log gave it. */
    public AuditEntry withId(long newId) {
        return new AuditEntry(newId, time, user, remote, method, path, layer, action, status, detail);
    }
}
