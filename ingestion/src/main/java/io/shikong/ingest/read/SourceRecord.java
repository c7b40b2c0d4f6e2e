package io.shikong.ingest.read;

import java.util.Collections;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * One record read from a source file, before mapping and typing: property values as the file has
 * them (strings, numbers, booleans, dates) and the geometry in the source CRS.
 *
 * <p>A record the reader could read but not make sense of (a WKT that does not parse, a longitude that
 * is not a number) carries a {@code problem} and the {@code problemField} it is about; the pipeline
 * rejects it with that reason. A file that cannot be read on (a truncated GeoJSON) is not a record but a
 * {@link SourceReadException}.
 *
 * @param index        0-based position of the record in the file (feature index, data row)
 * @param location     where it is, for reports: {@code "line 12"}, {@code "feature 5"}, {@code "row 3"}
 * @param properties   property values by source field name, in file order; {@code null} values kept. Taken
 *                     over, not copied (the readers build a fresh map per record; a copy per record showed in
 *                     the profile of a million-feature load): the caller must not change it afterwards
 * @param geometry     the geometry in the source CRS; {@code null} when the record has none
 * @param problem      why the record cannot be used, or {@code null}
 * @param problemField the field the problem is about, or {@code null}
 */
public record SourceRecord(long index, String location, Map<String, Object> properties, Geometry geometry,
                           String problem, String problemField) {

    public SourceRecord {
        properties = Collections.unmodifiableMap(properties);
    }

    /** A record without problems. */
    public static SourceRecord of(long index, String location, Map<String, Object> properties, Geometry geometry) {
        return new SourceRecord(index, location, properties, geometry, null, null);
    }
}
