package io.shikong.core.redline;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.algorithm.RobustLineIntersector;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.util.LinearComponentExtracter;
import org.locationtech.jts.noding.BasicSegmentString;
import org.locationtech.jts.noding.MCIndexNoder;
import org.locationtech.jts.noding.SegmentIntersector;
import org.locationtech.jts.noding.SegmentString;

/**
 * Counts where the edges of a geometry meet each other (other than neighbours at their shared vertex), up to a
 * limit: the measure of how much work making it valid will be. JTS's noder finds the pairs by monotone chains
 * and stops at the limit, so counting costs about n log n plus the limit, never the n²/2 crossings of a star.
 * (JTS has no such count: IsValidOp stops at the first crossing, GeometryFixer computes them all.)
 */
final class SelfCrossings {

    private SelfCrossings() {
    }

    /**
     * The crossings of the geometry's edges, or {@code limit + 1} when there are more than {@code limit}.
     * Empty geometries and points have none.
     */
    static long count(Geometry g, long limit) {
        List<SegmentString> strings = new ArrayList<>();
        for (Object o : LinearComponentExtracter.getLines(g)) {
            LineString line = (LineString) o;
            if (line.getNumPoints() > 1) {
                strings.add(new BasicSegmentString(line.getCoordinates(), null));
            }
        }
        long[] found = {0};
        RobustLineIntersector li = new RobustLineIntersector();
        SegmentIntersector counter = new SegmentIntersector() {
            @Override
            public void processIntersections(SegmentString a, int i, SegmentString b, int j) {
                if (a == b && (i == j || adjacent(a, i, j))) {
                    return;
                }
                li.computeIntersection(a.getCoordinate(i), a.getCoordinate(i + 1), b.getCoordinate(j), b.getCoordinate(j + 1));
                if (li.hasIntersection()) {
                    found[0]++;
                }
            }

            @Override
            public boolean isDone() {
                return found[0] > limit;
            }
        };
        new MCIndexNoder(counter).computeNodes(strings);
        return Math.min(found[0], limit + 1);
    }

    /** Neighbouring segments of one string, also the last and first of a closed ring, share a vertex by design. */
    private static boolean adjacent(SegmentString s, int i, int j) {
        if (Math.abs(i - j) == 1) {
            return true;
        }
        int last = s.size() - 2;
        return s.isClosed() && (i == 0 && j == last || j == 0 && i == last);
    }
}
