package io.shikong.core.xml;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The one way Shikong parses XML it is sent (OGC requests, SLD): the JDK DOM parser with every door to
 * the outside shut. A DOCTYPE is refused outright, so no DTD, entity expansion or external entity can
 * happen; no XInclude, no external schema; a nesting limit so that recursion over the document cannot
 * overflow the stack; every error is fatal. Callers map the {@link SAXParseException}s to their own
 * error reports (a message containing "DOCTYPE" or "maxElementDepth" says which limit was hit).
 */
public final class SecureDocumentBuilder {

    private SecureDocumentBuilder() {
    }

    /**
     * @param maxDepth   deepest element nesting accepted
     * @param coalescing whether CDATA is merged into text (SLD) or kept apart
     */
    public static DocumentBuilder create(int maxDepth, boolean coalescing) {
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
            f.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxElementDepth", maxDepth);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setCoalescing(coalescing);
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
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser cannot be secured", e);
        }
    }
}
