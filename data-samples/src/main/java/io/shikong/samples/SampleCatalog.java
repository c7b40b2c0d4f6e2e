package io.shikong.samples;

import io.shikong.core.catalog.CatalogLoader;
import io.shikong.core.catalog.LayerCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The sample catalog: the six entity layers (buildings, pipelines, pois, street_view, eco_red_lines,
 * inspection_sites) in EPSG:4490, from the class-path resource {@code io/shikong/samples/catalog.yml}.
 * Pipelines are restricted to the {@code pipelines} role.
 */
public final class SampleCatalog {

    /** Class-path location of the catalog file, for servers that want to read it themselves. */
    public static final String RESOURCE = "/io/shikong/samples/catalog.yml";

    private SampleCatalog() {
    }

    /**
     * Parses the sample catalog (a new instance per call).
     *
     * @throws IllegalStateException when the resource is missing from the class path
     */
    public static LayerCatalog load() {
        try (InputStream in = SampleCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("sample catalog " + RESOURCE + " is not on the class path");
            }
            return CatalogLoader.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
