package io.shikong.core.redline;

import java.time.Instant;

/**
 * A check as kept: so that the same report can be served again later, whatever changed since.
 *
 * @param id             the check's id
 * @param createdAt      when it ran
 * @param inputHash      SHA-256 of the request as read (its JSON re-serialised, so equal requests hash equal)
 * @param redLineVersion the red-line version the check used
 * @param request        the request, JSON
 * @param report         the report, JSON
 */
public record StoredCheck(String id, Instant createdAt, String inputHash, Instant redLineVersion, String request,
                          String report) {
}
