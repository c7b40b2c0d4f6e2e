package io.shikong.core.store.jdbc;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * The bounding boxes of one change, kept small: at most {@link #MAX} envelopes whatever the number of
 * versions a write or bulk load touched. A box already covered adds nothing; beyond the limit a new box
 * is unioned into the kept box it grows least (by half-perimeter, so points and lines merge with their
 * nearest neighbour too). Coverage is never lost: every envelope added lies inside one of the boxes. A
 * bulk load of a million rows ends with a handful of boxes around the data.
 */
final class ChangeBoxes {

    /** The most boxes one change carries. */
    static final int MAX = 64;

    private final int max;
    private final List<Envelope> boxes = new ArrayList<>();

    ChangeBoxes() {
        this(MAX);
    }

    ChangeBoxes(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max " + max);
        }
        this.max = max;
    }

    /** Adds the envelope of a geometry; null or empty geometries add nothing. */
    void add(Geometry g) {
        if (g != null && !g.isEmpty()) {
            add(g.getEnvelopeInternal());
        }
    }

    /** Adds an envelope (copied); a null one adds nothing. */
    void add(Envelope e) {
        if (e == null || e.isNull()) {
            return;
        }
        for (Envelope b : boxes) {
            if (b.covers(e)) {
                return;
            }
        }
        if (boxes.size() < max) {
            boxes.add(new Envelope(e));
            return;
        }
        Envelope best = null;
        double bestGrowth = Double.POSITIVE_INFINITY;
        double bestArea = Double.POSITIVE_INFINITY;
        for (Envelope b : boxes) {
            double w = Math.max(b.getMaxX(), e.getMaxX()) - Math.min(b.getMinX(), e.getMinX());
            double h = Math.max(b.getMaxY(), e.getMaxY()) - Math.min(b.getMinY(), e.getMinY());
            double growth = w + h - b.getWidth() - b.getHeight();
            double area = w * h;
            if (growth < bestGrowth || (growth == bestGrowth && area < bestArea)) {
                best = b;
                bestGrowth = growth;
                bestArea = area;
            }
        }
        best.expandToInclude(e);
        Envelope grown = best;
        boxes.removeIf(b -> b != grown && grown.covers(b));
    }

    /** True when nothing was added. */
    boolean isEmpty() {
        return boxes.isEmpty();
    }

    /** The boxes (copies). */
    List<Envelope> list() {
        List<Envelope> out = new ArrayList<>(boxes.size());
        boxes.forEach(b -> out.add(new Envelope(b)));
        return out;
    }

    /**
     * The compact text form kept in the change log: {@code minx miny maxx maxy} per box, boxes separated
     * by {@code ;}, numbers as Java writes doubles (read back exactly); the empty string is "the whole layer".
     */
    static String format(List<Envelope> boxes) {
        StringBuilder sb = new StringBuilder(boxes.size() * 80);
        for (Envelope b : boxes) {
            if (!sb.isEmpty()) {
                sb.append(';');
            }
            sb.append(b.getMinX()).append(' ').append(b.getMinY()).append(' ')
                    .append(b.getMaxX()).append(' ').append(b.getMaxY());
        }
        return sb.toString();
    }

    /** Reads {@link #format}'s text. */
    static List<Envelope> parse(String text) {
        List<Envelope> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String box : text.split(";")) {
            String[] n = box.trim().split(" ");
            if (n.length != 4) {
                throw new IllegalArgumentException("not a box: '" + box + "'");
            }
            out.add(new Envelope(Double.parseDouble(n[0]), Double.parseDouble(n[2]),
                    Double.parseDouble(n[1]), Double.parseDouble(n[3])));
        }
        return out;
    }
}
