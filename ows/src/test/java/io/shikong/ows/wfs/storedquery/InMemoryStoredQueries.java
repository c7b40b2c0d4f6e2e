package io.shikong.ows.wfs.storedquery;

import io.shikong.core.storedquery.StoredQueryRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A repository in a map, for the unit tests (the servers keep theirs in the database). */
final class InMemoryStoredQueries implements StoredQueryRepository {

    final Map<String, StoredQueryRecord> records = new LinkedHashMap<>();
    /** Added to the real count, to test the limit without creating a thousand queries. */
    int extraCount;

    @Override
    public synchronized List<StoredQueryRecord> list() {
        return new ArrayList<>(records.values());
    }

    @Override
    public synchronized Optional<StoredQueryRecord> find(String id) {
        return Optional.ofNullable(records.get(id));
    }

    @Override
    public synchronized int count() {
        return records.size() + extraCount;
    }

    @Override
    public synchronized boolean create(String id, String definition) {
        return records.putIfAbsent(id, new StoredQueryRecord(id, definition, Instant.now())) == null;
    }

    @Override
    public synchronized boolean drop(String id) {
        return records.remove(id) != null;
    }
}
