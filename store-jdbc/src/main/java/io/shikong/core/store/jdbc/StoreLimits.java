package io.shikong.core.store.jdbc;

import java.time.Duration;
import java.util.Objects;

/**
 * What one read of a {@link JdbcFeatureStore} may cost (the server takes them from its configuration).
 *
 * @param statementTimeout how long one count or read may run in the database before it is cancelled
 *                         ({@code shikong.store.statement-timeout}); PostGIS {@code statement_timeout} in the
 *                         read's transaction, H2's {@code QUERY_TIMEOUT} of the session while it runs
 * @param maxQueryVertices the most vertices of a geometry in a filter ({@code shikong.query.max-vertices}), for
 *                         every interface: REST, WFS, WMS CQL_FILTER, OGC API
 */
public record StoreLimits(Duration statementTimeout, int maxQueryVertices) {

    /** No timeout, no vertex limit: stores made without configuration (tests, tools). */
    public static final StoreLimits NONE = new StoreLimits(Duration.ZERO, Integer.MAX_VALUE);

    /** @throws IllegalArgumentException for a negative timeout or fewer than one vertex */
    public StoreLimits {
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        if (statementTimeout.isNegative() || maxQueryVertices < 1) {
            throw new IllegalArgumentException("store limits must be positive: " + statementTimeout + ", "
                    + maxQueryVertices + " vertices");
        }
    }

    /** Whether reads are bounded in time (a zero timeout is none). */
    public boolean timed() {
        return !statementTimeout.isZero();
    }

    /** The timeout in milliseconds, at least 1. */
    public long timeoutMillis() {
        return Math.max(1, statementTimeout.toMillis());
    }
}
