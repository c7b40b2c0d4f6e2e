package io.shikong.core.encode;

/**
 * A document produced in chunks from an open cursor, so that a response of any size streams in flat
 * memory. Every encoder of feature collections (GeoJSON, GML, CSV) is one.
 */
public interface Chunks extends AutoCloseable {

    /** The next chunk, or {@code null} after the last; closes itself at the end. */
    byte[] next();

    /** Releases the cursor; idempotent. */
    @Override
    void close();

    /** A body that is already whole. */
    static Chunks of(byte[] body) {
        return new Chunks() {
            private boolean done;

            @Override
            public byte[] next() {
                if (done) {
                    return null;
                }
                done = true;
                return body;
            }

            @Override
            public void close() {
            }
        };
    }
}
