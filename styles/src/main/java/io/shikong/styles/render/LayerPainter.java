package io.shikong.styles.render;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.Crs;
import io.shikong.core.feature.Feature;
import io.shikong.core.query.Query;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.FeatureStore;
import io.shikong.styles.sld.Style;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.geotools.api.filter.Filter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * Draws layers of a store onto a {@link MapRenderer}: the one drawing loop of WMS GetMap and raster tiles.
 * Each layer's features meeting the area (by their bounding box: the renderer clips anyway) are streamed
 * from the store into the renderer with only the properties the style reads, layer after layer in order.
 *
 * <p>The features are read in the map's CRS, so the store transforms them, except when a {@code toMap}
 * function is given: then they are read in the area's CRS and each geometry is mapped before it is drawn
 * (for coordinates no CRS transform reaches, such as GCJ-02 tiles).
 */
public final class LayerPainter {

    /**
     * One layer to draw.
     *
     * @param layer  the layer (already checked visible to the caller)
     * @param style  the style to draw it with
     * @param filter a filter of its features (CQL_FILTER, geometry literals in the storage CRS), or {@code null}
     */
    public record Layer(LayerDefinition layer, Style style, Filter filter) {
        public Layer {
            Objects.requireNonNull(layer, "layer");
            Objects.requireNonNull(style, "style");
        }
    }

    /** Maps being drawn by this process now: a map drawn alone uses a second core ({@link MapRenderer#parallel}). */
    private static final java.util.concurrent.atomic.AtomicInteger DRAWING = new java.util.concurrent.atomic.AtomicInteger();

    private final FeatureStore store;
    private final Caller caller;

    public LayerPainter(FeatureStore store, Caller caller) {
        this.store = Objects.requireNonNull(store, "store");
        this.caller = Objects.requireNonNull(caller, "caller");
    }

    /**
     * Draws the layers in order, features read in {@code crs}.
     *
     * @param area  the area to read, in {@code crs} (x = longitude/easting); the map's extent, or more of it
     *              (a margin for symbols and labels crossing the edge)
     * @param scale the scale denominator the style rules are evaluated at (OGC's 0.28 mm pixel)
     */
    public void paint(MapRenderer renderer, List<Layer> layers, Envelope area, Crs crs, TimeSelection time, double scale) {
        paint(renderer, layers, area, crs, time, scale, null);
    }

    /**
     * Draws the layers in order.
     *
     * @param area  the area to read, in {@code crs}
     * @param crs   the CRS features are read in; the map's CRS when {@code toMap} is {@code null}
     * @param scale the scale denominator the style rules are evaluated at (OGC's 0.28 mm pixel)
     * @param toMap maps each geometry read (in {@code crs}) to the map's coordinates, or {@code null} when
     *              {@code crs} is the map's CRS
     */
    public void paint(MapRenderer renderer, List<Layer> layers, Envelope area, Crs crs, TimeSelection time, double scale,
                      UnaryOperator<Geometry> toMap) {
        boolean alone = DRAWING.incrementAndGet() == 1;
        try {
            // nothing else being drawn: the second core draws half of this map (the same pixels)
            renderer.parallel(alone);
            paintLayers(renderer, layers, area, crs, time, scale, toMap);
            renderer.sync();
        } finally {
            try {
                renderer.parallel(false);
            } finally {
                DRAWING.decrementAndGet();
            }
        }
    }

    private void paintLayers(MapRenderer renderer, List<Layer> layers, Envelope area, Crs crs, TimeSelection time,
                             double scale, UnaryOperator<Geometry> toMap) {
        for (Layer layer : layers) {
            LayerDefinition l = layer.layer();
            // only the properties the style reads: less to fetch and decode per feature (valid time only when a rule
            // names its columns: FeatureFilter reads them from the feature's valid time)
            List<String> needed = StyleProperties.of(layer.style()).stream()
                    .filter(n -> l.attribute(n).isPresent() || n.equals(l.validFromColumn()) || n.equals(l.validToColumn()))
                    .toList();
            // drawing: in the table's order, without ORDER BY (as MapServer reads), which lets PostgreSQL answer from
            // the current versions' spatial index alone
            Query q = Query.of(l.name(), caller).bbox(area, crs).filter(layer.filter(), null)
                    .properties(needed).time(time).outputCrs(crs).bboxIndexOnly(true).drawing(true).build();
            try (FeatureCursor c = store.read(q)) {
                renderer.draw(toMap == null ? c : mapped(c, toMap), layer.style(), scale);
            }
        }
    }

    /** The features with their geometries mapped, one at a time as the renderer reads them. */
    private static Iterator<Feature> mapped(Iterator<Feature> features, UnaryOperator<Geometry> toMap) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return features.hasNext();
            }

            @Override
            public Feature next() {
                Feature f = features.next();
                Geometry g = f.geometry() == null || f.geometry().isEmpty() ? f.geometry() : toMap.apply(f.geometry());
                return new Feature(f.id(), g, f.properties(), f.validFrom(), f.validTo(), f.version());
            }
        };
    }
}
