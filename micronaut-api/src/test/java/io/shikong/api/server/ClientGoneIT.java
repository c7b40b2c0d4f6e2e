package io.shikong.api.server;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.net.Socket;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client that goes away in the middle of a streamed answer cancels it: its cursor is closed, its store
 * connection and its place are given back at once, long before the write timeout (10 minutes here) would.
 */
class ClientGoneIT {

    static final int POIS = 40_000;

    static EmbeddedServer server;
    static HikariDataSource pool;
    static RequestLimitFilter limits;

    @BeforeAll
    static void start() throws Exception {
        Map<String, Object> props = new HashMap<>(PostgisTestDatabase.serverProperties("client_gone_it"));
        props.put("micronaut.server.port", -1);
        props.put("shikong.samples.load", "false");
        props.put("shikong.store.pool-size", 4);
        props.put("shikong.server.max-concurrent-requests", 3);
        props.put("shikong.server.write-timeout", "10m");
        server = ApplicationContext.run(EmbeddedServer.class, props);
        FeatureStore store = server.getApplicationContext().getBean(FeatureStore.class);
        SampleLoader.load(store, new SampleGenerator(13, new SampleSize(0, 0, POIS, 0, 0, 0)), Caller.of("t", Caller.ADMIN),
                "pois"::equals);
        pool = (HikariDataSource) ((JdbcFeatureStore) store).dataSource();
        limits = server.getApplicationContext().getBean(RequestLimitFilter.class);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aClientThatLeavesAStreamGivesBackItsCursorConnectionAndPlace() throws Exception {
        for (String path : new String[] {
                "/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=shikong:pois&COUNT=" + POIS,
                "/wfs?SERVICE=WFS&VERSION=1.1.0&REQUEST=GetFeature&TYPENAME=shikong:pois&MAXFEATURES=" + POIS}) {
            Socket s = SlowReadersIT.stalled(server.getPort(), path);
            try {
                Await.until(path + ": the stalled stream holds a place and a connection",
                        () -> limits.running() == 1 && pool.getHikariPoolMXBean().getActiveConnections() == 1);
            } finally {
                s.setSoLinger(true, 0); // gone: the connection reset, as a killed client's
                s.close();
            }
            Await.until(path + ": the client gone, its place and connection are given back",
                    () -> limits.running() == 0 && pool.getHikariPoolMXBean().getActiveConnections() == 0);
        }
    }
}
