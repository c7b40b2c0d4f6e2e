package io.shikong.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.shikong.core.query.Query;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import io.shikong.core.store.PostgisTestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code shikong ingest|export} in processes of their own (the application's main class on the test
 * classpath, as {@code bin/shikong} runs the jar) against a PostGIS a running server shares, whose REST API
 * shows the history: a load exits 0 with its counts, the same file again makes no version, a changed file
 * exactly the changed ones, a bad file exits 1 with the layer unchanged, rejects over the limit exit 3 with
 * the report written, a dry run counts and writes nothing, a load killed with SIGKILL midway leaves the layer
 * as it was; on the embedded store, a file the server holds exits 4 saying so.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestCommandIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Caller ADMIN = Caller.of("test", Caller.ADMIN);
    static final String LAYER = "inspection_sites";

    Map<String, Object> pg;
    EmbeddedServer server;
    FeatureStore store;
    Path work;

    record Run(int exit, String output) {
    }

    @BeforeAll
    void start() throws Exception {
        work = Files.createTempDirectory(Files.createDirectories(Path.of("target", "ingest-it")), "cli");
        pg = PostgisTestDatabase.serverProperties("ingest_cli_it");
        Map<String, Object> props = new HashMap<>(pg);
        props.put("micronaut.server.port", -1);
        props.put("shikong.samples.load", "false");
        server = ApplicationContext.run(EmbeddedServer.class, props);
        store = server.getApplicationContext().getBean(FeatureStore.class);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static List<String> command(Map<String, Object> props, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "-Dshikong.samples.load=false",
                "-Dshikong.tiles.cache-dir="));
        props.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("io.shikong.api.Application");
        command.addAll(List.of(args));
        return command;
    }

    static Run cli(Map<String, Object> props, String... args) throws Exception {
        Process p = new ProcessBuilder(command(props, args)).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    Run ingest(String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("ingest"));
        a.addAll(List.of(args));
        a.add("--no-progress");
        return cli(pg, a.toArray(String[]::new));
    }

    long versions() {
        return store.count(Query.of(LAYER, ADMIN).time(TimeSelection.ALL).build());
    }

    long current() {
        return store.count(Query.of(LAYER, ADMIN).build());
    }

    /** The versions of a feature, through REST. */
    int history(String id) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.getURI() + "/api/v1/layers/" + LAYER + "/features/" + id + "/history")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode doc = JSON.readTree(r.body());
        return doc.get("features").size();
    }

    @Test
    void loadsTheSameFileOnceAndExactlyTheChangesOfAChangedOne() throws Exception {
        Path first = SiteFiles.sites(work.resolve("sites-1.geojson"), "C", 40, Set.of());
        Run load = ingest(first.toString(), "--layer", LAYER);
        assertThat(load.exit()).as(load.output()).isZero();
        assertThat(load.output()).contains("读取 read 40", "新增 inserted 40", "变更 changed 0", "拒绝 rejected 0");
        long after = versions();
        assertThat(history("C-1")).isEqualTo(1);

        Run again = ingest(first.toString(), "--layer", LAYER);
        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(again.output()).contains("新增 inserted 0", "变更 changed 0", "未变 unchanged 40");
        assertThat(versions()).isEqualTo(after);
        assertThat(history("C-1")).isEqualTo(1);

        Path changed = SiteFiles.sites(work.resolve("sites-2.geojson"), "C", 40, Set.of(3, 7, 11));
        Run change = ingest(changed.toString(), "--layer", LAYER);
        assertThat(change.exit()).as(change.output()).isZero();
        assertThat(change.output()).contains("新增 inserted 0", "变更 changed 3", "未变 unchanged 37");
        assertThat(versions()).isEqualTo(after + 3);
        assertThat(history("C-3")).isEqualTo(2);
        assertThat(history("C-7")).isEqualTo(2);
        assertThat(history("C-4")).isEqualTo(1);

        // dry run: the diff printed, nothing written
        Path dry = SiteFiles.sites(work.resolve("sites-3.geojson"), "C", 42, Set.of(3, 7, 11, 12));
        Run dryRun = ingest(dry.toString(), "--layer", LAYER, "--dry-run");
        assertThat(dryRun.exit()).as(dryRun.output()).isZero();
        assertThat(dryRun.output()).contains("试运行", "dry run", "新增 inserted 2", "变更 changed 1", "未变 unchanged 39");
        assertThat(versions()).isEqualTo(after + 3);
        assertThat(history("C-12")).isEqualTo(1);

        // a truncated file: exit 1, nothing written
        String text = Files.readString(dry);
        Path bad = Files.writeString(work.resolve("truncated.geojson"), text.substring(0, text.length() / 2));
        Run broken = ingest(bad.toString(), "--layer", LAYER);
        assertThat(broken.exit()).as(broken.output()).isEqualTo(1);
        assertThat(broken.output()).contains("失败，未写入", "truncated.geojson");
        assertThat(versions()).isEqualTo(after + 3);

        // rejects over the limit: exit 3, the report written, nothing loaded
        String withBad = text.replace("\"last_inspected_on\":\"2025-03-01\",\"last_result\":\"pass\",\"district\":\"和平区\"}}",
                "\"last_inspected_on\":\"not a date\",\"last_result\":\"pass\",\"district\":\"和平区\"}}");
        Path rejects = Files.writeString(work.resolve("bad-dates.geojson"), withBad);
        Path report = work.resolve("rejects.csv");
        Run over = ingest(rejects.toString(), "--layer", LAYER, "--max-rejects", "5", "--reject-report", report.toString(),
                "--show-rejects", "2");
        assertThat(over.exit()).as(over.output()).isEqualTo(3);
        assertThat(over.output()).contains("last_inspected_on", "not a date", "more not listed");
        assertThat(Files.readAllLines(report, StandardCharsets.UTF_8)).hasSize(1 + 6)
                .element(1).asString().contains("bad-dates.geojson", "last_inspected_on");
        assertThat(versions()).isEqualTo(after + 3);

        // bad usage and unknown layers: exit 2
        assertThat(ingest(first.toString()).exit()).isEqualTo(2);
        Run unknown = ingest(first.toString(), "--layer", "no_such_layer");
        assertThat(unknown.exit()).as(unknown.output()).isEqualTo(2);
        assertThat(ingest(work.resolve("missing.geojson").toString(), "--layer", LAYER).exit()).isEqualTo(2);

        // and the export of what was loaded, read back by GDAL
        Path gpkg = work.resolve("sites.gpkg");
        Run export = cli(pg, "export", "--layer", LAYER, "--format", "gpkg", "--output", gpkg.toString(), "--no-progress");
        assertThat(export.exit()).as(export.output()).isZero();
        assertThat(ogrCount(gpkg)).isEqualTo(current());
        Run badFormat = cli(pg, "export", "--layer", LAYER, "--format", "shp", "--output", work.resolve("x.shp").toString());
        assertThat(badFormat.exit()).as(badFormat.output()).isEqualTo(2);
    }

    @Test
    void aLoadKilledMidwayLeavesTheLayerAsItWas() throws Exception {
        Path big = SiteFiles.siteLines(work.resolve("big.geojsonl"), "K", 300_000);
        long before = versions();
        long currentBefore = current();
        Process p = new ProcessBuilder(command(pg, "ingest", big.toString(), "--layer", LAYER, "--no-progress"))
                .redirectErrorStream(true).start();
        CompletableFuture<Boolean> loading = new CompletableFuture<>();
        StringBuilder out = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    out.append(line).append('\n');
                    if (line.contains("载入 loading")) {
                        loading.complete(true);
                    }
                }
            } catch (java.io.IOException ignored) {
                // the process was killed
            }
            loading.complete(false);
        });
        reader.start();
        assertThat(loading.get(600, TimeUnit.SECONDS)).as(out.toString()).isTrue();
        p.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no rollback by the process
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        reader.join();
        assertThat(out.toString()).doesNotContain("已载入 loaded");
        assertThat(versions()).isEqualTo(before);
        assertThat(current()).isEqualTo(currentBefore);
    }

    @Test
    void theEmbeddedFileHeldByAServerExitsWithFour() throws Exception {
        Path data = Files.createTempDirectory(work, "db").resolve("shikong");
        Map<String, Object> embedded = Map.of("shikong.store.kind", "embedded", "shikong.store.file", data.toString());
        Map<String, Object> props = new HashMap<>(embedded);
        props.put("micronaut.server.port", -1);
        props.put("shikong.samples.load", "false");
        Path file = SiteFiles.sites(work.resolve("held.geojson"), "H", 3, Set.of());
        try (EmbeddedServer held = ApplicationContext.run(EmbeddedServer.class, props)) {
            Run r = cli(embedded, "ingest", file.toString(), "--layer", LAYER, "--no-progress");
            assertThat(r.exit()).as(r.output()).isEqualTo(4);
            assertThat(r.output()).contains("服务正在使用数据文件", "the server holds the data file", "use PostGIS");
        }
        // once the server is gone, the same command loads
        Run r = cli(embedded, "ingest", file.toString(), "--layer", LAYER, "--no-progress");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("新增 inserted 3");
    }

    static long ogrCount(Path file) throws Exception {
        Process p = new ProcessBuilder("ogrinfo", "-ro", "-so", "-al", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        var m = java.util.regex.Pattern.compile("Feature Count: (\\d+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Long.parseLong(m.group(1));
    }
}
