package io.shikong.ingest.read;

import java.util.NoSuchElementException;

/**
 * A streaming reader that reads one record ahead: {@link #hasNext()} fetches the next record (or learns
 * there is none) and {@link #next()} hands it over.
 */
abstract class LookaheadSourceReader extends AbstractSourceReader {

    private SourceRecord pending;
    private boolean done;

    LookaheadSourceReader(String source, long total, CountingInputStream counting) {
        super(source, total, counting);
    }

    /** Reads the next record from the file, or returns null at its end. */
    abstract SourceRecord fetch();

    /** Marks the file as read to its end: {@link #fetch()} is not called again. */
    final void finish() {
        done = true;
    }

    @Override
    public final boolean hasNext() {
        if (pending == null && !done) {
            pending = fetch();
            done = pending == null;
        }
        return pending != null;
    }

    @Override
    public final SourceRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        SourceRecord r = pending;
        pending = null;
        return r;
    }
}
