package io.shikong.core.crs;

import org.geotools.api.referencing.operation.MathTransform;
import org.geotools.api.referencing.operation.TransformException;

/**
 * A cached chain of coordinate steps between two supported CRS, in Shikong's lon/lat (easting/northing)
 * order. Steps work in place on a {@code {x, y}} array so that transforming a geometry allocates nothing
 * per vertex for the GeoTools parts. Immutable and thread-safe as long as the steps are (GeoTools math
 * transforms are).
 */
final class Pipeline {

    /** One step; may throw when a point is outside its domain. */
    @FunctionalInterface
    interface Step {
        void apply(double[] xy) throws TransformException;

        static Step of(MathTransform transform) {
            if (transform.isIdentity()) {
                return xy -> { };
            }
            return xy -> transform.transform(xy, 0, xy, 0, 1);
        }

        /** A step from one of the {@link ChinaOffsets} functions, which take and return {lon, lat}. */
        static Step of(Offset offset) {
            return xy -> {
                double[] r = offset.apply(xy[0], xy[1]);
                xy[0] = r[0];
                xy[1] = r[1];
            };
        }
    }

    /** The shape of the {@link ChinaOffsets} functions. */
    @FunctionalInterface
    interface Offset {
        double[] apply(double lon, double lat);
    }

    private final Step first;
    private final Step second;

    Pipeline(Step first, Step second) {
        this.first = first;
        this.second = second;
    }

    void apply(double[] xy) throws TransformException {
        // GeoTools answers NaN with NaN, or, with assertions on, with a convergence error; be predictable.
        if (Double.isNaN(xy[0]) || Double.isNaN(xy[1])) {
            xy[0] = Double.NaN;
            xy[1] = Double.NaN;
            return;
        }
        first.apply(xy);
        second.apply(xy);
    }
}
