package io.shikong.ingest.read;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What the streaming readers share: the file name, its size, and the stream that counts the bytes read,
 * with {@link #source()}, {@link #bytesRead()} and {@link #totalBytes()} answered from them.
 */
abstract class AbstractSourceReader implements SourceReader {

    /** The file name, for reports and messages. */
    final String source;

    /** The size of the file in bytes, or -1 when unknown. */
    final long total;

    /** The file's bytes as they are read, counted. */
    final CountingInputStream counting;

    AbstractSourceReader(String source, long total, CountingInputStream counting) {
        this.source = source;
        this.total = total;
        this.counting = counting;
    }

    @Override
    public final String source() {
        return source;
    }

    @Override
    public final long bytesRead() {
        return counting.count();
    }

    @Override
    public final long totalBytes() {
        return total;
    }

    /** Closes what a reader reads through; an I/O error is thrown as an {@link UncheckedIOException}. */
    static void closeUnchecked(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
