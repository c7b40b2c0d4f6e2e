package io.shikong.core.redline;

import io.shikong.core.feature.Feature;
import io.shikong.core.query.Query;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.FeatureStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Every version of every ecological red-line zone, in memory, in an STR-tree with prepared geometries,
 * so a compliance check touches no database. Each version keeps its valid time, so one index answers
 * "now" and any earlier {@code asOf}. The index follows the layer: a committed write through the store
 * marks it stale and the next check rebuilds it (the new version of a zone is used at once for now,
 * the old one for earlier dates).
 */
public final class RedLineIndex {

    /** One version of one zone, geometry in the storage CRS (longitude first). */
    public record Zone(Feature feature, PreparedGeometry prepared) {

        public boolean validAt(Instant t) {
            Instant from = feature.validFrom();
            Instant to = feature.validTo();
            return (from == null || !from.isAfter(t)) && (to == null || to.isAfter(t));
        }

        public String text(String property) {
            Object v = feature.get(property);
            return v == null ? null : String.valueOf(v);
        }
    }

    /** An immutable view of the layer as loaded. */
    public static final class Snapshot {
        private final STRtree tree = new STRtree();
        private final List<Zone> zones;

        Snapshot(List<Zone> zones) {
            this.zones = List.copyOf(zones);
            for (Zone z : zones) {
                tree.insert(z.feature().geometry().getEnvelopeInternal(), z);
            }
            tree.build();
        }

        /** Zone versions valid at {@code t} whose envelope meets {@code env}. */
        @SuppressWarnings("unchecked")
        public List<Zone> candidates(Envelope env, Instant t) {
            List<Zone> out = new ArrayList<>();
            for (Zone z : (List<Zone>) tree.query(env)) {
                if (z.validAt(t)) {
                    out.add(z);
                }
            }
            return out;
        }

        /** How many zones are in force at {@code t}. */
        public int inForce(Instant t) {
            int n = 0;
            for (Zone z : zones) {
                if (z.validAt(t)) {
                    n++;
                }
            }
            return n;
        }

        /**
         * The version of the red lines in force at {@code t}: the instant of the latest change (a zone
         * version starting or ending) at or before {@code t}. Two checks with the same value saw the
         * same red lines.
         */
        public Instant version(Instant t) {
            Instant latest = null;
            for (Zone z : zones) {
                for (Instant change : new Instant[] {z.feature().validFrom(), z.feature().validTo()}) {
                    if (change != null && !change.isAfter(t) && (latest == null || change.isAfter(latest))) {
                        latest = change;
                    }
                }
            }
            return latest;
        }
    }

    private final FeatureStore store;
    private final String layer;
    private final Caller caller;
    private final AtomicBoolean stale = new AtomicBoolean(true);
    private volatile Snapshot snapshot;

    /**
     * @param layer  the red-line layer (e.g. {@code eco_red_lines})
     * @param caller who the index reads as (a system caller that may read the layer)
     */
    public RedLineIndex(FeatureStore store, String layer, Caller caller) {
        this.store = store;
        this.layer = layer;
        this.caller = caller;
        store.addChangeListener(changed -> {
            if (changed.equals(layer)) {
                stale.set(true);
            }
        });
    }

    /** The layer name. */
    public String layer() {
        return layer;
    }

    /** The current snapshot, rebuilt first if the layer changed since it was built. */
    public Snapshot snapshot() {
        if (stale.get()) {
            synchronized (this) {
                if (stale.getAndSet(false)) {
                    try {
                        snapshot = load();
                    } catch (RuntimeException e) {
                        stale.set(true);
                        throw e;
                    }
                }
            }
        }
        return snapshot;
    }

    private Snapshot load() {
        List<Zone> zones = new ArrayList<>();
        try (FeatureCursor c = store.read(Query.of(layer, caller).time(TimeSelection.ALL).build())) {
            while (c.hasNext()) {
                Feature f = c.next();
                if (f.geometry() != null && !f.geometry().isEmpty()) {
                    zones.add(new Zone(f, PreparedGeometryFactory.prepare(f.geometry())));
                }
            }
        }
        return new Snapshot(zones);
    }
}
