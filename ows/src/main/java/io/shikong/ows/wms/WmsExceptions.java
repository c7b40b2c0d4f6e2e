package io.shikong.ows.wms;

import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import io.shikong.ows.OwsExceptionReport;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * WMS service exceptions in every format the versions define: the XML ServiceExceptionReport (1.3.0
 * {@code XML}, 1.1.1 {@code application/vnd.ogc.se_xml}), the message drawn in the image
 * ({@code INIMAGE}), and a blank image ({@code BLANK}).
 */
public final class WmsExceptions {

    /** How errors are to be returned. */
    public enum Mode { XML, INIMAGE, BLANK }

    private WmsExceptions() {
    }

    /** The mode of an EXCEPTIONS value; unknown values fall back to XML (the spec's default). */
    public static Mode mode(String exceptions) {
        if (exceptions == null) {
            return Mode.XML;
        }
        String e = exceptions.toLowerCase(Locale.ROOT);
        if (e.contains("inimage")) {
            return Mode.INIMAGE;
        }
        if (e.contains("blank")) {
            return Mode.BLANK;
        }
        return Mode.XML;
    }

    /** The WMS exception code: WMS keeps LayerNotDefined, InvalidCRS (1.3.0) / InvalidSRS (1.1.1), StyleNotDefined, InvalidFormat. */
    public static String code(ShikongException e, WmsVersion v) {
        if (e.ogcCode() == OgcCode.INVALID_CRS && !v.v13()) {
            return OgcCode.INVALID_SRS.code();
        }
        return e.code();
    }

    /**
     * The HTTP status of a WMS exception report. WMS defines none, so it is the exception's own (its code's
     * unless the thrower chose another, e.g. 401 or 405), except that a 404 the thrower chose over its
     * code's is REST's answer to an unknown layer: WMS answers the code's status (LayerNotDefined, 400).
     */
    public static int status(ShikongException e) {
        int own = e.status();
        int status = e.ogcCode().status();
        return own == 404 && status != 404 ? status : own;
    }

    public static String xml(ShikongException e, WmsVersion v) {
        String message = e.status() >= 500 ? "internal error; the service log has the details" : e.getMessage();
        String locator = e.locator() == null ? "" : " locator=\"" + OwsExceptionReport.escape(e.locator()) + "\"";
        if (v.v13()) {
            return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ServiceExceptionReport version=\"1.3.0\" "
                    + "xmlns=\"http://www.opengis.net/ogc\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                    + "xsi:schemaLocation=\"http://www.opengis.net/ogc http://schemas.opengis.net/wms/1.3.0/exceptions_1_3_0.xsd\">\n"
                    + "  <ServiceException code=\"" + code(e, v) + "\"" + locator + ">" + OwsExceptionReport.escape(message)
                    + "</ServiceException>\n</ServiceExceptionReport>\n";
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ServiceExceptionReport version=\"1.1.1\">\n"
                + "  <ServiceException code=\"" + code(e, v) + "\"" + locator + ">" + OwsExceptionReport.escape(message)
                + "</ServiceException>\n</ServiceExceptionReport>\n";
    }

    /** The XML content type of the version. */
    public static String xmlType(WmsVersion v) {
        return v.v13() ? "text/xml" : "application/vnd.ogc.se_xml";
    }

    /** An image of the requested size, blank or with the message written in it. */
    public static BufferedImage image(ShikongException e, int width, int height, boolean transparent, Color background,
                                      Mode mode) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        if (!transparent) {
            g.setColor(background == null ? Color.WHITE : background);
            g.fillRect(0, 0, width, height);
        }
        if (mode == Mode.INIMAGE) {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.RED);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            String text = e.status() >= 500 ? "internal error" : e.getMessage();
            int y = 16;
            for (int i = 0; i < text.length() && y < height; i += 60) {
                g.drawString(text.substring(i, Math.min(text.length(), i + 60)), 6, y);
                y += 15;
            }
        }
        g.dispose();
        return img;
    }
}
