package io.shikong.ingest.spark;

import io.shikong.core.crs.ChinaOffsets;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

/**
 * The GCJ-02 and BD-09 offsets as Spark SQL functions: Sedona's {@code ST_Transform} knows only geodetic
 * CRSs, and these are published perturbations of WGS 84 (see spatial-core's {@link ChinaOffsets}, whose
 * formulas and iterative inverses these call, so the Spark path and the single-process loader agree).
 *
 * <p>Registered functions take and return WKB (the caller wraps them in {@code ST_AsBinary} and
 * {@code ST_GeomFromWKB}), which keeps them independent of Sedona's geometry type:
 * <ul>
 *   <li>{@value #GCJ02_TO_WGS84}(wkb): GCJ-02 longitude/latitude to WGS 84 (= CGCS2000 at this accuracy,
 *       the null datum shift the server's CRS service uses too).</li>
 *   <li>{@value #BD09_TO_WGS84}(wkb): BD-09 to WGS 84.</li>
 * </ul>
 */
public final class ChinaOffsetFunctions {

    /** SQL name of the GCJ-02 to WGS 84 function. */
    public static final String GCJ02_TO_WGS84 = "shikong_gcj02_to_wgs84";
    /** SQL name of the BD-09 to WGS 84 function. */
    public static final String BD09_TO_WGS84 = "shikong_bd09_to_wgs84";

    private ChinaOffsetFunctions() {
    }

    /** Registers both functions in {@code spark} (idempotent). */
    public static void register(SparkSession spark) {
        if (spark.catalog().functionExists(GCJ02_TO_WGS84)) {
            return;
        }
        spark.udf().register(GCJ02_TO_WGS84, (UDF1<byte[], byte[]>) wkb -> apply(wkb, Offset.GCJ02), DataTypes.BinaryType);
        spark.udf().register(BD09_TO_WGS84, (UDF1<byte[], byte[]>) wkb -> apply(wkb, Offset.BD09), DataTypes.BinaryType);
    }

    /** Which offset to undo. */
    enum Offset {
        GCJ02, BD09
    }

    /** Undoes {@code offset} on every coordinate of the WKB geometry; null stays null. */
    static byte[] apply(byte[] wkb, Offset offset) throws ParseException {
        if (wkb == null) {
            return null;
        }
        Geometry g = new WKBReader().read(wkb);
        g.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                double[] p = offset == Offset.GCJ02
                        ? ChinaOffsets.gcj02ToWgs84(seq.getX(i), seq.getY(i))
                        : ChinaOffsets.bd09ToWgs84(seq.getX(i), seq.getY(i));
                seq.setOrdinate(i, 0, p[0]);
                seq.setOrdinate(i, 1, p[1]);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        return new WKBWriter(2).write(g);
    }
}
