package io.shikong.ows.wfs.getfeature;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.query.SortKey;
import io.shikong.core.query.TimeSelection;
import io.shikong.ows.SrsName;
import io.shikong.ows.wfs.WfsVersion;
import java.util.List;
import org.geotools.api.filter.Filter;

/**
 * A GetFeature (or GetPropertyValue) request, however it came (KVP or XML).
 *
 * @param queries       one query per feature type
 * @param count         COUNT / MAXFEATURES; {@code null} = the CountDefault
 * @param startIndex    features to skip
 * @param hits          RESULTTYPE=hits: only numberMatched
 * @param outputFormat  requested format, {@code null} = the version's GML
 * @param valueReference for GetPropertyValue: the property whose values are returned, else {@code null}
 * @param byId          the GetFeatureById stored query: the answer is the feature itself, or NotFound
 */
public record GetFeatureRequest(WfsVersion version, List<Query> queries, Integer count, long startIndex,
                                boolean hits, String outputFormat, String valueReference, boolean byId) {

    /** The valueReference {@code @gml:id}: GetPropertyValue returns the features' identifiers. */
    public static final String GML_ID = "@gml:id";

    /**
     * One query: a layer, its filter (bbox, ids and CQL folded in, geometries already in the storage
     * CRS), properties, sort, output CRS and valid-time selection.
     */
    public record Query(LayerDefinition layer, Filter filter, List<String> properties, List<SortKey> sort,
                        SrsName srsName, TimeSelection time) {
    }
}
