package io.shikong.core.store.jdbc;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * The filter geometries of the embedded store's running queries, prepared (JTS {@link PreparedGeometry}:
 * indexed edges, so that testing a row costs about log n of the literal's n vertices instead of n), and the
 * SQL function that tests rows against them, {@code SHIKONG_RELATE(geometry, key, relation)}. H2GIS's
 * {@code ST_Intersects} gets the literal as a parameter and tests each row without preparing it (PostGIS keeps
 * a prepared-geometry cache of its own); a 100,000-vertex query polygon then costs 100,000 per row.
 *
 * <p>A query {@linkplain #pin pins} its literals while it runs (the key is the SHA-256 of the literal's WKB,
 * so a count and the read after it share one prepared geometry) and unpins them when its statement is done;
 * the last few unpinned ones are kept for the next query of the same literal. The database is in this
 * process (embedded H2), so the function finds them here.
 */
public final class PreparedLiterals {

    /** Name of the SQL function. */
    public static final String FUNCTION = "SHIKONG_RELATE";
    /** Unpinned prepared literals kept for a following query (WFS counts, then reads). */
    private static final int KEEP = 8;

    private static final class Entry {
        final PreparedGeometry prepared;
        int pins;

        Entry(Geometry g) {
            this.prepared = PreparedGeometryFactory.prepare(g);
        }
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>(16, 0.75f, true);

    private PreparedLiterals() {
    }

    /** Pins {@code literal} (its WKB {@code wkb}) for a query; the key to give the SQL function. */
    static String pin(Geometry literal, byte[] wkb) {
        String key = key(wkb);
        synchronized (ENTRIES) {
            Entry e = ENTRIES.get(key);
            if (e == null) {
                e = new Entry(literal);
                ENTRIES.put(key, e);
            }
            e.pins++;
            return key;
        }
    }

    /** Ends a pin of {@link #pin}; unpinned literals beyond the last {@value #KEEP} are dropped. */
    static void unpin(String key) {
        synchronized (ENTRIES) {
            Entry e = ENTRIES.get(key);
            if (e != null) {
                e.pins = Math.max(0, e.pins - 1);
            }
            int unpinned = 0;
            var it = ENTRIES.entrySet().iterator();
            // oldest first: drop all but the newest KEEP unpinned
            long total = ENTRIES.values().stream().filter(x -> x.pins == 0).count();
            while (it.hasNext() && total - unpinned > KEEP) {
                Entry x = it.next().getValue();
                if (x.pins == 0) {
                    it.remove();
                    unpinned++;
                }
            }
        }
    }

    /** How many literals are held (tests: none once the queries are done, but the few kept). */
    static int held() {
        synchronized (ENTRIES) {
            return ENTRIES.size();
        }
    }

    /**
     * The SQL function: whether {@code row} is in {@code relation} to the pinned literal of {@code key}, the row
     * first as in {@code ST_Within(row, literal)}. Relations: intersects, within, contains, crosses, touches,
     * overlaps, equals. A null row is null, as H2GIS's own functions answer.
     */
    public static Boolean relate(Geometry row, String key, String relation) {
        if (row == null) {
            return null;
        }
        PreparedGeometry p;
        synchronized (ENTRIES) {
            Entry e = ENTRIES.get(key);
            if (e == null) {
                throw new IllegalStateException("filter geometry " + key + " is not pinned");
            }
            p = e.prepared;
        }
        return switch (relation) {
            case "intersects" -> p.intersects(row);
            case "within" -> p.contains(row);      // row within literal: literal contains row
            case "contains" -> p.within(row);      // row contains literal: literal within row
            case "crosses" -> p.crosses(row);
            case "touches" -> p.touches(row);
            case "overlaps" -> p.overlaps(row);
            case "equals" -> p.getGeometry().equalsTopo(row);
            default -> throw new IllegalArgumentException("unknown relation " + relation);
        };
    }

    private static String key(byte[] wkb) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(wkb));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
