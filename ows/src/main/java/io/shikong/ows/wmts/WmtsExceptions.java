package io.shikong.ows.wmts;

import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import io.shikong.ows.OwsExceptionReport;
import io.shikong.tiles.TileOutOfRangeException;
import java.util.Locale;
import java.util.Map;

/**
 * WMTS 1.0.0 errors: the codes of its Table 28 and its parameter names as locators, and the OWS 1.1
 * {@code ExceptionReport} they are written in. WMTS knows neither WMS's LayerNotDefined, StyleNotDefined
 * and InvalidFormat (all InvalidParameterValue of the parameter) nor InvalidPoint (PointIJOutOfRange); a
 * tile outside its matrix is TileOutOfRange, 400.
 */
public final class WmtsExceptions {

    /** WMTS's spelling of WMS's InvalidPoint (WMTS 1.0.0, Table 28), written by the report. */
    public static final String POINT_IJ_OUT_OF_RANGE = "PointIJOutOfRange";

    /** Locators as the core and the tile service throw them, lower case, to WMTS's parameter names. */
    private static final Map<String, String> LOCATORS = Map.ofEntries(
            Map.entry("service", "Service"), Map.entry("request", "Request"), Map.entry("version", "Version"),
            Map.entry("layer", "Layer"), Map.entry("layers", "Layer"), Map.entry("query_layers", "Layer"),
            Map.entry("typenames", "Layer"), Map.entry("style", "Style"), Map.entry("styles", "Style"),
            Map.entry("format", "Format"), Map.entry("tilematrixset", "TileMatrixSet"),
            Map.entry("tilematrix", "TileMatrix"), Map.entry("tilerow", "TileRow"), Map.entry("tilecol", "TileCol"),
            Map.entry("time", "Time"), Map.entry("i", "I"), Map.entry("j", "J"), Map.entry("x", "I"),
            Map.entry("y", "J"), Map.entry("info_format", "InfoFormat"), Map.entry("infoformat", "InfoFormat"));

    private WmtsExceptions() {
    }

    /**
     * The error as WMTS reports it: a tile out of its matrix as TileOutOfRange; an unknown layer, style or
     * format (WMS codes, or a 404 of the core) as InvalidParameterValue with the code's 400; the locator
     * spelled as the WMTS parameter. The error itself when nothing changes; the cause is kept.
     */
    public static ShikongException translate(ShikongException e) {
        OgcCode code = switch (e.ogcCode()) {
            case LAYER_NOT_DEFINED, STYLE_NOT_DEFINED, INVALID_FORMAT, INVALID_CRS, INVALID_DIMENSION_VALUE ->
                    OgcCode.INVALID_PARAMETER_VALUE;
            default -> e instanceof TileOutOfRangeException ? OgcCode.TILE_OUT_OF_RANGE : e.ogcCode();
        };
        String locator = e.locator() == null ? null
                : LOCATORS.getOrDefault(e.locator().toLowerCase(Locale.ROOT), e.locator());
        if (code == e.ogcCode() && java.util.Objects.equals(locator, e.locator())) {
            return e;
        }
        // a 404 the core chose for REST (an unknown layer) is the code's 400 here; other statuses of the thrower stay
        int status = e.status() == e.ogcCode().status() || e.status() == 404 ? code.status() : e.status();
        return new ShikongException(code, status, locator, e.getMessage(), e);
    }

    /** The exception code written: the error's, InvalidPoint spelled PointIJOutOfRange. */
    public static String code(ShikongException e) {
        ShikongException t = translate(e);
        return t.ogcCode() == OgcCode.INVALID_POINT ? POINT_IJ_OUT_OF_RANGE : t.code();
    }

    /** The HTTP status of the report (OWS Common 2.0 Table 28, as for every OWS report). */
    public static int status(ShikongException e) {
        return OwsExceptionReport.status(translate(e));
    }

    /** The OWS 1.1 exception report of a WMTS 1.0.0 error; an internal error's message is not shown. */
    public static String xml(ShikongException error) {
        ShikongException e = translate(error);
        String message = OwsExceptionReport.status(e) >= 500 ? "internal error; the service log has the details"
                : e.getMessage();
        String locator = e.locator() == null ? "" : " locator=\"" + OwsExceptionReport.escape(e.locator()) + "\"";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<ows:ExceptionReport xmlns:ows=\"http://www.opengis.net/ows/1.1\" version=\"1.0.0\" xml:lang=\"en\">\n"
                + "  <ows:Exception exceptionCode=\"" + OwsExceptionReport.escape(code(e)) + "\"" + locator + ">\n"
                + "    <ows:ExceptionText>" + OwsExceptionReport.escape(message) + "</ows:ExceptionText>\n"
                + "  </ows:Exception>\n</ows:ExceptionReport>\n";
    }
}
