package io.shikong.api.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.shikong.api.Await;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import io.shikong.core.store.PostgisTestDatabase;
import io.shikong.core.store.jdbc.JdbcFeatureStore;
import io.shikong.samples.SampleGenerator;
import io.shikong.samples.SampleLoader;
import io.shikong.samples.SampleSize;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients that open a large streamed answer and never read it (issue 12) on PostGIS, with a pool of 4
 * connections and 3 places for expensive requests: they hold at most their places, never every store
 * connection, so health probes keep working and other requests are answered 503 with Retry-After at once
 * (not after 30 s, not 500); when the write timeout closes their stalled connections, their cursors and
 * connections go back and the service answers again. A pool emptied by other means answers 503 too.
 */
class SlowReadersIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static final int POIS = 40_000;
    static final String BIG = "/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=shikong:pois&COUNT=" + POIS;

    static EmbeddedServer server;
    static HikariDataSource pool;
    static RequestLimitFilter limits;

    @BeforeAll
    static void start() throws Exception {
        Map<String, Object> props = new HashMap<>(PostgisTestDatabase.serverProperties("slow_readers_it"));
        props.put("micronaut.server.port", -1);
        props.put("shikong.samples.load", "false");
        props.put("shikong.store.pool-size", 4);
        props.put("shikong.server.max-concurrent-requests", 3);
        props.put("shikong.server.max-queued-requests", 2);
        props.put("shikong.server.queue-timeout", "500ms");
        props.put("shikong.server.write-timeout", "2s");
        props.put("shikong.server.connection-wait", "500ms");
        props.put("shikong.server.retry-after", 7);
        server = ApplicationContext.run(EmbeddedServer.class, props);
        FeatureStore store = server.getApplicationContext().getBean(FeatureStore.class);
        // enough points that their GML (some 20 MB) cannot sit in the sockets' buffers: the answer stalls
        SampleLoader.load(store, new SampleGenerator(12, new SampleSize(0, 0, POIS, 0, 0, 0)), Caller.of("t", Caller.ADMIN),
                "pois"::equals);
        pool = (HikariDataSource) ((JdbcFeatureStore) store).dataSource();
        limits = server.getApplicationContext().getBean(RequestLimitFilter.class);
        // the beans made at the first request (their tables created) are made before a test empties the pool
        assertThat(get("/api/v1/layers/pois/features?limit=1").statusCode()).isEqualTo(200);
        assertThat(get("/wfs?SERVICE=WFS&REQUEST=GetCapabilities").statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).timeout(Duration.ofSeconds(20)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends the request and reads nothing: a client that stopped reading (a tiny receive window). */
    static Socket stalled(String path) throws Exception {
        return stalled(server.getPort(), path);
    }

    /** Sends the request to the port and reads nothing. */
    static Socket stalled(int port, String path) throws Exception {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.setSoTimeout(60_000); // a hang guard for the read at the end
        s.connect(new java.net.InetSocketAddress("127.0.0.1", port));
        s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }

    @Test
    void slowReadersHoldTheirPlacesNotThePoolAndLetGoWhenTheWriteTimeoutClosesThem() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                slow.add(stalled(BIG));
            }
            Await.until("3 stalled streams hold their places and cursors",
                    () -> limits.running() == 3 && pool.getHikariPoolMXBean().getActiveConnections() == 3);

            // a health probe still gets the fourth connection, and says only UP
            HttpResponse<String> health = get("/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("UP");

            // an expensive request waits shikong.server.queue-timeout, then 503 with Retry-After naming the limit
            HttpResponse<String> rest = get("/api/v1/layers/pois/features?limit=1");
            assertThat(rest.statusCode()).as(rest.body()).isEqualTo(503);
            assertThat(rest.headers().firstValue("Retry-After")).hasValue("7");
            assertThat(rest.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
            JsonNode problem = JSON.readTree(rest.body());
            assertThat(problem.get("status").asInt()).isEqualTo(503);
            assertThat(problem.get("detail").asText()).contains("shikong.server.max-concurrent-requests").contains("3 requests");
            HttpResponse<String> ogc = get("/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=shikong:pois&COUNT=1");
            assertThat(ogc.statusCode()).isEqualTo(503);
            assertThat(ogc.headers().firstValue("Retry-After")).hasValue("7");
            assertThat(ogc.body()).contains("ExceptionReport").contains("OperationProcessingFailed")
                    .contains("shikong.server.max-concurrent-requests");
            assertThat(limits.refused()).isGreaterThanOrEqualTo(2);

            // six at once: two may wait (shikong.server.max-queued-requests), the others are refused without waiting
            List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                burst.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/layers/pois/features?limit=1"))
                        .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString()));
            }
            int queueFull = 0;
            for (var f : burst) {
                HttpResponse<String> r = f.get();
                assertThat(r.statusCode()).isEqualTo(503);
                assertThat(r.headers().firstValue("Retry-After")).hasValue("7");
                if (JSON.readTree(r.body()).get("detail").asText().contains("shikong.server.max-queued-requests")) {
                    queueFull++;
                }
            }
            assertThat(queueFull).as("refused because 2 were waiting already").isGreaterThanOrEqualTo(2);

            // shikong.server.write-timeout (2 s here) closes the stalled connections: places, cursors and
            // connections come back without any client doing anything
            Await.until("the stalled streams' places and connections are given back",
                    () -> limits.running() == 0 && pool.getHikariPoolMXBean().getActiveConnections() == 0);
            for (Socket s : slow) {
                String received = readAll(s.getInputStream());
                assertThat(received).startsWith("HTTP/1.1 200").doesNotContain("</wfs:FeatureCollection>");
            }
            HttpResponse<String> after = get("/api/v1/layers/pois/features?limit=1");
            assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
            assertThat(JSON.readTree(after.body()).get("features")).hasSize(1);
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void aRequestThatGetsNoStoreConnectionIsAnswered503AndTheServiceRecovers() throws Exception {
        List<Connection> taken = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                taken.add(pool.getConnection());
            }
            HttpResponse<String> rest = get("/api/v1/layers/pois/features?limit=1");
            assertThat(rest.statusCode()).as(rest.body()).isEqualTo(503);
            assertThat(rest.headers().firstValue("Retry-After")).hasValue("7");
            assertThat(JSON.readTree(rest.body()).get("detail").asText()).contains("shikong.server.connection-wait")
                    .doesNotContain("Hikari").doesNotContain("SQL");
            HttpResponse<String> ogc = get("/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=shikong:pois&COUNT=1");
            assertThat(ogc.statusCode()).as(ogc.body()).isEqualTo(503);
            assertThat(ogc.body()).contains("ExceptionReport").contains("shikong.server.connection-wait");
            HttpResponse<String> health = get("/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("DOWN");
            assertThat(health.body()).doesNotContain("Connection").doesNotContain("error");
        } finally {
            for (Connection c : taken) {
                c.close();
            }
        }
        assertThat(get("/api/v1/layers/pois/features?limit=1").statusCode()).isEqualTo(200);
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    static String readAll(InputStream in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
