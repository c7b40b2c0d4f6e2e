package io.shikong.ingest;

import io.shikong.core.catalog.Access;
import io.shikong.core.catalog.AttributeDefinition;
import io.shikong.core.catalog.AttributeType;
import io.shikong.core.catalog.GeometryType;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.feature.Feature;
import io.shikong.core.store.LoadOptions;
import io.shikong.core.store.LoadResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Layers and an in-memory loader for the ingestion tests. */
public final class TestLayers {

    private TestLayers() {
    }

    /** Buildings: MultiPolygon, name required, floors, height, built. */
    public static LayerDefinition buildings() {
        return layer("buildings", GeometryType.MULTIPOLYGON, List.of(
                new AttributeDefinition("name", AttributeType.STRING, null, false),
                AttributeDefinition.of("floors", AttributeType.INTEGER),
                AttributeDefinition.of("height", AttributeType.DOUBLE),
                AttributeDefinition.of("built", AttributeType.DATE)));
    }

    /** Inspection sites: Point, name, kind, inspected. */
    public static LayerDefinition sites() {
        return layer("sites", GeometryType.POINT, List.of(
                AttributeDefinition.of("name", AttributeType.STRING),
                AttributeDefinition.of("kind", AttributeType.STRING),
                AttributeDefinition.of("inspected", AttributeType.BOOLEAN)));
    }

    static LayerDefinition layer(String name, GeometryType type, List<AttributeDefinition> attributes) {
        return new LayerDefinition(name, name, "", List.of(), type, 4490, attributes, "id", AttributeType.STRING,
                "geom", name, false, LayerDefinition.VALID_FROM, LayerDefinition.VALID_TO, Access.PUBLIC, true, false,
                null, null);
    }

    /** Keeps what it is given (or only counts, for big inputs). */
    public static final class MemoryLoader implements Loader {
        public final List<Feature> features = new ArrayList<>();
        public final boolean keep;
        public int calls;
        public long count;
        public boolean snapshot;
        public boolean dryRun;
        public Instant validFrom;

        public MemoryLoader(boolean keep) {
            this.keep = keep;
        }

        public MemoryLoader() {
            this(true);
        }

        @Override
        public LoadResult load(LayerDefinition layer, Iterator<Feature> it, LoadOptions options) {
            calls++;
            this.snapshot = options.snapshot();
            this.dryRun = options.dryRun();
            this.validFrom = options.validFrom();
            while (it.hasNext()) {
                Feature f = it.next();
                count++;
                if (keep) {
                    features.add(f);
                }
            }
            return new LoadResult(count, 0, 0, 0, dryRun);
        }
    }
}
