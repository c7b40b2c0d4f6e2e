package io.shikong.core.storedquery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the stored queries created through WFS 2.0 {@code CreateStoredQuery} are kept: by id, each with
 * its definition as the client sent it (the XML of a {@code wfs:StoredQueryDefinition}, made
 * self-contained). The repository knows nothing of WFS: it stores and returns text; parsing, validation
 * and limits belong to the caller (the WFS layer). Implementations are thread-safe and durable: a query
 * created is there after a restart until it is dropped.
 *
 *
 * <p>{@code JdbcStoredQueryRepository} (module store-jdbc) keeps them in the store's own database.
 */
public interface StoredQueryRepository {

    /** The longest id a repository keeps; the WFS layer refuses longer ones before they get here. */
    int MAX_ID_LENGTH = 1024;

    /**
     * One stored query.
     *
     * @param id         the query's identifier (a URI, e.g. {@code urn:example:wfs2-query:ByName})
     * @param definition its definition, XML text
     * @param createdAt  when it was created
     */
    record StoredQueryRecord(String id, String definition, Instant createdAt) {
    }

    /** Every stored query, oldest first (then by id). */
    List<StoredQueryRecord> list();

    /** The stored query of that id, if there is one. */
    Optional<StoredQueryRecord> find(String id);

    /** How many stored queries there are. */
    int count();

    /**
     * Adds a stored query, atomically: when one with the same id exists nothing changes.
     *
     * @return {@code false} when the id is taken
     */
    boolean create(String id, String definition);

    /**
     * Removes a stored query.
     *
     * @return {@code false} when there was none of that id
     */
    boolean drop(String id);
}
