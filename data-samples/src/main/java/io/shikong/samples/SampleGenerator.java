package io.shikong.samples;

import io.shikong.core.feature.Feature;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Deterministic synthetic feature versions for the six sample layers of {@link SampleCatalog}.
 *
 * <p>{@link #versions(String)} streams: it makes one feature's versions at a time, so a million
 * buildings take no more memory than ten. The same seed and size always give the same versions (ids,
 * geometries, attributes, valid times), and a feature depends only on the seed and its index, so
 * growing the size appends features without changing the first ones.
 *
 * <p>Every version has {@code validFrom}; versions of a feature come consecutively, oldest first,
 * numbered 1..n, each ending where the next begins; the last is current ({@code validTo == null})
 * unless the feature was deleted. Valid time tells the city's story: buildings are valid from their
 * construction (first versions from 1955, in their {@code built_year}), pipelines from their installation
 * (from 1960, in their {@code install_year}; planned ones from the day the plan was recorded), red-line
 * zones from their designation (from 1990, {@code designated_on}), with demolitions (a last version closed),
 * renovations, re-assessments, redrawn boundaries and re-inspections as later versions. POIs, street-view
 * captures and inspection sites are records: first versions between 2015-01-01 and 2024-06-30 UTC. Every
 * version starts before 2025-06-30. Geometries are in EPSG:4490 (SRID set, x = longitude) within lon 122.4–123.8,
 * lat 41.2–43.0. Ids are the layer prefix and 7 digits: {@code B0000001} (buildings), {@code L…}
 * (pipelines), {@code POI…}, {@code SV…} (street_view), {@code ECO…} (eco_red_lines), {@code INS…}
 * (inspection_sites).
 */
public final class SampleGenerator {

    private final long seed;
    private final SampleSize size;

    /**
     * @param seed any value; the same seed gives the same data
     * @param size how many features per layer
     */
    public SampleGenerator(long seed, SampleSize size) {
        this.seed = seed;
        this.size = Objects.requireNonNull(size, "size");
    }

    public long seed() {
        return seed;
    }

    public SampleSize size() {
        return size;
    }

    /** The layers this generator makes features for (count above 0), in catalog order. */
    public List<String> layers() {
        return size.layers();
    }

    /**
     * A new iterator over every version of every feature of a layer; empty when the layer's count is 0.
     * Each call starts again from the first feature and yields the same sequence.
     *
     * @throws IllegalArgumentException naming the layer when it is not a sample layer
     */
    public Iterator<Feature> versions(String layer) {
        SampleLayer l = SampleLayer.of(layer);
        return new FeatureIterator(generator(l), seed, size.count(l));
    }

    private static LayerGenerator generator(SampleLayer layer) {
        return switch (layer) {
            case BUILDINGS -> new BuildingGenerator();
            case PIPELINES -> new PipelineGenerator();
            case POIS -> new PoiGenerator();
            case STREET_VIEW -> new StreetViewGenerator();
            case ECO_RED_LINES -> new EcoRedLineGenerator();
            case INSPECTION_SITES -> new InspectionSiteGenerator();
        };
    }

    /** Walks the feature indexes, holding only the versions of the current feature. */
    private static final class FeatureIterator implements Iterator<Feature> {

        private final LayerGenerator generator;
        private final long seed;
        private final int count;
        private int next;
        private List<Feature> pending = Collections.emptyList();
        private int position;

        FeatureIterator(LayerGenerator generator, long seed, int count) {
            this.generator = generator;
            this.seed = seed;
            this.count = count;
        }

        @Override
        public boolean hasNext() {
            return position < pending.size() || next < count;
        }

        @Override
        public Feature next() {
            if (position == pending.size()) {
                if (next >= count) {
                    throw new NoSuchElementException();
                }
                pending = generator.versions(seed, next++);
                position = 0;
            }
            return pending.get(position++);
        }
    }
}
