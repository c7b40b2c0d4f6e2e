package io.shikong.core.analysis;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.feature.Feature;
import io.shikong.core.query.Query;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.FeatureStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.geotools.api.filter.Filter;
import org.geotools.api.filter.FilterFactory;
import org.geotools.factory.CommonFactoryFinder;
import org.locationtech.jts.geom.Geometry;

/**
 * The k features nearest to a geometry, with their distances in metres, on any store.
 *
 * <p>It widens a distance search (DWITHIN, pushed down to the store with the index) from 250 m by a
 * factor of 4 until at least k features match or {@code maxMeters} is reached; once k match within r,
 * the k nearest are all within r, so ranking those candidates exactly is enough. Ties are broken by id.
 * Degenerate cases: {@code k <= 0} is an error; fewer than k features within {@code maxMeters} gives
 * fewer results; an empty layer gives none.
 */
public final class NearestFinder {

    private static final FilterFactory FF = CommonFactoryFinder.getFilterFactory();
    private static final double START_METERS = 250;

    private final FeatureStore store;
    private final CrsService crsService;

    public NearestFinder(FeatureStore store, CrsService crsService) {
        this.store = store;
        this.crsService = crsService;
    }

    /** One result: a feature and its distance in metres. */
    public record Ranked(Feature feature, double meters) {
    }

    /**
     * @param base      the query whose filter, time and properties apply (its limit, offset and sort are ignored)
     * @param target    the reference geometry in the storage CRS
     * @param k         how many, at least 1
     * @param maxMeters the search radius limit
     * @return at most k features, nearest first, geometries in the base query's output CRS
     */
    public List<Ranked> nearest(Query base, Geometry target, int k, double maxMeters) {
        if (k < 1) {
            throw new InvalidParameterException("k", "k must be at least 1");
        }
        LayerDefinition layer = store.schema(base.layer(), base.caller());
        Crs storage = crsService.resolve("EPSG:" + layer.srid());
        double radius = Math.min(START_METERS, maxMeters);
        Query candidates;
        while (true) {
            candidates = within(base, layer, target, radius);
            if (radius >= maxMeters || store.count(candidates) >= k) {
                break;
            }
            radius = Math.min(maxMeters, radius * 4);
        }
        Distance distance = new Distance(crsService, target, storage);
        Comparator<Ranked> nearestFirst = Comparator.comparingDouble(Ranked::meters).thenComparing(r -> r.feature().id());
        // the k best so far, worst on top: memory is bounded by k, not by the candidates streamed past
        java.util.PriorityQueue<Ranked> best = new java.util.PriorityQueue<>(k + 1, nearestFirst.reversed());
        // read in the storage CRS to measure, then hand back in the requested CRS
        Crs output = base.outputCrs();
        try (FeatureCursor c = store.read(candidates.toBuilder().outputCrs(null).build())) {
            while (c.hasNext()) {
                Feature f = c.next();
                best.add(new Ranked(f, distance.to(f.geometry())));
                if (best.size() > k) {
                    best.poll();
                }
            }
        }
        List<Ranked> top = new ArrayList<>(best);
        top.sort(nearestFirst);
        if (output != null && !output.equals(storage)) {
            top.replaceAll(r -> new Ranked(reproject(r.feature(), storage, output), r.meters()));
        }
        return top;
    }

    private Feature reproject(Feature f, Crs from, Crs to) {
        return new Feature(f.id(), crsService.transform(f.geometry(), from, to), f.properties(), f.validFrom(),
                f.validTo(), f.version());
    }

    private static Query within(Query base, LayerDefinition layer, Geometry target, double meters) {
        // the SRID tells the filter compiler this literal is in the storage CRS, whatever the filter CRS
        Geometry literal = target.copy();
        literal.setSRID(layer.srid());
        Filter dwithin = FF.dwithin(FF.property(layer.geometryColumn()), FF.literal(literal), meters, "m");
        Filter filter = base.filter() == null || base.filter() == Filter.INCLUDE ? dwithin : FF.and(base.filter(), dwithin);
        return base.toBuilder().filter(filter, base.filterCrs()).sort(List.of()).offset(0).limit(null).build();
    }
}
