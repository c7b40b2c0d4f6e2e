package io.shikong.ingest.read;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.geotools.api.referencing.FactoryException;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.referencing.CRS;

/**
 * The EPSG code of a Shapefile's {@code .prj} WKT: GeoTools' {@code CRS.parseWKT} and
 * {@code CRS.lookupEpsgCode} (an AUTHORITY in the WKT, else a search of the EPSG database ignoring
 * metadata), then the ESRI names China's tools write ({@code GCS_China_Geodetic_Coordinate_System_2000},
 * {@code CGCS2000_3_Degree_GK_Zone_41}, {@code CGCS2000_3_Degree_GK_CM_123E}, {@code GCS_WGS_1984},
 * {@code WGS_1984_Web_Mercator_Auxiliary_Sphere}), which the EPSG search does not always match.
 */
public final class PrjCrs {

    private static final Pattern GK3_ZONE = Pattern.compile("CGCS2000_3_DEGREE_GK_ZONE_(\\d+)");
    private static final Pattern GK3_CM = Pattern.compile("CGCS2000_3_DEGREE_GK_CM_(\\d+)E");
    private static final Pattern GK6_ZONE = Pattern.compile("CGCS2000_GK_ZONE_(\\d+)");
    private static final Pattern GK6_CM = Pattern.compile("CGCS2000_GK_CM_(\\d+)E");

    private PrjCrs() {
    }

    /** The {@code EPSG:n} identifier of the WKT, or empty when it cannot be identified. */
    public static Optional<String> identify(String wkt) {
        try {
            CoordinateReferenceSystem crs = CRS.parseWKT(wkt);
            Integer code = CRS.lookupEpsgCode(crs, true);
            if (code != null) {
                return Optional.of("EPSG:" + code);
            }
        } catch (FactoryException | RuntimeException e) {
            // not WKT GeoTools understands: try the names below
        }
        return byName(wkt);
    }

    private static Optional<String> byName(String wkt) {
        String s = wkt.toUpperCase(Locale.ROOT).replace(' ', '_');
        Matcher m;
        if ((m = GK3_ZONE.matcher(s)).find()) {
            return Optional.of("EPSG:" + (4513 + Integer.parseInt(m.group(1)) - 25));
        }
        if ((m = GK3_CM.matcher(s)).find()) {
            return Optional.of("EPSG:" + (4534 + (Integer.parseInt(m.group(1)) - 75) / 3));
        }
        if ((m = GK6_ZONE.matcher(s)).find()) {
            return Optional.of("EPSG:" + (4491 + Integer.parseInt(m.group(1)) - 13));
        }
        if ((m = GK6_CM.matcher(s)).find()) {
            return Optional.of("EPSG:" + (4502 + (Integer.parseInt(m.group(1)) - 75) / 6));
        }
        boolean projected = s.startsWith("PROJCS");
        if (projected && s.contains("WEB_MERCATOR")) {
            return Optional.of("EPSG:3857");
        }
        if (!projected && (s.contains("CHINA_GEODETIC_COORDINATE_SYSTEM_2000") || s.contains("CGCS2000"))) {
            return Optional.of("EPSG:4490");
        }
        if (!projected && (s.contains("GCS_WGS_1984") || s.contains("\"WGS_84\"") || s.contains("WGS_1984"))) {
            return Optional.of("EPSG:4326");
        }
        return Optional.empty();
    }
}
