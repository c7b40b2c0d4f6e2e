package io.shikong.api.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.shikong.api.Await;
import io.shikong.api.server.RequestLimitFilter;
import io.shikong.core.feature.Feature;
import io.shikong.core.query.Query;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.FeatureStore;
import io.shikong.tiles.grid.TileMatrixSets;
import io.shikong.tiles.grid.TileProjection;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.jts.geom.Coordinate;

/**
 * The tile fast path ({@link TileFastPath}) answers exactly as the controller does: each request is sent twice,
 * once as the fast path takes it and once with a parameter the fast path does not read ({@code _=1}, a web
 * client's cache buster, which the controller ignores), so Micronaut's router, filters and controller answer it;
 * status, every header but Date's value, and body must be equal, and the fast path's count must show which
 * answered. Also: the refusals go to Micronaut, the request limit holds, the cache write follows the answer, and
 * pipelined requests on one connection are answered in order across both paths.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TileFastPathTest {

    private static final Pattern HTTP_DATE = Pattern.compile("[A-Z][a-z]{2}, \\d{1,2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");

    EmbeddedServer server;
    TileFastPath fast;
    RequestLimitFilter limits;
    String base;
    Path cacheDir;
    String buildingTile;
    String pipelineTile;

    @BeforeAll
    void start() throws Exception {
        Map<String, Object> props = new HashMap<>(EmbeddedTilesIT.embedded());
        cacheDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "tiles-it")), "fast").resolve("cache");
        props.put("micronaut.server.port", -1);
        props.put("shikong.samples.load", "true");
        props.put("shikong.users", "admin:pw:admin,pipe:pw:pipelines");
        props.put("shikong.tiles.cache-dir", cacheDir.toString());
        props.put("shikong.server.max-concurrent-requests", 8);
        props.put("shikong.server.max-queued-requests", 0);
        server = ApplicationContext.run(EmbeddedServer.class, props);
        fast = server.getApplicationContext().getBean(TileFastPath.class);
        limits = server.getApplicationContext().getBean(RequestLimitFilter.class);
        base = server.getURI().toString();
        FeatureStore store = server.getApplicationContext().getBean(FeatureStore.class);
        TileMatrixSets sets = server.getApplicationContext().getBean(TileMatrixSets.class);
        TileProjection projection = server.getApplicationContext().getBean(TileProjection.class);
        Coordinate building = TilesContract.unchangedBuilding(store, 5).geometry().getInteriorPoint().getCoordinate();
        buildingTile = TilesContract.path(TileMatrixSets.WEB_MERCATOR_QUAD,
                TilesContract.tileOf(sets, projection, TileMatrixSets.WEB_MERCATOR_QUAD, 15, building), "");
        Feature pipe;
        try (FeatureCursor c = store.read(Query.of("pipelines", Caller.of("x", Caller.ADMIN)).limit(1).build())) {
            pipe = c.next();
        }
        pipelineTile = TilesContract.path(TileMatrixSets.WEB_MERCATOR_QUAD,
                TilesContract.tileOf(sets, projection, TileMatrixSets.WEB_MERCATOR_QUAD, 15, pipe.geometry().getCoordinates()[0]), "");
        // the services are looked up after the first request: until then every tile takes the normal path
        TilesContract.get(base + buildingTile + "mvt?layers=buildings&_=warm", null);
        Await.until("the fast path ready", () -> {
            try {
                long before = fast.answered();
                TilesContract.get(base + "/tiles/WebMercatorQuad/0/0/0.mvt?layers=eco_red_lines", null);
                return fast.answered() > before;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // Basic credentials are checked (and remembered) by the normal path first
        TilesContract.get(base + "/tiles", "admin:pw");
        TilesContract.get(base + "/tiles", "pipe:pw");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A request's answer by the fast path and by the normal path, compared; whether the fast path answered. */
    private boolean sameBothWays(String pathAndQuery, String credentials, String... headers) throws Exception {
        String slowUrl = base + pathAndQuery + (pathAndQuery.contains("?") ? "&" : "?") + "_=1";
        long before = fast.answered();
        HttpResponse<byte[]> f = TilesContract.get(base + pathAndQuery, credentials, headers);
        boolean answered = fast.answered() > before;
        long between = fast.answered();
        HttpResponse<byte[]> s = TilesContract.get(slowUrl, credentials, headers);
        assertThat(fast.answered()).as("the request with _=1 took the normal path").isEqualTo(between);

        assertThat(f.statusCode()).as(pathAndQuery + ": " + TilesContract.text(f)).isEqualTo(s.statusCode());
        assertThat(f.body()).as(pathAndQuery).isEqualTo(s.body());
        Map<String, List<String>> fh = withoutDate(f);
        Map<String, List<String>> sh = withoutDate(s);
        if (f.statusCode() >= 400) { // an error message may name the URL it was asked with
            assertThat(fh.keySet()).isEqualTo(sh.keySet());
        } else {
            assertThat(fh).as(pathAndQuery).isEqualTo(sh);
        }
        assertThat(f.headers().allValues("date")).hasSameSizeAs(s.headers().allValues("date"));
        for (HttpResponse<byte[]> r : List.of(f, s)) {
            r.headers().allValues("date").forEach(d -> assertThat(d).matches(HTTP_DATE));
        }
        if (answered) {
            assertThat(f.headers().allValues("date")).hasSize(1);
        }
        return answered;
    }

    private static Map<String, List<String>> withoutDate(HttpResponse<byte[]> r) {
        Map<String, List<String>> h = new TreeMap<>(r.headers().map());
        h.remove("date");
        return h;
    }

    @Test
    void aTileIsAnsweredByTheFastPathExactlyAsByTheController() throws Exception {
        assertThat(sameBothWays(buildingTile + "mvt?layers=buildings", null)).isTrue();
        assertThat(sameBothWays(buildingTile + "pbf?layers=buildings,pois", null)).isTrue();
        assertThat(sameBothWays(buildingTile + "mvt?layers=buildings", null, "Accept-Encoding", "gzip, deflate, br")).isTrue();
        assertThat(sameBothWays(buildingTile + "mvt?layers=buildings&asOf=2030-01-01", null)).isTrue();
        assertThat(sameBothWays(buildingTile + "mvt?layers=buildings&style=default", null)).isTrue();
        // raster tiles: drawn (a metatile) by the first, cached for the second
        assertThat(sameBothWays(buildingTile + "png?layers=eco_red_lines,buildings", null)).isTrue();
        assertThat(sameBothWays(buildingTile + "png8?layers=buildings", null)).isTrue();
        assertThat(sameBothWays(buildingTile + "jpg?layers=buildings&style=default", null, "Accept-Encoding", "gzip")).isTrue();
        String etag = TilesContract.get(base + buildingTile + "mvt?layers=buildings", null).headers().firstValue("ETag").orElseThrow();
        assertThat(sameBothWays(buildingTile + "mvt?layers=buildings", null, "If-None-Match", etag)).isTrue();
        assertThat(sameBothWays(buildingTile + "mvt?layers=buildings", null, "If-None-Match", "W/" + etag + ", \"x\"")).isTrue();
        // a restricted layer for a caller who may see it (Basic credentials the server checked before): private
        assertThat(sameBothWays(pipelineTile + "mvt?layers=buildings,pipelines", "pipe:pw")).isTrue();
        assertThat(TilesContract.get(base + pipelineTile + "mvt?layers=buildings,pipelines", "pipe:pw").headers()
                .firstValue("Cache-Control")).hasValue("private, max-age=60");
        assertThat(sameBothWays(pipelineTile + "mvt?layers=pipelines", "admin:pw", "Accept-Encoding", "gzip")).isTrue();
    }

    @Test
    void whatTheFastPathDoesNotAnswerGoesToMicronautUnchanged() throws Exception {
        // refused by the tile service: Micronaut answers them as always
        assertThat(sameBothWays(pipelineTile + "mvt?layers=pipelines", null)).isFalse(); // hidden: 404
        assertThat(sameBothWays(buildingTile + "mvt?layers=no_such_layer", null)).isFalse();
        assertThat(sameBothWays("/tiles/WebMercatorQuad/15/99999999/0.mvt?layers=buildings", null)).isFalse();
        assertThat(sameBothWays("/tiles/NoSuchSet/15/0/0.mvt?layers=buildings", null)).isFalse();
        assertThat(sameBothWays("/tiles/WebMercatorQuad/x/0/0.mvt?layers=buildings", null)).isFalse();
        assertThat(sameBothWays("/tiles/WebMercatorQuad/15/0/0.mvt?layers=buildings&asOf=yesterday", null)).isFalse();
        assertThat(sameBothWays(buildingTile + "mvt?layers=buildings,buildings", null)).isFalse();
        assertThat(sameBothWays(buildingTile + "mvt?layers=" + "a,".repeat(200) + "b", null)).isFalse();
        // not read by the fast path at all
        assertThat(sameBothWays(buildingTile + "mvt", null)).isFalse(); // no layers: 400
        assertThat(sameBothWays(buildingTile + "mvt?layers=buildings", "admin:wrong")).isFalse(); // 401
        assertThat(sameBothWays(buildingTile + "mvt?layers=buildings", null, "Authorization", "Bearer abc")).isFalse();
        assertThat(sameBothWays(buildingTile + "mvt?layers=buildings", null, "X-API-Key", "nope")).isFalse();
        assertThat(sameBothWays(buildingTile + "mvt?layers=buildings", null, "Origin", "https://maps.example.org")).isFalse();
        assertThat(sameBothWays(buildingTile + "mvt?layers=buildings&layers=pois", null)).isFalse();
        assertThat(sameBothWays(buildingTile + "png?layers=buildings&style=no_such_style", null)).isFalse(); // 400
        assertThat(sameBothWays(buildingTile + "webp?layers=buildings", null)).isFalse(); // 400
        assertThat(sameBothWays(buildingTile + "mvt?layers=buildings%2Cpois", null)).isFalse();
    }

    @Test
    void theFastPathTakesAPlaceOfTheRequestLimitAndGivesItBack() throws Exception {
        String url = base + buildingTile + "mvt?layers=buildings,eco_red_lines";
        EmbeddedChannel channel = new EmbeddedChannel();
        List<Runnable> taken = new ArrayList<>();
        try {
            for (Runnable p; (p = limits.tryAdmit(channel)) != null; ) {
                taken.add(p);
            }
            assertThat(taken).hasSize(8);
            long before = fast.answered();
            HttpResponse<byte[]> busy = TilesContract.get(url, null);
            assertThat(busy.statusCode()).isEqualTo(503); // every place taken, no waiting room: the normal path refuses it
            assertThat(busy.headers().firstValue("Retry-After")).isPresent();
            assertThat(fast.answered()).isEqualTo(before);
        } finally {
            taken.forEach(Runnable::run);
        }
        Await.until("every place given back", () -> limits.running() == 0);
        long before = fast.answered();
        assertThat(TilesContract.get(url, null).statusCode()).isEqualTo(200);
        assertThat(fast.answered()).isEqualTo(before + 1);
        Await.until("the fast path's place given back", () -> limits.running() == 0);
    }

    @Test
    void aTileMissedOnTheFastPathIsWrittenToTheCacheAfterItsAnswer() throws Exception {
        String[] t = pipelineTile.split("/"); // "", tiles, set, z, x, y.
        Path file = cacheDir.resolve("tiles").resolve("pois").resolve("default").resolve(TileMatrixSets.WEB_MERCATOR_QUAD)
                .resolve("current").resolve(t[3]).resolve(t[4]).resolve(t[5] + "mvt");
        assertThat(file).doesNotExist();
        long before = fast.answered();
        HttpResponse<byte[]> miss = TilesContract.get(base + pipelineTile + "mvt?layers=pois", null);
        assertThat(miss.statusCode()).isEqualTo(200);
        assertThat(fast.answered()).isEqualTo(before + 1);
        Await.until("the missed tile on disk", () -> Files.exists(file));
        assertThat(Files.readAllBytes(file)).isEqualTo(miss.body());
    }

    @Test
    void pipelinedRequestsOnOneConnectionAreAnsweredInOrderAcrossBothPaths() throws Exception {
        String tile = buildingTile + "mvt?layers=buildings";
        String[] paths = {"/tiles/WebMercatorQuad", tile, "/tiles/WebMercatorQuad/15/0/0.mvt?layers=nope", tile + ",pois",
            "/tiles"};
        StringBuilder requests = new StringBuilder();
        for (String p : paths) {
            requests.append("GET ").append(p).append(" HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\n\r\n");
        }
        long before = fast.answered();
        List<Integer> statuses = new ArrayList<>();
        List<String> types = new ArrayList<>();
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(requests.toString().getBytes(StandardCharsets.US_ASCII)); // all at once: pipelined
            out.flush();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < paths.length; i++) {
                String head = head(in);
                Matcher status = Pattern.compile("^HTTP/1.1 (\\d{3})").matcher(head);
                assertThat(status.find()).as(head).isTrue();
                statuses.add(Integer.parseInt(status.group(1)));
                Matcher type = Pattern.compile("(?im)^content-type: *([^\\r;]+)").matcher(head);
                types.add(type.find() ? type.group(1).trim() : "");
                Matcher length = Pattern.compile("(?im)^content-length: *(\\d+)").matcher(head);
                assertThat(length.find()).as(head).isTrue();
                in.readNBytes(Integer.parseInt(length.group(1)));
            }
        }
        assertThat(statuses).containsExactly(200, 200, 404, 200, 200);
        assertThat(types).containsExactly("application/json", TilesController.MVT, "application/problem+json",
                TilesController.MVT, "application/json");
        assertThat(fast.answered()).isEqualTo(before + 2);
    }

    @Test
    void turnedOffEveryTileGoesThroughTheController() throws Exception {
        Map<String, Object> props = new HashMap<>(EmbeddedTilesIT.embedded());
        props.put("micronaut.server.port", -1);
        props.put("shikong.samples.load", "true");
        props.put("shikong.tiles.cache-dir", "");
        props.put("shikong.tiles.fast-path", "false");
        try (EmbeddedServer off = ApplicationContext.run(EmbeddedServer.class, props)) {
            assertThat(off.getApplicationContext().findBean(TileFastPath.class)).isEmpty();
            HttpResponse<byte[]> r = TilesContract.get(off.getURI() + buildingTile + "mvt?layers=buildings", null);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(TilesContract.get(base + buildingTile + "mvt?layers=buildings", null).body());
        }
    }

    private static String head(InputStream in) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            byte[] s = b.toByteArray();
            int n = s.length;
            if (n >= 4 && s[n - 4] == '\r' && s[n - 3] == '\n' && s[n - 2] == '\r' && s[n - 1] == '\n') {
                return new String(s, StandardCharsets.US_ASCII);
            }
        }
        throw new AssertionError("the connection closed before an answer's head: " + b);
    }
}
