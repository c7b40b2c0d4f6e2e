package io.shikong.ows.xml;

import io.shikong.core.error.InvalidParameterException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.parsers.DocumentBuilder;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Parses request XML with every door to the outside shut: a document with a DOCTYPE is refused outright
 * (no DTD, no entity expansion, no external entity can be read), no XInclude, no external schema.
 */
public final class SecureXml {

    /** Request documents larger than this are refused before parsing. */
    public static final int MAX_BYTES = 16 * 1024 * 1024;
    /** Deeper documents are refused. */
    public static final int MAX_DEPTH = 256;

    private SecureXml() {
    }

    /**
     * @param locator the parameter or operation to name in errors
     * @throws InvalidParameterException when the document has a DOCTYPE, is not well-formed or too large
     */
    public static Document parse(byte[] xml, String locator) {
        if (xml == null || xml.length == 0) {
            throw new InvalidParameterException(locator, "empty XML document");
        }
        if (xml.length > MAX_BYTES) {
            throw new InvalidParameterException(locator, "XML document over " + MAX_BYTES + " bytes");
        }
        try {
            DocumentBuilder b = io.shikong.core.xml.SecureDocumentBuilder.create(MAX_DEPTH, false);
            return b.parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            String m = e.getMessage();
            if (m != null && m.contains("DOCTYPE")) {
                throw new InvalidParameterException(locator, "XML with a DOCTYPE (DTD or entities) is not accepted", e);
            }
            throw new InvalidParameterException(locator, "malformed XML at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + m, e);
        } catch (SAXException | IOException e) {
            throw new InvalidParameterException(locator, "cannot read the XML document: " + e.getMessage(), e);
        }
    }
}
