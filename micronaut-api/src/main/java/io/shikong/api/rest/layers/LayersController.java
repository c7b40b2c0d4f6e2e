package io.shikong.api.rest.layers;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.shikong.api.error.Problem;
import io.shikong.api.error.Problems;
import io.shikong.api.rest.BaseUrl;
import io.shikong.api.rest.JsonResponses;
import io.shikong.api.rest.model.Link;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Envelope;

/** The layers a caller may see, and each layer's schema and extents. */
@Controller("/api/v1/layers")
@Tag(name = "layers")
@ExecuteOn(TaskExecutors.BLOCKING)
public class LayersController {

    private final LayerCatalog catalog;
    private final FeatureStore store;
    private final CrsService crsService;
    private final BaseUrl baseUrl;

    public LayersController(LayerCatalog catalog, FeatureStore store, CrsService crsService, BaseUrl baseUrl) {
        this.catalog = catalog;
        this.store = store;
        this.crsService = crsService;
        this.baseUrl = baseUrl;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "listLayers", summary = "The layers the caller may see")
    public io.micronaut.http.HttpResponse<LayerList> list(HttpRequest<?> request, @Parameter(hidden = true) Caller caller) {
        String base = baseUrl.of(request);
        List<LayerSummary> out = new ArrayList<>();
        for (LayerDefinition l : catalog.layers(caller)) {
            out.add(new LayerSummary(l.name(), l.title(), l.description(), l.keywords(), l.geometryType().label(),
                    "EPSG:" + l.srid(), links(base, l)));
        }
        return JsonResponses.ok(new LayerList(out));
    }

    @Get(uri = "/{layer}", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getLayer", summary = "One layer: schema, spatial and temporal extent")
    @ApiResponse(responseCode = "200", description = "the layer")
    @ApiResponse(responseCode = "404", description = "no such layer, or not visible to the caller",
            content = @Content(mediaType = Problems.PROBLEM_JSON_VALUE, schema = @Schema(implementation = Problem.class)))
    public io.micronaut.http.HttpResponse<LayerDetail> get(HttpRequest<?> request, @PathVariable String layer, @Parameter(hidden = true) Caller caller) {
        LayerDefinition l = catalog.layer(layer, caller);
        List<LayerDetail.Attribute> attributes = new ArrayList<>();
        l.attributes().forEach(a -> attributes.add(new LayerDetail.Attribute(a.name(), a.type().name().toLowerCase(),
                a.title(), a.nullable())));
        Crs storage = crsService.resolve("EPSG:" + l.srid());
        List<Double> storageBbox = null;
        List<Double> bbox = null;
        var bounds = store.bounds(l.name(), caller);
        if (bounds.isPresent()) {
            Envelope e = bounds.get();
            storageBbox = List.of(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY());
            Envelope w = crsService.transform(e, storage, crsService.resolve("CRS84"));
            bbox = List.of(w.getMinX(), w.getMinY(), w.getMaxX(), w.getMaxY());
        }
        List<String> temporal = store.timeExtent(l.name(), caller)
                .map(t -> java.util.Arrays.asList(t.start() == null ? null : t.start().toString(),
                        t.end() == null ? null : t.end().toString()))
                .orElse(null);
        List<String> crs = crsService.supported().stream().map(Crs::code).toList();
        return JsonResponses.ok(new LayerDetail(l.name(), l.title(), l.description(), l.keywords(), l.geometryType().label(),
                l.geometryColumn(), l.idAttribute(), "EPSG:" + l.srid(), attributes, bbox, storageBbox, temporal,
                l.versioned(), l.writable() && l.access().canWrite(caller), l.access().restricted(), crs,
                links(baseUrl.of(request), l)));
    }

    private static List<Link> links(String base, LayerDefinition l) {
        String self = base + "/api/v1/layers/" + l.name();
        return List.of(new Link(self, "self", "application/json", l.title()),
                new Link(self + "/features", "items", "application/geo+json", "features of " + l.name()));
    }
}
