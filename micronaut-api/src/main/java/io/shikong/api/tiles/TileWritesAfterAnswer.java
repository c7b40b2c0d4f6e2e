package io.shikong.api.tiles;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.event.HttpRequestTerminatedEvent;
import jakarta.inject.Singleton;
import java.util.function.Consumer;

/**
 * Hands a vector tile drawn for a cache miss to the tile cache's writer once its answer is written: the
 * controller keeps the hand-over task ({@code TileService.tile(request, afterAnswer)}) as an attribute of the
 * request, and Micronaut publishes {@link HttpRequestTerminatedEvent} on the event loop right after the
 * response was flushed to the connection (or dropped with it). Until then the tile is served from memory.
 * Before this, the writer was woken while the answer was still being made and written, and took one of the
 * machine's cores from it (2 cores: the event loop, the controller's thread and the writer, beside PostgreSQL).
 */
@Singleton
public class TileWritesAfterAnswer implements ApplicationEventListener<HttpRequestTerminatedEvent> {

    /** The request attribute holding the hand-over task. */
    static final String ATTRIBUTE = "shikong.tiles.write-after-answer";

    /** What the controller gives the tile service: keep the task on this request. */
    static Consumer<Runnable> of(HttpRequest<?> request) {
        return task -> request.setAttribute(ATTRIBUTE, task);
    }

    @Override
    public void onApplicationEvent(HttpRequestTerminatedEvent event) {
        if (event.getSource().getAttribute(ATTRIBUTE).orElse(null) instanceof Runnable task) {
            task.run();
        }
    }
}
