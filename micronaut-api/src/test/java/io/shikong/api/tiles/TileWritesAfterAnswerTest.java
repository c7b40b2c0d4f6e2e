package io.shikong.api.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.event.HttpRequestTerminatedEvent;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The hand-over task kept on a request runs when the request terminates, and only for that request. */
class TileWritesAfterAnswerTest {

    @Test
    void theTaskKeptOnARequestRunsWhenItTerminates() {
        TileWritesAfterAnswer listener = new TileWritesAfterAnswer();
        HttpRequest<?> miss = HttpRequest.GET("/tiles/WebMercatorQuad/15/1/2.mvt?layers=buildings");
        HttpRequest<?> hit = HttpRequest.GET("/tiles/WebMercatorQuad/15/1/3.mvt?layers=buildings");
        AtomicInteger ran = new AtomicInteger();
        TileWritesAfterAnswer.of(miss).accept(ran::incrementAndGet);

        listener.onApplicationEvent(new HttpRequestTerminatedEvent(hit));
        assertThat(ran).hasValue(0);
        listener.onApplicationEvent(new HttpRequestTerminatedEvent(miss));
        assertThat(ran).hasValue(1);
    }
}
