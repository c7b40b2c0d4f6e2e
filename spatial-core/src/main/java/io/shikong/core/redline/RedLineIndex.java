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
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Every version of every ecological red-line zone, in memory, in an STR-tree with prepared geometries,
 * so a compliance check touches no database. Each version keeps its valid time, so one index answers
 * "now" and any earlier {@code asOf}. The index follows the layer: every change event of the layer (a
 * committed write through this store, or, on PostGIS, one another process made, from the store's change
 * feed) marks it stale and the next check rebuilds it (the new version of a zone is used at once for now,
 * the old one for earlier dates).
 */
public final class RedLineIndex {

    /**
     * One version of one zone, geometry in the storage CRS (longitude first), with its projections
     * cached per Gauss-Krüger zone: a zone is projected once, not once per check.
     */
    public record Zone(Feature feature, PreparedGeometry prepared,
                       java.util.concurrent.ConcurrentHashMap<String, org.locationtech.jts.geom.Geometry> projections) {

        public Zone(Feature feature, PreparedGeometry prepared) {
            this(feature, prepared, new java.util.concurrent.ConcurrentHashMap<>());
        }

        /** The zone's geometry in {@code target}, computed once per target. */
        public org.locationtech.jts.geom.Geometry projected(io.shikong.core.crs.CrsService crs,
                                                            io.shikong.core.crs.Crs storage, io.shikong.core.crs.Crs target) {
            return projections.computeIfAbsent(target.code(), k -> crs.transform(feature.geometry(), storage, target));
        }

        public boolean validAt(Instant t) {
            Instant from = feature.validFrom();
            Instant to = feature.validTo();
            return (from == null || !from.isAfter(t)) && (to == null || to.isAfter(t));
        }

        /** The property as text; {@code null} when absent, or when {@code property} is {@code null} (not configured). */
        public String text(String property) {
            Object v = property == null ? null : feature.get(property);
            return v == null ? null : String.valueOf(v);
        }
    }

    /** An immutable view of the layer as loaded. */
    public static final class Snapshot {
        private final STRtree tree = new STRtree();
        private final List<Zone> zones;
        /** Sorted starts and ends of all versions: "in force at t" and "version at t" by binary search. */
        private final long[] starts;
        private final long[] ends;
        private final long[] changes;

        Snapshot(List<Zone> zones) {
            this.zones = List.copyOf(zones);
            for (Zone z : zones) {
                tree.insert(z.feature().geometry().getEnvelopeInternal(), z);
            }
            tree.build();
            starts = zones.stream().mapToLong(z -> micros(z.feature().validFrom(), Long.MIN_VALUE)).sorted().toArray();
            ends = zones.stream().filter(z -> z.feature().validTo() != null)
                    .mapToLong(z -> micros(z.feature().validTo(), Long.MAX_VALUE)).sorted().toArray();
            changes = java.util.stream.LongStream.concat(java.util.Arrays.stream(starts), java.util.Arrays.stream(ends))
                    .filter(v -> v != Long.MIN_VALUE).sorted().toArray();
        }

        private static long micros(Instant t, long fallback) {
            return t == null ? fallback : t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
        }

        /** How many values of a sorted array are at most {@code v}. */
        private static int atMost(long[] sorted, long v) {
            int i = java.util.Arrays.binarySearch(sorted, v);
            if (i < 0) {
                return -i - 1;
            }
            while (i + 1 < sorted.length && sorted[i + 1] == v) {
                i++;
            }
            return i + 1;
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
            long v = micros(t, 0);
            return atMost(starts, v) - atMost(ends, v);
        }

        /**
         * The version of the red lines in force at {@code t}: the instant of the latest change (a zone
         * version starting or ending) at or before {@code t}. Two checks with the same value saw the
         * same red lines.
         */
        public Instant version(Instant t) {
            int n = atMost(changes, micros(t, 0));
            if (n == 0) {
                return null;
            }
            long us = changes[n - 1];
            return Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000), Math.floorMod(us, 1_000_000) * 1000);
        }
    }

    private final FeatureStore store;
    private final String layer;
    private final Caller caller;
    /** Bumped by every change to the layer; the snapshot is current when built at the same count. */
    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();
    private volatile Snapshot snapshot;
    private volatile long built = -1;

    /**
     * @param layer  the red-line layer (e.g. {@code eco_red_lines})
     * @param caller who the index reads as (a system caller that may read the layer)
     */
    public RedLineIndex(FeatureStore store, String layer, Caller caller) {
        this.store = store;
        this.layer = layer;
        this.caller = caller;
        store.addChangeListener(changed -> {
            if (changed.layer().equals(layer)) {
                changes.incrementAndGet();
            }
        });
    }

    /** The layer name. */
    public String layer() {
        return layer;
    }

    /** The current snapshot, rebuilt first if the layer changed since it was built. */
    public Snapshot snapshot() {
        if (built != changes.get()) {
            synchronized (this) {
                long target = changes.get();
                if (built != target) {
                    // a change during the load bumps the count again: the next call reloads
                    snapshot = load();
                    built = target;
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
