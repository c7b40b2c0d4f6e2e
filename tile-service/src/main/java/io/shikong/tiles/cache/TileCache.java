package io.shikong.tiles.cache;

import io.shikong.core.store.ChangeEvent;
import io.shikong.core.store.FeatureStore;
import io.shikong.tiles.TileFormat;
import io.shikong.tiles.TileSettings;
import io.shikong.tiles.grid.TileMatrix;
import io.shikong.tiles.grid.TileMatrixSet;
import io.shikong.tiles.grid.TileMatrixSets;
import io.shikong.tiles.grid.TileProjection;
import io.shikong.tiles.grid.TileRange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import org.locationtech.jts.geom.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tile cache on disk, kept in step with the data by the store's change events.
 *
 * <p>Layout: {@code <root>/tiles/<layers>/<style>/<matrix set>/<time>/<z>/<x>/<y>.<ext>} (see
 * {@link TileKey}), and {@code <root>/sequence} holding the last change sequence applied. Writes are atomic
 * (a temporary file in the tile's directory moved over the tile), so a reader sees a whole tile or none.
 *
 * <p>Invalidation: for every change event (this process's writes, and other nodes' on a store with a shared
 * change log) each cached directory whose layers include the event's layer loses, per matrix set and zoom,
 * the tiles the event's boxes touch once transformed to the set's coordinates ({@link TileProjection}):
 * <ul>
 *   <li>vector tiles: those the boxes grown by the MVT buffer touch (a tile holds the features of its
 *       buffered bounds);</li>
 *   <li>raster tiles: every tile of the metatiles the boxes grown by the gutter touch. A metatile is drawn
 *       from the features of its area and gutter, and a feature's label may reach any tile of it (and
 *       moving a label lets another take its place), so its tiles stand or fall together.</li>
 * </ul>
 * Tiles as of an instant earlier than the event's {@code validFrom} stay: the state they show did not
 * change. An event without boxes drops the layer's directories.
 *
 * <p>Races: a tile drawn from data read before an invalidation must not be stored after it. Callers take
 * {@link #generation(List)} before reading the data and hand it to {@link #put}; a put after an
 * invalidation of one of its layers (or a {@link #clear()}) is refused. Puts and invalidations exclude
 * each other, so a put either lands before an invalidation (which then deletes it) or is refused.
 *
 * <p>Writing after the answer: {@link #putLater} hands a tile to one writer thread and returns, so a cache
 * miss is answered without waiting for the file (directories, temporary file, rename: a few hundred
 * microseconds, a tenth of a small tile's miss). Until it is on disk the tile is served from memory, but
 * only while its generation holds: an invalidation (or truncation, or {@link #clear()}) of one of its layers
 * after the tile's data was read makes {@link #get} pass over it and the writer's {@link #put} refuse it,
 * exactly as for a tile written at once. At most {@value #PENDING_LIMIT} tiles wait; past that the caller
 * writes its tile itself. {@link #flush()} waits for the tiles handed over so far ({@link #stats()} and
 * {@link #close()} call it). {@link #hold} keeps a tile the same way but hands it to the writer only when
 * the caller says (an HTTP server: once the answer is written), so that the write does not compete with
 * the answer for a core.
 *
 * <p>Catching up: on opening, the cache subscribes to the store's changes, then applies
 * {@link FeatureStore#changesSince(long)} from the sequence it persisted; when the store's log no longer
 * reaches back that far (empty), or the cache has tiles but no sequence, everything is dropped.
 */
public final class TileCache {

    private static final Logger LOG = LoggerFactory.getLogger(TileCache.class);
    private static final String SEQUENCE = "sequence";
    private static final String TILES = "tiles";
    /** Tiles at most waiting to be written by {@link #putLater}. */
    static final int PENDING_LIMIT = 256;
    /**
     * Temporary files are {@code .<prefix>.<n>.tmp}: the prefix tells this process from others writing the
     * same directory (another node's cache on a shared disk, a CLI seeding), the counter one put from another.
     */
    private static final String TEMP_PREFIX = ProcessHandle.current().pid() + "-"
            + Long.toHexString(new java.security.SecureRandom().nextLong());
    private static final AtomicLong TEMP_COUNTER = new AtomicLong();

    /** A tile waiting to be written: handed to the writer, or held until {@link #hold}'s hand-over runs. */
    private record Pending(byte[] body, long generation, AtomicBoolean handedOver) {
    }

    /** Files and bytes of the cached tiles. */
    public record Stats(long tiles, long bytes) {
    }

    private final Path root;
    private final Path tiles;
    private final FeatureStore store;
    private final TileMatrixSets sets;
    private final TileProjection projection;
    /** Pixels (of a 256-pixel tile) a vector tile reaches beyond its bounds. */
    private final int vectorMargin;
    /** Pixels drawn around a raster metatile. */
    private final int gutter;
    /** Tiles per side of a raster metatile. */
    private final int metatile;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /** Tiles waiting for the writer, by key, with the generation they were drawn at. */
    private final Map<TileKey, Pending> pending = new ConcurrentHashMap<>();
    /** One thread writing handed-over tiles in order; a full queue makes the caller write its own tile. */
    private final ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(PENDING_LIMIT), r -> {
                Thread t = new Thread(r, "tile-cache-writer");
                t.setDaemon(true);
                return t;
            }, (task, executor) -> task.run()); // full (or closed): the caller writes its own tile
    private final AtomicLong everything = new AtomicLong();
    private final Map<String, AtomicLong> layerGenerations = new ConcurrentHashMap<>();
    private volatile long sequence;

    /**
     * Opens the cache under {@code root} (created when missing), subscribes to the store's change events and
     * catches up with the changes made while it was closed.
     *
     * @param settings the settings the tiles are made with: the MVT buffer, the raster metatile and gutter
     *                 decide which tiles a change reaches (its {@code cacheDir} is not read: {@code root} is)
     * @throws UncheckedIOException when the directory cannot be created or read
     */
    public TileCache(Path root, FeatureStore store, TileMatrixSets sets, TileProjection projection, TileSettings settings) {
        this.root = root.toAbsolutePath();
        this.tiles = this.root.resolve(TILES);
        this.store = Objects.requireNonNull(store, "store");
        this.sets = Objects.requireNonNull(sets, "sets");
        this.projection = Objects.requireNonNull(projection, "projection");
        this.vectorMargin = settings.mvtBufferPixels();
        this.gutter = settings.gutter();
        this.metatile = settings.metatile();
        try {
            Files.createDirectories(tiles);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the tile cache directory " + tiles, e);
        }
        // the persisted sequence is read before subscribing: a change heard meanwhile must not move it past
        // the changes still to catch up with
        Long saved = readSequence();
        sequence = saved == null ? 0 : saved;
        store.addChangeListener(this::apply);
        catchUp(saved);
    }

    /** The cache's directory. */
    public Path root() {
        return root;
    }

    /** The last change sequence applied (persisted in {@code <root>/sequence}). */
    public long sequence() {
        return sequence;
    }

    /** The cached tile, if there is one (on disk, or handed to the writer and still current). */
    public Optional<byte[]> get(TileKey key) {
        Pending p = pending.get(key);
        if (p != null && p.generation() == generation(key.layers())) {
            return Optional.of(p.body());
        }
        Path file = key.path(tiles);
        if (!Files.exists(file)) {
            return Optional.empty(); // the usual miss, without an exception thrown and caught
        }
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) { // deleted since the check
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("cannot read cached tile {}: {}", key, e.toString());
            return Optional.empty();
        }
    }

    /**
     * A token of the invalidations of these layers so far: take it before reading the data a tile is drawn
     * from, and give it to {@link #put}.
     */
    public long generation(List<String> layers) {
        long g = everything.get();
        for (String l : layers) {
            g += counter(l).get();
        }
        return g;
    }

    /**
     * Stores a tile unless one of its layers was invalidated since {@code generation} was taken.
     *
     * @return true when stored
     */
    public boolean put(TileKey key, byte[] body, long generation) {
        lock.readLock().lock();
        try {
            if (generation(key.layers()) != generation) {
                return false;
            }
            Path file = key.path(tiles);
            Path dir = file.getParent();
            if (!Files.isDirectory(dir)) { // a stat; createDirectories would try mkdir and throw on every level
                Files.createDirectories(dir);
            }
            // a name no other put uses (hidden, so listings skip it), created new, then renamed over the tile
            Path temp = dir.resolve("." + TEMP_PREFIX + "." + TEMP_COUNTER.incrementAndGet() + ".tmp");
            boolean moved = false;
            try {
                Files.write(temp, body, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                moved = true;
            } finally {
                if (!moved) {
                    Files.deleteIfExists(temp);
                }
            }
            return true;
        } catch (IOException e) {
            LOG.warn("cannot cache tile {}: {}", key, e.toString());
            return false;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Stores a tile as {@link #put} does, but on the writer thread: returns at once (unless
     * {@value #PENDING_LIMIT} tiles are waiting already; then the tile is written before returning). The tile
     * is served by {@link #get} meanwhile, as long as none of its layers is invalidated.
     */
    public void putLater(TileKey key, byte[] body, long generation) {
        hold(key, body, generation).run();
    }

    /**
     * Holds a tile to be written as {@link #putLater} writes it, but hands it to the writer only when the
     * returned task runs (once; later runs do nothing): the caller runs it after the tile's answer is on its
     * way, so that the writer does not take a core from the answer. The tile is served by {@link #get}
     * meanwhile, as long as none of its layers is invalidated. {@link #flush()} (so {@link #stats()} and
     * {@link #close()}) hands over every tile still held; so does a hold while {@value #PENDING_LIMIT} tiles
     * wait, so tiles whose task never runs are bounded and still written.
     */
    public Runnable hold(TileKey key, byte[] body, long generation) {
        if (generation(key.layers()) != generation) {
            return () -> { }; // invalidated while it was drawn: put would refuse it
        }
        Pending p = new Pending(body, generation, new AtomicBoolean());
        pending.put(key, p);
        Runnable handOver = () -> handOver(key, p);
        if (pending.size() > PENDING_LIMIT) {
            handOverHeld();
        }
        return handOver;
    }

    private void handOver(TileKey key, Pending p) {
        if (!p.handedOver().compareAndSet(false, true)) {
            return;
        }
        writer.execute(() -> {
            try {
                put(key, p.body(), p.generation());
            } finally {
                pending.remove(key, p);
            }
        });
    }

    /** Tiles held and not handed to the writer yet (tests). */
    int held() {
        int n = 0;
        for (Pending p : pending.values()) {
            n += p.handedOver().get() ? 0 : 1;
        }
        return n;
    }

    /** Hands every tile still held to the writer. */
    private void handOverHeld() {
        pending.forEach((key, p) -> {
            if (!p.handedOver().get()) {
                handOver(key, p);
            }
        });
    }

    /** Runs a task on the writer thread, after the tiles handed over so far (tests park the writer with it). */
    void onWriter(Runnable task) {
        writer.execute(task);
    }

    /**
     * Waits until the tiles handed to {@link #putLater} so far are written (or refused), after handing over
     * those still {@linkplain #hold held}.
     */
    public void flush() {
        handOverHeld();
        try {
            while (true) {
                // a marker behind the tiles queued so far; when the queue is full (or the writer closed) it
                // runs at once on this thread, which proves nothing: then wait for room and try again
                java.util.concurrent.FutureTask<Thread> marker = new java.util.concurrent.FutureTask<>(Thread::currentThread);
                writer.execute(marker);
                if (marker.get() != Thread.currentThread()) {
                    return;
                }
                if (writer.isShutdown()) {
                    writer.awaitTermination(30, TimeUnit.SECONDS);
                    return;
                }
                Thread.sleep(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the marker task failed", e);
        }
    }

    /** Writes the tiles still waiting and stops the writer; later {@link #putLater} calls write at once. */
    public void close() {
        handOverHeld();
        writer.shutdown();
        try {
            if (!writer.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("tile cache {}: tiles still waiting to be written after 30 s", root);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Applies one change event: deletes the tiles it may have changed (see the class comment) and records its
     * sequence. The store calls it for every change; catching up calls it for the missed ones.
     */
    public void apply(ChangeEvent event) {
        lock.writeLock().lock();
        try {
            counter(event.layer()).incrementAndGet();
            Map<String, List<Envelope>> boxesBySet = new HashMap<>();
            for (Path layersDir : list(tiles)) {
                if (!TileKey.layersOf(layersDir.getFileName().toString()).contains(event.layer())) {
                    continue;
                }
                for (Path styleDir : list(layersDir)) {
                    for (Path setDir : list(styleDir)) {
                        Optional<TileMatrixSet> set = sets.find(TileKey.decode(setDir));
                        List<Envelope> boxes = event.wholeLayer() || set.isEmpty() ? null
                                : boxesBySet.computeIfAbsent(set.get().id(), id -> inSet(set.get(), event.boxes()));
                        for (Path timeDir : list(setDir)) {
                            if (unchanged(TileKey.decode(timeDir), event.validFrom())) {
                                continue;
                            }
                            if (boxes == null) {
                                deleteTree(timeDir);
                            } else {
                                deleteTouched(set.get(), timeDir, boxes, Integer.MIN_VALUE, Integer.MAX_VALUE);
                            }
                        }
                    }
                }
            }
            advanceSequence(event.sequence());
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Deletes cached tiles (a truncation job).
     *
     * @param layer    tiles whose layers include this one, or {@code null} for every layer
     * @param set      tiles of this set, or {@code null} for every set
     * @param zoomFrom lowest zoom, inclusive
     * @param zoomTo   highest zoom, inclusive
     * @param area     tiles touching this area (storage CRS) grown as a change's box is (raster tiles: their
     *                 whole metatiles), or {@code null} for all
     * @return the number of tiles deleted
     */
    public long truncate(String layer, TileMatrixSet set, int zoomFrom, int zoomTo, Envelope area) {
        lock.writeLock().lock();
        try {
            if (layer == null) {
                everything.incrementAndGet();
            } else {
                counter(layer).incrementAndGet();
            }
            long deleted = 0;
            for (Path layersDir : list(tiles)) {
                if (layer != null && !TileKey.layersOf(layersDir.getFileName().toString()).contains(layer)) {
                    continue;
                }
                for (Path styleDir : list(layersDir)) {
                    for (Path setDir : list(styleDir)) {
                        Optional<TileMatrixSet> s = sets.find(TileKey.decode(setDir));
                        if (s.isEmpty() || (set != null && !s.get().id().equals(set.id()))) {
                            continue;
                        }
                        List<Envelope> boxes = area == null ? null : inSet(s.get(), List.of(area));
                        for (Path timeDir : list(setDir)) {
                            deleted += deleteTouched(s.get(), timeDir, boxes, zoomFrom, zoomTo);
                        }
                    }
                }
            }
            return deleted;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Deletes every cached tile. */
    public void clear() {
        lock.writeLock().lock();
        try {
            everything.incrementAndGet();
            for (Path p : list(tiles)) {
                deleteTree(p);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The number and size of the cached tiles (walks the directory, once the waiting tiles are written). */
    public Stats stats() {
        flush();
        long[] count = new long[2];
        try {
            Files.walkFileTree(tiles, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!file.getFileName().toString().startsWith(".")) {
                        count[0]++;
                        count[1] += attrs.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // deleted meanwhile
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Stats(count[0], count[1]);
    }

    private AtomicLong counter(String layer) {
        return layerGenerations.computeIfAbsent(layer, l -> new AtomicLong());
    }

    /** Tiles as of an instant before the change show a state it did not touch. */
    private static boolean unchanged(String timeKey, Instant validFrom) {
        Instant asOf = TileKey.instantOf(timeKey);
        return asOf != null && asOf.isBefore(validFrom);
    }

    /** Storage boxes in the set's coordinates; {@code null} (everything) when one cannot be transformed. */
    private List<Envelope> inSet(TileMatrixSet set, List<Envelope> storageBoxes) {
        List<Envelope> out = new ArrayList<>();
        for (Envelope box : storageBoxes) {
            try {
                out.add(projection.toTiles(set, box));
            } catch (RuntimeException e) {
                LOG.debug("box {} outside {}: dropping the layer's tiles of the set", box, set.id(), e);
                return null;
            }
        }
        return out;
    }

    /** Deletes, under one time directory, the tiles of zooms in range the boxes (grown) touch; all when null. */
    private long deleteTouched(TileMatrixSet set, Path timeDir, List<Envelope> boxes, int zoomFrom, int zoomTo) {
        long deleted = 0;
        for (Path zoomDir : list(timeDir)) {
            int zoom;
            try {
                zoom = Integer.parseInt(zoomDir.getFileName().toString());
            } catch (NumberFormatException e) {
                continue;
            }
            Optional<TileMatrix> m = set.matrix(zoom);
            if (zoom < zoomFrom || zoom > zoomTo || m.isEmpty()) {
                continue;
            }
            if (boxes == null) {
                deleted += deleteTree(zoomDir);
                continue;
            }
            List<TileRange> vector = ranges(m.get(), boxes, vectorMargin, 1);
            List<TileRange> raster = ranges(m.get(), boxes, gutter, metatile);
            if (vector.isEmpty() && raster.isEmpty()) {
                continue;
            }
            // walk the columns present (never the range, which may be far larger than the files)
            for (Path colDir : list(zoomDir)) {
                long col = number(colDir.getFileName().toString());
                if (Stream.concat(vector.stream(), raster.stream()).noneMatch(r -> col >= r.minCol() && col <= r.maxCol())) {
                    continue;
                }
                for (Path file : list(colDir)) {
                    String name = file.getFileName().toString();
                    int dot = name.indexOf('.');
                    long row = dot <= 0 ? -1 : number(name.substring(0, dot));
                    List<TileRange> ranges = name.endsWith("." + TileFormat.MVT.extension) ? vector : raster;
                    if (row >= 0 && ranges.stream().anyMatch(r -> r.contains(col, row)) && delete(file)) {
                        deleted++;
                    }
                }
            }
        }
        return deleted;
    }

    /**
     * The tiles the boxes grown by {@code marginPixels} touch, widened to whole blocks of {@code block × block}
     * tiles (metatiles, clamped to the matrix).
     */
    private static List<TileRange> ranges(TileMatrix m, List<Envelope> boxes, int marginPixels, int block) {
        List<TileRange> out = new ArrayList<>();
        for (Envelope box : boxes) {
            Envelope grown = new Envelope(box);
            grown.expandBy(marginPixels * m.cellSize());
            TileRange r = m.range(grown);
            if (r.isEmpty()) {
                continue;
            }
            out.add(block == 1 ? r : new TileRange(r.minCol() / block * block, r.minRow() / block * block,
                    Math.min(m.matrixWidth() - 1, r.maxCol() / block * block + block - 1),
                    Math.min(m.matrixHeight() - 1, r.maxRow() / block * block + block - 1)));
        }
        return out;
    }

    private void catchUp(Long saved) {
        long last = store.lastChangeSequence();
        if (saved == null) {
            if (stats().tiles() > 0) {
                LOG.info("tile cache {} has tiles but no change sequence: dropping them", root);
                clear();
            }
            resetSequence(Math.max(last, sequence)); // the file exists from now on, whatever the store's log holds
            return;
        }
        if (saved > last) {
            LOG.info("tile cache {} is ahead of the store's change log ({} > {}): dropping it", root, saved, last);
            clear();
            resetSequence(last);
            return;
        }
        Optional<List<ChangeEvent>> missed = store.changesSince(saved);
        if (missed.isEmpty()) {
            LOG.info("the store's change log no longer reaches back to {}: dropping the tile cache {}", saved, root);
            clear();
            advanceSequence(last);
            return;
        }
        for (ChangeEvent e : missed.get()) {
            apply(e);
        }
        LOG.info("tile cache {} caught up with {} changes", root, missed.get().size());
    }

    private Long readSequence() {
        try {
            return Long.parseLong(Files.readString(root.resolve(SEQUENCE), StandardCharsets.US_ASCII).trim());
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | NumberFormatException e) {
            LOG.warn("unreadable tile cache sequence in {}: {}", root, e.toString());
            return null;
        }
    }

    /** Records a sequence applied, unless a later one was already (changes heard live during the catch-up). */
    private synchronized void advanceSequence(long value) {
        if (value > sequence) {
            resetSequence(value);
        }
    }

    private synchronized void resetSequence(long value) {
        sequence = value;
        try {
            Path temp = Files.createTempFile(root, ".", ".tmp");
            Files.writeString(temp, Long.toString(value), StandardCharsets.US_ASCII);
            Files.move(temp, root.resolve(SEQUENCE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the tile cache sequence in " + root, e);
        }
    }

    private static long number(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The directories and files in a directory (not temporary files); empty when it is gone. */
    private static List<Path> list(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                if (!p.getFileName().toString().startsWith(".")) {
                    out.add(p);
                }
            }
        } catch (NoSuchFileException | java.nio.file.NotDirectoryException e) {
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static boolean delete(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete cached tile " + file, e);
        }
    }

    /** Deletes a directory and everything in it; returns the number of tiles deleted. */
    private static long deleteTree(Path dir) {
        long[] n = new long[1];
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (Files.deleteIfExists(file) && !file.getFileName().toString().startsWith(".")) {
                        n[0]++;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
        return n[0];
    }
}
