package io.shikong.ows.oapif;

import io.shikong.core.catalog.AttributeDefinition;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.Crs;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.feature.Values;
import io.shikong.core.params.Params;
import io.shikong.core.query.Query;
import io.shikong.core.query.SortKey;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.geotools.api.filter.Filter;
import org.geotools.api.filter.FilterFactory;
import org.geotools.factory.CommonFactoryFinder;
import org.locationtech.jts.geom.Envelope;

/**
 * The query parameters of {@code /collections/{id}/items} turned into the core {@link Query}:
 * {@code limit} (1 to the maximum), {@code offset} (what the next and prev links carry), {@code bbox} (4 or 6
 * numbers, in {@code bbox-crs}'s axis order), {@code datetime} on valid time (an instant: the data as it stood
 * then; an interval, either end open with {@code ..}: every version valid some time in it; none: the current
 * features), {@code crs}, {@code filter} / {@code filter-lang} / {@code filter-crs}, {@code sortby} ({@code
 * +name,-floors}), and a queryable as a parameter ({@code use=residential}: equality). Any other parameter is a
 * 400 naming it, as Part 1 requires.
 */
final class ItemsReader {

    static final Set<String> PARAMETERS = Set.of("f", "limit", "offset", "bbox", "bbox-crs", "datetime", "crs",
            "filter", "filter-lang", "filter-crs", "sortby", "apikey");
    private static final FilterFactory FF = CommonFactoryFinder.getFilterFactory();

    private final OapifCrs crs;
    private final int defaultLimit;
    private final int maxLimit;

    ItemsReader(OapifCrs crs, int defaultLimit, int maxLimit) {
        this.crs = crs;
        this.defaultLimit = defaultLimit;
        this.maxLimit = maxLimit;
    }

    /** A read of items and what its answer needs besides: the CRS the coordinates are written in. */
    record Items(Query query, Crs outputCrs) {
    }

    Items read(LayerDefinition layer, Caller caller, Map<String, List<String>> params) {
        List<Filter> filters = new ArrayList<>();
        for (String name : params.keySet()) {
            if (PARAMETERS.contains(name)) {
                continue;
            }
            AttributeDefinition a = layer.attribute(name).orElseThrow(() -> new InvalidParameterException(name,
                    "unknown query parameter '" + name + "'; the parameters are " + String.join(", ", new java.util.TreeSet<>(PARAMETERS))
                            + " and the queryables of the collection as equality filters"));
            filters.add(FF.equals(FF.property(name), FF.literal(Values.convert(one(params, name), a.type(), name))));
        }
        Crs crs84 = crs.crs84();
        Query.Builder q = Query.of(layer.name(), caller);
        Crs bboxCrs = crs.resolve(one(params, "bbox-crs"), "bbox-crs", crs84);
        String bbox = one(params, "bbox");
        if (bbox != null) {
            q.bbox(bbox(bbox, bboxCrs), bboxCrs);
        } else if (params.containsKey("bbox-crs")) {
            throw new InvalidParameterException("bbox-crs", "bbox-crs is given without a bbox");
        }
        Crs filterCrs = crs.resolve(one(params, "filter-crs"), "filter-crs", crs84);
        Filter parsed = OapifFilter.parse(one(params, "filter"), one(params, "filter-lang"), filterCrs);
        if (parsed != null) {
            filters.add(parsed);
        }
        if (!filters.isEmpty()) {
            q.filter(filters.size() == 1 ? filters.get(0) : FF.and(filters), filterCrs);
        }
        q.time(time(one(params, "datetime")));
        int limit = Params.integer(one(params, "limit"), "limit", defaultLimit, 1, maxLimit);
        q.limit(limit);
        q.offset(Params.integer(one(params, "offset"), "offset", 0, 0, Integer.MAX_VALUE));
        Crs out = crs.resolve(one(params, "crs"), "crs", crs84);
        q.outputCrs(out);
        q.sort(sortBy(layer, one(params, "sortby")));
        return new Items(q.build(), out);
    }

    /** {@code datetime}: none is the current state; an instant or an interval (open ends {@code ..} or empty). */
    static TimeSelection time(String datetime) {
        if (datetime == null || datetime.isBlank()) {
            return TimeSelection.CURRENT;
        }
        String v = datetime.trim();
        if (v.equals("..") || v.equals("../..") || v.equals("/")) {
            return TimeSelection.ALL;
        }
        if (!v.contains("/") && !v.matches("\\d{4}-\\d{2}-\\d{2}([Tt].*)?")) {
            throw new InvalidParameterException("datetime", "datetime '" + datetime + "' is not an RFC 3339 "
                    + "date-time (2024-05-01T00:00:00Z), a date, or an interval start/end with .. for an open end");
        }
        return Params.time(v, "datetime");
    }

    /** {@code minx,miny,maxx,maxy} (or with heights, 6 numbers) in the CRS's axis order, as an x/y envelope. */
    static Envelope bbox(String value, Crs crs) {
        String[] parts = value.split(",", -1);
        if (parts.length != 4 && parts.length != 6) {
            throw new InvalidParameterException("bbox", "bbox '" + value + "' must have 4 numbers (or 6 with heights), found "
                    + parts.length);
        }
        double[] n = new double[parts.length];
        for (int i = 0; i < n.length; i++) {
            n[i] = Params.number(parts[i], "bbox");
        }
        int half = n.length / 2;
        double a1 = n[0];
        double b1 = n[1];
        double a2 = n[half];
        double b2 = n[half + 1];
        double x1 = crs.northingFirst() ? b1 : a1;
        double y1 = crs.northingFirst() ? a1 : b1;
        double x2 = crs.northingFirst() ? b2 : a2;
        double y2 = crs.northingFirst() ? a2 : b2;
        if (y1 > y2) {
            throw new InvalidParameterException("bbox", "bbox '" + value + "': the lower " + (crs.geographic() ? "latitude" : "northing")
                    + " is greater than the upper one");
        }
        if (crs.geographic()) {
            if (x1 < -180 || x1 > 180 || x2 < -180 || x2 > 180 || y1 < -90 || y2 > 90) {
                throw new InvalidParameterException("bbox", "bbox '" + value + "' is outside longitude [-180,180] / latitude [-90,90]"
                        + (crs.northingFirst() ? " (" + crs.code() + " is latitude first)" : ""));
            }
            if (x1 > x2) {
                throw new InvalidParameterException("bbox", "bbox '" + value + "' crosses the antimeridian, which no "
                        + "collection of this service reaches; give the western edge first");
            }
        } else if (x1 > x2) {
            throw new InvalidParameterException("bbox", "bbox '" + value + "': the lower easting is greater than the upper one");
        }
        return new Envelope(x1, x2, y1, y2);
    }

    /** {@code +name,-floors} (Part 5's sortby); the sortables are the layer's attributes, the id and valid time. */
    static List<SortKey> sortBy(LayerDefinition layer, String value) {
        List<SortKey> keys = Params.sortBy(value, "sortby");
        List<String> sortables = Sortables.names(layer);
        for (SortKey k : keys) {
            if (!sortables.contains(k.property())) {
                throw new InvalidParameterException("sortby", "'" + k.property() + "' is not a sortable of "
                        + layer.name() + "; the sortables are " + String.join(", ", sortables));
            }
        }
        return keys;
    }

    static String one(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (v.size() > 1) {
            throw new InvalidParameterException(name, "'" + name + "' is given " + v.size() + " times");
        }
        return v.get(0);
    }
}
