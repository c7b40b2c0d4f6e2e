package io.shikong.core.security;

import java.time.Instant;
import java.util.List;

/**
 * Where the audit entries are kept: appended, read by administrators, bounded in size (the oldest entries
 * dropped beyond a configured count).
 */
public interface AuditLog {

    /** Stores the entries, in order; their ids are assigned by the log. */
    void append(List<AuditEntry> entries);

    /**
     * Up to {@code limit} entries, oldest first, with an id above {@code afterId} and a time at or after
     * {@code since} (when not {@code null}), of {@code user} only (when not {@code null}).
     */
    List<AuditEntry> find(Instant since, String user, long afterId, int limit);

    /** Drops the oldest entries so that at most {@code keep} remain; answers how many were dropped. */
    long prune(long keep);
}
