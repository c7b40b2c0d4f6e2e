package io.shikong.api.stream;

import io.shikong.core.encode.Chunks;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** Response bodies from {@link Chunks}: the Reactor side of the encoders, which know nothing of HTTP. */
public final class ChunkPublisher {

    private ChunkPublisher() {
    }

    /**
     * The chunks as a publisher: produced on a blocking thread as the client reads, closed at the end,
     * on error, or when the client goes away.
     */
    public static Publisher<byte[]> publisher(Chunks chunks) {
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
