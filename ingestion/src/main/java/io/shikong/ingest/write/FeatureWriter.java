package io.shikong.ingest.write;

import io.shikong.core.feature.Feature;
import java.io.IOException;

/**
 * Writes features to an export file one at a time, in the layer's schema: the feature id (named like the
 * layer's id attribute), the attributes in schema order, and for layers with valid time
 * {@code valid_from}, {@code valid_to} and {@code version}. Geometries are written as given (the export
 * query chose the CRS). {@link #close()} finishes the file.
 */
public interface FeatureWriter extends AutoCloseable {

    /** Writes one feature. */
    void write(Feature feature) throws IOException;

    /** Finishes and closes the file. */
    @Override
    void close() throws IOException;
}
