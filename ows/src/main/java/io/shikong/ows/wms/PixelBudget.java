package io.shikong.ows.wms;

import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The pixels the maps being drawn at once may hold together (4 bytes each), so that a burst of large
 * maps cannot exhaust the heap, and how many maps are drawn at once, so that a burst of small ones does not
 * share two cores between sixteen renderers (each then slower than the queue in front of a few: caches,
 * heap and the renderer's second core go to waste, as MapServer's fixed set of FastCGI processes avoids).
 * A map waits for its turn and its share (fairly, in arrival order) and is refused as busy when it has
 * waited {@link #WAIT}. One budget serves the whole process (the server makes it once, from
 * {@code shikong.wms.pixel-budget} and {@code shikong.wms.max-concurrent-maps}); counted in blocks of 1024
 * pixels.
 */
public final class PixelBudget {

    /** How long a map waits for its pixels before it is refused as busy. */
    public static final Duration WAIT = Duration.ofSeconds(60);

    private static final int BLOCK = 1024;

    private final long pixels;
    private final Duration wait;
    private final Semaphore blocks;
    private final Semaphore maps;

    /**
     * A budget on which maps wait {@link #WAIT} at most.
     *
     * @param pixels the pixels all maps drawn at once may hold together; at least the largest map
     * @throws IllegalArgumentException when not positive
     */
    public PixelBudget(long pixels) {
        this(pixels, WAIT);
    }

    /** @param wait how long a map waits for its pixels before it is refused as busy */
    public PixelBudget(long pixels, Duration wait) {
        this(pixels, Integer.MAX_VALUE, wait);
    }

    /**
     * @param pixels the pixels all maps drawn at once may hold together; at least the largest map
     * @param maps   how many maps may be drawn at once; the others wait their turn
     * @param wait   how long a map waits for its turn and its pixels before it is refused as busy
     */
    public PixelBudget(long pixels, int maps, Duration wait) {
        if (maps < 1) {
            throw new IllegalArgumentException("at least one map must be drawn at once, was " + maps);
        }
        this.maps = new Semaphore(maps, true);
        if (pixels < 1) {
            throw new IllegalArgumentException("the pixel budget must be positive, was " + pixels);
        }
        this.pixels = pixels;
        this.wait = java.util.Objects.requireNonNull(wait, "wait");
        this.blocks = new Semaphore((int) Math.min(Integer.MAX_VALUE, (pixels + BLOCK - 1) / BLOCK), true);
    }

    /** The pixels of the budget. */
    public long pixels() {
        return pixels;
    }

    /**
     * Runs {@code draw} once a {@code width × height} map fits in the budget, and gives its pixels back
     * after.
     *
     * @throws ShikongException ServerBusy when the map did not fit within the wait
     */
    public <T> T draw(int width, int height, java.util.function.Supplier<T> draw) {
        int permits = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (long) width * height / BLOCK));
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            if (!maps.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new ShikongException(OgcCode.SERVER_BUSY, null, "too many maps at once; try again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShikongException(OgcCode.SERVER_BUSY, null, "interrupted", e);
        }
        try {
            try {
                if (!blocks.tryAcquire(permits, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    throw new ShikongException(OgcCode.SERVER_BUSY, null, "too many large maps at once; try again");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ShikongException(OgcCode.SERVER_BUSY, null, "interrupted", e);
            }
            try {
                return draw.get();
            } finally {
                blocks.release(permits);
            }
        } finally {
            maps.release();
        }
    }
}
