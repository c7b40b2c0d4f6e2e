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
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.shikong.api.error.Problem;
import io.shikong.api.error.Problems;
import io.shikong.api.rest.GeoJsonGeometryReader;
import io.shikong.api.rest.GeoJsonMedia;
import io.shikong.api.rest.model.FeatureCollectionDoc;
import io.shikong.api.stream.ChunkPublisher;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.encode.FeatureCollectionStream;
import io.shikong.core.feature.Feature;
import io.shikong.core.params.Params;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.sector.BuildingService;
import io.shikong.core.sector.BuildingTotals;
import io.shikong.core.sector.InspectionService;
import io.shikong.core.sector.MatchingFeatures;
import io.shikong.core.sector.PipelineService;
import io.shikong.core.sector.RankedFeatures;
import io.shikong.core.sector.StreetViewService;
import io.shikong.core.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.reactivestreams.Publisher;

/**
 * The questions sector systems ask (pipelines, street view, food and drug supervision, housing), all
 * with {@code asOf}, all on the same store and query model as the rest of the API. HTTP translation only:
 * the rules, and which layer and attributes each question uses (the catalog's {@code sector} section),
 * are the services of {@code io.shikong.core.sector}. Distances are metres in the Gauss-Krüger zone of
 * the query geometry. Answers hold at most {@code shikong.sector.max-results} features (the services' own
 * {@link io.shikong.core.sector.SectorLimits}); a question matching more is refused.
 */
@Controller("/api/v1/sector")
@Tag(name = "sector")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SectorController {

    static final String GEOJSON = GeoJsonMedia.GEOJSON;

    private final PipelineService pipelines;
    private final StreetViewService streetView;
    private final InspectionService inspection;
    private final BuildingService buildings;
    private final GeoJsonGeometryReader geometries;
    private final CrsService crsService;

    public SectorController(PipelineService pipelines, StreetViewService streetView, InspectionService inspection,
                            BuildingService buildings, GeoJsonGeometryReader geometries, CrsService crsService) {
        this.pipelines = pipelines;
        this.streetView = streetView;
        this.inspection = inspection;
        this.buildings = buildings;
        this.geometries = geometries;
        this.crsService = crsService;
    }

    // --- pipelines ----------------------------------------------------------------------------------

    @Post(uri = "/pipelines/near", consumes = MediaType.APPLICATION_JSON, produces = {GeoJsonMedia.GEOJSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "pipelinesNear", summary = "Pipelines within distance metres of a point, line or polygon (excavation check)",
            description = "Nearest first; each feature carries 'distance' in metres. Optional networks filter.")
    @ApiResponse(responseCode = "200", description = "pipelines", content = @Content(mediaType = GEOJSON, schema = @Schema(implementation = FeatureCollectionDoc.class)))
    @ApiResponse(responseCode = "400", description = "bad geometry or distance", content = @Content(mediaType = Problems.PROBLEM_JSON_VALUE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<Publisher<byte[]>> pipelinesNear(@Body SectorRequest r, @Parameter(hidden = true) Caller caller) {
        // the layer first, as always: unknown, restricted or not configured is a 404 before any check of the body
        pipelines.layer(caller);
        Geometry g = geometries.geometry(r.geometry(), "geometry");
        return respond(pipelines.near(caller, g, geometries.crs(r.crs()), r.distance(), r.networks(), time(r.asOf()),
                output(r)));
    }

    @Post(uri = "/pipelines/under", consumes = MediaType.APPLICATION_JSON, produces = {GeoJsonMedia.GEOJSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "pipelinesUnder", summary = "Pipelines under a footprint (intersecting it)")
    @ApiResponse(responseCode = "200", description = "pipelines", content = @Content(mediaType = GEOJSON, schema = @Schema(implementation = FeatureCollectionDoc.class)))
    public HttpResponse<Publisher<byte[]>> pipelinesUnder(@Body SectorRequest r, @Parameter(hidden = true) Caller caller) {
        pipelines.layer(caller);
        Geometry g = geometries.geometry(r.geometry(), "geometry");
        return respond(pipelines.under(caller, g, geometries.crs(r.crs()), r.networks(), time(r.asOf()), output(r)));
    }

    // --- street view --------------------------------------------------------------------------------

    @Post(uri = "/street-view/nearest", consumes = MediaType.APPLICATION_JSON, produces = {GeoJsonMedia.GEOJSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "streetViewNearest", summary = "The street-view capture nearest to a point, optionally taken before an instant")
    @ApiResponse(responseCode = "200", description = "at most one capture", content = @Content(mediaType = GEOJSON, schema = @Schema(implementation = FeatureCollectionDoc.class)))
    public HttpResponse<Publisher<byte[]>> streetViewNearest(@Body SectorRequest r, @Parameter(hidden = true) Caller caller) {
        streetView.layer(caller);
        Geometry g = geometries.geometry(r.geometry(), "geometry");
        Crs crs = geometries.crs(r.crs());
        return respond(streetView.nearest(caller, g, crs, r.distance(), before(r), time(r.asOf()), output(r)));
    }

    @Post(uri = "/street-view/along", consumes = MediaType.APPLICATION_JSON, produces = {GeoJsonMedia.GEOJSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "streetViewAlong", summary = "Captures along a route, ordered by distance along it",
            description = "Captures within 'distance' metres (default 20) of the route; each carries properties.along_m "
                    + "(metres from the route's start) and 'distance' (metres off the route).")
    @ApiResponse(responseCode = "200", description = "captures", content = @Content(mediaType = GEOJSON, schema = @Schema(implementation = FeatureCollectionDoc.class)))
    public HttpResponse<Publisher<byte[]>> streetViewAlong(@Body SectorRequest r, @Parameter(hidden = true) Caller caller) {
        streetView.layer(caller);
        Geometry route = geometries.geometry(r.geometry(), "geometry");
        Crs crs = geometries.crs(r.crs());
        return respond(streetView.along(caller, route, crs, r.distance(), before(r), time(r.asOf()), output(r)));
    }

    // --- food and drug supervision ------------------------------------------------------------------

    @Get(uri = "/inspection-sites", produces = {GeoJsonMedia.GEOJSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "inspectionSites", summary = "Inspection sites of a district, by risk level")
    @ApiResponse(responseCode = "200", description = "sites", content = @Content(mediaType = GEOJSON, schema = @Schema(implementation = FeatureCollectionDoc.class)))
    public HttpResponse<Publisher<byte[]>> inspectionSites(@Nullable @QueryValue String district,
                                                          @Parameter(description = "comma-separated: A,B,C,D") @Nullable @QueryValue String riskLevels,
                                                          @Nullable @QueryValue String asOf,
                                                          @Parameter(hidden = true) Caller caller) {
        inspection.layer(caller);
        return stream(inspection.sites(caller, district, riskLevels == null ? null : Params.list(riskLevels), time(asOf)));
    }

    @Post(uri = "/inspection-sites/within", consumes = MediaType.APPLICATION_JSON, produces = {GeoJsonMedia.GEOJSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "inspectionSitesWithin", summary = "Inspection sites in a polygon, by risk level")
    @ApiResponse(responseCode = "200", description = "sites", content = @Content(mediaType = GEOJSON, schema = @Schema(implementation = FeatureCollectionDoc.class)))
    public HttpResponse<Publisher<byte[]>> inspectionSitesWithin(@Body SectorRequest r, @Parameter(hidden = true) Caller caller) {
        inspection.layer(caller);
        Geometry g = geometries.geometry(r.geometry(), "geometry");
        Crs crs = geometries.crs(r.crs());
        return stream(inspection.within(caller, g, crs, r.riskLevels(), time(r.asOf()), output(r)));
    }

    @Get(uri = "/inspection-sites/due", produces = {GeoJsonMedia.GEOJSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "inspectionSitesDue", summary = "Sites due for inspection",
            description = "Sites whose last inspection is older than the interval of their risk level (the catalog's "
                    + "sector.inspection.intervals; in the sample catalog D, the highest risk, 90 days; C 180; B 365; A 730) "
                    + "on the given date (default today), or never inspected.")
    @ApiResponse(responseCode = "200", description = "sites", content = @Content(mediaType = GEOJSON, schema = @Schema(implementation = FeatureCollectionDoc.class)))
    public HttpResponse<Publisher<byte[]>> inspectionSitesDue(@Parameter(description = "the date to judge by, ISO 8601; default today")
                                                             @Nullable @QueryValue String on,
                                                             @Parameter(hidden = true) Caller caller) {
        inspection.layer(caller);
        LocalDate day = on == null ? null : Params.instant(on, "on").atOffset(ZoneOffset.UTC).toLocalDate();
        return stream(inspection.due(caller, day));
    }

    @Get(uri = "/inspection-sites/{id}/history", produces = {GeoJsonMedia.GEOJSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "inspectionSiteHistory", summary = "The inspection history of a site: every version, oldest first")
    @ApiResponse(responseCode = "200", description = "versions", content = @Content(mediaType = GEOJSON, schema = @Schema(implementation = FeatureCollectionDoc.class)))
    @ApiResponse(responseCode = "404", description = "no such site", content = @Content(mediaType = Problems.PROBLEM_JSON_VALUE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<Publisher<byte[]>> inspectionHistory(@PathVariable String id, @Parameter(hidden = true) Caller caller) {
        return respond(inspection.history(caller, id));
    }

    // --- housing ------------------------------------------------------------------------------------

    @Post(uri = "/buildings/summary", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "buildingsSummary", summary = "Buildings in a polygon with totals: count and floor area by use")
    @ApiResponse(responseCode = "200", description = "totals", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BuildingSummary.class)))
    public BuildingSummary buildingsSummary(@Body SectorRequest r, @Parameter(hidden = true) Caller caller) {
        buildings.layer(caller);
        Geometry g = geometries.geometry(r.geometry(), "geometry");
        Crs crs = geometries.crs(r.crs());
        TimeSelection time = time(r.asOf());
        output(r); // checked as before, though a summary has no geometries
        BuildingTotals t = buildings.summary(caller, g, crs, time);
        return new BuildingSummary(t.count(), t.floorAreaM2(), t.countByUse(), t.floorAreaM2ByUse(), t.asOf().toString(),
                t.method());
    }

    // --- helpers ------------------------------------------------------------------------------------

    private Crs output(SectorRequest r) {
        return Params.crs(crsService, r.outputCrs(), "outputCrs", crsService.resolve("CRS84"));
    }

    private static TimeSelection time(String asOf) {
        return asOf == null || asOf.isBlank() ? TimeSelection.CURRENT : TimeSelection.asOf(Params.instant(asOf, "asOf"));
    }

    private static Instant before(SectorRequest r) {
        return r.before() == null ? null : Params.instant(r.before(), "before");
    }

    /** A ranked answer as GeoJSON, each feature with its distance when measured. */
    private static HttpResponse<Publisher<byte[]>> respond(RankedFeatures answer) {
        int[] i = {0};
        var it = answer.features().iterator();
        List<Double> distances = answer.distances();
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
        }, null, null, answer.layer().temporal(), distances == null ? null : f -> distances.get(i[0] - 1), more -> List.of());
        return HttpResponse.ok(ChunkPublisher.publisher(stream)).contentType(GeoJsonMedia.current());
    }

    /** A streamed answer as GeoJSON; the cursor is closed when the response ends. */
    private static HttpResponse<Publisher<byte[]>> stream(MatchingFeatures answer) {
        return HttpResponse.ok(ChunkPublisher.publisher(FeatureCollectionStream.of(answer.cursor(), null,
                        answer.layer().temporal(), more -> List.of())))
                .contentType(GeoJsonMedia.current());
    }
}
