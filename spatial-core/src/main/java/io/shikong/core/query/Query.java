package io.shikong.core.query;

import io.shikong.core.crs.Crs;
import io.shikong.core.security.Caller;
import java.util.List;
import java.util.Objects;
import org.geotools.api.filter.Filter;
import org.locationtech.jts.geom.Envelope;

/**
 * One read of one layer, the same for REST, OGC API and the OGC KVP services: every protocol turns its
 * request into a {@code Query}, and every store answers it.
 *
 * <p>Semantics: the features of {@code layer} visible to {@code caller}, restricted to the versions
 * {@code time} selects, whose geometry intersects {@code bbox} and which match {@code filter}; ordered
 * by {@code sort} and then by id and version (so paging is stable on every layer); skipping
 * {@code offset} and returning at most {@code limit}; geometries in {@code outputCrs}; only the named
 * {@code properties} (all when {@code null}).
 *
 * @param layer      layer name
 * @param caller     who asks; the store refuses layers the caller may not see
 * @param bbox       bounding box in {@code bboxCrs} (x = longitude/easting), or {@code null}
 * @param bboxCrs    CRS of {@code bbox}; {@code null} means the storage CRS
 * @param filter     attribute/spatial/temporal filter, or {@code null} for all
 * @param filterCrs  CRS of geometry literals in {@code filter}; {@code null} means the storage CRS
 * @param time       version selection; never {@code null}
 * @param properties property names to return, or {@code null} for all
 * @param sort       sort keys, may be empty
 * @param offset     features to skip, {@code >= 0}
 * @param limit      maximum features to return, or {@code null} for no limit
 * @param outputCrs  CRS of returned geometries; {@code null} means the storage CRS
 * @param bboxIndexOnly when true, features whose bounding box meets {@code bbox} are returned even if
 *                   their geometry does not (the index test alone): right for drawing a map, which clips
 *                   anyway, and cheaper than the exact test
 * @param drawing    when true, the read feeds a renderer, which needs only what it draws: without a limit, an
 *                   offset or sort keys the features come in any order (the database's cheapest: no sort, no
 *                   walk of an id index); and when {@code properties} lists what is drawn, their valid time and
 *                   version are not read ({@code null} and 0) unless it names the valid-time columns (a style
 *                   filtering on them)
 */
public record Query(String layer, Caller caller, Envelope bbox, Crs bboxCrs, Filter filter, Crs filterCrs,
                    TimeSelection time, List<String> properties, List<SortKey> sort, long offset, Integer limit,
                    Crs outputCrs, boolean bboxIndexOnly, boolean drawing) {

    public Query {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(time, "time");
        properties = properties == null ? null : List.copyOf(properties);
        sort = sort == null ? List.of() : List.copyOf(sort);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
    }

    /** A builder for a query of all current features of {@code layer}. */
    public static Builder of(String layer, Caller caller) {
        return new Builder(layer, caller);
    }

    /** A builder initialised with this query's values. */
    public Builder toBuilder() {
        Builder b = new Builder(layer, caller);
        b.bbox = bbox;
        b.bboxCrs = bboxCrs;
        b.filter = filter;
        b.filterCrs = filterCrs;
        b.time = time;
        b.properties = properties;
        b.sort = sort;
        b.offset = offset;
        b.limit = limit;
        b.outputCrs = outputCrs;
        b.bboxIndexOnly = bboxIndexOnly;
        b.drawing = drawing;
        return b;
    }

    /** Builds {@link Query} values. */
    public static final class Builder {
        private final String layer;
        private final Caller caller;
        private Envelope bbox;
        private Crs bboxCrs;
        private Filter filter;
        private Crs filterCrs;
        private TimeSelection time = TimeSelection.CURRENT;
        private List<String> properties;
        private List<SortKey> sort = List.of();
        private long offset;
        private Integer limit;
        private Crs outputCrs;
        private boolean bboxIndexOnly;
        private boolean drawing;

        private Builder(String layer, Caller caller) {
            this.layer = layer;
            this.caller = caller;
        }

        public Builder bbox(Envelope bbox, Crs crs) {
            this.bbox = bbox;
            this.bboxCrs = crs;
            return this;
        }

        public Builder filter(Filter filter, Crs crs) {
            this.filter = filter;
            this.filterCrs = crs;
            return this;
        }

        public Builder filter(Filter filter) {
            this.filter = filter;
            return this;
        }

        public Builder time(TimeSelection time) {
            this.time = time;
            return this;
        }

        public Builder properties(List<String> properties) {
            this.properties = properties;
            return this;
        }

        public Builder sort(List<SortKey> sort) {
            this.sort = sort;
            return this;
        }

        public Builder sort(SortKey... sort) {
            this.sort = List.of(sort);
            return this;
        }

        public Builder offset(long offset) {
            this.offset = offset;
            return this;
        }

        public Builder limit(Integer limit) {
            this.limit = limit;
            return this;
        }

        public Builder outputCrs(Crs crs) {
            this.outputCrs = crs;
            return this;
        }

        /** Features meeting the bbox by their bounding box are enough (map drawing). */
        public Builder bboxIndexOnly(boolean indexOnly) {
            this.bboxIndexOnly = indexOnly;
            return this;
        }

        /**
         * The read feeds a renderer: any order when there is no limit, offset or sort, and no valid time or
         * version unless the properties name the valid-time columns ({@link Query#drawing()}).
         */
        public Builder drawing(boolean drawing) {
            this.drawing = drawing;
            return this;
        }

        public Query build() {
            return new Query(layer, caller, bbox, bboxCrs, filter, filterCrs, time, properties, sort, offset,
                    limit, outputCrs, bboxIndexOnly, drawing);
        }
    }
}
