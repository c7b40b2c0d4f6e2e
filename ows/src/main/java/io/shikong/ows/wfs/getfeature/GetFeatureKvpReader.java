package io.shikong.ows.wfs.getfeature;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.Crs;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.MissingParameterException;
import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import io.shikong.core.filter.Ecql;
import io.shikong.core.params.Params;
import io.shikong.core.query.SortKey;
import io.shikong.core.query.TimeSelection;
import io.shikong.ows.Kvp;
import io.shikong.ows.SrsName;
import io.shikong.ows.fes.FilterXmlParser;
import io.shikong.ows.wfs.WfsContext;
import io.shikong.ows.wfs.WfsVersion;
import io.shikong.ows.xml.SecureXml;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.geotools.api.filter.Filter;
import org.geotools.api.filter.FilterFactory;
import org.geotools.factory.CommonFactoryFinder;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Reads GetFeature and GetPropertyValue from KVP: TYPENAMES/TYPENAME, BBOX (with a trailing CRS, axes
 * by the CRS name's form, default the type's DefaultCRS in EPSG order), FILTER (FES 2.0 / Filter 1.1
 * XML, one per type in parentheses), CQL_FILTER (ECQL, geometries in the storage CRS),
 * RESOURCEID/FEATUREID, COUNT/MAXFEATURES, STARTINDEX, SORTBY, PROPERTYNAME, SRSNAME, RESULTTYPE,
 * OUTPUTFORMAT, and the vendor TIME (instant = as of, start/end = every version valid then).
 */
public final class GetFeatureKvpReader {

    private static final FilterFactory FF = CommonFactoryFinder.getFilterFactory();

    private final WfsContext ctx;

    public GetFeatureKvpReader(WfsContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Refuses a request of more than {@link io.shikong.ows.wfs.WfsSettings#maxQueries()} queries, each a count and
     * a read of the store; called as each query is read, so that no more are built than are allowed.
     */
    static void atMostQueries(int queries, WfsContext ctx) {
        int max = ctx.settings().maxQueries();
        if (queries > max) {
            throw new InvalidParameterException("typeNames", "more than " + max
                    + " queries in one GetFeature (shikong.wfs.max-queries)");
        }
    }

    public GetFeatureRequest read(Kvp kvp, boolean propertyValue) {
        WfsVersion v = ctx.version();
        String typeNames = kvp.get("TYPENAMES", "TYPENAME");
        String resourceIds = kvp.get("RESOURCEID", "FEATUREID");
        String storedQuery = kvp.get("STOREDQUERY_ID");
        if (storedQuery != null) {
            if (!storedQuery.equals(StoredQueries.GET_FEATURE_BY_ID) && !storedQuery.equals(StoredQueries.GET_FEATURE_BY_ID_OLD)) {
                throw new InvalidParameterException("STOREDQUERY_ID", "unknown stored query '" + storedQuery + "'");
            }
            resourceIds = kvp.require("ID");
        }
        List<LayerDefinition> layers = new ArrayList<>();
        if (typeNames != null) {
            for (String group : groups(typeNames)) {
                List<String> names = Params.list(group);
                if (names.size() != 1 && typeNames.trim().startsWith("(")) {
                    throw new ShikongException(OgcCode.OPERATION_NOT_SUPPORTED, "typeNames",
                            "joins of several types in one query are not supported");
                }
                for (String t : names) {
                    atMostQueries(layers.size() + 1, ctx);
                    layers.add(ctx.layer(t, "typeNames"));
                }
            }
        } else if (resourceIds != null) {
            // 2.0 allows RESOURCEID alone: the layer is the prefix of the id; an id naming no type the
            // caller can see identifies no feature (an empty answer, or NotFound for GetFeatureById)
            for (String id : Params.list(resourceIds)) {
                int dot = id.indexOf('.');
                LayerDefinition l = dot < 0 ? null : ctx.catalog().layers(ctx.caller()).stream()
                        .filter(c -> c.name().equals(id.substring(0, dot))).findFirst().orElse(null);
                if (l != null && !layers.contains(l)) {
                    atMostQueries(layers.size() + 1, ctx);
                    layers.add(l);
                }
            }
        } else {
            throw new MissingParameterException(v.v2() ? "typeNames" : "typeName");
        }
        List<String> filters = xmlFilters(kvp.get("FILTER"), layers.size());
        List<String> cql = kvp.has("CQL_FILTER") ? List.of(kvp.get("CQL_FILTER").split(";")) : null;
        if (cql != null && cql.size() != layers.size() && cql.size() != 1) {
            throw new InvalidParameterException("CQL_FILTER", "give one CQL filter per type name, separated by ';'");
        }
        int exclusive = (filters != null ? 1 : 0) + (kvp.has("BBOX") ? 1 : 0) + (resourceIds != null ? 1 : 0);
        if (exclusive > 1) {
            throw new InvalidParameterException("filter", "FILTER, BBOX and RESOURCEID are mutually exclusive");
        }
        TimeSelection time = Params.time(kvp.get("TIME"), "TIME");
        List<String> propertyGroups = kvp.has("PROPERTYNAME") ? groups(kvp.get("PROPERTYNAME")) : null;
        if (propertyGroups != null && propertyGroups.size() != 1 && propertyGroups.size() != layers.size()) {
            throw new InvalidParameterException("propertyName", "give one PROPERTYNAME list per type name");
        }
        List<SortKey> sort = Params.sortBy(kvp.get("SORTBY"), "sortBy");
        sort = sort.stream().map(k -> new SortKey(strip(k.property()), k.ascending())).toList();

        List<GetFeatureRequest.Query> queries = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            LayerDefinition l = layers.get(i);
            Crs storage = ctx.crsService().resolve("EPSG:" + l.srid());
            SrsName srsName = kvp.has("SRSNAME") ? SrsName.parse(ctx.crsService(), kvp.get("SRSNAME"), "srsName")
                    : SrsName.urn(storage);
            List<String> properties = null;
            if (propertyGroups != null) {
                properties = strip(Params.list(propertyGroups.get(propertyGroups.size() == 1 ? 0 : i)));
                if (properties.contains("*")) {
                    properties = null; // '*' is every property (OWSLib sends it)
                }
            }
            List<Filter> parts = new ArrayList<>();
            if (filters != null) {
                parts.add(new FilterXmlParser(l, ctx.crsService(), "filter").checkingTypes(id -> ctx.namesOtherType(l, id)).parse(
                        SecureXml.parse(filters.get(i).getBytes(StandardCharsets.UTF_8), "filter").getDocumentElement()));
            }
            if (kvp.has("BBOX")) {
                parts.add(bbox(kvp.get("BBOX"), l, storage));
            }
            if (resourceIds != null) {
                var ids = new java.util.LinkedHashSet<org.geotools.api.filter.identity.FeatureId>();
                for (String id : Params.list(resourceIds)) {
                    if (typeNames == null && !id.startsWith(l.name() + ".")) {
                        continue;
                    }
                    if (ctx.namesOtherType(l, id)) {
                        throw new InvalidParameterException("RESOURCEID", "resource id '" + id + "' is a feature of "
                                + "another type than " + l.name());
                    }
                    ids.add(FF.featureId(FilterXmlParser.featureId(l, id)));
                }
                parts.add(FF.id(ids));
            }
            if (cql != null) {
                parts.add(Ecql.parse(cql.size() == 1 ? cql.get(0) : cql.get(i), "CQL_FILTER"));
            }
            Filter filter = parts.isEmpty() ? Filter.INCLUDE : parts.size() == 1 ? parts.get(0) : FF.and(parts);
            queries.add(new GetFeatureRequest.Query(l, filter, properties, sort, srsName, time));
        }
        String countName = v.v2() ? "COUNT" : "MAXFEATURES";
        String countValue = kvp.get(countName, v.v2() ? "MAXFEATURES" : "COUNT");
        Integer count = countValue == null ? null
                : Params.integer(countValue, countName, 0, 0, ctx.settings().maxCount());
        long startIndex = Params.integer(kvp.get("STARTINDEX"), "startIndex", 0, 0, Integer.MAX_VALUE);
        String resultType = kvp.get("RESULTTYPE");
        boolean hits = false;
        if (resultType != null) {
            switch (resultType.toLowerCase(Locale.ROOT)) {
                case "hits" -> hits = true;
                case "results" -> hits = false;
                default -> throw new InvalidParameterException("resultType", "resultType must be results or hits");
            }
        }
        String valueReference = propertyValue ? valueReference(kvp.present("VALUEREFERENCE")
                ? String.valueOf(kvp.get("VALUEREFERENCE") == null ? "" : kvp.get("VALUEREFERENCE")) : null) : null;
        return new GetFeatureRequest(v, queries, count, startIndex, hits, kvp.get("OUTPUTFORMAT"), valueReference,
                storedQuery != null);
    }

    /**
     * GetPropertyValue's VALUEREFERENCE: a property name (prefix dropped) or {@code @gml:id}; absent is a
     * MissingParameterValue, empty an InvalidParameterValue (WFS 2.0, 10.2.4.3).
     */
    static String valueReference(String raw) {
        if (raw == null) {
            throw new MissingParameterException("valueReference");
        }
        String v = raw.trim();
        if (v.isEmpty()) {
            throw new InvalidParameterException("valueReference", "valueReference is empty: name a property or @gml:id");
        }
        return v.equals("@gml:id") ? GetFeatureRequest.GML_ID : strip(v);
    }

    /** BBOX=minx,miny,maxx,maxy[,crs]: axes in the order the CRS name implies; default the type's DefaultCRS. */
    private Filter bbox(String value, LayerDefinition l, Crs storage) {
        List<String> parts = Params.list(value);
        SrsName srs = SrsName.urn(storage);
        if (parts.size() == 5) {
            srs = SrsName.parse(ctx.crsService(), parts.get(4), "bbox");
            parts = parts.subList(0, 4);
        }
        double[] b = Params.bbox(String.join(",", parts), "bbox", false);
        Envelope env = srs.latFirst() ? new Envelope(b[1], b[3], b[0], b[2]) : new Envelope(b[0], b[2], b[1], b[3]);
        Envelope target = srs.crs().equals(storage) ? env : ctx.crsService().transform(env, srs.crs(), storage);
        Geometry g = new GeometryFactory().toGeometry(target);
        g.setSRID(l.srid());
        return FF.bbox(FF.property(l.geometryColumn()), FF.literal(g));
    }

    /** FILTER=(f1)(f2) for several types, or one filter. */
    private static List<String> xmlFilters(String value, int types) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        List<String> out = new ArrayList<>();
        if (v.startsWith("(")) {
            int depth = 0;
            int start = 0;
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == '(') {
                    if (depth++ == 0) {
                        start = i + 1;
                    }
                } else if (c == ')' && --depth == 0) {
                    out.add(v.substring(start, i));
                }
            }
        } else {
            out.add(v);
        }
        if (out.size() != types) {
            throw new InvalidParameterException("filter", "give one FILTER per type name: " + types + " types, "
                    + out.size() + " filters");
        }
        return out;
    }

    /** {@code (a,b)(c)} as {@code [a,b], [c]}; a value without parentheses is one group. */
    static List<String> groups(String value) {
        String v = value.trim();
        if (!v.startsWith("(")) {
            return List.of(v);
        }
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '(') {
                start = i + 1;
            } else if (c == ')' && start >= 0) {
                out.add(v.substring(start, i));
                start = -1;
            }
        }
        if (out.isEmpty()) {
            throw new InvalidParameterException("typeNames", "cannot read the list '" + value + "'");
        }
        return out;
    }

    static String strip(String name) {
        int colon = name.indexOf(':');
        return colon >= 0 ? name.substring(colon + 1) : name;
    }

    private static List<String> strip(List<String> names) {
        return names.stream().map(GetFeatureKvpReader::strip).toList();
    }
}
