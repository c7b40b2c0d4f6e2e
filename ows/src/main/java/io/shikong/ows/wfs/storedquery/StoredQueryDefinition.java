package io.shikong.ows.wfs.storedquery;

import static io.shikong.ows.gml.GmlGeometryReader.elements;

import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.MissingParameterException;
import io.shikong.ows.wfs.WfsVersion;
import io.shikong.ows.xml.SecureXml;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * One {@code wfs:StoredQueryDefinition} (OGC 09-025r2 §14.2.2.5.3, §14.5): id, titles, abstracts,
 * declared parameters and the query expressions, each a template in which {@code ${name}} stands for a
 * parameter's value. Invoking the query substitutes the values textually (escaped as XML) and parses
 * the result, so a value can sit in any attribute or text (a type name, a literal, coordinates).
 *
 * <p>Reading checks what needs no catalog: the id, the language (only
 * {@value #LANGUAGE}), the parameters (named, declared once) and that every {@code ${name}} in an
 * expression is a declared parameter, and that each expression holds only {@code wfs:Query} elements.
 * What needs the catalog (type names, filters) is checked by {@link StoredQueryService}.
 */
public final class StoredQueryDefinition {

    /** The one query language served: the expression is wfs:Query elements. */
    public static final String LANGUAGE = "urn:ogc:def:queryLanguage:OGC-WFS::WFSQueryExpression";
    /** The longest query id accepted. */
    public static final int MAX_ID_LENGTH = io.shikong.core.storedquery.StoredQueryRepository.MAX_ID_LENGTH;

    static final String XSD = "http://www.w3.org/2001/XMLSchema";
    private static final String WFS = WfsVersion.V2_0_0.wfsNs;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    /** A title or abstract, with its {@code xml:lang} (or {@code null}). */
    public record Text(String text, String lang) {
    }

    /**
     * A declared parameter.
     *
     * @param type          the type as written, e.g. {@code xsd:QName}
     * @param typeNamespace the namespace of the type's prefix ({@code null} when unbound)
     * @param typeLocal     the type's local name, e.g. {@code QName}
     */
    public record Parameter(String name, String type, String typeNamespace, String typeLocal, List<Text> titles,
                            List<Text> abstracts) {

        /** Whether the type is an XML Schema type of that local name (an unbound {@code xsd:}/{@code xs:} counts). */
        public boolean isXsd(String local) {
            return typeLocal.equals(local) && (XSD.equals(typeNamespace) || typeNamespace == null);
        }
    }

    /**
     * One QueryExpressionText.
     *
     * @param template the expression (the QueryExpressionText element, self-contained) as XML text with
     *                 its {@code ${name}} placeholders
     * @param element  the QueryExpressionText element as stored (placeholders unsubstituted)
     */
    public record Expression(String language, String returnFeatureTypes, boolean isPrivate, String template,
                             Element element) {

        /** The wfs:Query elements of the template, placeholders unsubstituted. */
        public List<Element> queries() {
            return elements(element);
        }
    }

    /** A parameter value: text (escaped when substituted) or an XML fragment (substituted as it is). */
    public record Value(String xml) {

        public static Value text(String text) {
            return new Value(escape(text));
        }

        public static Value fragment(String xml) {
            return new Value(xml);
        }
    }

    private final String id;
    private final List<Text> titles;
    private final List<Text> abstracts;
    private final List<Parameter> parameters;
    private final List<Expression> expressions;
    private final String xml;

    private StoredQueryDefinition(String id, List<Text> titles, List<Text> abstracts, List<Parameter> parameters,
                                  List<Expression> expressions, String xml) {
        this.id = id;
        this.titles = titles;
        this.abstracts = abstracts;
        this.parameters = parameters;
        this.expressions = expressions;
        this.xml = xml;
    }

    /**
     * Reads and checks a wfs:StoredQueryDefinition element.
     *
     * @throws InvalidParameterException naming {@code id}, {@code language}, {@code Parameter} or
     *                                   {@code QueryExpressionText}
     */
    public static StoredQueryDefinition read(Element definition) {
        String id = definition.getAttribute("id").trim();
        if (id.isEmpty()) {
            throw new InvalidParameterException("id", "a StoredQueryDefinition needs an id");
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw new InvalidParameterException("id", "stored query id longer than MAX_ID_LENGTH (" + MAX_ID_LENGTH
                    + " characters)");
        }
        if (id.chars().anyMatch(c -> c < 0x20)) {
            throw new InvalidParameterException("id", "stored query id with control characters");
        }
        List<Text> titles = new ArrayList<>();
        List<Text> abstracts = new ArrayList<>();
        List<Parameter> parameters = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        List<Element> expressionElements = new ArrayList<>();
        for (Element c : elements(definition)) {
            switch (c.getLocalName()) {
                case "Title" -> titles.add(text(c));
                case "Abstract" -> abstracts.add(text(c));
                case "Parameter" -> {
                    Parameter p = parameter(c);
                    if (!names.add(p.name())) {
                        throw new InvalidParameterException("Parameter", "parameter '" + p.name() + "' is declared twice");
                    }
                    parameters.add(p);
                }
                case "QueryExpressionText" -> expressionElements.add(c);
                default -> {
                    // ows:Metadata and extensions: kept in the stored XML, not interpreted
                }
            }
        }
        if (expressionElements.isEmpty()) {
            throw new InvalidParameterException("QueryExpressionText", "stored query '" + id
                    + "' has no QueryExpressionText");
        }
        List<Expression> expressions = new ArrayList<>();
        for (Element e : expressionElements) {
            String language = e.getAttribute("language").trim();
            if (!language.equals(LANGUAGE)) {
                throw new InvalidParameterException("language", "query language '" + language
                        + "' is not supported; the one supported is " + LANGUAGE);
            }
            String template = DomXml.serialize(e);
            Matcher m = PLACEHOLDER.matcher(template);
            while (m.find()) {
                if (!names.contains(m.group(1))) {
                    throw new InvalidParameterException("QueryExpressionText", "${" + m.group(1)
                            + "} is not a declared parameter of stored query '" + id + "'");
                }
            }
            for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element q) {
                    if (!"Query".equals(q.getLocalName()) || !WFS.equals(q.getNamespaceURI())) {
                        throw new InvalidParameterException("QueryExpressionText", "a " + LANGUAGE
                                + " expression holds wfs:Query elements, not " + q.getNodeName());
                    }
                } else if ((n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE)
                        && !n.getNodeValue().isBlank()) {
                    throw new InvalidParameterException("QueryExpressionText", "text outside wfs:Query in the expression");
                }
            }
            if (elements(e).isEmpty()) {
                throw new InvalidParameterException("QueryExpressionText", "the expression of stored query '" + id
                        + "' holds no wfs:Query");
            }
            String isPrivate = e.getAttribute("isPrivate").trim();
            expressions.add(new Expression(language, e.getAttribute("returnFeatureTypes").trim(),
                    isPrivate.equals("true") || isPrivate.equals("1"), template, e));
        }
        return new StoredQueryDefinition(id, List.copyOf(titles), List.copyOf(abstracts), List.copyOf(parameters),
                List.copyOf(expressions), DomXml.serialize(definition));
    }

    /** Reads a definition as stored ({@link #xml()}). */
    public static StoredQueryDefinition parse(String xml) {
        return read(SecureXml.parse(xml.getBytes(StandardCharsets.UTF_8), "StoredQueryDefinition").getDocumentElement());
    }

    private static Text text(Element e) {
        String lang = e.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang");
        return new Text(e.getTextContent().trim(), lang.isEmpty() ? null : lang);
    }

    private static Parameter parameter(Element p) {
        String name = p.getAttribute("name").trim();
        if (name.isEmpty() || name.contains("}") || name.contains("{") || name.contains("$")) {
            throw new InvalidParameterException("Parameter", "parameter name '" + name + "' is empty or has $, { or }");
        }
        String type = p.getAttribute("type").trim();
        if (type.isEmpty()) {
            type = "xsd:string";
        }
        int colon = type.indexOf(':');
        String prefix = colon < 0 ? null : type.substring(0, colon);
        String local = type.substring(colon + 1);
        String ns = p.lookupNamespaceURI(prefix);
        if (ns == null && prefix != null && !prefix.equals("xsd") && !prefix.equals("xs")) {
            throw new InvalidParameterException("Parameter", "the type '" + type + "' of parameter '" + name
                    + "' has an undeclared prefix");
        }
        List<Text> titles = new ArrayList<>();
        List<Text> abstracts = new ArrayList<>();
        for (Element c : elements(p)) {
            if (c.getLocalName().equals("Title")) {
                titles.add(text(c));
            } else if (c.getLocalName().equals("Abstract")) {
                abstracts.add(text(c));
            }
        }
        return new Parameter(name, type, ns, local, List.copyOf(titles), List.copyOf(abstracts));
    }

    /**
     * The wfs:Query elements of every expression with the values substituted, in order (each in a
     * document of its own).
     *
     * @param values a value for every declared parameter
     * @throws MissingParameterException naming the first declared parameter without a value
     * @throws InvalidParameterException when the substituted expression is not well-formed XML
     */
    public List<Element> queries(Map<String, Value> values) {
        for (Parameter p : parameters) {
            if (values.get(p.name()) == null) {
                throw new MissingParameterException(p.name());
            }
        }
        List<Element> out = new ArrayList<>();
        for (Expression e : expressions) {
            Matcher m = PLACEHOLDER.matcher(e.template());
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(sb, Matcher.quoteReplacement(values.get(m.group(1)).xml()));
            }
            m.appendTail(sb);
            Element root = SecureXml.parse(sb.toString().getBytes(StandardCharsets.UTF_8), "Parameter").getDocumentElement();
            out.addAll(elements(root));
        }
        return out;
    }

    /** Text escaped for XML content and attribute values (tabs and line ends as character references, kept in attributes). */
    public static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                case '\t' -> sb.append("&#9;");
                case '\n' -> sb.append("&#10;");
                case '\r' -> sb.append("&#13;");
                default -> {
                    if (c < 0x20) {
                        throw new InvalidParameterException("Parameter", "parameter value with control characters");
                    }
                    sb.append(c);
                }
            }
        }
        return sb.toString();
    }

    public String id() {
        return id;
    }

    public List<Text> titles() {
        return titles;
    }

    public List<Text> abstracts() {
        return abstracts;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    public List<Expression> expressions() {
        return expressions;
    }

    /** The definition as XML text, self-contained: what is stored. */
    public String xml() {
        return xml;
    }
}
