package io.shikong.core.store;

import io.shikong.core.feature.Feature;
import java.util.Iterator;

/**
 * A forward-only stream of features read from a store. It holds database resources until closed:
 * always use it in try-with-resources. Features are produced one at a time; nothing collects the
 * whole result.
 */
public interface FeatureCursor extends Iterator<Feature>, AutoCloseable {

    /** Releases the connection and statement; idempotent; never throws a checked exception. */
    @Override
    void close();
}
