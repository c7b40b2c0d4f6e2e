package io.shikong.ingest;

import io.shikong.ingest.read.SourceFormat;
import io.shikong.ingest.read.SourceReader;
import io.shikong.ingest.read.SourceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A reader that parses its file on a thread of its own, a few batches of records ahead of the validation,
 * so that parsing (JSON, DBF, WKB) and validating (typing, CRS transform, validity, spooling) use two cores.
 * The records, and an exception the reader throws, come out in the file's order and at the same place as from
 * the reader itself; memory stays flat (at most {@value #BATCHES} batches of {@value #BATCH} records).
 * {@link #crs()} is the reader's, asked before the first record is read. {@link #close()} stops the thread,
 * then closes the reader. The JDK's executors or a library add nothing here but a thread pool for one
 * thread, so this is a thread and a bounded queue.
 */
final class ReadAhead implements SourceReader {

    static final int BATCH = 256;
    static final int BATCHES = 8;

    /** A batch of records, the reader's exception, or (both null) the end of the file. */
    private record Batch(List<SourceRecord> records, Throwable error, long bytesRead) {
    }

    private final SourceReader reader;
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(BATCHES);
    private Thread thread;
    private volatile boolean closed;
    private List<SourceRecord> current = List.of();
    private int position;
    private boolean finished;
    private volatile long bytesRead;

    ReadAhead(SourceReader reader) {
        this.reader = reader;
    }

    private void start() {
        thread = new Thread(this::produce, "shikong-ingest-read");
        thread.setDaemon(true);
        thread.start();
    }

    private void produce() {
        List<SourceRecord> batch = new ArrayList<>(BATCH);
        try {
            while (!closed && reader.hasNext()) {
                batch.add(reader.next());
                if (batch.size() == BATCH) {
                    queue.put(new Batch(batch, null, reader.bytesRead()));
                    batch = new ArrayList<>(BATCH);
                }
            }
            if (!batch.isEmpty()) {
                queue.put(new Batch(batch, null, reader.bytesRead()));
            }
            queue.put(new Batch(null, null, reader.bytesRead()));
        } catch (InterruptedException e) {
            // closed
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            if (!closed) {
                try {
                    // the records read before the failure first, as the reader itself would hand them out
                    if (!batch.isEmpty()) {
                        queue.put(new Batch(batch, null, reader.bytesRead()));
                    }
                    queue.put(new Batch(null, e, reader.bytesRead()));
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public boolean hasNext() {
        while (position == current.size()) {
            if (finished) {
                return false;
            }
            if (thread == null) {
                start();
            }
            Batch b;
            try {
                b = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading " + reader.source(), e);
            }
            bytesRead = b.bytesRead();
            if (b.records() == null) {
                finished = true;
                if (b.error() instanceof Error e) {
                    throw e;
                }
                if (b.error() != null) {
                    throw (RuntimeException) b.error();
                }
                return false;
            }
            current = b.records();
            position = 0;
        }
        return true;
    }

    @Override
    public SourceRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.get(position++);
    }

    @Override
    public SourceFormat format() {
        return reader.format();
    }

    @Override
    public String source() {
        return reader.source();
    }

    @Override
    public Optional<String> crs() {
        return reader.crs();
    }

    /** Bytes of the file read by the time the records handed out so far were read. */
    @Override
    public long bytesRead() {
        return thread == null ? reader.bytesRead() : bytesRead;
    }

    @Override
    public long totalBytes() {
        return reader.totalBytes();
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        reader.close();
    }
}
