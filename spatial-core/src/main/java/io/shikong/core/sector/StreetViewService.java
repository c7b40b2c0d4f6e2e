package io.shikong.core.sector;

import io.shikong.core.analysis.Distance;
import io.shikong.core.analysis.NearestFinder;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.catalog.SectorLayers;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.feature.Feature;
import io.shikong.core.query.Query;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.FeatureStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geotools.api.filter.Filter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.linearref.LengthIndexedLine;

/**
 * Street-view captures: the one nearest to a point, and those along a route ordered by their position
 * on it, optionally only captures taken before an instant. The layer and its capture-time attribute are
 * the catalog's {@code sector.streetView}.
 */
public final class StreetViewService {

    /** The property added to captures along a route: metres from the route's start. */
    public static final String ALONG = "along_m";
    /** Search radius of {@link #nearest} without a distance, and its default maximum, metres. */
    public static final double NEAREST_RADIUS = 5_000;
    public static final double MAX_NEAREST_RADIUS = 50_000;
    /** Distance off the route of {@link #along} without a distance, and its default maximum, metres. */
    public static final double ALONG_DISTANCE = 20;
    public static final double MAX_ALONG_DISTANCE = 500;

    private final SectorSupport s;
    private final SectorLayers.StreetView roles;

    /** With the default limits ({@link SectorLimits#DEFAULTS}). */
    public StreetViewService(LayerCatalog catalog, FeatureStore store, CrsService crsService) {
        this(catalog, store, crsService, SectorLimits.DEFAULTS);
    }

    /** @param limits the most results, and the largest distances of {@link #nearest} and {@link #along} */
    public StreetViewService(LayerCatalog catalog, FeatureStore store, CrsService crsService, SectorLimits limits) {
        this.s = new SectorSupport(catalog, store, crsService, limits);
        this.roles = catalog.sector().streetView();
    }

    /**
     * The capture layer as the caller sees it.
     *
     * @throws io.shikong.core.error.ShikongException 404 when the catalog configures none or the caller may not see it
     */
    public LayerDefinition layer(Caller caller) {
        return s.layer(roles == null ? null : roles.layer(), "street-view", "streetView", caller);
    }

    /**
     * The capture nearest to a geometry, within {@code distance} metres (default
     * {@value #NEAREST_RADIUS}, at most {@link SectorLimits#streetViewMaxDistance()}, by default
     * {@value #MAX_NEAREST_RADIUS}).
     *
     * @param before only captures taken strictly before this instant; {@code null}: any
     */
    public RankedFeatures nearest(Caller caller, Geometry geometry, Crs crs, Double distance, Instant before,
                                  TimeSelection time, Crs outputCrs) {
        LayerDefinition l = layer(caller);
        Geometry g = s.toStorage(geometry, crs, l);
        Query q = s.query(l, caller, capturedBefore(before), time, outputCrs);
        double radius = SectorSupport.distance(distance, 0, s.limits.streetViewMaxDistance(), "distance", NEAREST_RADIUS);
        List<NearestFinder.Ranked> best = new NearestFinder(s.store, s.crsService).nearest(q, g, 1, radius);
        List<Feature> features = new ArrayList<>();
        List<Double> distances = new ArrayList<>();
        for (NearestFinder.Ranked k : best) {
            features.add(k.feature());
            distances.add(k.meters());
        }
        return new RankedFeatures(l, features, distances);
    }

    /**
     * Captures within {@code distance} metres (default {@value #ALONG_DISTANCE}, at most
     * {@link SectorLimits#alongMaxDistance()}, by default {@value #MAX_ALONG_DISTANCE}) of a route, ordered
     * by their position along it; each carries {@value #ALONG} (metres from the route's start) and its
     * distance off the route.
     *
     * @param route a LineString, in {@code crs}
     */
    public RankedFeatures along(Caller caller, Geometry route, Crs crs, Double distance, Instant before,
                                TimeSelection time, Crs outputCrs) {
        LayerDefinition l = layer(caller);
        Geometry inStorage = s.toStorage(route, crs, l);
        if (!(inStorage instanceof LineString line)) {
            throw new InvalidParameterException("geometry", "the route must be a LineString");
        }
        double d = SectorSupport.distance(distance, 0, s.limits.alongMaxDistance(), "distance", ALONG_DISTANCE);
        Filter f = SectorSupport.and(SectorSupport.FF.dwithin(SectorSupport.FF.property(l.geometryColumn()),
                SectorSupport.FF.literal(inStorage), d, "m"), capturedBefore(before));
        Crs storage = s.storage(l);
        Crs zone = s.crsService.gaussKrugerZone(inStorage.getEnvelopeInternal().centre().x);
        LengthIndexedLine indexed = new LengthIndexedLine(s.crsService.transform(line, storage, zone));
        Distance off = new Distance(s.crsService, inStorage, storage);
        record Hit(Feature f, double along, double off) { }
        Query q = s.query(l, caller, f, time, outputCrs);
        s.requireAtMostMax(q);
        List<Hit> hits = new ArrayList<>();
        try (FeatureCursor c = s.store.read(q.toBuilder().outputCrs(null).limit(s.maxResults()).build())) {
            while (c.hasNext()) {
                Feature feature = c.next();
                Geometry p = s.crsService.transform(feature.geometry(), storage, zone);
                double along = indexed.project(p.getCoordinate());
                Map<String, Object> props = new LinkedHashMap<>(feature.properties());
                props.put(ALONG, Math.round(along * 100) / 100.0);
                hits.add(new Hit(new Feature(feature.id(), feature.geometry(), props, feature.validFrom(),
                        feature.validTo(), feature.version()), along, off.to(feature.geometry())));
            }
        }
        hits.sort(Comparator.comparingDouble(Hit::along).thenComparing(h -> h.f().id()));
        List<Feature> features = new ArrayList<>();
        List<Double> distances = new ArrayList<>();
        for (Hit h : hits) {
            features.add(s.reproject(h.f(), storage, q.outputCrs()));
            distances.add(h.off());
        }
        return new RankedFeatures(l, features, distances);
    }

    /** Captures taken strictly before {@code before}, or null for all. */
    private Filter capturedBefore(Instant before) {
        if (before == null) {
            return null;
        }
        if (roles.capturedAt() == null) {
            throw new InvalidParameterException("before", "this catalog configures no capture time for street view "
                    + "(sector.streetView.capturedAt)");
        }
        return SectorSupport.FF.less(SectorSupport.FF.property(roles.capturedAt()), SectorSupport.FF.literal(before.toString()));
    }
}
