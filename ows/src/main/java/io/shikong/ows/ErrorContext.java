package io.shikong.ows;

import java.util.List;
import java.util.Map;

/**
 * What an exception report needs besides the error: the service that failed, the version it speaks and,
 * for WMS, how its EXCEPTIONS parameter asks errors to be returned (an XML report, the message in an image
 * of FORMAT, WIDTH, HEIGHT and TRANSPARENT, or a blank image). Values are as the request gave them.
 *
 * @param service {@code WFS} (also for a request whose service is unknown), {@code WMS} or {@code WMTS}
 * @param version the version the report is written in: a served WFS version number ({@code 2.0.0} or
 *                {@code 1.1.0}), a WMS version to negotiate, or WMTS's {@code 1.0.0}
 */
public record ErrorContext(String service, String version, String exceptions, String format, String width,
                           String height, String transparent) {

    /** A WFS (or service-neutral) OWS exception report in a WFS version's OWS. */
    public static ErrorContext wfs(String version) {
        return new ErrorContext("WFS", version, null, null, null, null, null);
    }

    /** A WMS service exception report, or an image when {@code exceptions} asks for one and a FORMAT is given. */
    public static ErrorContext wms(String version, String exceptions, String format, String width, String height,
                                   String transparent) {
        return new ErrorContext("WMS", version, exceptions, format, width, height, transparent);
    }

    /** A WMTS 1.0.0 error: an OWS 1.1 exception report ({@link io.shikong.ows.wmts.WmtsExceptions}). */
    public static ErrorContext wmts() {
        return new ErrorContext("WMTS", "1.0.0", null, null, null, null, null);
    }

    public boolean isWms() {
        return "WMS".equals(service);
    }

    public boolean isWmts() {
        return "WMTS".equals(service);
    }

    /**
     * The context of a request whose parameters may not have been read (or may be unreadable), judged from
     * the endpoint path and the raw parameters, never by throwing: WMTS when the path is {@code /wmts} (or
     * below it) or SERVICE says WMTS, WMS when the path is {@code /wms} or SERVICE says WMS, else WFS in
     * 1.1.0 for a VERSION of 1.x and in 2.0.0 otherwise.
     */
    public static ErrorContext of(String path, Map<String, List<String>> raw) {
        if (isWmts(path, raw)) {
            return wmts();
        }
        if (isWms(path, raw)) {
            String version = first(raw, "VERSION");
            return wms(version != null ? version : first(raw, "WMTVER"), first(raw, "EXCEPTIONS"),
                    first(raw, "FORMAT"), first(raw, "WIDTH"), first(raw, "HEIGHT"), first(raw, "TRANSPARENT"));
        }
        String v = first(raw, "VERSION");
        return wfs(v != null && v.startsWith("1.") ? "1.1.0" : "2.0.0");
    }

    /** Whether a request is for the WMS, judged from the path and the raw parameters. */
    static boolean isWms(String path, Map<String, List<String>> raw) {
        if (path != null && (path.equals("/wms") || path.startsWith("/wms/"))) {
            return true;
        }
        String service = first(raw, "SERVICE");
        return service != null && service.trim().equalsIgnoreCase("WMS");
    }

    /** Whether a request is for the WMTS, judged from the path and the raw parameters. */
    static boolean isWmts(String path, Map<String, List<String>> raw) {
        String service = first(raw, "SERVICE");
        if (service != null) {
            return service.trim().equalsIgnoreCase("WMTS");
        }
        return path != null && (path.equals("/wmts") || path.startsWith("/wmts/"));
    }

    /** The first value of a parameter, its name in any case; {@code null} when absent or blank. */
    private static String first(Map<String, List<String>> raw, String name) {
        for (var p : raw.entrySet()) {
            if (p.getKey().equalsIgnoreCase(name) && !p.getValue().isEmpty() && !p.getValue().get(0).isBlank()) {
                return p.getValue().get(0);
            }
        }
        return null;
    }
}
