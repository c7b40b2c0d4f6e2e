package io.shikong.api.ows.wfs.transaction;

import io.shikong.api.ows.wfs.WfsContext;
import io.shikong.api.ows.wfs.lock.LockManager;
import io.shikong.api.ows.wfs.lock.TransactionLock;
import io.shikong.api.ows.xml.Xml;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.ShikongException;
import io.shikong.core.feature.Change;
import io.shikong.core.feature.Feature;
import io.shikong.core.feature.WriteResult;
import io.shikong.core.query.Query;
import io.shikong.core.store.FeatureCursor;
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
    public record Outcome(List<String> inserted, int updated, int replaced, int deleted, LayerDefinition layer, boolean v10) {
    }

    private final WfsContext ctx;

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
                throw new ShikongException(400, "OperationProcessingFailed", "typeName",
                        "a transaction changes one feature type; this one names " + layer.name() + " and " + a.layer().name(), null);
            }
        }
        List<Change> changes = new ArrayList<>();
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
                for (String id : ids(layer, update.filter())) {
                    changes.add(new Change.Update(id, geometry, values));
                    updated++;
                }
            } else if (a instanceof TransactionRequest.Replace replace) {
                for (String id : ids(layer, replace.filter())) {
                    Feature f = replace.feature();
                    changes.add(new Change.Replace(new Feature(id, f.geometry(), f.properties(), null, null, 0)));
                    replaced++;
                }
            } else if (a instanceof TransactionRequest.Delete delete) {
                for (String id : ids(layer, delete.filter())) {
                    changes.add(new Change.Delete(id));
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
        WriteResult r = ctx.locks().write(lock, touched, false, () -> ctx.store().write(layer.name(), changes, ctx.caller()));
        return new Outcome(r.inserted(), updated, replaced, deleted, layer, request.v10());
    }

    private List<String> ids(LayerDefinition layer, org.geotools.api.filter.Filter filter) {
        List<String> ids = new ArrayList<>();
        try (FeatureCursor c = ctx.store().read(Query.of(layer.name(), ctx.caller()).filter(filter, null)
                .properties(List.of()).build())) {
            c.forEachRemaining(f -> ids.add(f.id()));
        }
        return ids;
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
                    x.start("fes:ResourceId").attr("rid", o.layer().name() + "." + id).end();
                } else {
                    x.start("ogc:FeatureId").attr("fid", o.layer().name() + "." + id).end();
                }
                x.end();
            }
            x.end();
        }
        x.end();
    }
}
