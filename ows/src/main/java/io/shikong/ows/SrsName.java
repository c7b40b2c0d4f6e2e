package io.shikong.ows;

import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.params.Params;
import java.util.Locale;

/**
 * A CRS as named in an OGC request, with the axis order that name implies. URN and
 * {@code http://www.opengis.net/def/crs/...} names mean the EPSG axis order (latitude/northing first for
 * EPSG:4326, 4490 and the Gauss-Krüger zones); {@code EPSG:nnnn} and the old
 * {@code .../epsg.xml#nnnn} names mean x/y (longitude first), which is what QGIS and GDAL assume of them.
 *
 * @param crs      the CRS
 * @param name     the name as the client wrote it, echoed in responses
 * @param latFirst whether coordinates are latitude/northing first on the wire
 */
public record SrsName(Crs crs, String name, boolean latFirst) {

    public static SrsName parse(CrsService crsService, String name, String locator) {
        Crs crs = Params.crs(crsService, name, locator, null);
        String lower = name.trim().toLowerCase(Locale.ROOT);
        boolean authority = lower.startsWith("urn:") || lower.startsWith("http://www.opengis.net/def/crs/")
                || lower.startsWith("https://www.opengis.net/def/crs/");
        return new SrsName(crs, name.trim(), authority && crs.northingFirst());
    }

    /** The URN form of a CRS, in EPSG axis order: the default of WFS 1.1 and 2.0. */
    public static SrsName urn(Crs crs) {
        return new SrsName(crs, crs.urn(), crs.northingFirst());
    }
}
