package io.shikong.core.sector;

import io.shikong.core.analysis.Distance;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.MissingParameterException;
import io.shikong.core.error.ShikongException;
import io.shikong.core.feature.Feature;
import io.shikong.core.query.Query;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
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
 * What the sector services share: the layer a role names, query geometries in its storage CRS, filters,
 * the result cap and ranking by distance.
 */
public final class SectorSupport {

    /**
     * The most features a sector answer holds when the services are made without {@link SectorLimits}. A
     * query matching more is refused (400, asking to narrow it) rather than cut: an answer cut before
     * ranking could miss the nearest.
     */
    public static final int MAX_RESULTS = 5000;

    static final FilterFactory FF = CommonFactoryFinder.getFilterFactory();

    final LayerCatalog catalog;
    final FeatureStore store;
    final CrsService crsService;
    final SectorLimits limits;

    SectorSupport(LayerCatalog catalog, FeatureStore store, CrsService crsService, SectorLimits limits) {
        this.catalog = catalog;
        this.store = store;
        this.crsService = crsService;
        this.limits = java.util.Objects.requireNonNull(limits, "limits");
    }

    /** The most features an answer holds ({@link SectorLimits#maxResults()}). */
    int maxResults() {
        return limits.maxResults();
    }

    /**
     * The layer playing a role, as {@code caller} may see it.
     *
     * @param layer the configured layer, {@code null} when the catalog configures none
     * @param role  what the layer is for, e.g. {@code inspection}, and its key under {@code sector}
     * @throws ShikongException 404 when the catalog configures no such layer, or the caller may not see it
     */
    LayerDefinition layer(String layer, String role, String key, Caller caller) {
        if (layer == null) {
            throw new ShikongException(io.shikong.core.error.OgcCode.NOT_FOUND, "layer", "this catalog configures no " + role
                    + " layer (the catalog's sector." + key + " section)", null);
        }
        return catalog.layer(layer, caller);
    }

    Crs storage(LayerDefinition l) {
        return crsService.resolve("EPSG:" + l.srid());
    }

    Crs crs84() {
        return crsService.resolve("CRS84");
    }

    /** A query geometry, given in {@code crs}, in the layer's storage CRS with its SRID set. */
    Geometry toStorage(Geometry g, Crs crs, LayerDefinition l) {
        Crs storage = storage(l);
        Geometry t = crs == null || crs.equals(storage) ? g.copy() : crsService.transform(g, crs, storage);
        t.setSRID(l.srid());
        return t;
    }

    Query query(LayerDefinition l, Caller caller, Filter f, TimeSelection time, Crs outputCrs) {
        return Query.of(l.name(), caller).filter(f, null).time(time == null ? TimeSelection.CURRENT : time)
                .outputCrs(outputCrs == null ? crs84() : outputCrs).build();
    }

    /**
     * A distance parameter in metres, checked against its range; {@code fallback} when absent (null:
     * required), or {@code max} when that is smaller.
     */
    static double distance(Double value, double min, double max, String locator, Double fallback) {
        if (value == null) {
            if (fallback != null) {
                return Math.min(fallback, max);
            }
            throw new MissingParameterException(locator);
        }
        if (!(value >= min) || value > max) {
            throw new InvalidParameterException(locator, locator + " must be " + (int) min + ".." + (int) max + " metres, was " + value);
        }
        return value;
    }

    /** Features whose {@code property} is one of {@code values}; {@code null} (no condition) when there are none. */
    static Filter in(String property, List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        List<Filter> any = new ArrayList<>();
        for (String v : values) {
            any.add(FF.equals(FF.property(property), FF.literal(v)));
        }
        return any.size() == 1 ? any.get(0) : FF.or(any);
    }

    static Filter and(Filter a, Filter b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : FF.and(a, b);
    }

    Feature reproject(Feature f, Crs from, Crs to) {
        return from.equals(to) || f.geometry() == null ? f : new Feature(f.id(), crsService.transform(f.geometry(), from, to),
                f.properties(), f.validFrom(), f.validTo(), f.version());
    }

    /** Refuses rather than truncates: a ranked answer cut before ranking could miss the nearest. */
    void requireAtMostMax(Query q) {
        long n = store.count(q);
        if (n > maxResults()) {
            throw new InvalidParameterException("distance", n + " features match; at most " + maxResults()
                    + " are answered at once: narrow the distance, the area or the filter");
        }
    }

    /** Reads every match (at most {@link #maxResults()}) in the storage CRS, measures them, returns them nearest first. */
    RankedFeatures ranked(LayerDefinition l, Query q, Geometry reference) {
        requireAtMostMax(q);
        Crs storage = storage(l);
        Distance distance = new Distance(crsService, reference, storage);
        record Hit(Feature f, double d) { }
        List<Hit> hits = new ArrayList<>();
        try (FeatureCursor c = store.read(q.toBuilder().outputCrs(null).limit(maxResults()).build())) {
            while (c.hasNext()) {
                Feature f = c.next();
                hits.add(new Hit(f, distance.to(f.geometry())));
            }
        }
        hits.sort(Comparator.comparingDouble(Hit::d).thenComparing(h -> h.f().id()));
        List<Feature> features = new ArrayList<>();
        List<Double> distances = new ArrayList<>();
        for (Hit h : hits) {
            features.add(reproject(h.f(), storage, q.outputCrs()));
            distances.add(h.d());
        }
        return new RankedFeatures(l, features, distances);
    }

    /** Streams the matches, refusing more than {@link #maxResults()}. */
    MatchingFeatures stream(LayerDefinition l, Query q) {
        requireAtMostMax(q.toBuilder().limit(null).build());
        return new MatchingFeatures(l, store.read(q));
    }
}
