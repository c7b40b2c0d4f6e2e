package io.shikong.api.ingest;

import io.micronaut.context.annotation.Bean;
import io.shikong.api.config.ShikongConfiguration;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.ShikongException;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import io.shikong.ingest.Ingest;
import io.shikong.ingest.IngestOptions;
import io.shikong.ingest.IngestReport;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loads asked over REST: queued and run in the background on a bounded pool
 * ({@code shikong.ingest.threads} threads), one at a time per layer (the store serializes loads into one
 * layer anyway; here a second waits for the first instead of holding a connection), each through the
 * same pipeline as {@code shikong ingest}. Jobs live in this process's memory: the last
 * {@code shikong.ingest.max-jobs} are kept; a job cut off by a restart left nothing written (loads are
 * all or nothing) and is simply asked again.
 *
 * <p>Who may load: callers with the {@value #DATA_STEWARD} role or {@code admin}, into any layer they can
 * see; the job writes as a system caller named after them ({@code ingest:<name>}, role admin), since
 * the layers' write roles are for feature editors, not for bulk loads.
 */
@Singleton
@Bean(preDestroy = "close")
public class IngestJobs implements AutoCloseable {

    /** The role of those who load datasets. */
    public static final String DATA_STEWARD = io.shikong.core.security.Caller.DATA_STEWARD;

    private static final Logger LOG = LoggerFactory.getLogger(IngestJobs.class);

    private final FeatureStore store;
    private final LayerCatalog catalog;
    private final CrsService crs;
    private final ShikongConfiguration.Ingest config;
    private final Clock clock = Clock.systemUTC();
    private final ExecutorService pool;
    private final Map<String, IngestJob> jobs = new LinkedHashMap<>();
    private final Map<String, ReentrantLock> layerLocks = new ConcurrentHashMap<>();

    public IngestJobs(FeatureStore store, LayerCatalog catalog, CrsService crs, ShikongConfiguration config) {
        this.store = store;
        this.catalog = catalog;
        this.crs = crs;
        this.config = config.ingest();
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(this.config.threads(), r -> {
            Thread t = new Thread(r, "shikong-ingest-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Whether the caller may load: {@value #DATA_STEWARD} or admin. */
    public static boolean mayLoad(Caller caller) {
        return caller.hasRole(DATA_STEWARD) || caller.hasRole(Caller.ADMIN);
    }

    /** The directory uploads and spools go to. */
    Path workDirectory() throws IOException {
        Path dir = config.workPath().orElse(Path.of(System.getProperty("java.io.tmpdir")).resolve("shikong-ingest"));
        return Files.createDirectories(dir);
    }

    /**
     * Queues a load of {@code file}.
     *
     * @param file      the source
     * @param name      its name for the job and the report
     * @param temporary a directory of the upload, deleted when the job ends; {@code null} for a file in the import directory
     * @param mapping   a mapping file (in {@code temporary}) or {@code null}
     * @throws ShikongException when the parameters are wrong or the layer is unknown to the caller (before queuing)
     */
    public IngestJob submit(Path file, String name, Path temporary, Path mapping, IngestParameters parameters,
                            Caller caller) throws IOException {
        LayerDefinition layer = catalog.layer(parameters.layer(), caller);
        IngestOptions options = parameters.options(mapping, 1000, temporary != null ? temporary : workDirectory());
        IngestJob job = new IngestJob(UUID.randomUUID().toString(), name, caller.name(), parameters, clock.instant());
        synchronized (jobs) {
            jobs.put(job.id(), job);
            trim();
        }
        Caller writer = Caller.of("ingest:" + caller.name(), Caller.ADMIN);
        pool.submit(() -> run(job, file, layer, options, writer, temporary));
        return job;
    }

    private void run(IngestJob job, Path file, LayerDefinition layer, IngestOptions options, Caller writer, Path temporary) {
        ReentrantLock lock = layerLocks.computeIfAbsent(layer.name(), k -> new ReentrantLock(true));
        lock.lock();
        try {
            job.started(clock.instant());
            IngestReport report = new Ingest(crs, io.shikong.ingest.Loader.of(store, writer)).run(file, layer, options, job::progress);
            job.finished(report, null, clock.instant());
            LOG.info("ingest job {} ({} -> {}): {} read, {} rejected, {}", job.id(), job.file(), layer.name(),
                    report.read(), report.rejected(), report.status());
        } catch (IOException | RuntimeException e) {
            LOG.warn("ingest job {} failed", job.id(), e);
            job.finished(null, "载入失败 / the load failed: " + e.getMessage(), clock.instant());
        } finally {
            lock.unlock();
            if (temporary != null) {
                deleteQuietly(temporary);
            }
        }
    }

    /** Every job kept, oldest first. */
    public List<IngestJob> list() {
        synchronized (jobs) {
            return new ArrayList<>(jobs.values());
        }
    }

    /** The job of that id. */
    public Optional<IngestJob> find(String id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id));
        }
    }

    private void trim() {
        var it = jobs.values().iterator();
        while (jobs.size() > config.maxJobs() && it.hasNext()) {
            IngestJob j = it.next();
            if (j.state() == IngestJob.State.DONE || j.state() == IngestJob.State.FAILED) {
                it.remove();
            }
        }
    }

    static void deleteQuietly(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a file still open on some platform: the temp folder's cleaner takes it
                }
            });
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** Stops taking jobs; a running load is interrupted with the process (and, all or nothing, leaves nothing). */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
