package io.shikong.ows.wfs.storedquery;

import static io.shikong.ows.gml.GmlGeometryReader.elements;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.error.AccessDeniedException;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.MissingParameterException;
import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import io.shikong.core.params.Params;
import io.shikong.core.security.Caller;
import io.shikong.core.storedquery.StoredQueryRepository;
import io.shikong.ows.Kvp;
import io.shikong.ows.wfs.WfsContext;
import io.shikong.ows.wfs.WfsVersion;
import io.shikong.ows.wfs.getfeature.GetFeatureXmlReader;
import io.shikong.ows.wfs.getfeature.StoredQueries;
import io.shikong.ows.xml.Xml;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The stored query operations of WFS 2.0 for one request: CreateStoredQuery and DropStoredQuery
 * (callers who may write some layer, or admins), ListStoredQueries and DescribeStoredQueries (the
 * built-in GetFeatureById and the created queries whose feature types the caller may see), and the
 * execution of a created query by GetFeature / GetPropertyValue, which turns it into the wfs:Query
 * elements of its definition with the values substituted and hands them to the ordinary
 * {@link GetFeatureXmlReader}, so filters, sorting and paging work as in an ad hoc query.
 *
 * <p>A definition is checked at creation: language, id, parameters, that literal type names are known
 * to the caller, and the whole query read as GetFeature would read it with placeholder values of the
 * declared parameter types (a QName parameter stands for the caller's first feature type). When a query
 * has parameters other than its type names, a failure of that trial read is not held against it (the
 * placeholder may simply not fit where the value goes). {@code gml:AbstractFeature} as a type name means
 * every feature type the caller may see that has the (non-GML) properties the query names.
 */
public final class StoredQueryService {

    /** Most stored queries kept. */
    public static final int MAX_STORED_QUERIES = 1000;
    /** Largest definition kept (its XML text, UTF-8). */
    public static final int MAX_DEFINITION_BYTES = 64 * 1024;
    /** The ids the built-in GetFeatureById answers to: they can be neither created nor dropped. */
    public static final Set<String> BUILT_IN = Set.of(StoredQueries.GET_FEATURE_BY_ID, StoredQueries.GET_FEATURE_BY_ID_OLD);
    /** Ids no created query may take: GetFeatureById's, including its WFS 2.0.2 http URI. */
    public static final Set<String> RESERVED = Set.of(StoredQueries.GET_FEATURE_BY_ID, StoredQueries.GET_FEATURE_BY_ID_OLD,
            "http://www.opengis.net/def/query/OGC-WFS/0/GetFeatureById");

    private static final Logger LOG = LoggerFactory.getLogger(StoredQueryService.class);
    private static final String WFS = WfsVersion.V2_0_0.wfsNs;
    private static final Set<String> GML = Set.of("http://www.opengis.net/gml/3.2", "http://www.opengis.net/gml");

    private final WfsContext ctx;
    private final StoredQueryRepository repository;

    /**
     * @param repository where created queries are kept; {@code null}: only GetFeatureById, and creating
     *                   or dropping is OperationNotSupported
     */
    public StoredQueryService(WfsContext ctx, StoredQueryRepository repository) {
        this.ctx = ctx;
        this.repository = repository;
    }

    /** Whether the caller may create and drop stored queries: an admin, or one who may write some layer. */
    public static boolean mayManage(WfsContext ctx) {
        Caller c = ctx.caller();
        return c.hasRole(Caller.ADMIN) || ctx.catalog().layers(c).stream().anyMatch(l -> l.writable() && l.access().canWrite(c));
    }

    // --- CreateStoredQuery / DropStoredQuery -------------------------------------------------------

    /** CreateStoredQuery: checks every definition, then stores them; writes the response. */
    public void create(Element request, Xml x) {
        StoredQueryRepository repo = managed("CreateStoredQuery");
        List<StoredQueryDefinition> definitions = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (Element e : elements(request)) {
            if (!e.getLocalName().equals("StoredQueryDefinition")) {
                continue;
            }
            StoredQueryDefinition d = StoredQueryDefinition.read(e);
            if (RESERVED.contains(d.id()) || !ids.add(d.id())) {
                throw duplicate(d.id());
            }
            int bytes = d.xml().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_DEFINITION_BYTES) {
                throw new InvalidParameterException("StoredQueryDefinition", "the definition of '" + d.id() + "' has "
                        + bytes + " bytes, over MAX_DEFINITION_BYTES (" + MAX_DEFINITION_BYTES + ")");
            }
            validate(d);
            definitions.add(d);
        }
        if (definitions.isEmpty()) {
            throw new MissingParameterException("StoredQueryDefinition");
        }
        for (StoredQueryDefinition d : definitions) {
            if (repo.find(d.id()).isPresent()) {
                throw duplicate(d.id());
            }
        }
        if (repo.count() + definitions.size() > MAX_STORED_QUERIES) {
            throw new ShikongException(OgcCode.OPERATION_PROCESSING_FAILED, "StoredQueryDefinition", "at most "
                    + "MAX_STORED_QUERIES (" + MAX_STORED_QUERIES + ") stored queries are kept; drop some first");
        }
        for (StoredQueryDefinition d : definitions) {
            if (!repo.create(d.id(), d.xml())) {
                throw duplicate(d.id());
            }
            LOG.info("stored query {} created by {}", d.id(), ctx.caller().name());
        }
        x.start("wfs:CreateStoredQueryResponse").ns("wfs", WFS).attr("status", "OK").end();
    }

    /**
     * DropStoredQuery; writes the response.
     *
     * @param locator the parameter that named the id ({@code STOREDQUERY_ID} in KVP, {@code id} in XML)
     */
    public void drop(String id, String locator, Xml x) {
        StoredQueryRepository repo = managed("DropStoredQuery");
        if (id == null || id.isBlank()) {
            throw new MissingParameterException(locator);
        }
        String key = id.trim();
        if (RESERVED.contains(key)) {
            throw new InvalidParameterException(locator, "GetFeatureById is built in and cannot be dropped");
        }
        // a query over types the caller cannot see is unknown to it, for dropping as for listing
        if (repo.find(key).flatMap(this::visible).isEmpty() || !repo.drop(key)) {
            throw new InvalidParameterException(locator, "unknown stored query '" + key + "'");
        }
        LOG.info("stored query {} dropped by {}", key, ctx.caller().name());
        x.start("wfs:DropStoredQueryResponse").ns("wfs", WFS).attr("status", "OK").end();
    }

    private StoredQueryRepository managed(String operation) {
        if (repository == null) {
            throw new ShikongException(OgcCode.OPERATION_NOT_SUPPORTED, "request", operation + " is not available here");
        }
        if (!mayManage(ctx)) {
            throw new AccessDeniedException(operation, operation + " needs a caller who may write a feature type");
        }
        return repository;
    }

    private static ShikongException duplicate(String id) {
        return new ShikongException(OgcCode.DUPLICATE_STORED_QUERY_ID_VALUE, id, "a stored query with the id '" + id
                + "' exists already; drop it first");
    }

    /** The checks that need the catalog: type names and a trial read of every query with placeholder values. */
    private void validate(StoredQueryDefinition d) {
        String firstType = ctx.catalog().layers(ctx.caller()).stream().findFirst().map(WfsContext::typeName).orElse(null);
        Map<String, StoredQueryDefinition.Value> placeholders = new LinkedHashMap<>();
        d.parameters().forEach(p -> placeholders.put(p.name(), placeholder(p, firstType)));
        List<Element> substituted = d.queries(placeholders);
        List<Element> templates = d.expressions().stream().flatMap(e -> e.queries().stream()).toList();
        for (int i = 0; i < templates.size(); i++) {
            Element template = templates.get(i);
            Element query = substituted.get(i);
            String typeNames = typeNames(template);
            if (typeNames.contains("${")) {
                if (firstType == null) {
                    continue;
                }
                setTypeNames(query, firstType);
            } else {
                if (typeNames.isBlank()) {
                    throw about(d, new InvalidParameterException("typeNames", "wfs:Query without typeNames"));
                }
                for (String name : Params.list(typeNames)) {
                    if (!isAbstractFeature(template, name)) {
                        try {
                            ctx.layer(name, "typeNames");
                        } catch (ShikongException e) {
                            throw about(d, e);
                        }
                    }
                }
            }
            Element rest = (Element) template.cloneNode(true);
            rest.removeAttribute("typeNames");
            rest.removeAttribute("typeName");
            boolean otherParameters = DomXml.serialize(rest).contains("${");
            try {
                new GetFeatureXmlReader(ctx).read(getFeature(List.of(expandAbstract(query))), false);
            } catch (ShikongException e) {
                if (!otherParameters) {
                    throw about(d, e);
                }
            }
        }
    }

    /** The error with the query's id in front of its message. */
    private static ShikongException about(StoredQueryDefinition d, ShikongException e) {
        return new ShikongException(e.ogcCode(), e.status(), e.locator(), "stored query '" + d.id() + "': "
                + e.getMessage(), e);
    }

    /** A value of the parameter's declared type, for the trial read. */
    private static StoredQueryDefinition.Value placeholder(StoredQueryDefinition.Parameter p, String firstType) {
        String v;
        if (p.isXsd("QName")) {
            v = firstType != null ? firstType : "gml:AbstractFeature";
        } else if (p.isXsd("boolean")) {
            v = "true";
        } else if (p.isXsd("date")) {
            v = "2000-01-01";
        } else if (p.isXsd("dateTime")) {
            v = "2000-01-01T00:00:00Z";
        } else if (p.isXsd("time")) {
            v = "00:00:00Z";
        } else {
            v = "1";
        }
        return StoredQueryDefinition.Value.text(v);
    }

    // --- execution -----------------------------------------------------------------------------------

    /**
     * A GetFeature / GetPropertyValue XML request with every created stored query replaced by the
     * queries of its definition; the request itself when it invokes none.
     *
     * @throws InvalidParameterException  an unknown stored query ({@code storedQuery_id})
     * @throws MissingParameterException  naming a parameter without a value
     */
    public Element expand(Element request) {
        if (!ctx.version().v2() || elements(request).stream().noneMatch(StoredQueryService::invokesCreated)) {
            return request;
        }
        Document doc = DomXml.newDocument();
        Element root = (Element) doc.importNode(request, false);
        doc.appendChild(root);
        for (Element c : elements(request)) {
            if (invokesCreated(c)) {
                String id = c.getAttribute("id").trim();
                for (Element q : queries(definition(id, "storedQuery_id"), values(c))) {
                    root.appendChild(doc.importNode(q, true));
                }
            } else {
                root.appendChild(doc.importNode(DomXml.selfContained(c), true));
            }
        }
        return root;
    }

    /**
     * The XML request equivalent to a KVP GetFeature / GetPropertyValue invoking a created stored query
     * (with COUNT, STARTINDEX, RESULTTYPE, OUTPUTFORMAT, VALUEREFERENCE and TIME of the KVP), or
     * {@code null} when the KVP invokes none (no STOREDQUERY_ID, or GetFeatureById).
     */
    public Element invocation(Kvp kvp, boolean propertyValue) {
        String id = kvp.get("STOREDQUERY_ID");
        if (id == null || !ctx.version().v2() || BUILT_IN.contains(id.trim())) {
            return null;
        }
        StoredQueryDefinition d = definition(id.trim(), "STOREDQUERY_ID");
        Map<String, StoredQueryDefinition.Value> values = new LinkedHashMap<>();
        for (StoredQueryDefinition.Parameter p : d.parameters()) {
            String v = kvp.get(p.name());
            if (v != null) {
                values.put(p.name(), StoredQueryDefinition.Value.text(v));
            }
        }
        List<Element> queries = queries(d, values);
        Element root = getFeature(queries);
        if (propertyValue) {
            root = (Element) root.getOwnerDocument().renameNode(root, WFS, "wfs:GetPropertyValue");
        }
        String[][] attributes = {{"COUNT", "count"}, {"MAXFEATURES", "count"}, {"STARTINDEX", "startIndex"},
                {"RESULTTYPE", "resultType"}, {"OUTPUTFORMAT", "outputFormat"}, {"VALUEREFERENCE", "valueReference"},
                {"TIME", "time"}};
        for (String[] a : attributes) {
            if (kvp.has(a[0]) && !root.hasAttribute(a[1])) {
                root.setAttribute(a[1], kvp.get(a[0]));
            }
        }
        return root;
    }

    private static boolean invokesCreated(Element e) {
        return "StoredQuery".equals(e.getLocalName()) && !BUILT_IN.contains(e.getAttribute("id").trim());
    }

    private StoredQueryDefinition definition(String id, String locator) {
        return find(id).orElseThrow(() -> new InvalidParameterException(locator, "unknown stored query '" + id + "'"));
    }

    private Optional<StoredQueryDefinition> find(String id) {
        if (repository == null) {
            return Optional.empty();
        }
        return repository.find(id).map(r -> StoredQueryDefinition.parse(r.definition()));
    }

    /** The parameter values of a wfs:StoredQuery: text, or the XML of element content. */
    private static Map<String, StoredQueryDefinition.Value> values(Element storedQuery) {
        Map<String, StoredQueryDefinition.Value> values = new LinkedHashMap<>();
        for (Element p : elements(storedQuery)) {
            if (!p.getLocalName().equals("Parameter")) {
                continue;
            }
            String name = p.getAttribute("name").trim();
            List<Element> content = elements(p);
            StoredQueryDefinition.Value v;
            if (content.isEmpty()) {
                v = StoredQueryDefinition.Value.text(p.getTextContent().trim());
            } else {
                StringBuilder sb = new StringBuilder();
                content.forEach(c -> sb.append(DomXml.serialize(c)));
                v = StoredQueryDefinition.Value.fragment(sb.toString());
            }
            if (values.put(name, v) != null) {
                throw new InvalidParameterException("Parameter", "parameter '" + name + "' is given twice");
            }
        }
        return values;
    }

    /** The definition's queries with the values substituted and gml:AbstractFeature resolved, self-contained. */
    private List<Element> queries(StoredQueryDefinition d, Map<String, StoredQueryDefinition.Value> values) {
        List<Element> out = new ArrayList<>();
        for (Element q : d.queries(values)) {
            out.add(expandAbstract(DomXml.selfContained(q)));
        }
        return out;
    }

    /** A wfs:GetFeature element (in a new document) holding copies of the queries. */
    private static Element getFeature(List<Element> queries) {
        Document doc = DomXml.newDocument();
        Element root = doc.createElementNS(WFS, "wfs:GetFeature");
        root.setAttribute("service", "WFS");
        root.setAttribute("version", "2.0.0");
        doc.appendChild(root);
        for (Element q : queries) {
            root.appendChild(doc.importNode(DomXml.selfContained(q), true));
        }
        return root;
    }

    // --- type names ----------------------------------------------------------------------------------

    private static String typeNames(Element query) {
        for (String name : List.of("typeNames", "typeName")) {
            if (query.hasAttribute(name)) {
                return query.getAttribute(name);
            }
        }
        var attributes = query.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node a = attributes.item(i);
            String local = a.getLocalName() == null ? a.getNodeName() : a.getLocalName();
            if (a.getNamespaceURI() == null && (local.equalsIgnoreCase("typeNames") || local.equalsIgnoreCase("typeName"))) {
                return a.getNodeValue();
            }
        }
        return "";
    }

    private static void setTypeNames(Element query, String value) {
        var attributes = query.getAttributes();
        for (int i = attributes.getLength() - 1; i >= 0; i--) {
            Node a = attributes.item(i);
            String local = a.getLocalName() == null ? a.getNodeName() : a.getLocalName();
            if (a.getNamespaceURI() == null && (local.equalsIgnoreCase("typeNames") || local.equalsIgnoreCase("typeName"))) {
                query.removeAttributeNode((org.w3c.dom.Attr) a);
            }
        }
        query.setAttribute("typeNames", value);
    }

    /** Whether a type name is gml:AbstractFeature (GML 3.2 or 3.1, by its prefix's binding, or an unbound gml:). */
    private static boolean isAbstractFeature(Element query, String name) {
        String n = name.trim();
        if (n.startsWith("{") && n.indexOf('}') > 0) {
            return GML.contains(n.substring(1, n.indexOf('}'))) && n.endsWith("}AbstractFeature");
        }
        int colon = n.indexOf(':');
        if (!n.substring(colon + 1).equals("AbstractFeature")) {
            return false;
        }
        String prefix = colon < 0 ? null : n.substring(0, colon);
        String ns = query.lookupNamespaceURI(prefix);
        return ns != null ? GML.contains(ns) : "gml".equals(prefix);
    }

    /** Replaces gml:AbstractFeature in a query's type names by the feature types it stands for. */
    private Element expandAbstract(Element query) {
        List<String> names = Params.list(typeNames(query));
        if (names.stream().noneMatch(n -> isAbstractFeature(query, n))) {
            return query;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String n : names) {
            if (isAbstractFeature(query, n)) {
                for (LayerDefinition l : abstractFeatureTypes(query)) {
                    out.add(WfsContext.typeName(l));
                }
            } else {
                out.add(n);
            }
        }
        if (out.isEmpty()) {
            throw new InvalidParameterException("typeNames", "no feature type has every property the query names");
        }
        setTypeNames(query, String.join(",", out));
        return query;
    }

    /** The feature types the caller sees that have every non-GML property the query names. */
    private List<LayerDefinition> abstractFeatureTypes(Element query) {
        List<String> properties = new ArrayList<>();
        for (String tag : List.of("ValueReference", "PropertyName")) {
            var refs = query.getElementsByTagNameNS("*", tag);
            for (int i = 0; i < refs.getLength(); i++) {
                String path = refs.item(i).getTextContent().trim();
                String last = path.substring(path.lastIndexOf('/') + 1);
                int colon = last.indexOf(':');
                String prefix = colon < 0 ? null : last.substring(0, colon);
                String ns = prefix == null ? null : refs.item(i).lookupNamespaceURI(prefix);
                if ("gml".equals(prefix) || (ns != null && GML.contains(ns)) || last.startsWith("@") || last.isEmpty()) {
                    continue; // GML's standard properties belong to every feature
                }
                properties.add(last.substring(colon + 1));
            }
        }
        return ctx.catalog().layers(ctx.caller()).stream()
                .filter(l -> l.queryableNames().containsAll(properties)).toList();
    }

    /** The feature types a created query returns, as the caller sees them; empty when it sees none. */
    private List<LayerDefinition> returnTypes(StoredQueryDefinition d) {
        List<LayerDefinition> visible = ctx.catalog().layers(ctx.caller());
        Set<LayerDefinition> out = new LinkedHashSet<>();
        for (StoredQueryDefinition.Expression e : d.expressions()) {
            String declared = e.returnFeatureTypes();
            if (!declared.isEmpty() && !declared.contains("${")) {
                for (String n : declared.split("[\\s,]+")) {
                    if (isAbstractFeature(e.element(), n)) {
                        out.addAll(visible);
                    } else {
                        layer(n).ifPresent(out::add);
                    }
                }
                continue;
            }
            for (Element q : e.queries()) {
                String typeNames = typeNames(q);
                if (typeNames.contains("${")) {
                    out.addAll(visible);
                    continue;
                }
                for (String n : Params.list(typeNames)) {
                    if (isAbstractFeature(q, n)) {
                        out.addAll(abstractFeatureTypes(q));
                    } else {
                        layer(n).ifPresent(out::add);
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    private Optional<LayerDefinition> layer(String typeName) {
        try {
            return Optional.of(ctx.layer(typeName, "typeNames"));
        } catch (ShikongException e) {
            return Optional.empty();
        }
    }

    // --- ListStoredQueries / DescribeStoredQueries ---------------------------------------------------

    /** A created query with the feature types the caller sees it return. */
    private record Visible(StoredQueryDefinition definition, List<LayerDefinition> returnTypes) {
    }

    /** The created queries the caller may see (those returning a feature type it sees), oldest first. */
    private List<Visible> created() {
        if (repository == null) {
            return List.of();
        }
        List<Visible> out = new ArrayList<>();
        for (StoredQueryRepository.StoredQueryRecord r : repository.list()) {
            visible(r).ifPresent(out::add);
        }
        return out;
    }

    private Optional<Visible> visible(StoredQueryRepository.StoredQueryRecord r) {
        StoredQueryDefinition d;
        try {
            d = StoredQueryDefinition.parse(r.definition());
        } catch (ShikongException e) {
            LOG.warn("stored query {} cannot be read any more: {}", r.id(), e.getMessage());
            return Optional.empty();
        }
        List<LayerDefinition> types = returnTypes(d);
        return types.isEmpty() ? Optional.empty() : Optional.of(new Visible(d, types));
    }

    /** ListStoredQueries: GetFeatureById, then the created queries. */
    public void list(Xml x) {
        x.start("wfs:ListStoredQueriesResponse").ns("wfs", WFS).ns(WfsContext.PREFIX, WfsContext.NAMESPACE);
        x.start("wfs:StoredQuery").attr("id", StoredQueries.GET_FEATURE_BY_ID);
        x.element("wfs:Title", "Get feature by identifier");
        for (LayerDefinition l : ctx.catalog().layers(ctx.caller())) {
            x.element("wfs:ReturnFeatureType", WfsContext.typeName(l));
        }
        x.end();
        for (Visible v : created()) {
            x.start("wfs:StoredQuery").attr("id", v.definition().id());
            v.definition().titles().forEach(t -> text(x, "wfs:Title", t));
            v.returnTypes().forEach(l -> x.element("wfs:ReturnFeatureType", WfsContext.typeName(l)));
            x.end();
        }
        x.end();
    }

    /**
     * DescribeStoredQueries: the queries named, or every one.
     *
     * @param locator the parameter that named the ids, for the error on an unknown one
     */
    public void describe(List<String> ids, String locator, Xml x) {
        List<Object> described = new ArrayList<>();
        if (ids.isEmpty()) {
            described.add(StoredQueries.GET_FEATURE_BY_ID);
            described.addAll(created());
        } else {
            for (String id : ids) {
                if (BUILT_IN.contains(id)) {
                    described.add(id);
                    continue;
                }
                Optional<Visible> v = repository == null ? Optional.empty() : repository.find(id).flatMap(this::visible);
                described.add(v.orElseThrow(() -> new InvalidParameterException(locator, "unknown stored query '" + id + "'")));
            }
        }
        x.start("wfs:DescribeStoredQueriesResponse").ns("wfs", WFS).ns("xsd", StoredQueryDefinition.XSD)
                .ns(WfsContext.PREFIX, WfsContext.NAMESPACE);
        for (Object o : described) {
            if (o instanceof Visible v) {
                describe(v, x);
            } else {
                x.start("wfs:StoredQueryDescription").attr("id", (String) o);
                x.element("wfs:Title", "Get feature by identifier");
                x.element("wfs:Abstract", "Returns the single feature whose identifier is ID (typeName.id)");
                x.start("wfs:Parameter").attr("name", "ID").attr("type", "xsd:string").end();
                x.start("wfs:QueryExpressionText").attr("isPrivate", "true").attr("language", StoredQueryDefinition.LANGUAGE)
                        .attr("returnFeatureTypes", "").end();
                x.end();
            }
        }
        x.end();
    }

    private void describe(Visible v, Xml x) {
        StoredQueryDefinition d = v.definition();
        x.start("wfs:StoredQueryDescription").attr("id", d.id());
        d.titles().forEach(t -> text(x, "wfs:Title", t));
        d.abstracts().forEach(t -> text(x, "wfs:Abstract", t));
        for (StoredQueryDefinition.Parameter p : d.parameters()) {
            x.start("wfs:Parameter");
            String type;
            if (p.typeNamespace() == null || StoredQueryDefinition.XSD.equals(p.typeNamespace())) {
                type = p.typeNamespace() == null && p.type().indexOf(':') < 0 ? p.typeLocal() : "xsd:" + p.typeLocal();
            } else {
                String prefix = p.type().indexOf(':') < 0 ? "t" : p.type().substring(0, p.type().indexOf(':'));
                x.ns(prefix, p.typeNamespace());
                type = prefix + ":" + p.typeLocal();
            }
            x.attr("name", p.name()).attr("type", type);
            p.titles().forEach(t -> text(x, "wfs:Title", t));
            p.abstracts().forEach(t -> text(x, "wfs:Abstract", t));
            x.end();
        }
        String returnTypes = String.join(" ", v.returnTypes().stream().map(WfsContext::typeName).toList());
        for (StoredQueryDefinition.Expression e : d.expressions()) {
            x.start("wfs:QueryExpressionText").attr("returnFeatureTypes", returnTypes).attr("language", e.language())
                    .attr("isPrivate", String.valueOf(e.isPrivate()));
            if (!e.isPrivate()) {
                e.queries().forEach(q -> DomXml.write(x, q));
            }
            x.end();
        }
        x.end();
    }

    private static void text(Xml x, String element, StoredQueryDefinition.Text t) {
        x.start(element);
        if (t.lang() != null) {
            x.attr("xml:lang", t.lang());
        }
        x.text(t.text()).end();
    }
}
