package io.shikong.ows.wfs.lock;

import static io.shikong.ows.gml.GmlGeometryReader.child;
import static io.shikong.ows.gml.GmlGeometryReader.elements;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.encode.Chunks;
import io.shikong.core.error.AccessDeniedException;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.MissingParameterException;
import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import io.shikong.core.query.Query;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.store.FeatureCursor;
import io.shikong.ows.Kvp;
import io.shikong.ows.OwsResponse;
import io.shikong.ows.fes.FilterXmlParser;
import io.shikong.ows.wfs.WfsContext;
import io.shikong.ows.wfs.WfsVersion;
import io.shikong.ows.wfs.getfeature.FeaturePage;
import io.shikong.ows.wfs.getfeature.GetFeatureKvpReader;
import io.shikong.ows.wfs.getfeature.GetFeatureRequest;
import io.shikong.ows.wfs.getfeature.GetFeatureHandler;
import io.shikong.ows.wfs.getfeature.GetFeatureXmlReader;
import io.shikong.ows.wfs.getfeature.GmlFeatureStream;
import io.shikong.ows.wfs.lock.LockManager.Acquired;
import io.shikong.ows.wfs.lock.LockManager.FeatureKey;
import io.shikong.ows.xml.Xml;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.geotools.api.filter.Filter;
import org.geotools.api.filter.FilterFactory;
import org.geotools.api.filter.identity.FeatureId;
import org.geotools.factory.CommonFactoryFinder;
import org.w3c.dom.Element;

/**
 * LockFeature (WFS 2.0 §12, WFS 1.1 §10) and GetFeatureWithLock (§13) by KVP and XML. The queries are
 * read as GetFeature reads them; the features they select now are resolved to ids and locked in the
 * {@link LockManager} of the process. Locking needs the right to change the layer (a lock only matters to
 * writers, and would otherwise let any reader block the editors) and covers only current features the
 * caller can see.
 */
public final class LockHandler {

    private static final FilterFactory FF = CommonFactoryFinder.getFilterFactory();
    /** Ids per query when GetFeatureWithLock reads back what it locked: well under PostgreSQL's 32,767 bind parameters. */
    private static final int IDS_PER_QUERY = 5_000;

    private final WfsContext ctx;

    public LockHandler(WfsContext ctx) {
        this.ctx = ctx;
    }

    // --- LockFeature ---------------------------------------------------------------------------------

    /** LockFeature by KVP: LOCKID (renew), EXPIRY, LOCKACTION and the query parameters of GetFeature. */
    public OwsResponse lockFeature(Kvp kvp) {
        boolean queries = kvp.has("TYPENAMES") || kvp.has("TYPENAME") || kvp.has("RESOURCEID") || kvp.has("FEATUREID")
                || kvp.has("STOREDQUERY_ID");
        return lockFeature(kvp.get("LOCKID"), kvp.get("EXPIRY"), kvp.get("LOCKACTION"), queries,
                () -> targets(new GetFeatureKvpReader(ctx).read(kvp, false)));
    }

    /** LockFeature by XML: wfs:Query / wfs:StoredQuery (2.0) or wfs:Lock (1.1) children. */
    public OwsResponse lockFeature(Element root) {
        boolean v2 = ctx.version().v2();
        boolean queries = elements(root).stream().anyMatch(e -> v2
                ? e.getLocalName().equals("Query") || e.getLocalName().equals("StoredQuery")
                : e.getLocalName().equals("Lock"));
        return lockFeature(attr(root, "lockId"), attr(root, "expiry"), attr(root, "lockAction"), queries,
                v2 ? () -> targets(new GetFeatureXmlReader(ctx).read(root, false)) : () -> locks11(root));
    }

    private OwsResponse lockFeature(String lockId, String expiryValue, String actionValue, boolean hasQueries,
                                            Supplier<List<Target>> targets) {
        Duration expiry = expiry(expiryValue);
        boolean all = lockAction(actionValue);
        LockManager locks = ctx.locks();
        if (lockId != null) {
            // §12.2.4.2: a lockId renews that lock; a lock that is gone (or never was) is LockHasExpired
            if (!locks.active(lockId)) {
                throw LockManager.lockHasExpired(lockId);
            }
            if (hasQueries) {
                // OGC CR 336 (WFS 2.0.2): either a lockId or query expressions, never both
                throw new InvalidParameterException("lockId", "a LockFeature either renews a lock (lockId) or "
                        + "takes a new one (query expressions), not both");
            }
            return lockResponse(lockId, locks.renew(lockId, expiry), List.of());
        }
        if (!hasQueries) {
            throw new MissingParameterException(ctx.version().v2() ? "typeNames" : "typeName");
        }
        List<Target> ts = targets.get();
        requireSomething(ts.isEmpty());
        ts.forEach(t -> requireWrite(t.layer()));
        Acquired a = locks.lock(() -> {
            List<FeatureKey> keys = new ArrayList<>();
            for (Target t : ts) {
                resolve(Query.of(t.layer().name(), ctx.caller()).filter(t.filter(), null), Long.MAX_VALUE, keys);
            }
            return keys;
        }, all, expiry);
        return lockResponse(a.lockId(), a.locked(), a.notLocked());
    }

    /**
     * A lock request must name a feature type the caller may see (resource ids of unknown types leave none):
     * otherwise nobody's write right would be checked and anybody could fill the lock table.
     */
    private static void requireSomething(boolean nothing) {
        if (nothing) {
            throw new InvalidParameterException("typeNames", "nothing to lock: no feature type you may see is named "
                    + "(by typeNames or by the resource ids)");
        }
    }

    /** A query's layer and filter: what a lock is taken on. */
    private record Target(LayerDefinition layer, Filter filter) {
    }

    private List<Target> targets(GetFeatureRequest request) {
        List<Target> out = new ArrayList<>();
        for (GetFeatureRequest.Query q : request.queries()) {
            requireCurrent(q.time());
            out.add(new Target(q.layer(), q.filter()));
        }
        return out;
    }

    /** WFS 1.1: {@code <wfs:Lock typeName="..."><ogc:Filter>...</ogc:Filter></wfs:Lock>}, no filter = every feature. */
    private List<Target> locks11(Element root) {
        List<Target> out = new ArrayList<>();
        for (Element lock : elements(root)) {
            if (!lock.getLocalName().equals("Lock")) {
                continue;
            }
            String typeName = attr(lock, "typeName");
            if (typeName == null) {
                throw new MissingParameterException("typeName");
            }
            LayerDefinition l = ctx.layer(typeName, "typeName");
            Element filter = child(lock, "Filter");
            out.add(new Target(l, filter == null ? Filter.INCLUDE
                    : new FilterXmlParser(l, ctx.crsService(), "Filter").parse(filter)));
        }
        return out;
    }

    /** Adds the ids of at most {@code limit} features the query selects, refusing more than the lock table can take. */
    private void resolve(Query.Builder query, long limit, List<FeatureKey> into) {
        int max = ctx.locks().maxLockedFeatures();
        Query q = query.properties(List.of()).limit((int) Math.min(limit, max - into.size() + 1L)).build();
        try (FeatureCursor c = ctx.store().read(q)) {
            while (c.hasNext()) {
                into.add(new FeatureKey(q.layer(), c.next().id()));
            }
        }
        if (into.size() > max) {
            throw new ShikongException(OgcCode.OPERATION_PROCESSING_FAILED, "query", "the request selects more than "
                    + max + " features, the most one lock can hold; lock fewer features");
        }
    }

    private OwsResponse lockResponse(String lockId, List<FeatureKey> locked, List<FeatureKey> notLocked) {
        WfsVersion v = ctx.version();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Xml x = new Xml(out)) {
            x.start("wfs:LockFeatureResponse").ns("wfs", v.wfsNs).ns(v.v2() ? "fes" : "ogc", v.filterNs);
            if (v.v2()) {
                x.attr("lockId", lockId);
            } else {
                x.element("wfs:LockId", lockId);
            }
            ids(x, "wfs:FeaturesLocked", locked, v);
            ids(x, "wfs:FeaturesNotLocked", notLocked, v);
            x.end();
        }
        return new OwsResponse("application/xml", Chunks.of(out.toByteArray()));
    }

    private static void ids(Xml x, String element, List<FeatureKey> features, WfsVersion v) {
        if (features.isEmpty()) {
            return; // the schema wants at least one id inside
        }
        x.start(element);
        for (FeatureKey f : features) {
            if (v.v2()) {
                x.start("fes:ResourceId").attr("rid", f.rid()).end();
            } else {
                x.start("ogc:FeatureId").attr("fid", f.rid()).end();
            }
        }
        x.end();
    }

    // --- GetFeatureWithLock --------------------------------------------------------------------------

    /** GetFeatureWithLock by KVP: GetFeature's parameters, EXPIRY and LOCKACTION. */
    public OwsResponse getFeatureWithLock(Kvp kvp) {
        return getFeatureWithLock(new GetFeatureKvpReader(ctx).read(kvp, false), kvp.get("EXPIRY"), kvp.get("LOCKACTION"));
    }

    /** GetFeatureWithLock by XML: a GetFeature document with expiry and lockAction. */
    public OwsResponse getFeatureWithLock(Element root) {
        return getFeatureWithLock(new GetFeatureXmlReader(ctx).read(root, false), attr(root, "expiry"),
                attr(root, "lockAction"));
    }

    /**
     * Locks the features of the requested page, then returns those the lock holds as a GetFeature
     * collection with the lockId on it. With lockAction SOME, features another lock holds are left out
     * (and numberReturned counts what is returned); numberMatched is what the queries match.
     */
    private OwsResponse getFeatureWithLock(GetFeatureRequest request, String expiryValue, String actionValue) {
        if (request.hits()) {
            throw new InvalidParameterException("resultType", "GetFeatureWithLock returns features: resultType is results");
        }
        Duration expiry = expiry(expiryValue);
        boolean all = lockAction(actionValue);
        boolean gml32 = gml32(request.outputFormat());
        List<GetFeatureRequest.Query> queries = request.queries();
        requireSomething(queries.isEmpty());
        for (GetFeatureRequest.Query q : queries) {
            requireWrite(q.layer());
            requireCurrent(q.time());
        }
        int limit = request.count() == null ? ctx.settings().countDefault() : request.count();
        List<List<FeatureKey>> perQuery = new ArrayList<>();
        long[] matched = new long[1];
        Acquired a = ctx.locks().lock(() -> {
            // the page, as GetFeature plans it: STARTINDEX and COUNT over the queries in turn
            long skip = request.startIndex();
            long remaining = limit;
            List<FeatureKey> keys = new ArrayList<>();
            for (GetFeatureRequest.Query q : queries) {
                Query base = Query.of(q.layer().name(), ctx.caller()).filter(q.filter(), null).sort(q.sort()).build();
                long n = ctx.store().count(base);
                matched[0] += n;
                long offset = Math.min(skip, n);
                skip -= offset;
                long take = Math.min(remaining, n - offset);
                remaining -= take;
                List<FeatureKey> ids = new ArrayList<>();
                if (take > 0) {
                    int before = keys.size();
                    resolve(base.toBuilder().offset(offset), take, keys);
                    ids.addAll(keys.subList(before, keys.size()));
                }
                perQuery.add(ids);
            }
            return keys;
        }, all, expiry);
        try {
            Set<FeatureKey> locked = new HashSet<>(a.locked());
            List<FeaturePage.Part> parts = new ArrayList<>();
            long returned = 0;
            for (int i = 0; i < queries.size(); i++) {
                GetFeatureRequest.Query q = queries.get(i);
                List<FeatureKey> ids = perQuery.get(i).stream().filter(locked::contains).toList();
                for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
                    Set<FeatureId> fids = new LinkedHashSet<>();
                    ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY)).forEach(k -> fids.add(FF.featureId(k.id())));
                    Query query = Query.of(q.layer().name(), ctx.caller()).filter(FF.id(fids), null)
                            .properties(q.properties()).sort(q.sort()).outputCrs(q.srsName().crs()).build();
                    parts.add(new FeaturePage.Part(q.layer(), query, q.srsName(), false));
                    returned += fids.size();
                }
            }
            FeaturePage page = new FeaturePage(parts, matched[0], returned, null, null);
            // open the first cursor now: a bad property is an exception report (and the lock is released)
            FeatureCursor first = parts.isEmpty() ? null : ctx.store().read(parts.get(0).query());
            GmlFeatureStream body = new GmlFeatureStream(ctx.store(), page, ctx.version(), gml32,
                    ctx.describeUrl(queries.stream().map(GetFeatureRequest.Query::layer).toList()), first)
                    .lockId(a.lockId());
            return new OwsResponse(gml32 ? "application/gml+xml; version=3.2" : "text/xml; subtype=gml/3.1.1", body);
        } catch (RuntimeException e) {
            ctx.locks().release(a.lockId());
            throw e;
        }
    }


    /** GML 3.2 or 3.1.1, read as GetFeature reads OUTPUTFORMAT: the lockId has no place in GeoJSON or CSV. */
    private boolean gml32(String outputFormat) {
        return switch (GetFeatureHandler.format(outputFormat, ctx.version())) {
            case GML32 -> true;
            case GML311 -> false;
            default -> throw new InvalidParameterException("outputFormat", "GetFeatureWithLock answers in GML (the "
                    + "lockId is an attribute of wfs:FeatureCollection), not in '" + outputFormat + "'");
        };
    }

    // --- parameters ------------------------------------------------------------------------------------

    /** EXPIRY: seconds in WFS 2.0, minutes in WFS 1.1; default 300 s; cut to {@link LockManager#MAX_EXPIRY}. */
    Duration expiry(String value) {
        if (value == null) {
            return LockManager.DEFAULT_EXPIRY;
        }
        long n;
        try {
            n = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n <= 0) {
            throw new InvalidParameterException("expiry", "expiry is a positive whole number of "
                    + (ctx.version().v2() ? "seconds" : "minutes") + ", not '" + value + "'");
        }
        long seconds = ctx.version().v2() ? n : Math.min(n, LockManager.MAX_EXPIRY.toMinutes() + 1) * 60;
        return Duration.ofSeconds(Math.min(seconds, LockManager.MAX_EXPIRY.toSeconds()));
    }

    /** LOCKACTION: ALL (default) or SOME. */
    static boolean lockAction(String value) {
        if (value == null || value.trim().equalsIgnoreCase("ALL")) {
            return true;
        }
        if (value.trim().equalsIgnoreCase("SOME")) {
            return false;
        }
        throw new InvalidParameterException("lockAction", "lockAction is ALL or SOME, not '" + value + "'");
    }

    private void requireWrite(LayerDefinition l) {
        if (!l.writable() || !l.access().canWrite(ctx.caller())) {
            throw new AccessDeniedException("typeNames", "locking features of " + WfsContext.typeName(l)
                    + " needs the right to change them");
        }
    }

    private static void requireCurrent(TimeSelection time) {
        if (time != null && !(time instanceof TimeSelection.Current)) {
            throw new InvalidParameterException("TIME", "locks are taken on current features; leave TIME out");
        }
    }

    /** An attribute by name in any case (clients differ), {@code null} when absent or blank. */
    /** An attribute in any case (as GetFeature reads them); blank is absent. */
    private static String attr(Element e, String name) {
        String v = GetFeatureXmlReader.attr(e, name).trim();
        return v.isEmpty() ? null : v;
    }
}
