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
 * @param footprints     the footprints as checked when one of them was repaired, WKT (a GEOMETRYCOLLECTION in
 *                       input order, storage CRS), so that the map and PDF of the check draw them without
 *                       repairing again; {@code null} when the request's footprints were checked as sent
 */
public record StoredCheck(String id, Instant createdAt, String inputHash, Instant redLineVersion, String request,
                          String report, String footprints) {

    /** A check whose footprints were checked as sent. */
    public StoredCheck(String id, Instant createdAt, String inputHash, Instant redLineVersion, String request,
                       String report) {
        this(id, createdAt, inputHash, redLineVersion, request, report, null);
    }
}
