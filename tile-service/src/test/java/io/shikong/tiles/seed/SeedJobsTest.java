package io.shikong.tiles.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.LayerNotFoundException;
import io.shikong.core.security.Caller;
import io.shikong.samples.SampleCatalog;
import io.shikong.tiles.TileFormat;
import io.shikong.tiles.TileRequest;
import io.shikong.tiles.grid.TileMatrixSet;
import io.shikong.tiles.grid.TileMatrixSets;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

/**
 * Seeding jobs: the tiles asked for in zoom, row, column order and counted beforehand, progress kept in the
 * job's file, a job resumed after a restart from its written progress without asking again for the tiles
 * before it, cancel, truncation per zoom, and bad jobs refused before they are queued.
 */
class SeedJobsTest {

    static final CrsService CRS = new CrsService();
    static final TileMatrixSets SETS = new TileMatrixSets(CRS);
    static final LayerCatalog CATALOG = SampleCatalog.load();
    static final Caller ADMIN = Caller.of("admin", Caller.ADMIN);
    static final SeedJob.Area SHENYANG = new SeedJob.Area(123.2, 41.6, 123.7, 42.0);

    /** Records the tiles; may hold each one until released. */
    static final class Recorder implements SeedJobs.Worker {
        final List<TileRequest> seeded = Collections.synchronizedList(new ArrayList<>());
        final List<String> truncated = Collections.synchronizedList(new ArrayList<>());
        final Semaphore permits;

        Recorder(int permits) {
            this.permits = new Semaphore(permits);
        }

        @Override
        public void seed(TileRequest request) {
            try {
                permits.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
            seeded.add(request);
        }

        @Override
        public void truncate(String layer, TileMatrixSet set, int zoom, Envelope storageArea) {
            truncated.add(layer + "/" + set.id() + "/" + zoom);
        }
    }

    static SeedJobs jobs(Path dir, SeedJobs.Worker worker) {
        SeedJobs jobs = new SeedJobs(dir, CATALOG, null, CRS, SETS, worker, Clock.systemUTC());
        jobs.start();
        return jobs;
    }

    static SeedJob await(SeedJobs jobs, String id, SeedJob.State state) throws InterruptedException {
        for (int i = 0; i < 6000; i++) {
            SeedJob j = jobs.get(id);
            if (j.state() == state) {
                return j;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("job " + id + " never reached " + state + ": " + jobs.get(id));
    }

    @Test
    void aSeedJobAsksForEveryTileOnceInZoomRowColumnOrder() throws Exception {
        Path dir = Files.createTempDirectory("seed-jobs");
        Recorder worker = new Recorder(Integer.MAX_VALUE);
        try (SeedJobs jobs = jobs(dir, worker)) {
            SeedJob job = jobs.submit(new SeedJobs.Spec(SeedJob.Kind.SEED, List.of("buildings", "pois"), null,
                    "WebMercatorQuad", 10, 12, SHENYANG, TileFormat.PNG), ADMIN);
            long expected = 0;
            TileMatrixSet set = SETS.get("WebMercatorQuad");
            for (int z = 10; z <= 12; z++) {
                var range = set.matrix(z).orElseThrow().range(new io.shikong.tiles.grid.TileProjection(CRS)
                        .toTiles(set, CRS.transform(new Envelope(123.2, 123.7, 41.6, 42.0), CRS.resolve("CRS84"), CRS.storage())));
                expected += range.count();
            }
            assertThat(job.total()).isEqualTo(expected).isGreaterThan(10);
            SeedJob done = await(jobs, job.id(), SeedJob.State.DONE);
            assertThat(done.done()).isEqualTo(expected);
            assertThat(worker.seeded).hasSize((int) expected);
            assertThat(worker.seeded).allSatisfy(r -> {
                assertThat(r.layers()).containsExactly("buildings", "pois");
                assertThat(r.format()).isEqualTo(TileFormat.PNG);
                assertThat(r.asOf()).isNull();
            });
            for (int i = 1; i < worker.seeded.size(); i++) {
                TileRequest a = worker.seeded.get(i - 1);
                TileRequest b = worker.seeded.get(i);
                assertThat(a.zoom() < b.zoom() || a.zoom() == b.zoom() && (a.row() < b.row()
                        || a.row() == b.row() && a.col() < b.col())).as(a + " before " + b).isTrue();
            }
            assertThat(Files.readString(dir.resolve(job.id() + ".json"))).contains("\"state\" : \"done\"");
        }
    }

    @Test
    void aRestartResumesTheJobFromItsWrittenProgress() throws Exception {
        Path dir = Files.createTempDirectory("seed-jobs");
        Recorder first = new Recorder(SeedJobs.PERSIST_EVERY * 2 + 5);
        String id;
        long total;
        try (SeedJobs jobs = jobs(dir, first)) {
            SeedJob job = jobs.submit(new SeedJobs.Spec(SeedJob.Kind.SEED, List.of("buildings"), null, "c", 12, 14,
                    SHENYANG, null), ADMIN);
            id = job.id();
            total = job.total();
            assertThat(total).isGreaterThan(SeedJobs.PERSIST_EVERY * 3L);
            while (first.seeded.size() < SeedJobs.PERSIST_EVERY * 2 + 5) {
                Thread.sleep(10);
            }
            assertThat(jobs.get(id).state()).isEqualTo(SeedJob.State.RUNNING);
        } // closed while the worker waits for its next tile: the process stops
        String kept = Files.readString(dir.resolve(id + ".json"));
        assertThat(kept).contains("\"state\" : \"running\"").contains("\"done\" : " + SeedJobs.PERSIST_EVERY * 2);

        Recorder second = new Recorder(Integer.MAX_VALUE);
        try (SeedJobs jobs = jobs(dir, second)) {
            SeedJob done = await(jobs, id, SeedJob.State.DONE);
            assertThat(done.done()).isEqualTo(total);
            assertThat(done.format()).isEqualTo(TileFormat.MVT);
            assertThat(second.seeded).hasSize((int) (total - SeedJobs.PERSIST_EVERY * 2));
            // the first tile asked again is the first one after the written progress
            List<TileRequest> all = new ArrayList<>(first.seeded.subList(0, SeedJobs.PERSIST_EVERY * 2));
            all.addAll(second.seeded);
            assertThat(all.stream().map(r -> r.zoom() + "/" + r.col() + "/" + r.row()).distinct().count()).isEqualTo(total);
        }
    }

    @Test
    void aCancelledJobStopsAndStaysCancelled() throws Exception {
        Path dir = Files.createTempDirectory("seed-jobs");
        Recorder worker = new Recorder(3);
        String id;
        try (SeedJobs jobs = jobs(dir, worker)) {
            id = jobs.submit(new SeedJobs.Spec(SeedJob.Kind.SEED, List.of("buildings"), null, "WebMercatorQuad", 12, 13,
                    SHENYANG, TileFormat.MVT), ADMIN).id();
            while (worker.seeded.size() < 3) {
                Thread.sleep(10);
            }
            SeedJob cancelled = jobs.cancel(id);
            assertThat(cancelled.state()).isEqualTo(SeedJob.State.CANCELLED);
            assertThat(cancelled.finished()).isNotNull();
            worker.permits.release(1000);
            // a job queued after it runs, so the worker has moved on from the cancelled one
            String next = jobs.submit(new SeedJobs.Spec(SeedJob.Kind.TRUNCATE, List.of("buildings"), null,
                    "WebMercatorQuad", 12, 12, SHENYANG, null), ADMIN).id();
            await(jobs, next, SeedJob.State.DONE);
            assertThat(worker.seeded.size()).isLessThanOrEqualTo(4);
            assertThat(jobs.cancel(next).state()).isEqualTo(SeedJob.State.DONE);
        }
        try (SeedJobs jobs = jobs(dir, new Recorder(Integer.MAX_VALUE))) {
            assertThat(jobs.get(id).state()).isEqualTo(SeedJob.State.CANCELLED);
            assertThat(jobs.list()).hasSize(2);
        }
    }

    @Test
    void aTruncateJobDropsEachZoomOfEachLayer() throws Exception {
        Recorder worker = new Recorder(0);
        try (SeedJobs jobs = jobs(Files.createTempDirectory("seed-jobs"), worker)) {
            SeedJob job = jobs.submit(new SeedJobs.Spec(SeedJob.Kind.TRUNCATE, List.of("buildings", "pois"), null,
                    "CGCS2000Quad", 5, 7, SHENYANG, null), ADMIN);
            assertThat(job.total()).isEqualTo(3);
            await(jobs, job.id(), SeedJob.State.DONE);
            assertThat(worker.truncated).containsExactly("buildings/CGCS2000Quad/5", "pois/CGCS2000Quad/5",
                    "buildings/CGCS2000Quad/6", "pois/CGCS2000Quad/6", "buildings/CGCS2000Quad/7", "pois/CGCS2000Quad/7");
        }
    }

    @Test
    void badJobsAreRefusedBeforeTheyAreQueued() throws Exception {
        Path dir = Files.createTempDirectory("seed-jobs");
        try (SeedJobs jobs = jobs(dir, new Recorder(0))) {
            assertThatThrownBy(() -> jobs.submit(new SeedJobs.Spec(SeedJob.Kind.SEED, List.of("nope"), null,
                    "WebMercatorQuad", 1, 2, SHENYANG, null), ADMIN)).isInstanceOf(LayerNotFoundException.class);
            assertThatThrownBy(() -> jobs.submit(new SeedJobs.Spec(SeedJob.Kind.SEED, List.of("buildings"), null,
                    "nope", 1, 2, SHENYANG, null), ADMIN)).isInstanceOf(InvalidParameterException.class)
                    .hasFieldOrPropertyWithValue("locator", "tileMatrixSet");
            assertThatThrownBy(() -> jobs.submit(new SeedJobs.Spec(SeedJob.Kind.SEED, List.of("buildings"), null,
                    "c", 0, 2, SHENYANG, null), ADMIN)).hasFieldOrPropertyWithValue("locator", "zoom");
            assertThatThrownBy(() -> jobs.submit(new SeedJobs.Spec(SeedJob.Kind.SEED, List.of("buildings"), null,
                    "WebMercatorQuad", 5, 3, SHENYANG, null), ADMIN)).hasFieldOrPropertyWithValue("locator", "zoom");
            assertThatThrownBy(() -> jobs.submit(new SeedJobs.Spec(SeedJob.Kind.SEED, List.of("buildings"), null,
                    "WebMercatorQuad", 0, 24, new SeedJob.Area(-180, -90, 180, 90), null), ADMIN))
                    .hasFieldOrPropertyWithValue("locator", "zoom").hasMessageContaining("too many tiles");
            assertThatThrownBy(() -> new SeedJob.Area(123.7, 41.6, 123.2, 42.0)).hasFieldOrPropertyWithValue("locator", "bbox");
            assertThatThrownBy(() -> jobs.submit(new SeedJobs.Spec(SeedJob.Kind.SEED, List.of(), null,
                    "WebMercatorQuad", 1, 2, SHENYANG, null), ADMIN)).hasFieldOrPropertyWithValue("locator", "layers");
            assertThat(jobs.list()).isEmpty();
            try (var files = Files.list(dir)) {
                assertThat(files).isEmpty();
            }
        }
    }

    @Test
    void theJsonOfAJobReadsBackTheSame() throws Exception {
        SeedJob job = new SeedJob("j1", SeedJob.Kind.SEED, List.of("a", "b"), "s", "CGCS2000Quad", 3, 9, SHENYANG,
                TileFormat.PNG8, SeedJob.State.FAILED, 5, 10, "它坏了 broke", java.time.Instant.parse("2026-01-02T03:04:05.678Z"),
                java.time.Instant.parse("2026-01-02T03:04:06Z"), java.time.Instant.parse("2026-01-02T03:05:00Z"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SeedJobs.write(job, out);
        assertThat(SeedJobs.read(new ByteArrayInputStream(out.toByteArray()))).isEqualTo(job);
    }
}
