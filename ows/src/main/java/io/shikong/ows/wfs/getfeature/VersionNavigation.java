package io.shikong.ows.wfs.getfeature;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.feature.Feature;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.FeatureStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.geotools.api.filter.Filter;
import org.geotools.api.filter.FilterFactory;
import org.geotools.api.filter.Id;
import org.geotools.api.filter.identity.FeatureId;
import org.geotools.api.filter.identity.Identifier;
import org.geotools.api.filter.identity.ResourceId;
import org.geotools.api.filter.identity.Version;
import org.geotools.factory.CommonFactoryFinder;

/**
 * FES 2.0 version navigation (7.11.1, conformance class ImplementsVersionNav) on Shikong's valid-time
 * history. A {@code fes:ResourceId} with version information navigates: its id names a feature (from its
 * latest version, {@code valid} or, once deleted, {@code retired}) or one version of it ({@code X-v3}, as
 * the gml:id of a past version reads), and its {@code version} attribute moves from there: FIRST, LAST,
 * PREVIOUS, NEXT, ALL, a version number, the version valid at an instant; {@code startDate}/{@code endDate}
 * select the versions valid in a period. A plain id (no version, no dates) selects the current feature,
 * as before and as clients that know nothing of versions expect.
 *
 * <p>Each selected version becomes its own query (the feature id, as of the instant that version began),
 * so paging, formats and output CRSs work as for any query; ALL reads the whole history at once. Members
 * carry the WFS 2.0 {@code state}: valid, superseded (a later version exists) or retired (deleted).
 * GetFeatureById (whose answer is the current feature or NotFound) is left as it is; beside a navigating
 * resource id a vendor TIME is not applied: the id's version information decides. At most
 * {@link #MAX_IDS} navigating resource ids per query (each reads its history).
 */
public final class VersionNavigation {

    /** Resource ids per query resolved against their history. */
    public static final int MAX_IDS = 500;

    private static final FilterFactory FF = CommonFactoryFinder.getFilterFactory();

    /** One query to run, and the state of its members ({@code null}: none written). */
    public record Expanded(GetFeatureRequest.Query query, Function<Feature, String> state, boolean versionIds) {
    }

    private VersionNavigation() {
    }

    /** The queries that answer {@code q}: itself, or one per selected version. */
    public static List<Expanded> expand(FeatureStore store, Caller caller, GetFeatureRequest.Query q, boolean byId) {
        LayerDefinition l = q.layer();
        if (byId || !l.versioned() || !(q.filter() instanceof Id id) || id.getIdentifiers().isEmpty()) {
            return List.of(new Expanded(q, null, false));
        }
        // plain ids select current features (or what TIME says), as clients that know nothing of versions expect
        if (id.getIdentifiers().stream().noneMatch(i -> i instanceof ResourceId)) {
            return List.of(new Expanded(q, null, false));
        }
        if (id.getIdentifiers().size() > MAX_IDS) {
            throw new io.shikong.core.error.InvalidParameterException("ResourceId", "at most " + MAX_IDS
                    + " resource ids with version navigation per query");
        }
        List<Expanded> out = new ArrayList<>();
        for (Identifier identifier : id.getIdentifiers()) {
            List<Feature> history = history(store, caller, l, plainId(identifier));
            if (history.isEmpty()) {
                continue;
            }
            int last = history.get(history.size() - 1).version();
            Function<Feature, String> state = f -> f.validTo() == null ? "valid" : f.version() < last ? "superseded" : "retired";
            if (identifier instanceof ResourceId r && r.getVersion() != null && r.getVersion().isVersionAction()
                    && r.getVersion().getVersionAction() == Version.Action.ALL) {
                out.add(new Expanded(new GetFeatureRequest.Query(l, FF.id(Set.of(FF.featureId(plainId(identifier)))),
                        q.properties(), q.sort(), q.srsName(), TimeSelection.ALL), state, true));
                continue;
            }
            for (Feature v : choose(identifier, history)) {
                Filter one = FF.id(Set.of(FF.featureId(v.id())));
                out.add(new Expanded(new GetFeatureRequest.Query(l, one, q.properties(), q.sort(), q.srsName(),
                        TimeSelection.asOf(v.validFrom())), state, v.validTo() != null));
            }
        }
        if (out.isEmpty()) {
            // nothing selected: an empty answer from the layer, not the original (current) filter
            out.add(new Expanded(new GetFeatureRequest.Query(l, Filter.EXCLUDE, q.properties(), q.sort(), q.srsName(),
                    q.time()), null, false));
        }
        return out;
    }

    private static String plainId(Identifier identifier) {
        return identifier instanceof FeatureId f ? f.getID() : String.valueOf(identifier.getID());
    }

    /** Every version of a feature, oldest first; empty when it never existed. */
    public static List<Feature> history(FeatureStore store, Caller caller, LayerDefinition l, String id) {
        List<Feature> out = new ArrayList<>();
        try (FeatureCursor c = store.history(l.name(), id, caller)) {
            c.forEachRemaining(out::add);
        }
        return out;
    }

    /** The versions one identifier selects from a history (oldest first, versions numbered from 1). */
    public static List<Feature> choose(Identifier identifier, List<Feature> history) {
        Feature latest = history.get(history.size() - 1);
        if (!(identifier instanceof ResourceId r)) {
            return List.of(latest);
        }
        if (r.getStartTime() != null || r.getEndTime() != null) {
            Instant from = r.getStartTime() == null ? Instant.MIN : r.getStartTime().toInstant();
            Instant to = r.getEndTime() == null ? Instant.MAX : r.getEndTime().toInstant();
            return history.stream().filter(f -> !f.validFrom().isAfter(to)
                    && (f.validTo() == null || f.validTo().isAfter(from))).toList();
        }
        Feature base = latest;
        if (r.getFeatureVersion() != null) {
            base = byNumber(history, Integer.parseInt(r.getFeatureVersion()));
            if (base == null) {
                return List.of();
            }
        }
        Version v = r.getVersion();
        if (v == null || v.isEmpty()) {
            return List.of(base);
        }
        if (v.isIndex()) {
            Feature f = byNumber(history, v.getIndex());
            return f == null ? List.of() : List.of(f);
        }
        if (v.isDateTime()) {
            Instant at = v.getDateTime().toInstant();
            return history.stream().filter(f -> !f.validFrom().isAfter(at) && (f.validTo() == null || f.validTo().isAfter(at)))
                    .toList();
        }
        int i = history.indexOf(base);
        return switch (v.getVersionAction()) {
            case FIRST -> List.of(history.get(0));
            case LAST -> List.of(latest);
            case PREVIOUS -> i > 0 ? List.of(history.get(i - 1)) : List.of();
            case NEXT -> i < history.size() - 1 ? List.of(history.get(i + 1)) : List.of();
            case ALL -> history;
        };
    }

    private static Feature byNumber(List<Feature> history, int version) {
        for (Feature f : history) {
            if (f.version() == version) {
                return f;
            }
        }
        return null;
    }
}
