package io.shikong.api.rest.features;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.filter.Ecql;
import io.shikong.core.params.Params;
import io.shikong.core.query.Query;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
import org.locationtech.jts.geom.Envelope;

/**
 * Turns the REST query parameters of a feature request into the core {@link Query}. REST speaks
 * GeoJSON, so coordinates are longitude/easting first in every CRS, and the default CRS is CRS84.
 */
final class FeatureQueryParser {

    private final CrsService crsService;
    private final int defaultLimit;
    private final int maxLimit;

    FeatureQueryParser(CrsService crsService, int defaultLimit, int maxLimit) {
        this.crsService = crsService;
        this.defaultLimit = defaultLimit;
        this.maxLimit = maxLimit;
    }

    /** The parameters of {@code GET /api/v1/layers/{layer}/features}. */
    record Raw(String bbox, String bboxCrs, String filter, String filterCrs, String asOf, String datetime,
               String limit, String offset, String crs, String properties, String sortby) {
    }

    Query parse(LayerDefinition layer, Caller caller, Raw raw) {
        Crs crs84 = crsService.resolve("CRS84");
        Query.Builder q = Query.of(layer.name(), caller);
        Crs bboxCrs = Params.crs(crsService, raw.bboxCrs(), "bbox-crs", crs84);
        if (raw.bbox() != null) {
            double[] b = Params.bbox(raw.bbox(), "bbox", bboxCrs.geographic());
            q.bbox(new Envelope(b[0], b[2], b[1], b[3]), bboxCrs);
        }
        if (raw.filter() != null && !raw.filter().isBlank()) {
            q.filter(Ecql.parse(raw.filter(), "filter"), Params.crs(crsService, raw.filterCrs(), "filter-crs", crs84));
        }
        q.time(time(raw.asOf(), raw.datetime()));
        q.limit(Params.integer(raw.limit(), "limit", defaultLimit, 1, maxLimit));
        q.offset(Params.integer(raw.offset(), "offset", 0, 0, Integer.MAX_VALUE));
        q.outputCrs(Params.crs(crsService, raw.crs(), "crs", crs84));
        if (raw.properties() != null) {
            q.properties(Params.list(raw.properties()));
        }
        q.sort(Params.sortBy(raw.sortby(), "sortby"));
        return q.build();
    }

    static TimeSelection time(String asOf, String datetime) {
        if (asOf != null && !asOf.isBlank() && datetime != null && !datetime.isBlank()) {
            throw new InvalidParameterException("datetime", "give either asOf or datetime, not both");
        }
        if (asOf != null && !asOf.isBlank()) {
            if (asOf.contains("/")) {
                throw new InvalidParameterException("asOf", "asOf is one instant; use datetime for a range");
            }
            return Params.time(asOf, "asOf");
        }
        return Params.time(datetime, "datetime");
    }
}
