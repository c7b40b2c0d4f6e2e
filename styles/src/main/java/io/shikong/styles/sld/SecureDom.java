package io.shikong.styles.sld;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The JDK DOM parser with every door to the outside shut (the settings of micronaut-api's SecureXml,
 * which styles cannot depend on): a DOCTYPE is refused outright, so no DTD, entity expansion or
 * external entity can happen; no XInclude; a size and a depth limit.
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
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxElementDepth", MAX_DEPTH);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setCoalescing(true);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed: " + systemId);
            });
            b.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
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
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser cannot be secured", e);
        }
    }
}
