package io.shikong.api.rest.spatial;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.shikong.api.config.ShikongConfiguration;
import io.shikong.api.error.Problem;
import io.shikong.api.error.Problems;
import io.shikong.api.rest.GeoJsonGeometryReader;
import io.shikong.api.rest.model.FeatureCollectionDoc;
import io.shikong.api.stream.ChunkPublisher;
import io.shikong.core.analysis.Distance;
import io.shikong.core.analysis.NearestFinder;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.encode.FeatureCollectionStream;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.MissingParameterException;
import io.shikong.core.feature.Feature;
import io.shikong.core.filter.Ecql;
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
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.geotools.api.filter.Filter;
import org.geotools.api.filter.FilterFactory;
import org.geotools.api.filter.expression.Expression;
import org.geotools.factory.CommonFactoryFinder;
import org.locationtech.jts.geom.Geometry;
import org.reactivestreams.Publisher;

/** Spatial questions about a layer: intersects, within, contains, within a distance, nearest k. */
@Controller("/api/v1/layers/{layer}/spatial-query")
@Tag(name = "spatial")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SpatialQueryController {

    /** Search radius of nearest without a distance, metres (or shikong.query.max-distance when smaller). */
    private static final double DEFAULT_NEAREST_RADIUS = 50_000;
    private static final FilterFactory FF = CommonFactoryFinder.getFilterFactory();

    private final LayerCatalog catalog;
    private final FeatureStore store;
    private final CrsService crsService;
    private final ShikongConfiguration config;
    private final io.shikong.api.rest.BaseUrl baseUrl;
    private final GeoJsonGeometryReader geometries;

    public SpatialQueryController(LayerCatalog catalog, FeatureStore store, CrsService crsService,
                                  GeoJsonGeometryReader geometries, ShikongConfiguration config,
                                  io.shikong.api.rest.BaseUrl baseUrl) {
        this.baseUrl = baseUrl;
        this.catalog = catalog;
        this.store = store;
        this.crsService = crsService;
        this.geometries = geometries;
        this.config = config;
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = {io.shikong.api.rest.GeoJsonMedia.GEOJSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "spatialQuery", summary = "Features in a spatial relation with a geometry",
            description = "Distances are true metres (ellipsoidal on PostGIS, Gauss-Krüger zone on the embedded store); "
                    + "dwithin and nearest results carry 'distance' in metres, nearest ones sorted by it.")
    @ApiResponse(responseCode = "200", description = "matching features",
            content = @Content(mediaType = "application/geo+json", schema = @Schema(implementation = FeatureCollectionDoc.class)))
    @ApiResponse(responseCode = "400", description = "invalid geometry, relation, distance or filter",
            content = @Content(mediaType = Problems.PROBLEM_JSON_VALUE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<Publisher<byte[]>> query(io.micronaut.http.HttpRequest<?> request, @PathVariable String layer,
                                                 @Body SpatialQueryRequest body,
                                                 @Parameter(description = "features to skip; overrides the body's offset (the next link uses it)",
                                                         schema = @Schema(type = "integer", minimum = "0"))
                                                 @io.micronaut.core.annotation.Nullable @io.micronaut.http.annotation.QueryValue("offset") String offsetParam,
                                                 @Parameter(hidden = true) Caller caller) {
        LayerDefinition l = catalog.layer(layer, caller);
        Crs crs84 = crsService.resolve("CRS84");
        Crs inputCrs = Params.crs(crsService, body.crs(), "crs", crs84);
        Crs outputCrs = Params.crs(crsService, body.outputCrs(), "outputCrs", crs84);
        Crs storage = crsService.resolve("EPSG:" + l.srid());
        Geometry geometry = geometries.geometry(body.geometry(), "geometry");
        String relation = body.relation() == null ? "intersects" : body.relation().toLowerCase(Locale.ROOT);

        Query.Builder base = Query.of(l.name(), caller)
                .filter(Ecql.parse(body.filter(), "filter"), inputCrs)
                .time(body.asOf() == null ? TimeSelection.CURRENT : TimeSelection.asOf(Params.instant(body.asOf(), "asOf")))
                .properties(properties(body.properties()));
        Geometry inStorage = geometries.toStorage(geometry, inputCrs, storage);

        if (relation.equals("nearest")) {
            int k = body.k() == null ? 1 : body.k();
            if (k < 1 || k > 1000) {
                throw new InvalidParameterException("k", "k must be 1..1000, was " + k);
            }
            double radius = body.distance() == null ? Math.min(DEFAULT_NEAREST_RADIUS, config.query().maxDistance())
                    : distance(body.distance());
            List<NearestFinder.Ranked> ranked = new NearestFinder(store, crsService)
                    .nearest(base.outputCrs(outputCrs).build(), inStorage, k, radius);
            Iterator<NearestFinder.Ranked> it = ranked.iterator();
            var features = new Iterator<Feature>() {
                NearestFinder.Ranked current;

                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Feature next() {
                    current = it.next();
                    return current.feature();
                }
            };
            return respond(new FeatureCollectionStream(features, null, null, l.temporal(),
                    f -> features.current.meters(), more -> List.of()));
        }

        Expression property = FF.property(l.geometryColumn());
        Expression literal = FF.literal(inStorage);
        Filter spatial = switch (relation) {
            case "intersects" -> FF.intersects(property, literal);
            case "within" -> FF.within(property, literal);
            case "contains" -> FF.contains(property, literal);
            case "dwithin" -> {
                if (body.distance() == null) {
                    throw new MissingParameterException("distance");
                }
                yield FF.dwithin(property, literal, distance(body.distance()), "m");
            }
            default -> throw new InvalidParameterException("relation", "relation '" + body.relation()
                    + "' is not one of intersects, within, contains, dwithin, nearest");
        };
        Query q0 = base.build();
        Filter filter = q0.filter() == null || q0.filter() == Filter.INCLUDE ? spatial : FF.and(q0.filter(), spatial);
        int limit = body.limit() == null ? config.rest().defaultLimit() : body.limit();
        if (limit < 1 || limit > config.rest().maxLimit()) {
            throw new InvalidParameterException("limit", "limit must be 1.." + config.rest().maxLimit() + ", was " + limit);
        }
        int offset = offsetParam != null ? Params.integer(offsetParam, "offset", 0, 0, Integer.MAX_VALUE)
                : body.offset() == null ? 0 : body.offset();
        if (offset < 0) {
            throw new InvalidParameterException("offset", "offset must not be negative");
        }
        Query query = base.filter(filter, inputCrs).limit(limit + 1).offset(offset).build();
        boolean measure = relation.equals("dwithin");
        Distance distance = measure ? new Distance(crsService, inStorage, storage) : null;
        FeatureCursor cursor = store.read(query);
        String self = baseUrl.of(request) + request.getPath();
        double[] last = new double[1];
        Iterator<Feature> reprojected = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return cursor.hasNext();
            }

            @Override
            public Feature next() {
                Feature f = cursor.next();
                if (measure) {
                    last[0] = distance.to(f.geometry());
                }
                return outputCrs.equals(storage) ? f : new Feature(f.id(), crsService.transform(f.geometry(), storage,
                        outputCrs), f.properties(), f.validFrom(), f.validTo(), f.version());
            }
        };
        // a POST cannot be followed by URL alone: the next link says to POST the same body with ?offset=
        return respond(new FeatureCollectionStream(reprojected, cursor, limit, l.temporal(),
                measure ? f -> last[0] : null, more -> more
                        ? List.of(new io.shikong.core.encode.Link(self + "?offset=" + (offset + limit), "next",
                                "application/geo+json", "POST the same query to this URL for the next page"))
                        : List.of()));
    }

    private static HttpResponse<Publisher<byte[]>> respond(FeatureCollectionStream stream) {
        return HttpResponse.ok(ChunkPublisher.publisher(stream))
                .contentType(io.shikong.api.rest.GeoJsonMedia.current());
    }

    private static java.util.List<String> properties(java.util.List<String> names) {
        if (names != null && names.stream().anyMatch(n -> n == null || n.isBlank())) {
            throw new InvalidParameterException("properties", "properties must be non-empty names");
        }
        return names;
    }

    private double distance(double meters) {
        double max = config.query().maxDistance();
        if (!(meters >= 0) || meters > max) {
            throw new InvalidParameterException("distance", "distance must be 0.." + (long) max
                    + " metres, was " + meters);
        }
        return meters;
    }
}
