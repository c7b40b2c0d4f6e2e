package io.shikong.styles.sld;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.parsers.DocumentBuilder;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * SLD documents through {@link io.shikong.core.xml.SecureDocumentBuilder} (no DOCTYPE, no external
 * entities, no XInclude), with the size and depth limits of a style and its errors as StyleExceptions.
 */
final class SecureDom {

    /** Larger style documents are refused before parsing. */
    static final int MAX_BYTES = 1024 * 1024;
    /** Deeper documents are refused: recursion over filters must not overflow the stack. */
    static final int MAX_DEPTH = 64;

    private SecureDom() {
    }

    static Document parse(byte[] xml) {
        if (xml == null || xml.length == 0) {
            throw new StyleException(java.util.List.of("empty SLD document"));
        }
        if (xml.length > MAX_BYTES) {
            throw new StyleException(java.util.List.of("SLD document over " + MAX_BYTES + " bytes"));
        }
        try {
            DocumentBuilder b = io.shikong.core.xml.SecureDocumentBuilder.create(MAX_DEPTH, true);
            return b.parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("DOCTYPE")) {
                throw new StyleException("SLD with a DOCTYPE (DTD or entities) is not accepted", e);
            }
            if (m.contains("maxElementDepth")) {
                throw new StyleException("SLD nested deeper than " + MAX_DEPTH + " elements", e);
            }
            throw new StyleException("malformed SLD at line " + e.getLineNumber() + ", column " + e.getColumnNumber()
                    + ": " + m, e);
        } catch (SAXException | IOException e) {
            throw new StyleException("cannot read the SLD document: " + e.getMessage(), e);
        }
    }
}
