package io.shikong.api.ows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shikong.core.encode.Chunks;
import io.shikong.ows.OwsResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@link OwsController} hands an answer's body over: images whole, the rest streamed. */
class OwsControllerBodyTest {

    /** Chunks from a list, remembering whether they were closed. */
    private static final class ListChunks implements Chunks {
        final Deque<byte[]> left;
        boolean closed;

        ListChunks(List<byte[]> chunks) {
            left = new ArrayDeque<>(chunks);
        }

        @Override
        public byte[] next() {
            return left.poll();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void oneChunkIsTheBodyItselfAndIsClosed() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        ListChunks chunks = new ListChunks(List.of(png));
        assertSame(png, OwsController.whole(chunks));
        assertTrue(chunks.closed);
    }

    @Test
    void severalChunksAreJoinedInOrder() {
        ListChunks chunks = new ListChunks(List.of(new byte[] {1, 2}, new byte[] {}, new byte[] {3}, new byte[] {4, 5, 6}));
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6}, OwsController.whole(chunks));
        assertTrue(chunks.closed);
    }

    @Test
    void noChunkIsAnEmptyBody() {
        ListChunks chunks = new ListChunks(List.of());
        assertEquals(0, OwsController.whole(chunks).length);
        assertTrue(chunks.closed);
    }

    @Test
    void imagesAreInMemoryDocumentsAreStreamed() {
        assertTrue(OwsController.inMemory(OwsResponse.of("image/png", new byte[0])));
        assertTrue(OwsController.inMemory(OwsResponse.of("image/png; mode=8bit", new byte[0])));
        assertTrue(OwsController.inMemory(OwsResponse.of("image/jpeg", new byte[0])));
        assertFalse(OwsController.inMemory(OwsResponse.of("text/xml", new byte[0])));
        assertFalse(OwsController.inMemory(OwsResponse.of("application/gml+xml; version=3.2", new byte[0])));
        assertFalse(OwsController.inMemory(OwsResponse.of("application/json", new byte[0])));
    }
}
