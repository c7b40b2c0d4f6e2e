package io.shikong.api.stream;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

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

    /**
     * The chunks as a publisher: produced on a blocking thread as the client reads, closed at the end,
     * on error, or when the client goes away.
     */
    static Publisher<byte[]> publisher(Chunks chunks) {
        return Flux.<byte[], Chunks>generate(() -> chunks, (s, sink) -> {
            byte[] chunk = s.next();
            if (chunk == null) {
                sink.complete();
            } else {
                sink.next(chunk);
            }
            return s;
        }, Chunks::close).subscribeOn(Schedulers.boundedElastic());
    }
}
