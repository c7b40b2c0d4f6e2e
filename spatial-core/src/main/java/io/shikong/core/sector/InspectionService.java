package io.shikong.core.sector;

import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.catalog.SectorLayers;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.FeatureNotFoundException;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.feature.Feature;
import io.shikong.core.query.Query;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.FeatureStore;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.geotools.api.filter.Filter;
import org.locationtech.jts.geom.Geometry;

/**
 * Food and drug supervision: inspection sites by district, by polygon and by risk level, the sites due
 * for inspection, and a site's inspection history (each inspection is a version). The layer, its
 * risk-level, last-inspection and district attributes and the interval of each risk level are the
 * catalog's {@code sector.inspection}.
 */
public final class InspectionService {

    private final SectorSupport s;
    private final SectorLayers.Inspection roles;

    /** With the default limits ({@link SectorLimits#DEFAULTS}). */
    public InspectionService(LayerCatalog catalog, FeatureStore store, CrsService crsService) {
        this(catalog, store, crsService, SectorLimits.DEFAULTS);
    }

    /** @param limits the most results */
    public InspectionService(LayerCatalog catalog, FeatureStore store, CrsService crsService, SectorLimits limits) {
        this.s = new SectorSupport(catalog, store, crsService, limits);
        this.roles = catalog.sector().inspection();
    }

    /**
     * The inspection-site layer as the caller sees it.
     *
     * @throws io.shikong.core.error.ShikongException 404 when the catalog configures none or the caller may not see it
     */
    public LayerDefinition layer(Caller caller) {
        return s.layer(roles == null ? null : roles.layer(), "inspection", "inspection", caller);
    }

    /** Days between inspections by risk level, as configured (empty when no inspection layer is). */
    public Map<String, Integer> intervals() {
        return roles == null ? Map.of() : roles.intervals();
    }

    /**
     * Sites of a district (all when {@code null}) of some risk levels (all when {@code null} or empty),
     * geometries in CRS84.
     */
    public MatchingFeatures sites(Caller caller, String district, List<String> riskLevels, TimeSelection time) {
        LayerDefinition l = layer(caller);
        if (district != null && roles.district() == null) {
            throw new InvalidParameterException("district", "this catalog configures no district attribute for "
                    + "inspection sites (sector.inspection.district)");
        }
        Filter f = SectorSupport.and(district == null ? null
                        : SectorSupport.FF.equals(SectorSupport.FF.property(roles.district()), SectorSupport.FF.literal(district)),
                SectorSupport.in(roles.risk(), riskLevels));
        Query q = Query.of(l.name(), caller).filter(f, null).time(time == null ? TimeSelection.CURRENT : time)
                .limit(s.maxResults()).outputCrs(s.crs84()).build();
        return s.stream(l, q);
    }

    /** Sites in a polygon (any geometry: those intersecting it) of some risk levels (all when {@code null} or empty). */
    public MatchingFeatures within(Caller caller, Geometry geometry, Crs crs, List<String> riskLevels,
                                   TimeSelection time, Crs outputCrs) {
        LayerDefinition l = layer(caller);
        Geometry g = s.toStorage(geometry, crs, l);
        Filter f = SectorSupport.and(SectorSupport.FF.intersects(SectorSupport.FF.property(l.geometryColumn()),
                SectorSupport.FF.literal(g)), SectorSupport.in(roles.risk(), riskLevels));
        return s.stream(l, s.query(l, caller, f, time, outputCrs).toBuilder().limit(s.maxResults()).build());
    }

    /**
     * Sites due for inspection on a day: never inspected, or last inspected longer ago than the interval
     * of their risk level (sites of a level without an interval are due only when never inspected). The
     * sites are read as they stood at the end of that day, geometries in CRS84.
     *
     * @param on the day to judge by (UTC); {@code null}: today
     */
    public MatchingFeatures due(Caller caller, LocalDate on) {
        LayerDefinition l = layer(caller);
        LocalDate day = on == null ? LocalDate.now(ZoneOffset.UTC) : on;
        List<Filter> due = new ArrayList<>();
        for (var e : roles.intervals().entrySet()) {
            due.add(SectorSupport.FF.and(SectorSupport.FF.equals(SectorSupport.FF.property(roles.risk()),
                            SectorSupport.FF.literal(e.getKey())),
                    SectorSupport.FF.less(SectorSupport.FF.property(roles.lastInspected()),
                            SectorSupport.FF.literal(day.minusDays(e.getValue()).toString()))));
        }
        due.add(SectorSupport.FF.isNull(SectorSupport.FF.property(roles.lastInspected())));
        Instant asOf = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Query q = Query.of(l.name(), caller).filter(SectorSupport.FF.or(due), null).time(TimeSelection.asOf(asOf))
                .limit(s.maxResults()).outputCrs(s.crs84()).build();
        return s.stream(l, q);
    }

    /**
     * Every version of a site, oldest first, geometries in CRS84.
     *
     * @throws FeatureNotFoundException when there is no such site
     */
    public RankedFeatures history(Caller caller, String id) {
        LayerDefinition l = layer(caller);
        List<Feature> versions = new ArrayList<>();
        Crs storage = s.storage(l);
        Crs crs84 = s.crs84();
        try (FeatureCursor c = s.store.history(l.name(), id, caller)) {
            c.forEachRemaining(f -> versions.add(s.reproject(f, storage, crs84)));
        }
        if (versions.isEmpty()) {
            throw new FeatureNotFoundException(l.name(), id);
        }
        return new RankedFeatures(l, versions, null);
    }
}
