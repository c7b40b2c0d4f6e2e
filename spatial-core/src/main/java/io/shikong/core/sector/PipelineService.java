package io.shikong.core.sector;

import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.catalog.SectorLayers;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import java.util.List;
import org.geotools.api.filter.Filter;
import org.locationtech.jts.geom.Geometry;

/**
 * Pipelines near or under a geometry (the excavation check), nearest first with their distance in
 * metres (Gauss-Krüger zone of the query geometry), optionally of some networks only. The layer and its
 * network attribute are the catalog's {@code sector.pipelines}; a restricted pipeline layer answers only
 * callers who may read it.
 */
public final class PipelineService {

    /** The largest {@code distance} of {@link #near} by default ({@link SectorLimits#pipelinesMaxDistance()}), metres. */
    public static final double MAX_DISTANCE = 5000;

    private final SectorSupport s;
    private final SectorLayers.Pipelines roles;

    /** With the default limits ({@link SectorLimits#DEFAULTS}). */
    public PipelineService(LayerCatalog catalog, FeatureStore store, CrsService crsService) {
        this(catalog, store, crsService, SectorLimits.DEFAULTS);
    }

    /** @param limits the most results, and the largest distance of {@link #near} */
    public PipelineService(LayerCatalog catalog, FeatureStore store, CrsService crsService, SectorLimits limits) {
        this.s = new SectorSupport(catalog, store, crsService, limits);
        this.roles = catalog.sector().pipelines();
    }

    /**
     * The pipeline layer as the caller sees it.
     *
     * @throws io.shikong.core.error.ShikongException 404 when the catalog configures none or the caller may not see it
     */
    public LayerDefinition layer(Caller caller) {
        return s.layer(roles == null ? null : roles.layer(), "pipeline", "pipelines", caller);
    }

    /**
     * Pipelines within {@code distance} metres of a point, line or polygon, nearest first.
     *
     * @param geometry  the query geometry, in {@code crs}
     * @param distance  metres, 0 to {@link SectorLimits#pipelinesMaxDistance()}; required
     * @param networks  networks to keep; all when {@code null} or empty
     * @param time      the data as it stood then ({@code null}: now)
     * @param outputCrs CRS of the answer's geometries ({@code null}: CRS84)
     */
    public RankedFeatures near(Caller caller, Geometry geometry, Crs crs, Double distance, List<String> networks,
                               TimeSelection time, Crs outputCrs) {
        LayerDefinition l = layer(caller);
        Geometry g = s.toStorage(geometry, crs, l);
        double d = SectorSupport.distance(distance, 0, s.limits.pipelinesMaxDistance(), "distance", null);
        Filter f = SectorSupport.and(SectorSupport.FF.dwithin(SectorSupport.FF.property(l.geometryColumn()),
                SectorSupport.FF.literal(g), d, "m"), SectorSupport.in(roles.network(), networks));
        return s.ranked(l, s.query(l, caller, f, time, outputCrs), g);
    }

    /** Pipelines intersecting a footprint (all at distance 0), in id order. */
    public RankedFeatures under(Caller caller, Geometry geometry, Crs crs, List<String> networks, TimeSelection time,
                                Crs outputCrs) {
        LayerDefinition l = layer(caller);
        Geometry g = s.toStorage(geometry, crs, l);
        Filter f = SectorSupport.and(SectorSupport.FF.intersects(SectorSupport.FF.property(l.geometryColumn()),
                SectorSupport.FF.literal(g)), SectorSupport.in(roles.network(), networks));
        return s.ranked(l, s.query(l, caller, f, time, outputCrs), g);
    }
}
