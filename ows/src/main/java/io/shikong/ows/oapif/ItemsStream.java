package io.shikong.ows.oapif;

import io.shikong.core.encode.Chunks;
import io.shikong.core.encode.FeatureCollectionStream;
import io.shikong.core.feature.Feature;
import io.shikong.core.store.FeatureCursor;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.locationtech.jts.geom.Geometry;

/**
 * A page of items as a GeoJSON FeatureCollection: spatial-core's {@link FeatureCollectionStream} (chunks of
 * about 64 KiB from the store's cursor, which holds one feature more than the page: whether a next page
 * exists) with the tail of OGC API - Features: {@code numberReturned}, {@code numberMatched} and the links,
 * all known once the page is read. A page that ends the result needs no count ({@code numberMatched} is its
 * offset plus what it returned); only a page with more after it asks the store to count, after its cursor is
 * closed.
 */
final class ItemsStream {

    /** What the tail of a page needs: the number matched and the links, given what the page returned and whether more follow. */
    interface Tail {
        long matched(int returned, boolean more);

        List<Map<String, Object>> links(int returned, boolean more);
    }

    private ItemsStream() {
    }

    /**
     * @param cursor the page's features and, when more follow, one more
     * @param axes   turns each geometry to the axis order of the output CRS ({@code null}: as it is)
     */
    static Chunks of(FeatureCursor cursor, int limit, boolean temporal, UnaryOperator<Geometry> axes, Tail tail) {
        Iterator<Feature> features = axes == null ? cursor : new Iterator<>() {
            @Override
            public boolean hasNext() {
                return cursor.hasNext();
            }

            @Override
            public Feature next() {
                Feature f = cursor.next();
                return f.geometry() == null ? f
                        : new Feature(f.id(), axes.apply(f.geometry()), f.properties(), f.validFrom(), f.validTo(), f.version());
            }
        };
        return new FeatureCollectionStream(features, cursor, limit, temporal, null, (json, returned, more) -> {
            json.writeNumberField("numberMatched", tail.matched(returned, more));
            json.writeFieldName("links");
            Json.write(json, tail.links(returned, more));
        });
    }
}
