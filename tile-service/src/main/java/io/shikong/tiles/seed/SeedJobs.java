package io.shikong.tiles.seed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import io.shikong.tiles.TileFormat;
import io.shikong.tiles.TileRequest;
import io.shikong.tiles.grid.TileMatrix;
import io.shikong.tiles.grid.TileMatrixSet;
import io.shikong.tiles.grid.TileMatrixSets;
import io.shikong.tiles.grid.TileProjection;
import io.shikong.tiles.grid.TileRange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.locationtech.jts.geom.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seeding and truncating jobs of one tile cache: each job a JSON file {@code <id>.json} in a directory
 * (the cache's {@code jobs}), run one at a time on a single worker thread, in the order they were asked
 * for. A seed job asks for its tiles in a fixed order (zoom, then row, then column) and writes its
 * progress every {@value #PERSIST_EVERY} tiles, so after a restart {@link #start()} resumes each queued or
 * running job from the last index written (at most that many tiles are asked for twice, which the cache
 * answers from itself). A truncate job drops one zoom per step.
 *
 * <p>The tiles themselves are made or dropped by a {@link Worker} (the tile service and its cache); this
 * class only plans, orders, persists and reports.
 */
public final class SeedJobs implements AutoCloseable {

    /** Progress is written to the job's file every this many tiles (and when the job ends). */
    public static final int PERSIST_EVERY = 64;
    /** The most tiles one seed job may ask for (zoom 18 of a whole city is about a million). */
    public static final long MAX_TILES = 20_000_000L;
    /** The most jobs waiting or running at once. */
    public static final int MAX_PENDING = 100;

    private static final Logger LOG = LoggerFactory.getLogger(SeedJobs.class);
    private static final JsonFactory JSON = new JsonFactory();
    /** Who seeds: the tiles of every layer the job names, whoever asked for the job. */
    private static final Caller SEEDER = Caller.of("tile-seeder", Caller.ADMIN);
    /** Web Mercator reaches this latitude (its square world). */
    private static final double MERCATOR_LAT = 85.0511287798066;

    /** Makes and drops tiles for the jobs. */
    public interface Worker {

        /** Makes one tile and keeps it in the cache (the tile service with its cache). */
        void seed(TileRequest request);

        /**
         * Drops the cached tiles of a layer at one zoom of a set that touch an area.
         *
         * @param storageArea the area in the storage CRS
         */
        void truncate(String layer, TileMatrixSet set, int zoom, Envelope storageArea);
    }

    /**
     * What a client asks for.
     *
     * @param kind      seed or truncate
     * @param layers    layer names
     * @param style     style of raster tiles, or {@code null}
     * @param matrixSet tile matrix set identifier or alias
     * @param minZoom   first zoom
     * @param maxZoom   last zoom
     * @param area      the area in longitude/latitude, or {@code null} for the extent of the layers' data
     * @param format    tile format, or {@code null} for MVT
     */
    public record Spec(SeedJob.Kind kind, List<String> layers, String style, String matrixSet, int minZoom, int maxZoom,
                       SeedJob.Area area, TileFormat format) {
    }

    private final Path directory;
    private final LayerCatalog catalog;
    private final FeatureStore store;
    private final CrsService crs;
    private final TileMatrixSets sets;
    private final TileProjection projection;
    private final Worker worker;
    private final Clock clock;
    private final Map<String, SeedJob> jobs = new LinkedHashMap<>();
    private final LinkedBlockingQueue<String> pending = new LinkedBlockingQueue<>();
    private volatile boolean closing;
    private Thread thread;

    /**
     * @param directory where the jobs are kept (created if missing)
     * @param catalog   the layers (a job's layers must exist and be visible to whoever asks)
     * @param store     the store (the extent of the layers' data when a job names no area)
     * @param crs       the CRS service
     * @param sets      the tile matrix sets
     * @param worker    makes and drops the tiles
     * @param clock     the clock of the jobs' timestamps
     */
    public SeedJobs(Path directory, LayerCatalog catalog, FeatureStore store, CrsService crs, TileMatrixSets sets,
                    Worker worker, Clock clock) {
        this.directory = directory;
        this.catalog = catalog;
        this.store = store;
        this.crs = crs;
        this.sets = sets;
        this.projection = new TileProjection(crs);
        this.worker = worker;
        this.clock = clock;
    }

    /**
     * Reads the jobs kept in the directory and starts the worker thread, which resumes the queued and
     * running ones (oldest first) from their last written progress. A job file that cannot be read is logged
     * and left alone.
     */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the seeding jobs directory " + directory, e);
        }
        List<SeedJob> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.json")) {
            for (Path f : files) {
                try (InputStream in = Files.newInputStream(f)) {
                    found.add(read(in));
                } catch (IOException | RuntimeException e) {
                    LOG.warn("seeding job file {} cannot be read, left alone: {}", f, e.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the seeding jobs in " + directory, e);
        }
        found.sort(Comparator.comparing(SeedJob::created).thenComparing(SeedJob::id));
        for (SeedJob job : found) {
            jobs.put(job.id(), job);
            if (!job.state().finished()) {
                LOG.info("resuming {} job {} at {}/{}", job.kind().label(), job.id(), job.done(), job.total());
                pending.add(job.id());
            }
        }
        thread = new Thread(this::work, "tile-seeder");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Plans a job and queues it.
     *
     * @param spec   what to seed or truncate
     * @param caller who asks: the layers must be visible to it
     * @return the queued job, with its total
     * @throws InvalidParameterException a bad set, zoom range, area or too many tiles; LayerNotFoundException
     *                                   for a layer the caller cannot see; ServerBusy (503) when
     *                                   {@value #MAX_PENDING} jobs are waiting
     */
    public SeedJob submit(Spec spec, Caller caller) {
        if (spec.kind() == null) {
            throw new InvalidParameterException("kind", "任务类型须为 seed 或 truncate / kind must be 'seed' or 'truncate'");
        }
        if (spec.layers() == null || spec.layers().isEmpty() || spec.layers().stream().anyMatch(l -> l == null || l.isBlank())) {
            throw new InvalidParameterException("layers", "须指定图层 / name at least one layer");
        }
        List<String> layers = spec.layers().stream().map(String::trim).distinct().toList();
        for (String layer : layers) {
            catalog.layer(layer, caller);
        }
        TileMatrixSet set = sets.get(spec.matrixSet());
        if (spec.minZoom() > spec.maxZoom() || set.matrix(spec.minZoom()).isEmpty() || set.matrix(spec.maxZoom()).isEmpty()) {
            throw new InvalidParameterException("zoom", "缩放级别范围无效 invalid zoom range " + spec.minZoom() + "-"
                    + spec.maxZoom() + ": " + set.id() + " has " + set.minZoom() + "-" + set.maxZoom());
        }
        SeedJob.Area area = spec.area() == null ? dataArea(layers) : spec.area();
        TileFormat format = spec.format() == null ? TileFormat.MVT : spec.format();
        long total = spec.kind() == SeedJob.Kind.SEED ? tileCount(set, spec.minZoom(), spec.maxZoom(), area)
                : spec.maxZoom() - spec.minZoom() + 1;
        if (total > MAX_TILES) {
            throw new InvalidParameterException("zoom", "瓦片过多 too many tiles: " + total + " (at most " + MAX_TILES
                    + "); narrow the zoom range or the area");
        }
        SeedJob job = new SeedJob(UUID.randomUUID().toString(), spec.kind(), layers, blankToNull(spec.style()), set.id(),
                spec.minZoom(), spec.maxZoom(), area, format, SeedJob.State.QUEUED, 0, total, null, clock.instant(), null, null);
        synchronized (this) {
            long waiting = jobs.values().stream().filter(j -> !j.state().finished()).count();
            if (waiting >= MAX_PENDING) {
                throw new ShikongException(OgcCode.SERVER_BUSY, null, "已有 " + waiting + " 个任务等待 / " + waiting
                        + " jobs are waiting already; try again later");
            }
            jobs.put(job.id(), job);
            persist(job);
            pending.add(job.id());
        }
        return job;
    }

    /** Every job known, oldest first. */
    public synchronized List<SeedJob> list() {
        return List.copyOf(jobs.values());
    }

    /** The job with this id. */
    public synchronized Optional<SeedJob> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /**
     * The job with this id.
     *
     * @throws ShikongException NotFound (404) when there is none
     */
    public SeedJob get(String id) {
        return find(id).orElseThrow(() -> new ShikongException(OgcCode.NOT_FOUND, "id",
                "没有该任务 no seeding job '" + id + "'"));
    }

    /**
     * Cancels a queued or running job (a running one stops before its next tile; the tiles made stay
     * cached). A finished job is answered as it is.
     */
    public synchronized SeedJob cancel(String id) {
        SeedJob job = get(id);
        if (job.state().finished()) {
            return job;
        }
        SeedJob cancelled = job.with(SeedJob.State.CANCELLED, job.done(), job.total(), null, job.started(), clock.instant());
        jobs.put(id, cancelled);
        persist(cancelled);
        pending.remove(id);
        return cancelled;
    }

    /** Stops the worker; a running job keeps its written progress and resumes at the next {@link #start()}. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            closing = true;
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // --- the worker -------------------------------------------------------------------------------

    private void work() {
        while (!closing) {
            String id;
            try {
                id = pending.take();
            } catch (InterruptedException e) {
                return;
            }
            SeedJob job;
            synchronized (this) {
                job = jobs.get(id);
                if (job == null || job.state().finished()) {
                    continue;
                }
                job = job.with(SeedJob.State.RUNNING, job.done(), job.total(), null,
                        job.started() == null ? clock.instant() : job.started(), null);
                jobs.put(id, job);
                persist(job);
            }
            try {
                run(job);
            } catch (RuntimeException e) {
                if (closing) {
                    return; // the job keeps its last written progress, resumed at the next start
                }
                LOG.warn("{} job {} failed", job.kind().label(), id, e);
                update(id, SeedJob.State.FAILED, -1, e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
    }

    private void run(SeedJob job) {
        TileMatrixSet set = sets.get(job.matrixSet());
        long index = 0;
        long done = job.done();
        for (int z = job.minZoom(); z <= job.maxZoom(); z++) {
            if (job.kind() == SeedJob.Kind.TRUNCATE) {
                if (index++ >= done) {
                    Envelope storageArea = storageArea(job.area());
                    for (String layer : job.layers()) {
                        worker.truncate(layer, set, z, storageArea);
                    }
                    if (!progress(job.id(), index, true)) {
                        return;
                    }
                }
                continue;
            }
            TileMatrix matrix = set.matrix(z).orElseThrow();
            TileRange range = range(set, matrix, job.area());
            if (range.isEmpty()) {
                continue;
            }
            long count = range.count();
            if (index + count <= done) {
                index += count;
                continue;
            }
            long width = range.maxCol() - range.minCol() + 1;
            for (long i = Math.max(0, done - index); i < count; i++) {
                long row = range.minRow() + i / width;
                long col = range.minCol() + i % width;
                worker.seed(new TileRequest(job.layers(), job.style(), set.id(), z, col, row, job.format(), null, SEEDER));
                long n = index + i + 1;
                if (!progress(job.id(), n, n % PERSIST_EVERY == 0)) {
                    return;
                }
            }
            index += count;
        }
        update(job.id(), SeedJob.State.DONE, job.total(), null);
    }

    /** Records progress; false when the job was cancelled or the jobs are closing (stop now). */
    private synchronized boolean progress(String id, long done, boolean write) {
        SeedJob job = jobs.get(id);
        if (job == null || job.state() != SeedJob.State.RUNNING || closing || Thread.currentThread().isInterrupted()) {
            return false;
        }
        SeedJob now = job.with(SeedJob.State.RUNNING, done, job.total(), null, job.started(), null);
        jobs.put(id, now);
        if (write) {
            persist(now);
        }
        return true;
    }

    private synchronized void update(String id, SeedJob.State state, long done, String error) {
        SeedJob job = jobs.get(id);
        if (job == null || job.state().finished()) {
            return;
        }
        SeedJob now = job.with(state, done < 0 ? job.done() : done, job.total(), error, job.started(), clock.instant());
        jobs.put(id, now);
        persist(now);
    }

    // --- planning ---------------------------------------------------------------------------------

    /** The tiles a seed job over this set, zoom range and area asks for. */
    long tileCount(TileMatrixSet set, int minZoom, int maxZoom, SeedJob.Area area) {
        long total = 0;
        for (int z = minZoom; z <= maxZoom; z++) {
            total += range(set, set.matrix(z).orElseThrow(), area).count();
            if (total > MAX_TILES) {
                return total;
            }
        }
        return total;
    }

    private TileRange range(TileMatrixSet set, TileMatrix matrix, SeedJob.Area area) {
        SeedJob.Area a = area;
        if (!set.crs().geographic()) {
            a = new SeedJob.Area(a.west(), Math.max(a.south(), -MERCATOR_LAT), a.east(), Math.min(a.north(), MERCATOR_LAT));
        }
        return matrix.range(projection.toTiles(set, storageArea(a)));
    }

    private Envelope storageArea(SeedJob.Area a) {
        Crs lonLat = crs.resolve("CRS84");
        return crs.transform(new Envelope(a.west(), a.east(), a.south(), a.north()), lonLat, crs.storage());
    }

    /** The extent of the layers' data in longitude/latitude. */
    private SeedJob.Area dataArea(List<String> layers) {
        Envelope all = new Envelope();
        for (String layer : layers) {
            store.bounds(layer, SEEDER).ifPresent(all::expandToInclude);
        }
        if (all.isNull() || all.getWidth() <= 0 || all.getHeight() <= 0) {
            throw new InvalidParameterException("bbox", "图层无数据，须指定范围 / the layers hold no features: name an area (bbox)");
        }
        Envelope lonLat = crs.transform(all, crs.storage(), crs.resolve("CRS84"));
        return new SeedJob.Area(Math.max(-180, lonLat.getMinX()), Math.max(-90, lonLat.getMinY()),
                Math.min(180, lonLat.getMaxX()), Math.min(90, lonLat.getMaxY()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    // --- JSON -------------------------------------------------------------------------------------

    private void persist(SeedJob job) {
        Path file = directory.resolve(job.id() + ".json");
        Path tmp = directory.resolve(job.id() + ".json.tmp");
        try {
            Files.createDirectories(directory);
            try (OutputStream out = Files.newOutputStream(tmp)) {
                write(job, out);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write seeding job " + file, e);
        }
    }

    /** Writes a job as the JSON object kept in its file (the REST resource has the same fields). */
    public static void write(SeedJob job, OutputStream out) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("id", job.id());
            g.writeStringField("kind", job.kind().label());
            g.writeArrayFieldStart("layers");
            for (String l : job.layers()) {
                g.writeString(l);
            }
            g.writeEndArray();
            if (job.style() != null) {
                g.writeStringField("style", job.style());
            }
            g.writeStringField("tileMatrixSet", job.matrixSet());
            g.writeNumberField("minZoom", job.minZoom());
            g.writeNumberField("maxZoom", job.maxZoom());
            g.writeArrayFieldStart("bbox");
            g.writeNumber(job.area().west());
            g.writeNumber(job.area().south());
            g.writeNumber(job.area().east());
            g.writeNumber(job.area().north());
            g.writeEndArray();
            g.writeStringField("format", job.format().extension);
            g.writeStringField("state", job.state().label());
            g.writeNumberField("done", job.done());
            g.writeNumberField("total", job.total());
            if (job.error() != null) {
                g.writeStringField("error", job.error());
            }
            g.writeStringField("created", job.created().toString());
            if (job.started() != null) {
                g.writeStringField("started", job.started().toString());
            }
            if (job.finished() != null) {
                g.writeStringField("finished", job.finished().toString());
            }
            g.writeEndObject();
        }
    }

    /** Reads a job written by {@link #write}. */
    static SeedJob read(InputStream in) throws IOException {
        Map<String, Object> f = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.START_ARRAY) {
                    List<Object> values = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        values.add(p.currentToken().isNumeric() ? p.getDoubleValue() : p.getText());
                    }
                    f.put(name, values);
                } else if (t.isNumeric()) {
                    f.put(name, p.getLongValue());
                } else {
                    f.put(name, p.getText());
                }
            }
        }
        @SuppressWarnings("unchecked")
        List<Object> bbox = (List<Object>) f.get("bbox");
        @SuppressWarnings("unchecked")
        List<Object> layers = (List<Object>) f.get("layers");
        return new SeedJob((String) f.get("id"),
                SeedJob.Kind.valueOf(((String) f.get("kind")).toUpperCase(java.util.Locale.ROOT)),
                layers.stream().map(Object::toString).toList(), (String) f.get("style"), (String) f.get("tileMatrixSet"),
                ((Long) f.get("minZoom")).intValue(), ((Long) f.get("maxZoom")).intValue(),
                new SeedJob.Area((Double) bbox.get(0), (Double) bbox.get(1), (Double) bbox.get(2), (Double) bbox.get(3)),
                TileFormat.find((String) f.get("format")).orElseThrow(),
                SeedJob.State.valueOf(((String) f.get("state")).toUpperCase(java.util.Locale.ROOT)),
                (Long) f.get("done"), (Long) f.get("total"), (String) f.get("error"),
                Instant.parse((String) f.get("created")),
                f.get("started") == null ? null : Instant.parse((String) f.get("started")),
                f.get("finished") == null ? null : Instant.parse((String) f.get("finished")));
    }
}
