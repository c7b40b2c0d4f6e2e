package io.shikong.ows.wfs.transaction;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import io.shikong.core.feature.Feature;
import io.shikong.ows.wfs.WfsContext;
import io.shikong.ows.wfs.getfeature.VersionNavigation;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.geotools.api.filter.Filter;
import org.geotools.api.filter.FilterFactory;
import org.geotools.api.filter.Id;
import org.geotools.api.filter.identity.FeatureId;
import org.geotools.api.filter.identity.Identifier;
import org.geotools.api.filter.identity.ResourceId;
import org.geotools.factory.CommonFactoryFinder;

/**
 * Resource ids with version navigation in a Transaction's filter: a change applies to the current
 * version of a feature, so an id naming another version (superseded, retired, or none at all) fails the
 * whole transaction with OperationProcessingFailed and the action as locator, instead of silently
 * changing the current version (optimistic concurrency for clients that keep version ids).
 */
final class TransactionVersions {

    private static final FilterFactory FF = CommonFactoryFinder.getFilterFactory();

    private TransactionVersions() {
    }

    /**
     * The filter with every versioned resource id checked and turned into a plain feature id; the version
     * each such id named goes into {@code expected} (feature id → version), for the store to check again
     * under its row lock, where a concurrent write cannot slip in between.
     */
    static Filter current(WfsContext ctx, LayerDefinition layer, Filter filter, String action,
                          java.util.Map<String, Integer> expected) {
        if (!(filter instanceof Id id) || id.getIdentifiers().stream().noneMatch(i -> i instanceof ResourceId)) {
            return filter;
        }
        Set<FeatureId> plain = new LinkedHashSet<>();
        for (Identifier identifier : id.getIdentifiers()) {
            String fid = identifier instanceof FeatureId f ? f.getID() : String.valueOf(identifier.getID());
            if (identifier instanceof ResourceId r) {
                List<Feature> history = VersionNavigation.history(ctx.store(), ctx.caller(), layer, fid);
                List<Feature> named = history.isEmpty() ? List.of() : VersionNavigation.choose(r, history);
                Feature latest = history.isEmpty() ? null : history.get(history.size() - 1);
                if (named.size() != 1 || latest == null || named.get(0).version() != latest.version()
                        || latest.validTo() != null) {
                    throw new ShikongException(OgcCode.OPERATION_PROCESSING_FAILED, action, action + " of "
                            + layer.name() + "." + fid + ": the resource id names " + (named.isEmpty() ? "no version"
                            : named.size() > 1 ? "several versions" : latest.validTo() != null ? "a retired feature"
                            : "version " + named.get(0).version() + ", superseded by version " + latest.version())
                            + "; only the current version can be changed");
                }
                expected.put(fid, named.get(0).version());
            }
            plain.add(FF.featureId(fid));
        }
        return FF.id(plain);
    }
}
