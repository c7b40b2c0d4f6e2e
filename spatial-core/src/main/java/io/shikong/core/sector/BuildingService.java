package io.shikong.core.sector;

import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.catalog.SectorLayers;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.feature.Feature;
import io.shikong.core.query.Query;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.FeatureStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.locationtech.jts.geom.Geometry;

/**
 * Housing: the buildings intersecting a polygon, counted and their floor area (footprint m² × floors)
 * summed by use. The layer and its use and floors attributes are the catalog's {@code sector.buildings}.
 */
public final class BuildingService {

    /** The use reported for buildings without one. */
    public static final String UNKNOWN_USE = "unknown";

    private final SectorSupport s;
    private final SectorLayers.Buildings roles;

    public BuildingService(LayerCatalog catalog, FeatureStore store, CrsService crsService) {
        // no limit applies: the summary aggregates every building it intersects, answering no features
        this.s = new SectorSupport(catalog, store, crsService, SectorLimits.DEFAULTS);
        this.roles = catalog.sector().buildings();
    }

    /**
     * The building layer as the caller sees it.
     *
     * @throws io.shikong.core.error.ShikongException 404 when the catalog configures none or the caller may not see it
     */
    public LayerDefinition layer(Caller caller) {
        return s.layer(roles == null ? null : roles.layer(), "building", "buildings", caller);
    }

    /**
     * Count and floor area by use of the buildings whose footprint intersects {@code geometry} (the whole
     * building, not the part inside). Areas are m² in the Gauss-Krüger zone of the polygon; a building
     * without floors (or a layer without a floors attribute) counts one floor.
     */
    public BuildingTotals summary(Caller caller, Geometry geometry, Crs crs, TimeSelection time) {
        LayerDefinition l = layer(caller);
        Geometry g = s.toStorage(geometry, crs, l);
        Crs storage = s.storage(l);
        Crs zone = s.crsService.gaussKrugerZone(g.getEnvelopeInternal().centre().x);
        List<String> properties = new ArrayList<>(List.of(roles.use()));
        if (roles.floors() != null && !roles.floors().equals(roles.use())) {
            properties.add(roles.floors());
        }
        Query q = s.query(l, caller, SectorSupport.FF.intersects(SectorSupport.FF.property(l.geometryColumn()),
                SectorSupport.FF.literal(g)), time, null).toBuilder().outputCrs(null).properties(properties).build();
        long count = 0;
        double total = 0;
        Map<String, Long> countByUse = new TreeMap<>();
        Map<String, Double> areaByUse = new TreeMap<>();
        try (FeatureCursor c = s.store.read(q)) {
            while (c.hasNext()) {
                Feature f = c.next();
                String use = f.get(roles.use()) == null ? UNKNOWN_USE : String.valueOf(f.get(roles.use()));
                Object n = roles.floors() == null ? null : f.get(roles.floors());
                int floors = n == null ? 1 : ((Number) n).intValue();
                double area = s.crsService.transform(f.geometry(), storage, zone).getArea() * floors;
                count++;
                total += area;
                countByUse.merge(use, 1L, Long::sum);
                areaByUse.merge(use, area, Double::sum);
            }
        }
        areaByUse.replaceAll((k, v) -> Math.round(v * 10) / 10.0);
        return new BuildingTotals(count, Math.round(total * 10) / 10.0, countByUse, areaByUse,
                q.time() instanceof TimeSelection.AsOf a ? a.instant() : Instant.now(),
                "floor area = footprint area in the CGCS2000 Gauss-Krüger zone " + zone.code() + " × floors");
    }
}
