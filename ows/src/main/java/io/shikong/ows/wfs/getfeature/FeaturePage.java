package io.shikong.ows.wfs.getfeature;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.query.Query;
import io.shikong.ows.SrsName;
import java.util.List;

/**
 * What a GetFeature returns, planned before the first byte: per type the core query with its share of
 * the page, and the totals that the response's root element carries.
 *
 * @param parts          per type, in request order; parts with nothing to return are kept out
 * @param numberMatched  features matching in all types
 * @param numberReturned features this page returns
 * @param next           URL of the next page, or {@code null}
 * @param previous       URL of the previous page, or {@code null}
 */
public record FeaturePage(List<Part> parts, long numberMatched, long numberReturned, String next, String previous) {

    /**
     * One type's share.
     *
     * @param versions whether gml:ids name the version ({@code X-v3}): several versions of a feature may be returned
     * @param state    the WFS 2.0 member state of a feature (valid, superseded, retired), or {@code null} to write none
     */
    public record Part(LayerDefinition layer, Query query, SrsName srsName, boolean versions,
                       java.util.function.Function<io.shikong.core.feature.Feature, String> state) {

        public Part(LayerDefinition layer, Query query, SrsName srsName, boolean versions) {
            this(layer, query, srsName, versions, null);
        }
    }
}
