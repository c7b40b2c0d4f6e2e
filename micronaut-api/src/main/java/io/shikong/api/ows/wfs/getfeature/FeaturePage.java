package io.shikong.api.ows.wfs.getfeature;

import io.shikong.api.ows.SrsName;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.query.Query;
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

    /** One type's share. */
    public record Part(LayerDefinition layer, Query query, SrsName srsName, boolean versions) {
    }
}
