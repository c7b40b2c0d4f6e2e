package io.shikong.styles.sld;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What the readers of one document share: the problems found so far and the innermost named scope
 * (layer, style, rule) that messages point to. Problems are collected rather than thrown so that one
 * answer lists everything wrong with a style.
 */
final class Context {

    static final String SLD = "http://www.opengis.net/sld";
    static final String SE = "http://www.opengis.net/se";
    static final String OGC = "http://www.opengis.net/ogc";
    static final String FES = "http://www.opengis.net/fes/2.0";
    static final String XLINK = "http://www.w3.org/1999/xlink";

    private final List<String> problems = new ArrayList<>();
    private Scope scope = new Scope(null, "the document");

    /** A named element that messages point to. */
    record Scope(Element element, String description) {
    }

    /** Makes {@code e}, described as e.g. {@code Rule 'water'}, the scope of messages; returns the previous one. */
    Scope enter(Element e, String description) {
        Scope before = scope;
        scope = new Scope(e, description);
        return before;
    }

    /** Restores a scope returned by {@link #enter}. */
    void leave(Scope previous) {
        scope = previous;
    }

    /** Where an element is, for messages: {@code Rule 'water'} or {@code Fill of Rule 'water'}. */
    String in(Element e) {
        return e == scope.element() ? scope.description() : e.getLocalName() + " of " + scope.description();
    }

    void problem(String message) {
        problems.add(message);
    }

    void unsupported(Element child, Element parent) {
        String ns = child.getNamespaceURI();
        String known = SLD.equals(ns) || SE.equals(ns) || OGC.equals(ns) || FES.equals(ns) ? ""
                : ns == null ? " (no namespace)" : " (namespace " + ns + ")";
        problem("unsupported element " + child.getTagName() + known + " in " + in(parent));
    }

    /** Reports the second and later occurrence of a child that may occur once. */
    boolean once(Set<String> seen, Element child, Element parent) {
        if (!seen.add(child.getLocalName())) {
            problem("duplicate element " + child.getTagName() + " in " + in(parent));
            return false;
        }
        return true;
    }

    List<String> problems() {
        return problems;
    }

    /** Style elements (SLD 1.0 or SE 1.1) by local name, filter elements as {@code ogc:} + local name,
     * others (unknown namespaces) the empty string. */
    static String key(Element e) {
        String ns = e.getNamespaceURI();
        if (SLD.equals(ns) || SE.equals(ns)) {
            return e.getLocalName();
        }
        if (OGC.equals(ns) || FES.equals(ns)) {
            return "ogc:" + e.getLocalName();
        }
        return "";
    }

    static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                out.add(c);
            }
        }
        return out;
    }

    static String text(Element e) {
        return e.getTextContent().strip();
    }

    static Set<String> seen() {
        return new HashSet<>();
    }
}
