package io.shikong.samples;

import io.shikong.core.feature.Feature;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads generated samples into a store, one {@link FeatureStore#bulkLoad} (one transaction) per layer.
 * The store must have been initialized with a catalog containing the sample layers.
 */
public final class SampleLoader {

    private static final Logger LOG = LoggerFactory.getLogger(SampleLoader.class);
    /** Rows between progress messages. */
    private static final long PROGRESS_EVERY = 100_000;

    private SampleLoader() {
    }

    /**
     * Bulk-loads every layer of {@code generator} with a count above 0, in catalog order.
     *
     * @param caller who loads; needs write access to every layer (e.g. {@code Caller.of("samples", Caller.ADMIN)})
     * @return rows (versions) loaded per layer, in load order
     * @throws RuntimeException whatever the store throws; layers loaded before stay loaded
     */
    public static Map<String, Long> load(FeatureStore store, SampleGenerator generator, Caller caller) {
        return load(store, generator, caller, layer -> true);
    }

    /** As {@link #load(FeatureStore, SampleGenerator, Caller)}, for the layers {@code include} accepts only. */
    public static Map<String, Long> load(FeatureStore store, SampleGenerator generator, Caller caller,
                                         java.util.function.Predicate<String> include) {
        Map<String, Long> loaded = new LinkedHashMap<>();
        for (String layer : generator.layers()) {
            if (!include.test(layer)) {
                continue;
            }
            long start = System.nanoTime();
            LOG.info("Loading sample layer {} ({} features, seed {})", layer, generator.size().count(layer), generator.seed());
            long rows = store.bulkLoad(layer, new Progress(layer, generator.versions(layer)), caller);
            double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
            LOG.info("Loaded {} rows into {} in {} s ({} rows/s)", rows, layer, String.format(Locale.ROOT, "%.2f", seconds),
                    Math.round(rows / seconds));
            loaded.put(layer, rows);
        }
        return loaded;
    }

    /** Passes versions through, logging every {@value #PROGRESS_EVERY} rows so long loads show life. */
    private static final class Progress implements Iterator<Feature> {

        private final String layer;
        private final Iterator<Feature> delegate;
        private long rows;

        Progress(String layer, Iterator<Feature> delegate) {
            this.layer = layer;
            this.delegate = delegate;
        }

        @Override
        public boolean hasNext() {
            return delegate.hasNext();
        }

        @Override
        public Feature next() {
            Feature f = delegate.next();
            if (++rows % PROGRESS_EVERY == 0) {
                LOG.info("{}: {} rows handed to the store", layer, rows);
            }
            return f;
        }
    }
}
