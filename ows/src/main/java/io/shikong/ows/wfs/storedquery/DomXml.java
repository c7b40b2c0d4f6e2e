package io.shikong.ows.wfs.storedquery;

import io.shikong.core.xml.SecureDocumentBuilder;
import io.shikong.ows.xml.Xml;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import org.w3c.dom.Attr;
import org.w3c.dom.DOMConfiguration;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSSerializer;

/**
 * DOM fragments of stored query definitions as text and back into responses. A fragment is made
 * self-contained before it is written out: every namespace in scope is declared on its root, because
 * prefixes are also used inside values ({@code typeNames="gml:AbstractFeature"},
 * {@code type="xsd:QName"}, {@code <fes:ValueReference>gml:name</fes:ValueReference>}) where no
 * serializer would see them.
 */
final class DomXml {

    private DomXml() {
    }

    /** A new empty document. */
    static Document newDocument() {
        return SecureDocumentBuilder.create(io.shikong.ows.xml.SecureXml.MAX_DEPTH, false).newDocument();
    }

    /** The namespaces in scope at an element, prefix ({@code ""} for the default) to URI, nearest first. */
    static Map<String, String> inScope(Element e) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Node n = e; n instanceof Element el; n = n.getParentNode()) {
            NamedNodeMap attrs = el.getAttributes();
            for (int i = 0; i < attrs.getLength(); i++) {
                Attr a = (Attr) attrs.item(i);
                if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) {
                    String prefix = a.getPrefix() == null ? "" : a.getLocalName();
                    out.putIfAbsent(prefix, a.getValue());
                }
            }
        }
        return out;
    }

    /** A deep copy of the element (parentless) with every namespace in scope declared on it. */
    static Element selfContained(Element e) {
        Element copy = (Element) e.cloneNode(true);
        inScope(e).forEach((prefix, uri) -> {
            String name = prefix.isEmpty() ? "xmlns" : "xmlns:" + prefix;
            if (!copy.hasAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, prefix.isEmpty() ? "xmlns" : prefix)) {
                copy.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, name, uri);
            }
        });
        return copy;
    }

    /** The element as XML text, without an XML declaration; made self-contained first. */
    static String serialize(Element e) {
        Element copy = selfContained(e);
        DOMImplementationLS ls = (DOMImplementationLS) copy.getOwnerDocument().getImplementation();
        LSSerializer s = ls.createLSSerializer();
        DOMConfiguration config = s.getDomConfig();
        config.setParameter("xml-declaration", false);
        return s.writeToString(copy);
    }

    /**
     * Writes an element and its content through {@code x}, keeping prefixes and declaring on it
     * every namespace in scope (so the copy means what the original meant). Comments and processing
     * instructions are left out.
     */
    static void write(Xml x, Element e) {
        write(x, e, inScope(e));
    }

    private static void write(Xml x, Element e, Map<String, String> declare) {
        String prefix = e.getPrefix();
        x.start(prefix == null || prefix.isEmpty() ? e.getLocalName() : prefix + ":" + e.getLocalName());
        declare.forEach(x::ns);
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) {
                String p = a.getPrefix() == null ? "" : a.getLocalName();
                if (!a.getValue().equals(declare.get(p))) {
                    x.ns(p, a.getValue());
                }
            }
        }
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            if (!XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) {
                x.attr(a.getName(), a.getValue());
            }
        }
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                write(x, child, Map.of());
            } else if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                x.text(n.getNodeValue());
            }
        }
        x.end();
    }
}
