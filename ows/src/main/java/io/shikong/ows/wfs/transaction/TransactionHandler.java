package io.shikong.ows.wfs.transaction;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.error.AccessDeniedException;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import io.shikong.core.feature.Change;
import io.shikong.core.feature.Feature;
import io.shikong.core.feature.WriteResult;
import io.shikong.core.query.Query;
import io.shikong.core.store.FeatureCursor;
import io.shikong.ows.wfs.WfsContext;
import io.shikong.ows.wfs.lock.LockManager;
import io.shikong.ows.wfs.lock.TransactionLock;
import io.shikong.ows.xml.Xml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * Applies a Transaction as one versioned write: every action's filter is resolved to feature ids
 * first, then all changes go to the store in one database transaction, so the transaction is all or
 * nothing and every change becomes a new version. A transaction spans one feature type (the store's
 * unit of atomicity); several types are refused rather than half-applied.
 */
public final class TransactionHandler {

    /** What the response reports. */
    public record Outcome(List<String> inserted, int updated, int replaced, int deleted, LayerDefinition layer, boolean v10,
                          Map<String, Integer> updatedVersions, Map<String, Integer> replacedVersions) {

        public Outcome(List<String> inserted, int updated, int replaced, int deleted, LayerDefinition layer, boolean v10) {
            this(inserted, updated, replaced, deleted, layer, v10, Map.of(), Map.of());
        }
    }

    private final WfsContext ctx;
    /** Per feature id, the version a resource id in this transaction named (checked again by the store). */
    private final Map<String, Integer> expected = new LinkedHashMap<>();

    public TransactionHandler(WfsContext ctx) {
        this.ctx = ctx;
    }

    public Outcome apply(TransactionRequest request) {
        return apply(request, TransactionLock.NONE);
    }

    /**
     * Applies the transaction under the WFS locks ({@link LockManager#write}): changing a locked feature
     * needs its lock's id, and the lock is released as {@code lock} says only after the write succeeded.
     * A transaction without actions only releases its lock.
     */
    public Outcome apply(TransactionRequest request, TransactionLock lock) {
        if (request.actions().isEmpty()) {
            ctx.locks().write(lock, List.of(), true, () -> null);
            return new Outcome(List.of(), 0, 0, 0, null, request.v10());
        }
        LayerDefinition layer = request.actions().get(0).layer();
        for (TransactionRequest.Action a : request.actions()) {
            if (!a.layer().equals(layer)) {
                throw new ShikongException(OgcCode.OPERATION_PROCESSING_FAILED, "typeName",
                        "a transaction changes one feature type; this one names " + layer.name() + " and " + a.layer().name());
            }
        }
        if (request.actions().size() > ctx.settings().maxActions()) {
            throw new InvalidParameterException("Transaction", request.actions().size() + " actions in one transaction; at most "
                    + ctx.settings().maxActions() + " are accepted (shikong.wfs.max-actions)");
        }
        // before any filter is resolved to ids by a read: a caller who may not write learns it first
        requireWritable(ctx, layer);
        List<Change> changes = new ArrayList<>();
        Map<String, Integer> updatedVersions = new LinkedHashMap<>();
        Map<String, Integer> replacedVersions = new LinkedHashMap<>();
        int updated = 0;
        int replaced = 0;
        int deleted = 0;
        for (TransactionRequest.Action a : request.actions()) {
            if (a instanceof TransactionRequest.Insert insert) {
                insert.features().forEach(f -> changes.add(new Change.Insert(f)));
            } else if (a instanceof TransactionRequest.Update update) {
                Geometry geometry = null;
                Map<String, Object> values = new LinkedHashMap<>(update.values());
                if (values.containsKey(layer.geometryColumn())) {
                    geometry = (Geometry) values.remove(layer.geometryColumn());
                    if (geometry == null) {
                        throw new InvalidParameterException(layer.geometryColumn(), "the geometry cannot be removed");
                    }
                }
                for (var e : versions(layer, update.filter(), "Update").entrySet()) {
                    changes.add(new Change.Update(e.getKey(), geometry, values, expected.get(e.getKey())));
                    updatedVersions.putIfAbsent(e.getKey(), e.getValue());
                    updated++;
                }
            } else if (a instanceof TransactionRequest.Replace replace) {
                for (var e : versions(layer, replace.filter(), "Replace").entrySet()) {
                    Feature f = replace.feature();
                    changes.add(new Change.Replace(new Feature(e.getKey(), f.geometry(), f.properties(), null, null, 0),
                            expected.get(e.getKey())));
                    replacedVersions.putIfAbsent(e.getKey(), e.getValue());
                    replaced++;
                }
            } else if (a instanceof TransactionRequest.Delete delete) {
                for (String id : versions(layer, delete.filter(), "Delete").keySet()) {
                    changes.add(new Change.Delete(id, expected.get(id)));
                    deleted++;
                }
            }
        }
        List<LockManager.FeatureKey> touched = changes.stream().filter(c -> !(c instanceof Change.Insert))
                .map(c -> new LockManager.FeatureKey(layer.name(), c.id())).toList();
        if (changes.isEmpty()) {
            ctx.locks().write(lock, touched, false, () -> null);
            return new Outcome(List.of(), 0, 0, 0, layer, request.v10());
        }
        WriteResult r;
        try {
            r = ctx.locks().write(lock, touched, false, () -> ctx.store().write(layer.name(), changes, ctx.caller()));
        } catch (io.shikong.core.error.ConflictException e) {
            if (List.of("Update", "Replace", "Delete").contains(e.locator())) {
                // a version named by a resource id was superseded by a concurrent write: nothing was written
                throw new ShikongException(OgcCode.OPERATION_PROCESSING_FAILED, e.locator(), e.getMessage(), e);
            }
            throw e;
        }
        return new Outcome(r.inserted(), updated, replaced, deleted, layer, request.v10(), updatedVersions, replacedVersions);
    }

    /**
     * Refuses, with the store's own answer (OperationNotPermitted, 403), a caller who may not write
     * {@code layer}: a published table, a layer without writes, or no write role. The store checks again
     * when it writes; this check comes before any work.
     */
    static void requireWritable(WfsContext ctx, LayerDefinition layer) {
        if (layer.published()) {
            throw new AccessDeniedException("layer", "layer '" + layer.name() + "' is a published table and read-only");
        }
        if (!layer.writable()) {
            throw new AccessDeniedException("layer", "layer '" + layer.name() + "' does not allow writes");
        }
        if (!layer.access().canWrite(ctx.caller())) {
            throw new AccessDeniedException("layer", "caller '" + ctx.caller().name() + "' may not write layer '"
                    + layer.name() + "'");
        }
    }

    /**
     * The current features an action's filter selects, with their current version numbers. A resource id
     * naming a version (FES version navigation) must name the current one: changing a superseded or
     * retired version is an OperationProcessingFailed (WFS 2.0, 15.3.3), as is a version of no feature.
     */
    private Map<String, Integer> versions(LayerDefinition layer, org.geotools.api.filter.Filter filter, String action) {
        org.geotools.api.filter.Filter plain = TransactionVersions.current(ctx, layer, filter, action, expected);
        Map<String, Integer> out = new LinkedHashMap<>();
        try (FeatureCursor c = ctx.store().read(Query.of(layer.name(), ctx.caller()).filter(plain, null)
                .properties(List.of()).build())) {
            c.forEachRemaining(f -> out.put(f.id(), f.version()));
        }
        return out;
    }

    /** Writes the TransactionResponse in the request's version. */
    public void write(Xml x, Outcome o, String wfsNamespace) {
        if (o.v10()) {
            // WFS 1.0: what QGIS before 3.34 reads success and new ids from
            x.start("wfs:WFS_TransactionResponse").ns("wfs", "http://www.opengis.net/wfs").ns("ogc", "http://www.opengis.net/ogc")
                    .attr("version", "1.0.0");
            for (String id : o.inserted()) {
                x.start("wfs:InsertResult").start("ogc:FeatureId").attr("fid", o.layer().name() + "." + id).end().end();
            }
            x.start("wfs:TransactionResult").start("wfs:Status").start("wfs:SUCCESS").end().end().end();
            x.end();
            return;
        }
        boolean v2 = "http://www.opengis.net/wfs/2.0".equals(wfsNamespace);
        x.start("wfs:TransactionResponse").ns("wfs", v2 ? "http://www.opengis.net/wfs/2.0" : "http://www.opengis.net/wfs");
        x.ns(v2 ? "fes" : "ogc", v2 ? "http://www.opengis.net/fes/2.0" : "http://www.opengis.net/ogc");
        x.attr("version", v2 ? "2.0.0" : "1.1.0");
        x.start("wfs:TransactionSummary");
        x.element("wfs:totalInserted", String.valueOf(o.inserted().size()));
        x.element("wfs:totalUpdated", String.valueOf(o.updated()));
        if (v2) {
            x.element("wfs:totalReplaced", String.valueOf(o.replaced()));
        }
        x.element("wfs:totalDeleted", String.valueOf(o.deleted()));
        x.end();
        if (!v2) {
            x.start("wfs:TransactionResults").end();
        }
        if (!o.inserted().isEmpty()) {
            x.start("wfs:InsertResults");
            for (String id : o.inserted()) {
                x.start("wfs:Feature");
                if (v2) {
                    x.start("fes:ResourceId").attr("rid", o.layer().name() + "." + id);
                    if (o.layer().versioned()) {
                        x.attr("version", "1");
                    }
                    x.end();
                } else {
                    x.start("ogc:FeatureId").attr("fid", o.layer().name() + "." + id).end();
                }
                x.end();
            }
            x.end();
        }
        if (v2 && o.layer() != null && o.layer().versioned()) {
            versionResults(x, "wfs:UpdateResults", o.layer(), o.updatedVersions());
            versionResults(x, "wfs:ReplaceResults", o.layer(), o.replacedVersions());
        }
        x.end();
    }

    /**
     * UpdateResults / ReplaceResults (WFS 2.0, 15.3.4): each changed feature's new version, and as
     * previousRid the id of the version it superseded ({@code X-v3}, readable by GetFeature).
     */
    private static void versionResults(Xml x, String element, LayerDefinition layer, Map<String, Integer> previous) {
        if (previous.isEmpty()) {
            return;
        }
        x.start(element);
        for (var e : previous.entrySet()) {
            x.start("wfs:Feature").start("fes:ResourceId").attr("rid", layer.name() + "." + e.getKey())
                    .attr("previousRid", layer.name() + "." + e.getKey() + "-v" + e.getValue())
                    .attr("version", String.valueOf(e.getValue() + 1)).end().end();
        }
        x.end();
    }
}
