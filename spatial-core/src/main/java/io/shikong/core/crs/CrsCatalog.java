package io.shikong.core.crs;

import io.shikong.core.error.InvalidCrsException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The supported set and the parsing of identifiers into it. The table is written out rather than read
 * from the EPSG database so that parsing a request never waits for the database to unpack;
 * {@code CrsCatalogTest} checks every row against GeoTools.
 */
final class CrsCatalog {

    static final Crs CGCS2000 = Crs.epsg(4490, true, true, "China Geodetic Coordinate System 2000");
    static final Crs WGS84 = Crs.epsg(4326, true, true, "WGS 84");
    static final Crs WEB_MERCATOR = Crs.epsg(3857, false, false, "WGS 84 / Pseudo-Mercator");
    static final Crs CRS84 = new Crs("CRS84", 4326, true, false, "urn:ogc:def:crs:OGC:1.3:CRS84",
            "http://www.opengis.net/def/crs/OGC/1.3/CRS84", "WGS 84 longitude/latitude (OGC CRS84)");
    static final Crs GCJ02 = new Crs("GCJ02", -1, true, false, "GCJ02", "GCJ02",
            "GCJ-02 (Mars coordinates, offset of WGS 84 longitude/latitude)");
    static final Crs BD09 = new Crs("BD09", -1, true, false, "BD09", "BD09",
            "BD-09 (Baidu, offset of GCJ-02 longitude/latitude)");

    /** First and last EPSG codes of the CGCS2000 Gauss-Krüger families, see {@link #gaussKruger}. */
    static final int GK6_FIRST = 4491;
    static final int GK3_ZONE_FIRST = 4513;
    static final int GK3_CM_FIRST = 4534;
    static final int GK_LAST = 4554;

    static final String SUPPORTED_TEXT = "EPSG:4490 (storage), EPSG:4326, EPSG:3857 (alias EPSG:900913), "
            + "CGCS2000 Gauss-Kruger EPSG:4491-4512 (6-degree) and EPSG:4513-4554 (3-degree), "
            + "CRS84, GCJ02, BD09";

    private static final List<Crs> SUPPORTED;
    private static final Map<Integer, Crs> BY_EPSG = new HashMap<>();

    static {
        List<Crs> all = new ArrayList<>(List.of(CGCS2000, WGS84, WEB_MERCATOR, CRS84, GCJ02, BD09));
        for (int code = GK6_FIRST; code <= GK_LAST; code++) {
            all.add(gaussKruger(code));
        }
        SUPPORTED = Collections.unmodifiableList(all);
        for (Crs crs : all) {
            if (crs.code().startsWith("EPSG:")) {
                BY_EPSG.put(crs.epsg(), crs);
            }
        }
        // The unofficial Google code, still sent by old clients.
        BY_EPSG.put(900913, WEB_MERCATOR);
    }

    // Numbers are limited to 9 digits so that parsing can neither overflow nor be slowed by huge input.
    private static final Pattern EPSG_FORMS = Pattern.compile(
            "(?:epsg:|urn:ogc:def:crs:epsg:[^:]*:|urn:x-ogc:def:crs:epsg:(?:[^:]*:)?"
                    + "|https?://www\\.opengis\\.net/def/crs/epsg/[^/]+/"
                    + "|https?://www\\.opengis\\.net/gml/srs/epsg\\.xml#)?(\\d{1,9})");
    private static final Pattern CRS84_FORMS = Pattern.compile(
            "crs:84|crs84|urn:ogc:def:crs:ogc:(?:1\\.3)?:crs84|urn:x-ogc:def:crs:ogc:(?:1\\.3:)?crs84"
                    + "|https?://www\\.opengis\\.net/def/crs/ogc/1\\.3/crs84");

    private CrsCatalog() {
    }

    static List<Crs> supported() {
        return SUPPORTED;
    }

    static Crs resolve(String identifier) {
        if (identifier == null || identifier.isBlank()) {
            throw new InvalidCrsException("crs", "A CRS identifier is required. Supported: " + SUPPORTED_TEXT,
                    null);
        }
        String id = identifier.trim().toLowerCase(Locale.ROOT);
        switch (id) {
            case "gcj02", "gcj-02" -> {
                return GCJ02;
            }
            case "bd09", "bd-09" -> {
                return BD09;
            }
            default -> {
                // fall through to the patterns
            }
        }
        if (CRS84_FORMS.matcher(id).matches()) {
            return CRS84;
        }
        Matcher m = EPSG_FORMS.matcher(id);
        if (m.matches()) {
            Crs crs = BY_EPSG.get(Integer.parseInt(m.group(1)));
            if (crs != null) {
                return crs;
            }
            throw new InvalidCrsException("crs", "CRS " + quote(identifier) + " is not supported. Supported: "
                    + SUPPORTED_TEXT, null);
        }
        throw new InvalidCrsException("crs", quote(identifier) + " is not a CRS identifier Shikong understands. "
                + "Supported: " + SUPPORTED_TEXT + "; written as EPSG:4490, urn:ogc:def:crs:EPSG::4490 or "
                + "http://www.opengis.net/def/crs/EPSG/0/4490", null);
    }

    /**
     * The CGCS2000 Gauss-Krüger CRS with the given EPSG code, which must be in 4491..4554. EPSG orders
     * each family as: 6-degree with zone prefix (zones 13-23), 6-degree without (CM 75E-135E),
     * 3-degree with zone prefix (zones 25-45), 3-degree without (CM 75E-135E).
     */
    static Crs gaussKruger(int epsg) {
        String title;
        if (epsg < GK6_FIRST + 11) {
            title = "CGCS2000 / Gauss-Kruger zone " + (13 + epsg - GK6_FIRST);
        } else if (epsg < GK3_ZONE_FIRST) {
            title = "CGCS2000 / Gauss-Kruger CM " + (75 + 6 * (epsg - GK6_FIRST - 11)) + "E";
        } else if (epsg < GK3_CM_FIRST) {
            title = "CGCS2000 / 3-degree Gauss-Kruger zone " + (25 + epsg - GK3_ZONE_FIRST);
        } else {
            title = "CGCS2000 / 3-degree Gauss-Kruger CM " + (75 + 3 * (epsg - GK3_CM_FIRST)) + "E";
        }
        return Crs.epsg(epsg, false, true, title);
    }

    /** Whether the CRS is on the CGCS2000 datum (as opposed to WGS 84, which all others are based on). */
    static boolean onCgcs2000(Crs crs) {
        return crs.epsg() == 4490 || (crs.epsg() >= GK6_FIRST && crs.epsg() <= GK_LAST);
    }

    private static String quote(String identifier) {
        String shown = identifier.length() > 100 ? identifier.substring(0, 100) + "..." : identifier;
        return "'" + shown + "'";
    }
}
