package io.shikong.core.crs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

class CrsServiceTransformTest {

    private static final double R = 6378137.0;

    private final CrsService service = new CrsService();
    private final Crs cgcs2000 = service.resolve("EPSG:4490");
    private final Crs wgs84 = service.resolve("EPSG:4326");
    private final Crs crs84 = service.resolve("CRS:84");
    private final Crs mercator = service.resolve("EPSG:3857");
    private final Crs zone41 = service.resolve("EPSG:4529");
    private final Crs gcj02 = service.resolve("GCJ02");
    private final Crs bd09 = service.resolve("BD09");

    private static Geometry wkt(String wkt) {
        try {
            return new WKTReader().read(wkt);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    // --- edge cases first

    @Test
    void emptyGeometryStaysEmpty() {
        for (String empty : new String[] {"POINT EMPTY", "LINESTRING EMPTY", "POLYGON EMPTY",
            "GEOMETRYCOLLECTION EMPTY"}) {
            Geometry out = service.transform(wkt(empty), cgcs2000, zone41);
            assertThat(out.isEmpty()).isTrue();
            assertThat(out.getGeometryType()).isEqualTo(wkt(empty).getGeometryType());
            assertThat(out.getSRID()).isEqualTo(4529);
        }
    }

    @Test
    void sameCrsReturnsTheInputItself() {
        Geometry in = wkt("POLYGON ((123 41, 124 41, 124 42, 123 42, 123 41))");
        assertThat(service.transform(in, cgcs2000, cgcs2000)).isSameAs(in);
        assertThat(service.transform(in, gcj02, gcj02)).isSameAs(in);
        // CRS84 and EPSG:4326 differ only in declared axis order, never inside Shikong.
        assertThat(service.transform(in, crs84, wgs84)).isSameAs(in);
        assertThat(service.transform(1.5, 2.5, cgcs2000, cgcs2000)).containsExactly(1.5, 2.5);
    }

    @Test
    void nullEnvelopeStaysNull() {
        assertThat(service.transform(new Envelope(), cgcs2000, zone41).isNull()).isTrue();
    }

    @Test
    void nanGivesNan() {
        double[] r = service.transform(Double.NaN, 41.8, cgcs2000, zone41);
        assertThat(r[0]).isNaN();
        assertThat(r[1]).isNaN();
    }

    @Test
    void polesAreClampedForWebMercator() {
        Envelope world = service.transform(new Envelope(-180, 180, -90, 90), wgs84, mercator);
        double half = Math.PI * R; // 20037508.34 m, the Web Mercator square
        assertThat(world.getMinX()).isCloseTo(-half, within(1e-3));
        assertThat(world.getMaxX()).isCloseTo(half, within(1e-3));
        assertThat(world.getMinY()).isCloseTo(-half, within(1e-3));
        assertThat(world.getMaxY()).isCloseTo(half, within(1e-3));
        assertThat(service.transform(0, 90, wgs84, mercator)[1]).isCloseTo(half, within(1e-3));
    }

    @Test
    void inputAxisOrderIsLongitudeFirstEvenForLatitudeFirstCrs() {
        // Were 4490's EPSG order (lat, lon) used, 123.43 would be taken as a latitude and fail or wrap.
        double[] en = service.transform(123.43, 41.80, cgcs2000, zone41);
        assertThat(en[0]).isGreaterThan(41_000_000); // easting with zone prefix 41 comes first
        assertThat(en[1]).isBetween(4_000_000.0, 5_000_000.0);
    }

    // --- CGCS2000 and Gauss-Krüger

    @Test
    void cgcs2000ToGaussKrugerZone41MatchesPostgis() {
        double[] en = service.transform(123.43, 41.80, cgcs2000, zone41);
        assertThat(en[0]).isCloseTo(41535737.204, within(0.01));
        assertThat(en[1]).isCloseTo(4629511.995, within(0.01));

        double[] back = service.transform(en[0], en[1], zone41, cgcs2000);
        assertThat(back[0]).isCloseTo(123.43, within(1e-9));
        assertThat(back[1]).isCloseTo(41.80, within(1e-9));
    }

    @Test
    void pointWktInWktOut() {
        Geometry out = service.transform(wkt("POINT (123.43 41.8)"), cgcs2000, zone41);
        assertThat(out.equalsExact(wkt("POINT (41535737.204 4629511.995)"), 0.01)).as(out.toText()).isTrue();
        assertThat(out.getSRID()).isEqualTo(4529);
    }

    @Test
    void zoneWithoutPrefixDiffersOnlyInFalseEasting() {
        double[] withPrefix = service.transform(123.43, 41.80, cgcs2000, zone41);
        double[] withoutPrefix = service.transform(123.43, 41.80, cgcs2000, service.resolve("EPSG:4550")); // CM 123E
        assertThat(withPrefix[0] - withoutPrefix[0]).isCloseTo(41_000_000, within(1e-6));
        assertThat(withPrefix[1]).isCloseTo(withoutPrefix[1], within(1e-6));
    }

    @Test
    void cgcs2000AndWgs84AreCoincident() {
        // The null transformation that PROJ and PostGIS use: no datum shift.
        assertThat(service.transform(123.43, 41.80, cgcs2000, wgs84)).containsExactly(123.43, 41.80);
        Geometry out = service.transform(wkt("POINT (123.43 41.8)"), cgcs2000, wgs84);
        assertThat(out.equalsExact(wkt("POINT (123.43 41.8)"))).isTrue();
        assertThat(out.getSRID()).isEqualTo(4326);
    }

    @Test
    void gaussKrugerToWebMercatorGoesThroughTheDatums() {
        double[] en = service.transform(123.43, 41.80, cgcs2000, zone41);
        double[] xy = service.transform(en[0], en[1], zone41, mercator);
        assertThat(xy[0]).isCloseTo(R * Math.toRadians(123.43), within(1e-3));
    }

    // --- Web Mercator

    @Test
    void wgs84ToWebMercatorMatchesTheClosedFormula() {
        double lon = 123.43;
        double lat = 41.80;
        double[] xy = service.transform(lon, lat, wgs84, mercator);
        assertThat(xy[0]).isCloseTo(R * Math.toRadians(lon), within(1e-3));
        assertThat(xy[1]).isCloseTo(R * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(lat) / 2)), within(1e-3));
        assertThat(service.transform(lon, lat, crs84, mercator)).containsExactly(xy);
        double[] back = service.transform(xy[0], xy[1], mercator, wgs84);
        assertThat(back[0]).isCloseTo(lon, within(1e-9));
        assertThat(back[1]).isCloseTo(lat, within(1e-9));
    }

    // --- envelopes

    @Test
    void envelopeIsDensifiedAcrossTheCentralMeridian() {
        // A parallel is lowest on the central meridian in Transverse Mercator: the corners alone miss it.
        Envelope in = new Envelope(122, 124, 41, 42);
        Envelope out = service.transform(in, cgcs2000, zone41);
        double minNorthingOnCm = service.transform(123, 41, cgcs2000, zone41)[1];
        double cornerNorthing = service.transform(122, 41, cgcs2000, zone41)[1];
        assertThat(out.getMinY()).isCloseTo(minNorthingOnCm, within(1e-6));
        assertThat(out.getMinY()).isLessThan(cornerNorthing - 100);
        assertThat(out.getMinX()).isCloseTo(service.transform(122, 41, cgcs2000, zone41)[0], within(1e-6));
        assertThat(out.getMaxX()).isCloseTo(service.transform(124, 41, cgcs2000, zone41)[0], within(1e-6));
        assertThat(out.getMaxY()).isCloseTo(service.transform(122, 42, cgcs2000, zone41)[1], within(1e-6));
    }

    @Test
    void sameCrsEnvelopeIsACopy() {
        Envelope in = new Envelope(1, 2, 3, 4);
        Envelope out = service.transform(in, mercator, mercator);
        assertThat(out).isEqualTo(in).isNotSameAs(in);
    }

    // --- GCJ-02 and BD-09

    @Test
    void polygonToGcj02AndBackIsTheOriginal() {
        Geometry in = wkt("POLYGON ((123.40 41.78, 123.46 41.78, 123.46 41.82, 123.40 41.82, 123.40 41.78), "
                + "(123.42 41.79, 123.42 41.81, 123.44 41.81, 123.42 41.79))");
        Geometry gcj = service.transform(in, cgcs2000, gcj02);
        assertThat(gcj.getSRID()).isEqualTo(4326);
        assertThat(gcj.equalsExact(in, 1e-4)).isFalse(); // the offset is hundreds of metres
        Geometry back = service.transform(gcj, gcj02, cgcs2000);
        assertThat(back.equalsExact(in, 1e-8)).as(back.toText()).isTrue();
        assertThat(back.getSRID()).isEqualTo(4490);
        assertThat(back.isValid()).isTrue();
    }

    @Test
    void gcj02PointMatchesTheOffsetFunctions() {
        Geometry out = service.transform(wkt("POINT (116.404 39.915)"), wgs84, gcj02);
        assertThat(out.equalsExact(wkt("POINT (116.41024449916938 39.91640428150164)"), 1e-9)).isTrue();
        Geometry bd = service.transform(wkt("POINT (116.404 39.915)"), gcj02, bd09);
        assertThat(bd.equalsExact(wkt("POINT (116.41036949371029 39.92133699351021)"), 1e-9)).isTrue();
    }

    @Test
    void outOfChinaIsUnchangedByGcj02() {
        Geometry paris = wkt("POINT (2.35 48.85)");
        assertThat(service.transform(paris, wgs84, gcj02).equalsExact(paris)).isTrue();
    }

    @Test
    void bd09ToGaussKruger() {
        double[] bd = ChinaOffsets.wgs84ToBd09(123.43, 41.80);
        double[] en = service.transform(bd[0], bd[1], bd09, zone41);
        assertThat(en[0]).isCloseTo(41535737.204, within(1e-3));
        assertThat(en[1]).isCloseTo(4629511.995, within(1e-3));
    }

    @Test
    void zAndMultiGeometriesSurvive() {
        Geometry in = wkt("MULTIPOINT Z ((123.43 41.8 100), (123.5 41.9 200))");
        Geometry out = service.transform(in, cgcs2000, zone41);
        assertThat(out.getGeometryType()).isEqualTo("MultiPoint");
        assertThat(out.getCoordinates()[0].getZ()).isEqualTo(100);
        assertThat(out.getCoordinates()[1].getZ()).isEqualTo(200);
        assertThat(in.getCoordinates()[0].getX()).isEqualTo(123.43); // input untouched
    }
}
