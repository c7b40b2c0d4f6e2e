package io.shikong.ows;

import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;

/**
 * An OWS exception report: {@code ows:ExceptionReport} with the exception code and locator, in OWS 1.1
 * (WFS 2.0) or OWS 1.0 (WFS 1.1) form.
 */
public final class OwsExceptionReport {

    private OwsExceptionReport() {
    }

    /**
     * The HTTP status of the report: the code's ({@link OgcCode#status()}, after OWS Common 2.0 Table 28),
     * except that a 4xx status the thrower chose over the code's, other than 400 and 404, is kept (401
     * credentials, 403, 405 method, 413 body too large, 415 body type, whatever else HTTP refused): the
     * client must see why. A 400 or 404 of the thrower's says no more than the code does (404 is REST's
     * answer to an unknown layer, which is a 400 here). Table 28 knows no 5xx but 500 and 501.
     */
    public static int status(ShikongException e) {
        int own = e.status();
        int status = e.ogcCode().status();
        if (own != status && own > 400 && own < 500 && own != 404) {
            return own;
        }
        return status >= 500 && status != 501 ? 500 : status;
    }

    /** The code as WFS names it: an unknown layer is an invalid typeNames value there. */
    public static String code(ShikongException e) {
        // WFS and OWS Common know neither LayerNotDefined nor InvalidCRS (WMS codes)
        return e.ogcCode() == OgcCode.LAYER_NOT_DEFINED || e.ogcCode() == OgcCode.INVALID_CRS
                ? OgcCode.INVALID_PARAMETER_VALUE.code() : e.code();
    }

    public static String xml(ShikongException e, boolean owsV11, String version) {
        String ns = owsV11 ? "http://www.opengis.net/ows/1.1" : "http://www.opengis.net/ows";
        String message = e.status() >= 500 ? "internal error; the service log has the details" : e.getMessage();
        String locator = e.locator() == null ? "" : " locator=\""
                + escape(e.ogcCode() == OgcCode.LAYER_NOT_DEFINED ? "typeNames" : e.locator()) + "\"";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<ows:ExceptionReport xmlns:ows=\"" + ns + "\" version=\"" + (owsV11 ? "2.0.0" : "1.0.0")
                + "\" xml:lang=\"en\">\n  <ows:Exception exceptionCode=\"" + escape(code(e)) + "\"" + locator + ">\n"
                + "    <ows:ExceptionText>" + escape(message) + "</ows:ExceptionText>\n  </ows:Exception>\n"
                + "</ows:ExceptionReport>\n";
    }

    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
