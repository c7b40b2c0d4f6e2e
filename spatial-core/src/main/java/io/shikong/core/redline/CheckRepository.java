package io.shikong.core.redline;

import java.util.Optional;

/**
 * Where red-line checks are kept, so that a check's report, map and PDF can be served again later, the
 * same whatever changed since. A check is saved once and never changed. Implementations are
 * thread-safe and durable.
 *
 * <p>{@code CheckStore} (module store-jdbc) keeps them in a table beside the layers of a JDBC store.
 */
public interface CheckRepository {

    /** Keeps a check. */
    void save(StoredCheck check);

    /** The check of that id, if there is one. */
    Optional<StoredCheck> find(String id);
}
