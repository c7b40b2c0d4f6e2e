package io.shikong.api.ingest;

import io.shikong.core.encode.Chunks;
import io.shikong.core.store.FeatureCursor;
import io.shikong.ingest.write.FeatureWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/** An export as {@link Chunks} for a streamed response body: features written as the client reads. */
final class ExportChunks {

    private static final int CHUNK = 1 << 16;

    private ExportChunks() {
    }

    /**
     * A streamed format (GeoJSON, FlatGeobuf, CSV): the writer made on a buffer, filled one chunk at a time
     * from the cursor.
     */
    static Chunks streamed(FeatureCursor cursor, Function<ByteArrayOutputStream, FeatureWriter> open) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(CHUNK * 2);
        FeatureWriter writer;
        try {
            writer = open.apply(buffer);
        } catch (RuntimeException e) {
            cursor.close();
            throw e;
        }
        return new Chunks() {
            private boolean done;

            @Override
            public byte[] next() {
                if (done) {
                    return null;
                }
                try {
                    while (buffer.size() < CHUNK && cursor.hasNext()) {
                        writer.write(cursor.next());
                    }
                    if (buffer.size() < CHUNK) {
                        done = true;
                        writer.close();
                        cursor.close();
                    }
                } catch (IOException e) {
                    close();
                    throw new UncheckedIOException(e);
                }
                byte[] out = buffer.toByteArray();
                buffer.reset();
                return out.length == 0 && done ? null : out;
            }

            @Override
            public void close() {
                done = true;
                try {
                    writer.close();
                } catch (IOException | RuntimeException ignored) {
                    // the client went away
                }
                cursor.close();
            }
        };
    }

    /** A file written whole first (GeoPackage), read out in chunks and deleted with its directory at the end. */
    static Chunks file(Path file, Path directory) throws IOException {
        InputStream in = Files.newInputStream(file);
        return new Chunks() {
            private boolean closed;

            @Override
            public byte[] next() {
                try {
                    byte[] b = in.readNBytes(CHUNK);
                    if (b.length == 0) {
                        close();
                        return null;
                    }
                    return b;
                } catch (IOException e) {
                    close();
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void close() {
                if (closed) {
                    return;
                }
                closed = true;
                try {
                    in.close();
                } catch (IOException ignored) {
                    // deleting anyway
                }
                IngestJobs.deleteQuietly(directory);
            }
        };
    }
}
