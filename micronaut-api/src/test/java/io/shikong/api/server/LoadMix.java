package io.shikong.api.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mixed load of clients over loopback for {@link LoadIT} and {@link PostgresRestartIT}: WMS maps, WFS and
 * REST features, anonymous red-line checks, WFS-T inserts by an editor (each acknowledged feature id kept)
 * and slow readers that read a large GetFeature a few kilobytes at a time. Every answer's status is
 * counted; anything but 200/201/503 (or a 503 without Retry-After, or an exception) is an error, kept with
 * its text. Latencies are measured to be printed, never asserted.
 */
final class LoadMix {

    enum Kind { MAP, WFS_FEATURES, REST_FEATURES, RED_LINE, WFS_INSERT, SLOW_READER }

    static final Pattern FID = Pattern.compile("InsertResults.*?fid=\"pois\\.([^\"]+)\"", Pattern.DOTALL);

    private final String base;
    private final String editor;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1)
            .executor(java.util.concurrent.Executors.newCachedThreadPool()).build();
    final Map<Kind, ConcurrentLinkedQueue<Long>> latencies = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> statuses = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    final AtomicLong unavailable = new AtomicLong();
    /** Streams cut after their 200 (the database stopped under them), when {@link #toleratingCutStreams()}. */
    final AtomicLong cut = new AtomicLong();
    private volatile boolean tolerateCut;
    final AtomicLong requests = new AtomicLong();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private CountDownLatch done;

    LoadMix(String base, String editorUserPassword) {
        this.base = base;
        this.editor = "Basic " + Base64.getEncoder().encodeToString(editorUserPassword.getBytes(StandardCharsets.UTF_8));
        for (Kind k : Kind.values()) {
            latencies.put(k, new ConcurrentLinkedQueue<>());
        }
    }

    /** The kind of client {@code i} of {@code n}: a twentieth slow readers, a tenth writers, the rest mixed. */
    static Kind kindOf(int i, int n) {
        if (i < Math.max(1, n / 20)) {
            return Kind.SLOW_READER;
        }
        if (i < Math.max(2, n / 20 + n / 10)) {
            return Kind.WFS_INSERT;
        }
        return switch (i % 4) {
            case 0 -> Kind.MAP;
            case 1 -> Kind.WFS_FEATURES;
            case 2 -> Kind.REST_FEATURES;
            default -> Kind.RED_LINE;
        };
    }

    /**
     * Counts a streamed answer (features, the slow readers' GetFeature) cut after its 200 as {@link #cut},
     * not as an error: once the status is sent, a stream whose database goes away can only stop.
     */
    LoadMix toleratingCutStreams() {
        tolerateCut = true;
        return this;
    }

    private boolean streamed(Kind kind) {
        return kind == Kind.SLOW_READER || kind == Kind.WFS_FEATURES || kind == Kind.REST_FEATURES;
    }

    /** Starts {@code clients} clients, each in a loop until {@link #stopAndWait()}. */
    void start(int clients) {
        done = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            Kind kind = kindOf(i, clients);
            Random random = new Random(i * 7919L + 17);
            int client = i;
            Thread t = new Thread(() -> {
                try {
                    int n = 0;
                    while (!stop.get()) {
                        once(kind, random, client, n++);
                        Thread.sleep(random.nextInt(50)); // a little think time
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }, "load-" + kind + "-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    void stopAndWait() throws InterruptedException {
        stop.set(true);
        if (!done.await(120, java.util.concurrent.TimeUnit.SECONDS)) { // a hang guard: requests time out at 60 s
            errors.add("clients still running 120 s after the stop");
        }
    }

    private void once(Kind kind, Random random, int client, int n) {
        double x = 123.30 + random.nextDouble() * 0.15;
        double y = 41.70 + random.nextDouble() * 0.15;
        double d = 0.01 + random.nextDouble() * 0.04;
        String bbox = String.format(Locale.ROOT, "%.5f,%.5f,%.5f,%.5f", x, y, x + d, y + d);
        HttpRequest.Builder b;
        switch (kind) {
            case MAP -> b = get("/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=buildings,pois&STYLES="
                    + "&CRS=CRS:84&BBOX=" + bbox + "&WIDTH=512&HEIGHT=512&FORMAT=image/png");
            case WFS_FEATURES -> b = get("/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=shikong:buildings"
                    + "&COUNT=200&BBOX=" + bbox + ",urn:ogc:def:crs:OGC:1.3:CRS84");
            case REST_FEATURES -> b = get("/api/v1/layers/pois/features?limit=200&bbox=" + bbox);
            case RED_LINE -> b = HttpRequest.newBuilder(URI.create(base + "/api/v1/redline/checks"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(String.format(Locale.ROOT, "{\"footprint\":{\"type\":"
                            + "\"Polygon\",\"coordinates\":[[[%1$.5f,%2$.5f],[%3$.5f,%2$.5f],[%3$.5f,%4$.5f],[%1$.5f,%4$.5f],"
                            + "[%1$.5f,%2$.5f]]]},\"bufferMeters\":50}", x, y, x + d / 4, y + d / 4)));
            case WFS_INSERT -> b = HttpRequest.newBuilder(URI.create(base + "/wfs"))
                    .header("Content-Type", "application/xml; charset=UTF-8").header("Authorization", editor)
                    .POST(HttpRequest.BodyPublishers.ofString(insert("load-" + client + "-" + n, x, y)));
            default -> b = get("/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=shikong:pois&COUNT=2000");
        }
        long start = System.nanoTime(); // measured to be printed, never asserted
        try {
            int status;
            String body;
            HttpResponse<InputStream> r = http.send(b.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                body = kind == Kind.SLOW_READER && r.statusCode() == 200 ? readSlowly(in) : new String(in.readAllBytes(),
                        StandardCharsets.UTF_8);
            }
            status = r.statusCode();
            latencies.get(kind).add(System.nanoTime() - start);
            requests.incrementAndGet();
            statuses.computeIfAbsent(kind + " " + status, k -> new AtomicLong()).incrementAndGet();
            if (status == 503) {
                unavailable.incrementAndGet();
                if (r.headers().firstValue("Retry-After").isEmpty()) {
                    errors.add(kind + ": 503 without Retry-After");
                }
            } else if (status != 200 && status != 201) {
                String text = body.replaceFirst("(?s)^<\\?xml[^>]*>", "").replaceAll("\\s+", " ");
                errors.add(kind + ": " + status + " " + text.substring(0, Math.min(400, text.length())));
            } else if (kind == Kind.WFS_INSERT) {
                Matcher m = FID.matcher(body);
                if (m.find()) {
                    acknowledged.add(m.group(1));
                } else {
                    errors.add("insert acknowledged without an id: " + body.substring(0, Math.min(300, body.length())));
                }
            } else if (kind == Kind.SLOW_READER && !body.contains("</wfs:FeatureCollection>")) {
                if (tolerateCut) {
                    cut.incrementAndGet();
                } else {
                    errors.add("slow reader: the collection was cut off");
                }
            }
        } catch (IOException e) {
            if (tolerateCut && streamed(kind)) {
                cut.incrementAndGet();
            } else {
                errors.add(kind + ": " + e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).GET();
    }

    /** 16 KiB, a pause, 16 KiB...: a client on a slow line. */
    private static String readSlowly(InputStream in) throws IOException, InterruptedException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[16 * 1024];
        for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
            out.write(buf, 0, r);
            Thread.sleep(10);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static String insert(String name, double x, double y) {
        return String.format(Locale.ROOT, """
                <wfs:Transaction service="WFS" version="1.1.0" xmlns:wfs="http://www.opengis.net/wfs"
                    xmlns:gml="http://www.opengis.net/gml" xmlns:shikong="https://shikong.io/features">
                  <wfs:Insert><shikong:pois><shikong:name>%s</shikong:name><shikong:category>shop</shikong:category>
                    <shikong:geom><gml:Point srsName="urn:ogc:def:crs:EPSG::4490"><gml:pos>%.6f %.6f</gml:pos></gml:Point></shikong:geom>
                  </shikong:pois></wfs:Insert>
                </wfs:Transaction>""", name, y, x);
    }

    /** The percentile {@code p} (0..100) of the latencies of {@code kinds}, milliseconds. */
    double percentileMillis(double p, Kind... kinds) {
        List<Long> all = new ArrayList<>();
        for (Kind k : kinds.length == 0 ? Kind.values() : kinds) {
            all.addAll(latencies.get(k));
        }
        if (all.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(all);
        int i = (int) Math.ceil(p / 100 * all.size()) - 1;
        return all.get(Math.max(0, Math.min(all.size() - 1, i))) / 1e6;
    }

    /** The first few distinct errors, for an assertion's message. */
    List<String> someErrors() {
        return errors.stream().distinct().limit(5).toList();
    }

    /** A table of the counts and latencies, for the test's output. */
    String report(double seconds) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%d requests in %.0f s (%.1f/s), %d answered 503, %d errors, %d streams cut,"
                        + " %d inserts acknowledged%n", requests.get(), seconds, requests.get() / seconds, unavailable.get(),
                errors.size(), cut.get(), acknowledged.size()));
        s.append(String.format(Locale.ROOT, "all: p50 %.0f ms, p99 %.0f ms, max %.0f ms%n", percentileMillis(50),
                percentileMillis(99), percentileMillis(100)));
        for (Kind k : Kind.values()) {
            s.append(String.format(Locale.ROOT, "%-14s n=%-6d p50 %6.0f ms  p99 %6.0f ms%n", k, latencies.get(k).size(),
                    percentileMillis(50, k), percentileMillis(99, k)));
        }
        s.append("statuses: ").append(new TreeMap<>(Map.copyOf(statuses))).append('\n');
        return s.toString();
    }
}
