package io.shikong.api.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.shikong.api.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The request limit's three outcomes on the embedded store with one place and one waiting room: a free
 * place taken at once (no hand-off), a request that waits for a place and goes on, with its own answer, once
 * the place is given back, and one refused at once when the waiting room is full.
 */
class RequestLimitIT {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    static EmbeddedServer server;
    static RequestLimitFilter limits;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "request-limit-it")), "db");
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("shikong.store.kind", "embedded");
        props.put("shikong.store.file", dir.resolve("shikong").toString());
        props.put("shikong.samples.load", "false");
        props.put("shikong.tiles.cache-dir", "");
        props.put("shikong.server.max-concurrent-requests", 1);
        props.put("shikong.server.max-queued-requests", 1);
        props.put("shikong.server.queue-timeout", "60s"); // a hang guard: the waiting request is let in long before
        props.put("shikong.test.hold-controller", "true");
        server = ApplicationContext.run(EmbeddedServer.class, props);
        limits = server.getApplicationContext().getBean(RequestLimitFilter.class);
    }

    @AfterAll
    static void stop() {
        HoldController.release.countDown();
        if (server != null) {
            server.close();
        }
    }

    static CompletableFuture<HttpResponse<String>> send(String path) {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create(server.getURL() + path)).timeout(Duration.ofSeconds(90)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRequestWaitsForAPlaceAndGoesOnWhenOneIsGivenBackAndAFullWaitingRoomIsRefusedAtOnce() throws Exception {
        HoldController.entered = new CountDownLatch(1);
        HoldController.release = new CountDownLatch(1);
        // a free place: taken at once
        assertThat(send("/tiles").get().statusCode()).isEqualTo(200);
        assertThat(limits.running()).isZero();

        CompletableFuture<HttpResponse<String>> holder = send("/test/hold");
        HoldController.entered.await();
        assertThat(limits.running()).isEqualTo(1);
        CompletableFuture<HttpResponse<String>> waiter = send("/tiles/WebMercatorQuad");
        Await.until("the second request waits for the place", () -> limits.waiting() == 1);
        assertThat(waiter).isNotDone();

        HttpResponse<String> refused = send("/tiles").get();
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("shikong.server.max-queued-requests");
        assertThat(limits.refused()).isEqualTo(1);

        HoldController.release.countDown();
        assertThat(holder.get().statusCode()).isEqualTo(200);
        assertThat(holder.get().body()).isEqualTo("held");
        HttpResponse<String> waited = waiter.get();
        assertThat(waited.statusCode()).as(waited.body()).isEqualTo(200);
        assertThat(waited.body()).contains("WebMercatorQuad");
        Await.until("every place given back", () -> limits.running() == 0 && limits.waiting() == 0);
        assertThat(limits.refused()).isEqualTo(1);
    }
}
