package io.shikong.api.rest.features;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.shikong.api.config.ShikongConfiguration;
import io.shikong.api.error.Problem;
import io.shikong.api.error.Problems;
import io.shikong.api.rest.BaseUrl;
import io.shikong.api.rest.GeoJsonMedia;
import io.shikong.api.rest.model.FeatureCollectionDoc;
import io.shikong.api.rest.model.FeatureDoc;
import io.shikong.api.stream.ChunkPublisher;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.CrsService;
import io.shikong.core.encode.FeatureCollectionStream;
import io.shikong.core.encode.GeoJsonWriter;
import io.shikong.core.encode.Link;
import io.shikong.core.error.FeatureNotFoundException;
import io.shikong.core.feature.Values;
import io.shikong.core.params.Params;
import io.shikong.core.query.Query;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.FeatureStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.geotools.api.filter.FilterFactory;
import org.geotools.factory.CommonFactoryFinder;
import org.reactivestreams.Publisher;

/** Features of a layer: pages of GeoJSON streamed from the store, one feature, a feature's history. */
@Controller("/api/v1/layers/{layer}/features")
@Tag(name = "features")
@ExecuteOn(TaskExecutors.BLOCKING)
public class FeaturesController {

    static final String GEOJSON = GeoJsonMedia.GEOJSON;
    private static final FilterFactory FF = CommonFactoryFinder.getFilterFactory();

    private final LayerCatalog catalog;
    private final FeatureStore store;
    private final CrsService crsService;
    private final BaseUrl baseUrl;
    private final FeatureQueryParser parser;

    public FeaturesController(LayerCatalog catalog, FeatureStore store, CrsService crsService, BaseUrl baseUrl,
                              ShikongConfiguration config) {
        this.catalog = catalog;
        this.store = store;
        this.crsService = crsService;
        this.baseUrl = baseUrl;
        this.parser = new FeatureQueryParser(crsService, config.rest().defaultLimit(), config.rest().maxLimit());
    }

    @Get(produces = {GeoJsonMedia.GEOJSON, MediaType.APPLICATION_JSON}, headRoute = false)
    @Operation(operationId = "getFeatures", summary = "Features of a layer, filtered, paged, streamed as GeoJSON",
            description = "Current features unless asOf (the data as it stood then) or datetime (every version "
                    + "valid in a range) is given. Coordinates are longitude/easting first in every CRS. "
                    + "The 'next' link pages on in a stable order.")
    @ApiResponse(responseCode = "200", description = "a page of features",
            content = @Content(mediaType = GEOJSON, schema = @Schema(implementation = FeatureCollectionDoc.class)))
    @ApiResponse(responseCode = "400", description = "a parameter is wrong",
            content = @Content(mediaType = Problems.PROBLEM_JSON_VALUE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "no such layer",
            content = @Content(mediaType = Problems.PROBLEM_JSON_VALUE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<Publisher<byte[]>> features(
            HttpRequest<?> request,
            @PathVariable String layer,
            @Parameter(description = "minx,miny,maxx,maxy in bbox-crs (longitude first)") @Nullable @QueryValue String bbox,
            @Parameter(name = "bbox-crs", description = "CRS of bbox; default CRS84") @Nullable @QueryValue("bbox-crs") String bboxCrs,
            @Parameter(description = "ECQL filter, e.g. floors > 10 AND DWITHIN(geom, POINT(123.4 41.8), 500, meters)") @Nullable @QueryValue String filter,
            @Parameter(name = "filter-crs", description = "CRS of geometries in filter; default CRS84") @Nullable @QueryValue("filter-crs") String filterCrs,
            @Parameter(description = "instant: the data as it stood then (ISO 8601)") @Nullable @QueryValue String asOf,
            @Parameter(description = "instant or start/end (.. for open): every version valid then") @Nullable @QueryValue String datetime,
            @Parameter(description = "page size, 1..maximum (default 100)", schema = @Schema(type = "integer", minimum = "1")) @Nullable @QueryValue String limit,
            @Parameter(description = "features to skip", schema = @Schema(type = "integer", minimum = "0")) @Nullable @QueryValue String offset,
            @Parameter(description = "CRS of the returned geometries: EPSG:4490, EPSG:4326, EPSG:3857, Gauss-Krüger zones, GCJ02, BD09; default CRS84") @Nullable @QueryValue String crs,
            @Parameter(description = "comma-separated properties to return") @Nullable @QueryValue String properties,
            @Parameter(description = "comma-separated sort keys, -name for descending") @Nullable @QueryValue String sortby,
            @Parameter(hidden = true) Caller caller) {
        LayerDefinition l = catalog.layer(layer, caller);
        Query query = parser.parse(l, caller, new FeatureQueryParser.Raw(bbox, bboxCrs, filter, filterCrs, asOf,
                datetime, limit, offset, crs, properties, sortby));
        // one feature more than the page tells whether a next page exists
        FeatureCursor cursor = store.read(query.toBuilder().limit(query.limit() + 1).build());
        String self = baseUrl.of(request) + request.getPath();
        Map<String, List<String>> params = request.getParameters().asMap();
        FeatureCollectionStream stream = FeatureCollectionStream.of(cursor, query.limit(), l.temporal(),
                more -> pageLinks(self, params, query, more));
        return HttpResponse.ok(ChunkPublisher.publisher(stream)).contentType(GeoJsonMedia.current())
                .header("Content-Crs", "<" + (query.outputCrs() == null ? "" : query.outputCrs().uri()) + ">");
    }

    @Get(uri = "/{id}", produces = {GeoJsonMedia.GEOJSON, MediaType.APPLICATION_JSON}, headRoute = false)
    @Operation(operationId = "getFeature", summary = "One feature, current or as of an instant")
    @ApiResponse(responseCode = "200", description = "the feature",
            content = @Content(mediaType = GEOJSON, schema = @Schema(implementation = FeatureDoc.class)))
    @ApiResponse(responseCode = "404", description = "no such feature (at that time)",
            content = @Content(mediaType = Problems.PROBLEM_JSON_VALUE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<byte[]> feature(@PathVariable String layer, @PathVariable String id,
                                        @Parameter(description = "instant (ISO 8601)") @Nullable @QueryValue String asOf,
                                        @Parameter(description = "CRS of the geometry; default CRS84") @Nullable @QueryValue String crs,
                                        @Parameter(hidden = true) Caller caller) {
        LayerDefinition l = catalog.layer(layer, caller);
        Query query = Query.of(l.name(), caller)
                .filter(FF.id(FF.featureId(String.valueOf(Values.convert(id, l.idType(), "id")))))
                .time(FeatureQueryParser.time(asOf, null))
                .outputCrs(Params.crs(crsService, crs, "crs", crsService.resolve("CRS84")))
                .limit(1).build();
        try (FeatureCursor c = store.read(query)) {
            if (!c.hasNext()) {
                throw new FeatureNotFoundException(l.name(), id);
            }
            var out = new java.io.ByteArrayOutputStream();
            try (var g = new com.fasterxml.jackson.core.JsonFactory().createGenerator(out)) {
                GeoJsonWriter.feature(g, c.next(), l.temporal(), null);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return HttpResponse.ok(out.toByteArray()).contentType(GeoJsonMedia.current());
        }
    }

    @Get(uri = "/{id}/history", produces = {GeoJsonMedia.GEOJSON, MediaType.APPLICATION_JSON}, headRoute = false)
    @Operation(operationId = "getFeatureHistory", summary = "Every version of a feature, oldest first")
    @ApiResponse(responseCode = "200", description = "the versions",
            content = @Content(mediaType = GEOJSON, schema = @Schema(implementation = FeatureCollectionDoc.class)))
    @ApiResponse(responseCode = "404", description = "the feature never existed",
            content = @Content(mediaType = Problems.PROBLEM_JSON_VALUE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<byte[]> history(@PathVariable String layer, @PathVariable String id,
                                        @Parameter(hidden = true) Caller caller) {
        LayerDefinition l = catalog.layer(layer, caller);
        FeatureCursor cursor = store.history(l.name(), id, caller);
        if (!cursor.hasNext()) {
            cursor.close();
            throw new FeatureNotFoundException(l.name(), id);
        }
        var crs84 = crsService.resolve("CRS84");
        var storage = crsService.resolve("EPSG:" + l.srid());
        var reprojected = new java.util.Iterator<io.shikong.core.feature.Feature>() {
            @Override
            public boolean hasNext() {
                return cursor.hasNext();
            }

            @Override
            public io.shikong.core.feature.Feature next() {
                var f = cursor.next();
                return new io.shikong.core.feature.Feature(f.id(), crsService.transform(f.geometry(), storage, crs84),
                        f.properties(), f.validFrom(), f.validTo(), f.version());
            }
        };
        byte[] body = new FeatureCollectionStream(reprojected, cursor, null, l.temporal(), null, more -> List.of())
                .readAll();
        return HttpResponse.ok(body).contentType(GeoJsonMedia.current());
    }

    private static List<Link> pageLinks(String self, Map<String, List<String>> params, Query query, boolean more) {
        List<Link> links = new ArrayList<>();
        links.add(new Link(self + queryString(params, null), "self", GEOJSON, null));
        if (more) {
            links.add(new Link(self + queryString(params, query.offset() + query.limit()), "next", GEOJSON, null));
        }
        if (query.offset() > 0) {
            links.add(new Link(self + queryString(params, Math.max(0, query.offset() - query.limit())), "prev", GEOJSON, null));
        }
        return links;
    }

    private static String queryString(Map<String, List<String>> params, Long offset) {
        StringBuilder sb = new StringBuilder();
        for (var e : params.entrySet()) {
            if (offset != null && e.getKey().equals("offset")) {
                continue;
            }
            for (String v : e.getValue()) {
                sb.append(sb.length() == 0 ? '?' : '&').append(enc(e.getKey())).append('=').append(enc(v));
            }
        }
        if (offset != null) {
            sb.append(sb.length() == 0 ? '?' : '&').append("offset=").append(offset);
        }
        return sb.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
