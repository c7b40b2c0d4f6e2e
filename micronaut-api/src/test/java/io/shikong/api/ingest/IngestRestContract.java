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
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Loads and exports over REST on a real server: an upload by a data steward runs to a job with its counts
 * (and the same upload again changes nothing), a file of the import directory loads while paths leaving it
 * are refused, anonymous callers get 401 and other roles 403, an over-large upload 413; each export format
 * read back (GeoPackage and FlatGeobuf by GDAL's ogrinfo, GeoJSON and CSV parsed) holds the layer's count,
 * and a restricted layer is a 404 to anonymous callers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IngestRestContract {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String STEWARD = "steward:pw";
    static final String VIEWER = "viewer:pw";
    static final String LAYER = "inspection_sites";
    static final long MAX_UPLOAD = 200_000;

    EmbeddedServer server;
    FeatureStore store;
    Path work;
    Path imports;
    String base;

    abstract Map<String, Object> storeProperties() throws Exception;

    @BeforeAll
    void start() throws Exception {
        work = Files.createTempDirectory(Files.createDirectories(Path.of("target", "ingest-it")), "rest");
        imports = Files.createDirectories(work.resolve("imports"));
        Map<String, Object> props = new HashMap<>(storeProperties());
        props.put("micronaut.server.port", -1);
        props.put("shikong.samples.load", "true");
        props.put("shikong.users", "steward:pw:data_steward,viewer:pw:viewer,admin:pw:admin");
        props.put("shikong.ingest.import-dir", imports.toString());
        props.put("shikong.ingest.work-dir", work.resolve("spool").toString());
        props.put("shikong.ingest.max-upload-size", MAX_UPLOAD);
        server = ApplicationContext.run(EmbeddedServer.class, props);
        store = server.getApplicationContext().getBean(FeatureStore.class);
        base = server.getURI().toString();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static HttpRequest.Builder request(String url, String credentials) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120));
        if (credentials != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return b;
    }

    static HttpResponse<byte[]> send(HttpRequest r) throws Exception {
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A multipart upload of {@code file} as part {@code file}. */
    HttpResponse<byte[]> upload(Path file, String query, String credentials) throws Exception {
        return upload(file, query, credentials, Map.of());
    }

    /** A multipart upload with extra headers (what a browser adds: Origin, Sec-Fetch-Site). */
    HttpResponse<byte[]> upload(Path file, String query, String credentials, Map<String, String> headers) throws Exception {
        String boundary = "shikong" + java.util.UUID.randomUUID().toString().replace("-", "");
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = Files.readAllBytes(file);
        byte[] all = new byte[head.length + body.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        System.arraycopy(tail, 0, all, head.length + body.length, tail.length);
        HttpRequest.Builder b = request(base + "/api/v1/ingest/jobs/upload?" + query, credentials)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary);
        headers.forEach(b::header);
        return send(b.POST(HttpRequest.BodyPublishers.ofByteArray(all)).build());
    }

    HttpResponse<byte[]> fromPath(String json, String credentials) throws Exception {
        return send(request(base + "/api/v1/ingest/jobs", credentials).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Follows a job to its end. */
    JsonNode finished(HttpResponse<byte[]> created) throws Exception {
        assertThat(created.statusCode()).as(new String(created.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        String id = JSON.readTree(created.body()).get("id").asText();
        for (int i = 0; i < 1200; i++) {
            HttpResponse<byte[]> r = send(request(base + "/api/v1/ingest/jobs/" + id, STEWARD).build());
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode job = JSON.readTree(r.body());
            String state = job.get("state").asText();
            if (state.equals("done") || state.equals("failed")) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + id + " did not finish");
    }

    long current(String layer) {
        return store.count(Query.of(layer, Caller.of("test", Caller.ADMIN)).build());
    }

    long versions(String layer) {
        return store.count(Query.of(layer, Caller.of("test", Caller.ADMIN)).time(TimeSelection.ALL).build());
    }

    @Test
    void aDataStewardUploadsAndTheJobTellsItsCounts() throws Exception {
        Path file = SiteFiles.sites(work.resolve("upload.geojson"), "U", 25, Set.of());
        JsonNode job = finished(upload(file, "layer=" + LAYER, STEWARD));
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("done");
        assertThat(job.get("outcome").asText()).isEqualTo("loaded");
        assertThat(job.get("counts").get("read").asLong()).isEqualTo(25);
        assertThat(job.get("counts").get("inserted").asLong()).isEqualTo(25);
        assertThat(job.get("owner").asText()).isEqualTo("steward");
        long after = versions(LAYER);

        JsonNode again = finished(upload(file, "layer=" + LAYER, STEWARD));
        assertThat(again.get("counts").get("unchanged").asLong()).as(again.toString()).isEqualTo(25);
        assertThat(again.get("counts").get("inserted").asLong()).isZero();
        assertThat(versions(LAYER)).isEqualTo(after);

        // a dry run of a changed file: counted, not written
        Path changed = SiteFiles.sites(work.resolve("upload-2.geojson"), "U", 25, Set.of(2, 4));
        JsonNode dry = finished(upload(changed, "layer=" + LAYER + "&dryRun=true", STEWARD));
        assertThat(dry.get("outcome").asText()).isEqualTo("dry_run");
        assertThat(dry.get("counts").get("changed").asLong()).isEqualTo(2);
        assertThat(versions(LAYER)).isEqualTo(after);

        // rejects are reported with file, location, field and reason; nothing written
        String text = Files.readString(changed).replace("\"last_inspected_on\":\"2025-03-01\"", "\"last_inspected_on\":\"someday\"");
        Path bad = Files.writeString(work.resolve("bad.geojson"), text);
        JsonNode refused = finished(upload(bad, "layer=" + LAYER + "&maxRejects=2", STEWARD));
        assertThat(refused.get("state").asText()).isEqualTo("failed");
        assertThat(refused.get("outcome").asText()).isEqualTo("stopped");
        assertThat(refused.get("rejects").get(0).get("field").asText()).isEqualTo("last_inspected_on");
        assertThat(refused.get("rejects").get(0).get("file").asText()).isEqualTo("bad.geojson");
        assertThat(refused.get("rejects").get(0).get("reason").asText()).contains("someday");
        assertThat(versions(LAYER)).isEqualTo(after);

        HttpResponse<byte[]> list = send(request(base + "/api/v1/ingest/jobs", STEWARD).build());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(list.body()).get("jobs").size()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void onlyDataStewardsAndAdministratorsLoad() throws Exception {
        Path file = SiteFiles.sites(work.resolve("denied.geojson"), "D", 2, Set.of());
        long before = versions(LAYER);
        assertThat(upload(file, "layer=" + LAYER, null).statusCode()).isEqualTo(401);
        HttpResponse<byte[]> viewer = upload(file, "layer=" + LAYER, VIEWER);
        assertThat(viewer.statusCode()).isEqualTo(403);
        assertThat(viewer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(send(request(base + "/api/v1/ingest/jobs", null).build()).statusCode()).isEqualTo(401);
        assertThat(send(request(base + "/api/v1/ingest/jobs", VIEWER).build()).statusCode()).isEqualTo(403);
        assertThat(fromPath("{\"path\":\"denied.geojson\",\"layer\":\"" + LAYER + "\"}", VIEWER).statusCode()).isEqualTo(403);
        assertThat(versions(LAYER)).isEqualTo(before);
        // a restricted layer the steward cannot see is unknown to it
        HttpResponse<byte[]> hidden = upload(file, "layer=pipelines", STEWARD);
        assertThat(hidden.statusCode()).isEqualTo(404);
        // administrators may load
        assertThat(finished(upload(file, "layer=" + LAYER, "admin:pw")).get("state").asText()).isEqualTo("done");
    }

    @Test
    void aFormOfAnotherSiteCannotLoadWithTheBrowsersBasicCredentials() throws Exception {
        Path file = SiteFiles.sites(work.resolve("forged.geojson"), "F", 3, Set.of());
        long before = jobCount();
        // another page on this machine (another port), a browser's own marking: our refusal
        for (Map<String, String> browser : List.of(Map.of("Origin", "http://localhost:1"),
                Map.of("Sec-Fetch-Site", "cross-site"))) {
            HttpResponse<byte[]> forged = upload(file, "layer=" + LAYER, STEWARD, browser);
            assertThat(forged.statusCode()).as(browser.toString()).isEqualTo(403);
            assertThat(new String(forged.body(), StandardCharsets.UTF_8)).as(browser.toString())
                    .contains("cross-site request forgery");
        }
        // a public site's page, an opaque origin: refused too (here already by Micronaut's CORS filter, which
        // forbids other origins to a server on localhost; on a public host name by the same refusal as above)
        for (String origin : List.of("https://evil.example", "null")) {
            assertThat(upload(file, "layer=" + LAYER, STEWARD, Map.of("Origin", origin)).statusCode()).as(origin)
                    .isEqualTo(403);
        }
        assertThat(jobCount()).isEqualTo(before);
        // the service's own page (same origin) loads
        String own = base.replaceFirst("^http://", "");
        JsonNode job = finished(upload(file, "layer=" + LAYER, STEWARD, Map.of("Origin", "http://" + own,
                "Sec-Fetch-Site", "same-origin")));
        assertThat(job.get("state").asText()).isEqualTo("done");
    }

    long jobCount() throws Exception {
        HttpResponse<byte[]> list = send(request(base + "/api/v1/ingest/jobs", "admin:pw").build());
        assertThat(list.statusCode()).isEqualTo(200);
        return JSON.readTree(list.body()).get("jobs").size();
    }

    @Test
    void filesOfTheImportDirectoryLoadAndPathsLeavingItAreRefused() throws Exception {
        SiteFiles.sites(Files.createDirectories(imports.resolve("sites")).resolve("in.geojson"), "P", 12, Set.of());
        JsonNode job = finished(fromPath("{\"path\":\"sites/in.geojson\",\"layer\":\"" + LAYER + "\",\"validFrom\":\"2030-01-01\"}", STEWARD));
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("done");
        assertThat(job.get("counts").get("inserted").asLong()).isEqualTo(12);

        Path outside = SiteFiles.sites(work.resolve("outside.geojson"), "O", 2, Set.of());
        Files.createSymbolicLink(imports.resolve("link.geojson"), outside.toAbsolutePath());
        Files.createSymbolicLink(imports.resolve("out"), work.toAbsolutePath());
        for (String path : new String[] {"../outside.geojson", "sites/../../outside.geojson", outside.toAbsolutePath().toString(),
            "link.geojson", "out/outside.geojson", "nosuch.geojson"}) {
            HttpResponse<byte[]> r = fromPath("{\"path\":\"" + path + "\",\"layer\":\"" + LAYER + "\"}", STEWARD);
            assertThat(r.statusCode()).as(path + ": " + new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
    }

    @Test
    void anUploadOverTheLimitIs413() throws Exception {
        Path big = SiteFiles.sites(work.resolve("big.geojson"), "B", 1500, Set.of());
        assertThat(Files.size(big)).isGreaterThan(MAX_UPLOAD);
        HttpResponse<byte[]> r = upload(big, "layer=" + LAYER, STEWARD);
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    void everyExportFormatReadsBackWithTheLayersCount() throws Exception {
        long buildings = current("buildings");
        assertThat(buildings).isPositive();
        for (String format : new String[] {"gpkg", "fgb"}) {
            HttpResponse<byte[]> r = send(request(base + "/api/v1/layers/buildings/export?format=" + format, null).build());
            assertThat(r.statusCode()).as(format).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Disposition").orElse("")).contains("buildings." + format);
            Path file = Files.write(work.resolve("export." + format), r.body());
            assertThat(IngestCommandIT.ogrCount(file)).as(format).isEqualTo(buildings);
        }
        HttpResponse<byte[]> geojson = send(request(base + "/api/v1/layers/buildings/export?format=geojson", null).build());
        assertThat(geojson.statusCode()).isEqualTo(200);
        assertThat(geojson.headers().firstValue("Content-Type").orElse("")).startsWith("application/geo+json");
        assertThat(JSON.readTree(geojson.body()).get("features").size()).isEqualTo((int) buildings);
        HttpResponse<byte[]> csv = send(request(base + "/api/v1/layers/buildings/export?format=csv", null).build());
        assertThat(csv.statusCode()).isEqualTo(200);
        try (CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(new String(csv.body(), StandardCharsets.UTF_8)))) {
            assertThat(p.getRecords()).hasSize((int) buildings);
        }
        // as of an instant and filtered
        HttpResponse<byte[]> filtered = send(request(base + "/api/v1/layers/buildings/export?format=geojson&filter="
                + java.net.URLEncoder.encode("floors > 10", StandardCharsets.UTF_8) + "&asOf=2100-01-01", null).build());
        assertThat(filtered.statusCode()).as(new String(filtered.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        long tall = store.count(Query.of("buildings", Caller.ANONYMOUS)
                .filter(io.shikong.core.filter.Ecql.parse("floors > 10", "filter")).build());
        assertThat(JSON.readTree(filtered.body()).get("features").size()).isEqualTo((int) tall);
        // visibility as everywhere: a restricted layer is a 404 to anonymous callers; bad formats are 400
        assertThat(send(request(base + "/api/v1/layers/pipelines/export?format=geojson", null).build()).statusCode()).isEqualTo(404);
        assertThat(send(request(base + "/api/v1/layers/pipelines/export?format=geojson", "admin:pw").build()).statusCode()).isEqualTo(200);
        assertThat(send(request(base + "/api/v1/layers/buildings/export?format=shp", null).build()).statusCode()).isEqualTo(400);
    }
}
