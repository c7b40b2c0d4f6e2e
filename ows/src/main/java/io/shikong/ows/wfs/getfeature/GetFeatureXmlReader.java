package io.shikong.ows.wfs.getfeature;

import static io.shikong.ows.gml.GmlGeometryReader.child;
import static io.shikong.ows.gml.GmlGeometryReader.elements;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import io.shikong.core.params.Params;
import io.shikong.core.query.SortKey;
import io.shikong.core.query.TimeSelection;
import io.shikong.ows.SrsName;
import io.shikong.ows.fes.FilterXmlParser;
import io.shikong.ows.wfs.WfsContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.geotools.api.filter.Filter;
import org.geotools.api.filter.FilterFactory;
import org.geotools.factory.CommonFactoryFinder;
import org.w3c.dom.Element;

/**
 * Reads a GetFeature / GetPropertyValue XML document (WFS 2.0 or 1.1): wfs:Query elements with
 * typeNames/typeName, srsName, PropertyName, Filter and SortBy, and wfs:StoredQuery GetFeatureById.
 */
public final class GetFeatureXmlReader {

    private static final FilterFactory FF = CommonFactoryFinder.getFilterFactory();

    private final WfsContext ctx;

    public GetFeatureXmlReader(WfsContext ctx) {
        this.ctx = ctx;
    }

    public GetFeatureRequest read(Element root, boolean propertyValue) {
        List<GetFeatureRequest.Query> queries = new ArrayList<>();
        boolean byId = false;
        TimeSelection time = Params.time(attr(root, "time").isEmpty() ? null : attr(root, "time"), "time");
        int read = 0;
        for (Element q : elements(root)) {
            if (q.getLocalName().equals("Query") || q.getLocalName().equals("StoredQuery")) {
                // counted before the query is read: a document of 300,000 queries stops at the limit
                GetFeatureKvpReader.atMostQueries(++read, ctx);
            }
            if (q.getLocalName().equals("Query")) {
                String typeNames = attr(q, "typeNames").isEmpty() ? attr(q, "typeName") : attr(q, "typeNames");
                if (typeNames.isBlank()) {
                    throw new InvalidParameterException("typeNames", "wfs:Query without typeNames");
                }
                for (String t : Params.list(typeNames)) {
                    GetFeatureKvpReader.atMostQueries(queries.size() + 1, ctx);
                    queries.add(query(q, ctx.layer(t, "typeNames"), time));
                }
            } else if (q.getLocalName().equals("StoredQuery")) {
                String id = q.getAttribute("id");
                if (!id.equals(StoredQueries.GET_FEATURE_BY_ID) && !id.equals(StoredQueries.GET_FEATURE_BY_ID_OLD)) {
                    throw new InvalidParameterException("storedQuery_id", "unknown stored query '" + id + "'");
                }
                String rid = null;
                for (Element p : elements(q)) {
                    if (p.getLocalName().equals("Parameter") && p.getAttribute("name").equalsIgnoreCase("ID")) {
                        rid = p.getTextContent().trim();
                    }
                }
                if (rid == null || rid.isEmpty()) {
                    throw new io.shikong.core.error.MissingParameterException("ID");
                }
                // an id naming no type the caller can see identifies no feature: NotFound (WFS 2.0, 7.9.3.6)
                String wanted = rid;
                int dot = rid.indexOf('.');
                String type = dot < 0 ? "" : rid.substring(0, dot);
                LayerDefinition l = ctx.catalog().layers(ctx.caller()).stream().filter(c -> c.name().equals(type))
                        .findFirst().orElseThrow(() -> new ShikongException(OgcCode.NOT_FOUND, "ID",
                                "no feature '" + wanted + "'"));
                Filter f = FF.id(java.util.Set.of(FF.featureId(FilterXmlParser.featureId(l, rid))));
                queries.add(new GetFeatureRequest.Query(l, f, null, List.of(),
                        SrsName.urn(ctx.crsService().resolve("EPSG:" + l.srid())), time));
                byId = true;
            }
        }
        if (queries.isEmpty()) {
            throw new InvalidParameterException("query", "GetFeature without a wfs:Query");
        }
        String countAttr = !attr(root, "count").isEmpty() ? attr(root, "count") : attr(root, "maxFeatures");
        Integer count = countAttr.isBlank() ? null : Params.integer(countAttr, "count", 0, 0, ctx.settings().maxCount());
        long startIndex = Params.integer(attr(root, "startIndex"), "startIndex", 0, 0, Integer.MAX_VALUE);
        String resultType = attr(root, "resultType").toLowerCase(Locale.ROOT);
        if (!resultType.isEmpty() && !resultType.equals("hits") && !resultType.equals("results")) {
            throw new InvalidParameterException("resultType", "resultType must be results or hits");
        }
        String valueReference = propertyValue ? GetFeatureKvpReader.valueReference(root.hasAttribute("valueReference")
                ? root.getAttribute("valueReference") : null) : null;
        String outputFormat = attr(root, "outputFormat");
        return new GetFeatureRequest(ctx.version(), queries, count, startIndex, resultType.equals("hits"),
                outputFormat.isBlank() ? null : outputFormat, valueReference, byId && queries.size() == 1);
    }

    /**
     * An attribute by name, ignoring case: OWSLib writes {@code typenames}, the schema says
     * {@code typeNames}; being strict here would only turn clients away.
     */
    public static String attr(Element e, String name) {
        if (e.hasAttribute(name)) {
            return e.getAttribute(name);
        }
        var attributes = e.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            var a = attributes.item(i);
            String local = a.getLocalName() == null ? a.getNodeName() : a.getLocalName();
            if (local.equalsIgnoreCase(name) && a.getNamespaceURI() == null) {
                return a.getNodeValue();
            }
        }
        return "";
    }

    private GetFeatureRequest.Query query(Element q, LayerDefinition l, TimeSelection time) {
        SrsName srs = !attr(q, "srsName").isEmpty() ? SrsName.parse(ctx.crsService(), attr(q, "srsName"), "srsName")
                : SrsName.urn(ctx.crsService().resolve("EPSG:" + l.srid()));
        List<String> properties = null;
        List<SortKey> sort = new ArrayList<>();
        Filter filter = Filter.INCLUDE;
        for (Element c : elements(q)) {
            switch (c.getLocalName()) {
                case "PropertyName":
                    if (properties == null) {
                        properties = new ArrayList<>();
                    }
                    properties.add(GetFeatureKvpReader.strip(c.getTextContent().trim()));
                    break;
                case "Filter":
                    filter = new FilterXmlParser(l, ctx.crsService(), "filter")
                            .checkingTypes(id -> ctx.namesOtherType(l, id)).parse(c);
                    break;
                case "SortBy":
                    for (Element sp : elements(c)) {
                        Element ref = child(sp, "ValueReference") != null ? child(sp, "ValueReference") : child(sp, "PropertyName");
                        Element order = child(sp, "SortOrder");
                        if (ref == null) {
                            throw new InvalidParameterException("sortBy", "SortProperty without a property");
                        }
                        boolean asc = order == null || !order.getTextContent().trim().toUpperCase(Locale.ROOT).startsWith("DESC");
                        sort.add(new SortKey(GetFeatureKvpReader.strip(ref.getTextContent().trim()), asc));
                    }
                    break;
                default:
                    break;
            }
        }
        return new GetFeatureRequest.Query(l, filter, properties, sort, srs, time);
    }
}
