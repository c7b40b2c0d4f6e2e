package io.shikong.api.rest.sector;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.shikong.api.error.Problem;
import io.shikong.api.error.Problems;
import io.shikong.api.rest.GeoJsonMedia;
import io.shikong.api.rest.model.FeatureCollectionDoc;
import io.shikong.api.stream.ChunkPublisher;
import io.shikong.core.analysis.Distance;
import io.shikong.core.analysis.NearestFinder;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.encode.FeatureCollectionStream;
import io.shikong.core.error.FeatureNotFoundException;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.MissingParameterException;
import io.shikong.core.feature.Feature;
import io.shikong.core.params.Params;
import io.shikong.core.query.Query;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.FeatureStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.geotools.api.filter.Filter;
import org.geotools.api.filter.FilterFactory;
import org.geotools.factory.CommonFactoryFinder;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.linearref.LengthIndexedLine;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.reactivestreams.Publisher;

/**
 * The questions sector systems ask (pipelines, street view, food and drug supervision, housing), all
 * with {@code asOf}, all on the same store and query model as the rest of the API. Distances are metres
 * in the Gauss-Krüger zone of the query geometry. Results that are ranked (by distance, by position
 * along a route) are capped at {@value #MAX_RESULTS}.
 */
@Controller("/api/v1/sector")
@Tag(name = "sector")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SectorController {

    static final int MAX_RESULTS = 5000;
    static final String GEOJSON = GeoJsonMedia.GEOJSON;
    private static final FilterFactory FF = CommonFactoryFinder.getFilterFactory();
    /** Days between inspections by risk level: A is the lowest risk, D the highest (sample catalog). */
    static final Map<String, Integer> INSPECTION_INTERVAL_DAYS = Map.of("D", 90, "C", 180, "B", 365, "A", 730);

    private final LayerCatalog catalog;
    private final FeatureStore store;
    private final CrsService crsService;
    private final JsonMapper json;

    public SectorController(LayerCatalog catalog, FeatureStore store, CrsService crsService, JsonMapper json) {
        this.catalog = catalog;
        this.store = store;
        this.crsService = crsService;
        this.json = json;
    }

    // --- pipelines ----------------------------------------------------------------------------------

    @Post(uri = "/pipelines/near", consumes = MediaType.APPLICATION_JSON, produces = {GeoJsonMedia.GEOJSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "pipelinesNear", summary = "Pipelines within distance metres of a point, line or polygon (excavation check)",
            description = "Nearest first; each feature carries 'distance' in metres. Optional networks filter.")
    @ApiResponse(responseCode = "200", description = "pipelines", content = @Content(mediaType = GEOJSON, schema = @Schema(implementation = FeatureCollectionDoc.class)))
    @ApiResponse(responseCode = "400", description = "bad geometry or distance", content = @Content(mediaType = Problems.PROBLEM_JSON_VALUE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<Publisher<byte[]>> pipelinesNear(@Body SectorRequest r, @Parameter(hidden = true) Caller caller) {
        LayerDefinition l = catalog.layer("pipelines", caller);
        Geometry g = geometry(r, l);
        double distance = distance(r.distance(), 0, 5000, "distance", null);
        Filter f = and(FF.dwithin(FF.property(l.geometryColumn()), FF.literal(g), distance, "m"),
                in("network", r.networks()));
        return ranked(l, query(l, caller, r, f), g);
    }

    @Post(uri = "/pipelines/under", consumes = MediaType.APPLICATION_JSON, produces = {GeoJsonMedia.GEOJSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "pipelinesUnder", summary = "Pipelines under a footprint (intersecting it)")
    @ApiResponse(responseCode = "200", description = "pipelines", content = @Content(mediaType = GEOJSON, schema = @Schema(implementation = FeatureCollectionDoc.class)))
    public HttpResponse<Publisher<byte[]>> pipelinesUnder(@Body SectorRequest r, @Parameter(hidden = true) Caller caller) {
        LayerDefinition l = catalog.layer("pipelines", caller);
        Geometry g = geometry(r, l);
        Filter f = and(FF.intersects(FF.property(l.geometryColumn()), FF.literal(g)), in("network", r.networks()));
        return ranked(l, query(l, caller, r, f), g);
    }

    // --- street view --------------------------------------------------------------------------------

    @Post(uri = "/street-view/nearest", consumes = MediaType.APPLICATION_JSON, produces = {GeoJsonMedia.GEOJSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "streetViewNearest", summary = "The street-view capture nearest to a point, optionally taken before an instant")
    @ApiResponse(responseCode = "200", description = "at most one capture", content = @Content(mediaType = GEOJSON, schema = @Schema(implementation = FeatureCollectionDoc.class)))
    public HttpResponse<Publisher<byte[]>> streetViewNearest(@Body SectorRequest r, @Parameter(hidden = true) Caller caller) {
        LayerDefinition l = catalog.layer("street_view", caller);
        Geometry g = geometry(r, l);
        Query q = query(l, caller, r, capturedBefore(r));
        double radius = distance(r.distance(), 0, 50_000, "distance", 5_000.0);
        List<NearestFinder.Ranked> best = new NearestFinder(store, crsService).nearest(q, g, 1, radius);
        List<Feature> features = new ArrayList<>();
        List<Double> distances = new ArrayList<>();
        for (NearestFinder.Ranked k : best) {
            features.add(k.feature());
            distances.add(k.meters());
        }
        return respond(l, features, distances);
    }

    @Post(uri = "/street-view/along", consumes = MediaType.APPLICATION_JSON, produces = {GeoJsonMedia.GEOJSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "streetViewAlong", summary = "Captures along a route, ordered by distance along it",
            description = "Captures within 'distance' metres (default 20) of the route; each carries properties.along_m "
                    + "(metres from the route's start) and 'distance' (metres off the route).")
    @ApiResponse(responseCode = "200", description = "captures", content = @Content(mediaType = GEOJSON, schema = @Schema(implementation = FeatureCollectionDoc.class)))
    public HttpResponse<Publisher<byte[]>> streetViewAlong(@Body SectorRequest r, @Parameter(hidden = true) Caller caller) {
        LayerDefinition l = catalog.layer("street_view", caller);
        Geometry route = geometry(r, l);
        if (!(route instanceof LineString line)) {
            throw new InvalidParameterException("geometry", "the route must be a LineString");
        }
        double distance = distance(r.distance(), 0, 500, "distance", 20.0);
        Filter f = and(FF.dwithin(FF.property(l.geometryColumn()), FF.literal(route), distance, "m"), capturedBefore(r));
        Crs storage = storage(l);
        Crs zone = crsService.gaussKrugerZone(route.getEnvelopeInternal().centre().x);
        LengthIndexedLine indexed = new LengthIndexedLine(crsService.transform(line, storage, zone));
        Distance off = new Distance(crsService, route, storage);
        record Hit(Feature f, double along, double off) { }
        Query q = query(l, caller, r, f);
        requireAtMostMax(q);
        List<Hit> hits = new ArrayList<>();
        try (FeatureCursor c = store.read(q.toBuilder().outputCrs(null).limit(MAX_RESULTS).build())) {
            while (c.hasNext()) {
                Feature feature = c.next();
                Geometry p = crsService.transform(feature.geometry(), storage, zone);
                double along = indexed.project(p.getCoordinate());
                Map<String, Object> props = new LinkedHashMap<>(feature.properties());
                props.put("along_m", Math.round(along * 100) / 100.0);
                hits.add(new Hit(new Feature(feature.id(), feature.geometry(), props, feature.validFrom(),
                        feature.validTo(), feature.version()), along, off.to(feature.geometry())));
            }
        }
        hits.sort(Comparator.comparingDouble(Hit::along).thenComparing(h -> h.f().id()));
        List<Feature> features = new ArrayList<>();
        List<Double> distances = new ArrayList<>();
        for (Hit h : hits) {
            features.add(reproject(h.f(), storage, q.outputCrs()));
            distances.add(h.off());
        }
        return respond(l, features, distances);
    }

    // --- food and drug supervision ------------------------------------------------------------------

    @Get(uri = "/inspection-sites", produces = {GeoJsonMedia.GEOJSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "inspectionSites", summary = "Inspection sites of a district, by risk level")
    @ApiResponse(responseCode = "200", description = "sites", content = @Content(mediaType = GEOJSON, schema = @Schema(implementation = FeatureCollectionDoc.class)))
    public HttpResponse<Publisher<byte[]>> inspectionSites(@Nullable @QueryValue String district,
                                                          @Parameter(description = "comma-separated: A,B,C,D") @Nullable @QueryValue String riskLevels,
                                                          @Nullable @QueryValue String asOf,
                                                          @Parameter(hidden = true) Caller caller) {
        LayerDefinition l = catalog.layer("inspection_sites", caller);
        Filter f = and(district == null ? null : FF.equals(FF.property("district"), FF.literal(district)),
                in("risk_level", riskLevels == null ? null : Params.list(riskLevels)));
        Query q = Query.of(l.name(), caller).filter(f, null).time(time(asOf)).limit(MAX_RESULTS)
                .outputCrs(crsService.resolve("CRS84")).build();
        return stream(l, q);
    }

    @Post(uri = "/inspection-sites/within", consumes = MediaType.APPLICATION_JSON, produces = {GeoJsonMedia.GEOJSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "inspectionSitesWithin", summary = "Inspection sites in a polygon, by risk level")
    @ApiResponse(responseCode = "200", description = "sites", content = @Content(mediaType = GEOJSON, schema = @Schema(implementation = FeatureCollectionDoc.class)))
    public HttpResponse<Publisher<byte[]>> inspectionSitesWithin(@Body SectorRequest r, @Parameter(hidden = true) Caller caller) {
        LayerDefinition l = catalog.layer("inspection_sites", caller);
        Geometry g = geometry(r, l);
        Filter f = and(FF.intersects(FF.property(l.geometryColumn()), FF.literal(g)), in("risk_level", r.riskLevels()));
        return stream(l, query(l, caller, r, f).toBuilder().limit(MAX_RESULTS).build());
    }

    @Get(uri = "/inspection-sites/due", produces = {GeoJsonMedia.GEOJSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "inspectionSitesDue", summary = "Sites due for inspection",
            description = "Sites whose last inspection is older than the interval of their risk level (D, the highest "
                    + "risk, 90 days; C 180; B 365; A 730) on the given date (default today), or never inspected.")
    @ApiResponse(responseCode = "200", description = "sites", content = @Content(mediaType = GEOJSON, schema = @Schema(implementation = FeatureCollectionDoc.class)))
    public HttpResponse<Publisher<byte[]>> inspectionSitesDue(@Parameter(description = "the date to judge by, ISO 8601; default today")
                                                             @Nullable @QueryValue String on,
                                                             @Parameter(hidden = true) Caller caller) {
        LayerDefinition l = catalog.layer("inspection_sites", caller);
        LocalDate day = on == null ? LocalDate.now(ZoneOffset.UTC)
                : Params.instant(on, "on").atOffset(ZoneOffset.UTC).toLocalDate();
        List<Filter> due = new ArrayList<>();
        for (var e : INSPECTION_INTERVAL_DAYS.entrySet()) {
            due.add(FF.and(FF.equals(FF.property("risk_level"), FF.literal(e.getKey())),
                    FF.less(FF.property("last_inspected_on"), FF.literal(day.minusDays(e.getValue()).toString()))));
        }
        due.add(FF.isNull(FF.property("last_inspected_on")));
        Instant asOf = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Query q = Query.of(l.name(), caller).filter(FF.or(due), null).time(TimeSelection.asOf(asOf))
                .limit(MAX_RESULTS).outputCrs(crsService.resolve("CRS84")).build();
        return stream(l, q);
    }

    @Get(uri = "/inspection-sites/{id}/history", produces = {GeoJsonMedia.GEOJSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "inspectionSiteHistory", summary = "The inspection history of a site: every version, oldest first")
    @ApiResponse(responseCode = "200", description = "versions", content = @Content(mediaType = GEOJSON, schema = @Schema(implementation = FeatureCollectionDoc.class)))
    @ApiResponse(responseCode = "404", description = "no such site", content = @Content(mediaType = Problems.PROBLEM_JSON_VALUE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<Publisher<byte[]>> inspectionHistory(@PathVariable String id, @Parameter(hidden = true) Caller caller) {
        LayerDefinition l = catalog.layer("inspection_sites", caller);
        List<Feature> versions = new ArrayList<>();
        try (FeatureCursor c = store.history(l.name(), id, caller)) {
            c.forEachRemaining(f -> versions.add(reproject(f, storage(l), crsService.resolve("CRS84"))));
        }
        if (versions.isEmpty()) {
            throw new FeatureNotFoundException(l.name(), id);
        }
        return respond(l, versions, null);
    }

    // --- housing ------------------------------------------------------------------------------------

    @Post(uri = "/buildings/summary", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "buildingsSummary", summary = "Buildings in a polygon with totals: count and floor area by use")
    @ApiResponse(responseCode = "200", description = "totals", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BuildingSummary.class)))
    public BuildingSummary buildingsSummary(@Body SectorRequest r, @Parameter(hidden = true) Caller caller) {
        LayerDefinition l = catalog.layer("buildings", caller);
        Geometry g = geometry(r, l);
        Crs storage = storage(l);
        Crs zone = crsService.gaussKrugerZone(g.getEnvelopeInternal().centre().x);
        Query q = query(l, caller, r, FF.intersects(FF.property(l.geometryColumn()), FF.literal(g))).toBuilder()
                .outputCrs(null).properties(List.of("use", "floors")).build();
        long count = 0;
        double total = 0;
        Map<String, Long> countByUse = new TreeMap<>();
        Map<String, Double> areaByUse = new TreeMap<>();
        try (FeatureCursor c = store.read(q)) {
            while (c.hasNext()) {
                Feature f = c.next();
                String use = f.get("use") == null ? "unknown" : String.valueOf(f.get("use"));
                int floors = f.get("floors") == null ? 1 : (Integer) f.get("floors");
                double area = crsService.transform(f.geometry(), storage, zone).getArea() * floors;
                count++;
                total += area;
                countByUse.merge(use, 1L, Long::sum);
                areaByUse.merge(use, area, Double::sum);
            }
        }
        areaByUse.replaceAll((k, v) -> Math.round(v * 10) / 10.0);
        return new BuildingSummary(count, Math.round(total * 10) / 10.0, countByUse, areaByUse,
                q.time() instanceof TimeSelection.AsOf a ? a.instant().toString() : Instant.now().toString(),
                "floor area = footprint area in the CGCS2000 Gauss-Krüger zone " + zone.code() + " × floors");
    }

    // --- helpers ------------------------------------------------------------------------------------

    private Query query(LayerDefinition l, Caller caller, SectorRequest r, Filter f) {
        return Query.of(l.name(), caller).filter(f, null).time(time(r.asOf())).outputCrs(output(r)).build();
    }

    private Crs output(SectorRequest r) {
        return Params.crs(crsService, r.outputCrs(), "outputCrs", crsService.resolve("CRS84"));
    }

    private Crs storage(LayerDefinition l) {
        return crsService.resolve("EPSG:" + l.srid());
    }

    private static TimeSelection time(String asOf) {
        return asOf == null || asOf.isBlank() ? TimeSelection.CURRENT : TimeSelection.asOf(Params.instant(asOf, "asOf"));
    }

    /** The request geometry in the layer's storage CRS, SRID set, checked. */
    private Geometry geometry(SectorRequest r, LayerDefinition l) {
        if (r.geometry() == null) {
            throw new MissingParameterException("geometry");
        }
        Geometry g;
        try {
            g = new GeoJsonReader().read(json.writeValueAsString(r.geometry()));
        } catch (org.locationtech.jts.io.ParseException | IOException | RuntimeException e) {
            throw new InvalidParameterException("geometry", "not a valid GeoJSON geometry: " + e.getMessage(), e);
        }
        if (g == null || g.isEmpty()) {
            throw new InvalidParameterException("geometry", "the geometry is empty");
        }
        if (g.getNumPoints() > 100_000) {
            throw new InvalidParameterException("geometry", "at most 100,000 vertices");
        }
        var error = new IsValidOp(g).getValidationError();
        if (error != null) {
            throw new InvalidParameterException("geometry", "invalid geometry: " + error.getMessage());
        }
        Crs crs = Params.crs(crsService, r.crs(), "crs", crsService.resolve("CRS84"));
        Crs storage = storage(l);
        Geometry t = crs.equals(storage) ? g : crsService.transform(g, crs, storage);
        t.setSRID(l.srid());
        return t;
    }

    private static double distance(Double value, double min, double max, String locator, Double fallback) {
        if (value == null) {
            if (fallback != null) {
                return fallback;
            }
            throw new MissingParameterException(locator);
        }
        if (!(value >= min) || value > max) {
            throw new InvalidParameterException(locator, locator + " must be " + (int) min + ".." + (int) max + " metres, was " + value);
        }
        return value;
    }

    /** Street-view captures taken strictly before the request's {@code before} instant, or null for all. */
    private static Filter capturedBefore(SectorRequest r) {
        return r.before() == null ? null
                : FF.less(FF.property("captured_at"), FF.literal(Params.instant(r.before(), "before").toString()));
    }

    private static Filter in(String property, List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        List<Filter> any = new ArrayList<>();
        for (String v : values) {
            any.add(FF.equals(FF.property(property), FF.literal(v)));
        }
        return any.size() == 1 ? any.get(0) : FF.or(any);
    }

    private static Filter and(Filter a, Filter b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : FF.and(a, b);
    }

    private Feature reproject(Feature f, Crs from, Crs to) {
        return from.equals(to) || f.geometry() == null ? f : new Feature(f.id(), crsService.transform(f.geometry(), from, to),
                f.properties(), f.validFrom(), f.validTo(), f.version());
    }

    /** Refuses rather than truncates: a ranked answer cut before ranking could miss the nearest. */
    private void requireAtMostMax(Query q) {
        long n = store.count(q);
        if (n > MAX_RESULTS) {
            throw new InvalidParameterException("distance", n + " features match; at most " + MAX_RESULTS
                    + " are answered at once: narrow the distance, the area or the filter");
        }
    }

    /** Reads every match (at most MAX_RESULTS) in the storage CRS, measures them, returns them nearest first. */
    private HttpResponse<Publisher<byte[]>> ranked(LayerDefinition l, Query q, Geometry reference) {
        requireAtMostMax(q);
        Crs storage = storage(l);
        Distance distance = new Distance(crsService, reference, storage);
        record Hit(Feature f, double d) { }
        List<Hit> hits = new ArrayList<>();
        try (FeatureCursor c = store.read(q.toBuilder().outputCrs(null).limit(MAX_RESULTS).build())) {
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
        return respond(l, features, distances);
    }

    private HttpResponse<Publisher<byte[]>> respond(LayerDefinition l, List<Feature> features, List<Double> distances) {
        int[] i = {0};
        var it = features.iterator();
        var stream = new FeatureCollectionStream(new java.util.Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Feature next() {
                i[0]++;
                return it.next();
            }
        }, null, null, l.temporal(), distances == null ? null : f -> distances.get(i[0] - 1), more -> List.of());
        return HttpResponse.ok(ChunkPublisher.publisher(stream)).contentType(GeoJsonMedia.current());
    }

    private HttpResponse<Publisher<byte[]>> stream(LayerDefinition l, Query q) {
        requireAtMostMax(q.toBuilder().limit(null).build());
        FeatureCursor cursor = store.read(q);
        return HttpResponse.ok(ChunkPublisher.publisher(FeatureCollectionStream.of(cursor, null, l.temporal(), more -> List.of())))
                .contentType(GeoJsonMedia.current());
    }
}
