package io.shikong.ows;

import io.shikong.core.error.ShikongException;

/**
 * An OWS exception report: {@code ows:ExceptionReport} with the exception code and locator, in OWS 1.1
 * (WFS 2.0) or OWS 1.0 (WFS 1.1) form.
 */
public final class OwsExceptionReport {

    private OwsExceptionReport() {
    }

    /** The HTTP status an OGC exception code answers with (OWS Common 2.0, table 28). */
    public static int status(ShikongException e) {
        return switch (e.code()) {
            case "OperationNotSupported", "OptionNotSupported" -> e.status() == 405 ? 405 : 501;
            // 401, 403, 413 and 415 keep their own status: a client must see why, whatever the code
            case "NoApplicableCode", "OperationProcessingFailed" -> e.status() >= 500 ? 500 : kept(e.status()) ? e.status() : 400;
            case "NotFound" -> 404;
            default -> e.status() >= 500 ? 500 : e.status() == 404 ? 400 : e.status();
        };
    }

    private static boolean kept(int status) {
        return status == 401 || status == 403 || status == 413 || status == 415;
    }

    /** The code as WFS names it: an unknown layer is an invalid typeNames value there. */
    public static String code(ShikongException e) {
        // WFS and OWS Common know neither LayerNotDefined nor InvalidCRS (WMS codes)
        return e.code().equals("LayerNotDefined") || e.code().equals("InvalidCRS") ? "InvalidParameterValue" : e.code();
    }

    public static String xml(ShikongException e, boolean owsV11, String version) {
        String ns = owsV11 ? "http://www.opengis.net/ows/1.1" : "http://www.opengis.net/ows";
        String message = e.status() >= 500 ? "internal error; the service log has the details" : e.getMessage();
        String locator = e.locator() == null ? "" : " locator=\"" + escape(e.code().equals("LayerNotDefined") ? "typeNames" : e.locator()) + "\"";
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
