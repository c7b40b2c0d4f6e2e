package io.shikong.ows.oapif;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.encode.Chunks;
import io.shikong.core.encode.GeoJsonWriter;
import io.shikong.core.error.AccessDeniedException;
import io.shikong.core.error.ConflictException;
import io.shikong.core.error.FeatureNotFoundException;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import io.shikong.core.feature.Change;
import io.shikong.core.feature.Feature;
import io.shikong.core.feature.Values;
import io.shikong.core.query.Query;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.FeatureStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.geotools.api.filter.FilterFactory;
import org.geotools.factory.CommonFactoryFinder;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * OGC API - Features on the catalog and the store, one method per resource and per change, each answering an
 * {@link OapifResponse}. Collections are the layers the caller may see (others answer 404 exactly like a missing
 * one); items are the current features unless {@code datetime} selects other versions on valid time; every
 * change is a new version (nothing overwritten), so the state before it stays readable through {@code datetime}
 * and the history resource {@code /items/{featureId}/history}. Errors are {@link ShikongException}s with their
 * HTTP status and the parameter at fault, rendered by the HTTP layer.
 */
public final class OapifService {

    /** Where the API is mounted below the service's base URL. */
    public static final String ROOT = "/ogcapi";
    public static final String GEOJSON = "application/geo+json";
    public static final String JSON = "application/json";
    public static final String OPENAPI = "application/vnd.oai.openapi+json;version=3.0";
    public static final String SCHEMA_JSON = "application/schema+json";

    private static final FilterFactory FF = CommonFactoryFinder.getFilterFactory();
    private static final JsonFactory JSON_FACTORY = new JsonFactory();

    private final LayerCatalog catalog;
    private final FeatureStore store;
    private final CrsService crsService;
    private final OapifCrs crs;
    private final ItemsReader items;
    private final int defaultLimit;
    private final int maxLimit;

    /**
     * @param defaultLimit items per page when the client names no {@code limit}
     * @param maxLimit     the largest {@code limit}
     */
    public OapifService(LayerCatalog catalog, FeatureStore store, CrsService crsService, int defaultLimit, int maxLimit) {
        this.catalog = catalog;
        this.store = store;
        this.crsService = crsService;
        this.crs = new OapifCrs(crsService);
        this.items = new ItemsReader(crs, defaultLimit, maxLimit);
        this.defaultLimit = defaultLimit;
        this.maxLimit = maxLimit;
    }

    /**
     * One request: the service's base URL (links are built on it), the caller, the query parameters (names as
     * sent, case-sensitive as the standard has them) and the {@code Accept} header ({@code f} wins over it).
     */
    public record Request(String baseUrl, Caller caller, Map<String, List<String>> params, String accept) {
        public Request {
            params = params == null ? Map.of() : params;
        }

        String root() {
            return baseUrl + ROOT;
        }
    }

    /** The two representations of every resource. */
    enum Format { JSON, HTML }

    // --- Part 1: the resources ------------------------------------------------------------------------------

    public OapifResponse landing(Request r) {
        String root = r.root();
        Map<String, Object> doc = Json.map(
                "title", "时空 Shikong — OGC API - Features",
                "description", "城市时空数据：每个要素带有效时间与完整历史 / the city's spatio-temporal features, each with "
                        + "valid time and its whole history (datetime selects versions on valid time)",
                "links", List.of(
                        link(root + "/", "self", JSON, "本页 this document"),
                        link(root + "/?f=html", "alternate", Html.TYPE, "本页 HTML this document as HTML"),
                        link(root + "/api", "service-desc", OPENAPI, "API 定义 the API definition (OpenAPI 3.0)"),
                        link(root + "/api?f=html", "service-doc", Html.TYPE, "API 文档 the API documentation"),
                        link(root + "/conformance", "conformance", JSON, "符合性 conformance classes"),
                        link(root + "/conformance", "http://www.opengis.net/def/rel/ogc/1.0/conformance", JSON,
                                "符合性 conformance classes"),
                        link(root + "/collections", "data", JSON, "图层 collections"),
                        link(root + "/collections", "http://www.opengis.net/def/rel/ogc/1.0/data", JSON, "图层 collections")));
        return answer(r, doc, "OGC API - Features", JSON);
    }

    public OapifResponse conformance(Request r) {
        return answer(r, Json.map("conformsTo", Conformance.classes(), "links",
                List.of(link(r.root() + "/conformance", "self", JSON, null))), "符合性 Conformance", JSON);
    }

    public OapifResponse collections(Request r) {
        List<Object> list = new ArrayList<>();
        for (LayerDefinition l : catalog.layers(r.caller())) {
            list.add(collectionDoc(r, l));
        }
        Map<String, Object> doc = Json.map(
                "links", List.of(link(r.root() + "/collections", "self", JSON, null),
                        link(r.root() + "/collections?f=html", "alternate", Html.TYPE, null)),
                "crs", crs.supportedUris(crsService.resolve("EPSG:4490")),
                "collections", list);
        return answer(r, doc, "图层 Collections", JSON);
    }

    public OapifResponse collection(Request r, String id) {
        LayerDefinition l = catalog.layer(id, r.caller());
        return answer(r, collectionDoc(r, l), l.title() == null ? l.name() : l.title(), JSON);
    }

    private Map<String, Object> collectionDoc(Request r, LayerDefinition l) {
        String self = r.root() + "/collections/" + enc(l.name());
        Crs storage = crsService.resolve("EPSG:" + l.srid());
        Map<String, Object> extent = new LinkedHashMap<>();
        store.bounds(l.name(), r.caller()).ifPresent(b -> {
            Envelope w = crsService.transform(b, storage, crs.crs84());
            extent.put("spatial", Json.map("bbox", List.of(List.of(w.getMinX(), w.getMinY(), w.getMaxX(), w.getMaxY())),
                    "crs", OapifCrs.uri(crs.crs84())));
        });
        store.timeExtent(l.name(), r.caller()).ifPresent(t -> {
            List<Object> interval = new ArrayList<>();
            interval.add(t.start() == null ? null : t.start().toString());
            interval.add(t.end() == null ? null : t.end().toString());
            extent.put("temporal", Json.map("interval", List.of(interval),
                    "trs", "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"));
        });
        List<Object> links = new ArrayList<>(List.of(
                link(self, "self", JSON, l.title()),
                link(self + "?f=html", "alternate", Html.TYPE, l.title()),
                link(self + "/items", "items", GEOJSON, "要素 items of " + l.name()),
                link(self + "/items?f=html", "items", Html.TYPE, "要素 items of " + l.name()),
                link(self + "/queryables", "http://www.opengis.net/def/rel/ogc/1.0/queryables", SCHEMA_JSON,
                        "可查询属性 queryables"),
                link(self + "/sortables", "http://www.opengis.net/def/rel/ogc/1.0/sortables", SCHEMA_JSON,
                        "可排序属性 sortables")));
        Map<String, Object> doc = Json.map(
                "id", l.name(),
                "title", l.title() == null ? l.name() : l.title(),
                "description", l.description(),
                "keywords", l.keywords().isEmpty() ? null : l.keywords(),
                "itemType", "feature",
                "extent", extent.isEmpty() ? null : extent,
                "crs", crs.supportedUris(storage),
                "storageCrs", OapifCrs.uri(storage),
                "links", links);
        doc.put("x-shikong-versioned", l.versioned());
        doc.put("x-shikong-writable", l.writable() && l.access().canWrite(r.caller()));
        return doc;
    }

    public OapifResponse queryables(Request r, String id) {
        LayerDefinition l = catalog.layer(id, r.caller());
        String url = r.root() + "/collections/" + enc(l.name()) + "/queryables";
        return answer(r, Sortables.queryables(l, url), "可查询属性 Queryables: " + l.name(), SCHEMA_JSON);
    }

    public OapifResponse sortables(Request r, String id) {
        LayerDefinition l = catalog.layer(id, r.caller());
        String url = r.root() + "/collections/" + enc(l.name()) + "/sortables";
        return answer(r, Sortables.sortables(l, url), "可排序属性 Sortables: " + l.name(), SCHEMA_JSON);
    }

    public OapifResponse api(Request r) {
        Map<String, Object> doc = OpenApi.document(r.root(), catalog.layers(r.caller()), defaultLimit, maxLimit,
                crs.supportedUris(crsService.resolve("EPSG:4490")));
        return answer(r, doc, "API 定义 OpenAPI 3.0", OPENAPI);
    }

    /** A page of items: counted, then streamed from the store's cursor. */
    public OapifResponse items(Request r, String id) {
        LayerDefinition l = catalog.layer(id, r.caller());
        ItemsReader.Items it = items.read(l, r.caller(), r.params());
        Query q = it.query();
        Format format = format(r);
        String self = r.root() + "/collections/" + enc(l.name()) + "/items";
        // one feature more than the page tells whether a next page exists; only then is a count needed
        FeatureCursor cursor = store.read(q.toBuilder().limit(q.limit() + 1).build());
        UnaryOperator<Geometry> axes = it.outputCrs().northingFirst() ? OapifCrs::swap : null;
        String contentCrs = "<" + OapifCrs.uri(it.outputCrs()) + ">";
        ItemsStream.Tail tail = new ItemsStream.Tail() {
            @Override
            public long matched(int returned, boolean more) {
                return more || (returned == 0 && q.offset() > 0) ? store.count(q) : q.offset() + returned;
            }

            @Override
            public List<Map<String, Object>> links(int returned, boolean more) {
                return pageLinks(r, self, q, more, returned);
            }
        };
        if (format == Format.HTML) {
            List<Object> rows = new ArrayList<>();
            boolean more;
            try (cursor) {
                while (rows.size() < q.limit() && cursor.hasNext()) {
                    Feature f = cursor.next();
                    Map<String, Object> row = Json.map("id", f.id());
                    row.putAll(f.properties());
                    if (l.temporal()) {
                        row.put("valid_from", f.validFrom());
                        row.put("valid_to", f.validTo());
                    }
                    row.put("version", f.version());
                    row.put("geometry", f.geometry() == null ? null : f.geometry().getGeometryType());
                    row.put("links", List.of(link(self + "/" + enc(f.id()) + "?f=html", "item", Html.TYPE, f.id())));
                    rows.add(row);
                }
                more = cursor.hasNext();
            }
            Map<String, Object> doc = Json.map("numberMatched", tail.matched(rows.size(), more), "numberReturned", rows.size(),
                    "links", tail.links(rows.size(), more), "features", rows);
            return OapifResponse.ok(Html.TYPE, Html.page("要素 Items: " + l.name(), doc)).with("Content-Crs", contentCrs);
        }
        Chunks body = ItemsStream.of(cursor, q.limit(), l.temporal(), axes, tail);
        return new OapifResponse(200, jsonType(r, GEOJSON), body, Map.of("Content-Crs", contentCrs));
    }

    private List<Map<String, Object>> pageLinks(Request r, String self, Query q, boolean more, int returned) {
        List<Map<String, Object>> links = new ArrayList<>();
        links.add(link(self + query(r.params(), null, null), "self", GEOJSON, "本页 this page"));
        links.add(link(self + query(r.params(), null, "html"), "alternate", Html.TYPE, "本页 HTML this page as HTML"));
        if (more) {
            links.add(link(self + query(r.params(), q.offset() + returned, null), "next", GEOJSON, "下一页 next page"));
        }
        if (q.offset() > 0) {
            long prev = Math.max(0, q.offset() - (q.limit() == null ? defaultLimit : q.limit()));
            links.add(link(self + query(r.params(), prev, null), "prev", GEOJSON, "上一页 previous page"));
        }
        links.add(link(self.substring(0, self.length() - "/items".length()), "collection", JSON, "图层 the collection"));
        return links;
    }

    /** One item: the current version, or the version valid at {@code datetime}; its ETag names the version. */
    public OapifResponse item(Request r, String id, String featureId) {
        LayerDefinition l = catalog.layer(id, r.caller());
        for (String p : r.params().keySet()) {
            if (!List.of("f", "crs", "datetime", "apikey").contains(p)) {
                throw new InvalidParameterException(p, "unknown query parameter '" + p + "' of an item; the parameters are f, crs and datetime");
            }
        }
        TimeSelection time = ItemsReader.time(ItemsReader.one(r.params(), "datetime"));
        if (time instanceof TimeSelection.Range || time instanceof TimeSelection.All) {
            throw new InvalidParameterException("datetime", "an item is one version: give an instant, or read every version at "
                    + "/items/{featureId}/history");
        }
        Crs out = crs.resolve(ItemsReader.one(r.params(), "crs"), "crs", crs.crs84());
        Feature f = current(l, r.caller(), featureId, time, out)
                .orElseThrow(() -> new FeatureNotFoundException(l.name(), featureId));
        String self = r.root() + "/collections/" + enc(l.name()) + "/items/" + enc(f.id());
        List<Map<String, Object>> links = List.of(
                link(self, "self", GEOJSON, null),
                link(self + "?f=html", "alternate", Html.TYPE, null),
                link(self + "/history", "version-history", GEOJSON, "历史 every version"),
                link(r.root() + "/collections/" + enc(l.name()), "collection", JSON, null));
        Feature shown = out.northingFirst() && f.geometry() != null
                ? new Feature(f.id(), OapifCrs.swap(f.geometry()), f.properties(), f.validFrom(), f.validTo(), f.version()) : f;
        OapifResponse resp;
        if (format(r) == Format.HTML) {
            Map<String, Object> doc = Json.map("id", f.id(), "version", f.version(), "links", links);
            doc.putAll(f.properties());
            if (l.temporal()) {
                doc.put("valid_from", f.validFrom());
                doc.put("valid_to", f.validTo());
            }
            doc.put("geometry", f.geometry() == null ? null : f.geometry().toText());
            resp = OapifResponse.ok(Html.TYPE, Html.page(l.name() + " · " + f.id(), doc));
        } else {
            resp = OapifResponse.ok(jsonType(r, GEOJSON), feature(shown, l.temporal(), links));
        }
        return resp.with("Content-Crs", "<" + OapifCrs.uri(out) + ">").with("ETag", etag(f));
    }

    /** Every version of a feature, oldest first, in CRS84 (or {@code crs}). */
    public OapifResponse history(Request r, String id, String featureId) {
        LayerDefinition l = catalog.layer(id, r.caller());
        Crs out = crs.resolve(ItemsReader.one(r.params(), "crs"), "crs", crs.crs84());
        Crs storage = crsService.resolve("EPSG:" + l.srid());
        List<Feature> versions = new ArrayList<>();
        try (FeatureCursor c = store.history(l.name(), storeId(l, featureId), r.caller())) {
            while (c.hasNext()) {
                Feature f = c.next();
                Geometry g = f.geometry() == null ? null : OapifCrs.axisOrder(crsService.transform(f.geometry(), storage, out), out);
                versions.add(new Feature(f.id(), g, f.properties(), f.validFrom(), f.validTo(), f.version()));
            }
        }
        if (versions.isEmpty()) {
            throw new FeatureNotFoundException(l.name(), featureId);
        }
        String self = r.root() + "/collections/" + enc(l.name()) + "/items/" + enc(featureId);
        Iterator<Feature> it = versions.iterator();
        FeatureCursor cursor = new FeatureCursor() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Feature next() {
                return it.next();
            }

            @Override
            public void close() {
            }
        };
        Chunks body = ItemsStream.of(cursor, versions.size(), l.temporal(), null, new ItemsStream.Tail() {
            @Override
            public long matched(int returned, boolean more) {
                return versions.size();
            }

            @Override
            public List<Map<String, Object>> links(int returned, boolean more) {
                return List.of(link(self + "/history", "self", GEOJSON, "历史 every version"),
                        link(self, "latest-version", GEOJSON, "当前版本 the current version"));
            }
        });
        return new OapifResponse(200, jsonType(r, GEOJSON), body, Map.of("Content-Crs", "<" + OapifCrs.uri(out) + ">"));
    }

    // --- Part 4: changes --------------------------------------------------------------------------------------

    /** POST: a new feature (its id assigned here), answered 201 with its Location and ETag. */
    public OapifResponse create(Request r, String id, byte[] body, String contentCrs) {
        LayerDefinition l = writable(r, id);
        FeatureBody b = FeatureBody.read(body, l, bodyCrs(contentCrs), crsService);
        if (b.geometry() == null) {
            throw new InvalidParameterException("geometry", "a new feature needs a geometry");
        }
        String fid = UUID.randomUUID().toString();
        store.write(l.name(), List.of(new Change.Insert(Feature.of(fid, b.geometry(), b.properties()))), r.caller());
        Feature f = current(l, r.caller(), fid, TimeSelection.CURRENT, crs.crs84()).orElseThrow();
        String location = r.root() + "/collections/" + enc(l.name()) + "/items/" + enc(fid);
        return new OapifResponse(201, GEOJSON, Chunks.of(feature(f, l.temporal(), List.of(link(location, "self", GEOJSON, null)))),
                Map.of("Location", location, "ETag", etag(f)));
    }

    /** PUT: the feature's next version replaces every property and the geometry. */
    public OapifResponse replace(Request r, String id, String featureId, byte[] body, String contentCrs, String ifMatch) {
        LayerDefinition l = writable(r, id);
        FeatureBody b = FeatureBody.read(body, l, bodyCrs(contentCrs), crsService);
        if (b.geometry() == null) {
            throw new InvalidParameterException("geometry", "a replacement needs a geometry (PATCH changes only what it names)");
        }
        String sid = storeId(l, featureId);
        Integer expected = expectedVersion(l, r.caller(), sid, featureId, ifMatch);
        return changed(r, l, sid, new Change.Replace(Feature.of(sid, b.geometry(), b.properties()), expected), expected);
    }

    /** PATCH (a JSON merge patch of a GeoJSON Feature): the named properties and, when given, the geometry change. */
    public OapifResponse update(Request r, String id, String featureId, byte[] body, String contentCrs, String ifMatch) {
        LayerDefinition l = writable(r, id);
        FeatureBody b = FeatureBody.read(body, l, bodyCrs(contentCrs), crsService);
        if (b.hasGeometry() && b.geometry() == null) {
            throw new InvalidParameterException("geometry", "the geometry of a feature cannot be removed");
        }
        String sid = storeId(l, featureId);
        Integer expected = expectedVersion(l, r.caller(), sid, featureId, ifMatch);
        return changed(r, l, sid, new Change.Update(sid, b.geometry(), b.properties(), expected), expected);
    }

    /** DELETE: the current version is closed; the history stays. */
    public OapifResponse delete(Request r, String id, String featureId, String ifMatch) {
        LayerDefinition l = writable(r, id);
        String sid = storeId(l, featureId);
        Integer expected = expectedVersion(l, r.caller(), sid, featureId, ifMatch);
        write(l, r.caller(), new Change.Delete(sid, expected), expected);
        return new OapifResponse(204, null, null, Map.of());
    }

    private OapifResponse changed(Request r, LayerDefinition l, String sid, Change change, Integer expected) {
        write(l, r.caller(), change, expected);
        Feature f = current(l, r.caller(), sid, TimeSelection.CURRENT, crs.crs84()).orElseThrow();
        String self = r.root() + "/collections/" + enc(l.name()) + "/items/" + enc(f.id());
        return new OapifResponse(200, GEOJSON, Chunks.of(feature(f, l.temporal(), List.of(link(self, "self", GEOJSON, null)))),
                Map.of("ETag", etag(f)));
    }

    private void write(LayerDefinition l, Caller caller, Change change, Integer expected) {
        try {
            store.write(l.name(), List.of(change), caller);
        } catch (ConflictException e) {
            if (expected != null) {
                throw stale(change.id(), "another change got there first", e);
            }
            throw e;
        }
    }

    private LayerDefinition writable(Request r, String id) {
        LayerDefinition l = catalog.layer(id, r.caller());
        if (!l.writable()) {
            throw new AccessDeniedException("collection", "collection '" + l.name() + "' is read-only"
                    + (l.published() ? " (a published table)" : ""));
        }
        if (!l.access().canWrite(r.caller())) {
            throw new AccessDeniedException("collection", "caller '" + r.caller().name() + "' may not change collection '"
                    + l.name() + "'; a role of its writeRoles is needed");
        }
        return l;
    }

    /** The version If-Match names, checked against the current one (412 when stale); {@code null} without If-Match or for {@code *}. */
    private Integer expectedVersion(LayerDefinition l, Caller caller, String sid, String featureId, String ifMatch) {
        Feature f = current(l, caller, sid, TimeSelection.CURRENT, crs.crs84())
                .orElseThrow(() -> new FeatureNotFoundException(l.name(), featureId));
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        for (String tag : ifMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals(etag(f))) {
                return f.version();
            }
        }
        throw stale(featureId, "its current ETag is " + etag(f) + ", not " + ifMatch.trim()
                + "; read it again (GET) and resend the change with the new ETag", null);
    }

    private static ShikongException stale(String featureId, String why, Throwable cause) {
        return new ShikongException(OgcCode.CONFLICT, 412, "If-Match", "feature '" + featureId
                + "' has changed since it was read: " + why, cause);
    }

    static String etag(Feature f) {
        return "\"v" + f.version() + "\"";
    }

    private Crs bodyCrs(String contentCrs) {
        String v = contentCrs == null ? null : contentCrs.trim();
        if (v != null && v.startsWith("<") && v.endsWith(">")) {
            v = v.substring(1, v.length() - 1);
        }
        return crs.resolve(v, "Content-Crs", crs.crs84());
    }

    private java.util.Optional<Feature> current(LayerDefinition l, Caller caller, String sid, TimeSelection time, Crs out) {
        Query q = Query.of(l.name(), caller).filter(FF.id(FF.featureId(sid))).time(time).outputCrs(out).limit(1).build();
        try (FeatureCursor c = store.read(q)) {
            return c.hasNext() ? java.util.Optional.of(c.next()) : java.util.Optional.empty();
        }
    }

    /** The id as the store keeps it (a number for published tables with a numeric key); a bad one matches nothing. */
    private static String storeId(LayerDefinition l, String featureId) {
        try {
            return String.valueOf(Values.convert(featureId, l.idType(), "featureId"));
        } catch (InvalidParameterException e) {
            throw new FeatureNotFoundException(l.name(), featureId);
        }
    }

    // --- representations ----------------------------------------------------------------------------------------

    private OapifResponse answer(Request r, Map<String, Object> doc, String title, String jsonType) {
        if (format(r) == Format.HTML) {
            return OapifResponse.ok(Html.TYPE, Html.page(title, doc));
        }
        return OapifResponse.ok(jsonType.equals(JSON) ? jsonType(r, JSON) : jsonType, Json.write(doc));
    }

    /** {@code f} (json, geojson, html) or else the Accept header: HTML only when asked for before any JSON type. */
    static Format format(Request r) {
        String f = ItemsReader.one(r.params(), "f");
        if (f != null) {
            return switch (f.trim().toLowerCase(Locale.ROOT)) {
                case "json", "geojson", "application/json", "application/geo+json" -> Format.JSON;
                case "html", "text/html" -> Format.HTML;
                default -> throw new InvalidParameterException("f", "f='" + f + "' is not served; use json or html");
            };
        }
        if (r.accept() == null) {
            return Format.JSON;
        }
        double html = -1;
        double json = -1;
        for (String part : r.accept().split(",")) {
            String[] p = part.trim().split(";");
            String type = p[0].trim().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < p.length; i++) {
                String a = p[i].trim();
                if (a.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(a.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (type.equals("text/html") && q > html) {
                html = q;
            } else if ((type.contains("json") || type.equals("*/*")) && q > json) {
                json = type.equals("*/*") ? Math.max(json, q - 0.0001) : q;
            }
        }
        return html > 0 && html > json ? Format.HTML : Format.JSON;
    }

    /** application/json when the client asks for exactly that and not for GeoJSON, else {@code preferred}. */
    private static String jsonType(Request r, String preferred) {
        String a = r.accept() == null ? "" : r.accept().toLowerCase(Locale.ROOT);
        return preferred.equals(GEOJSON) && a.contains("application/json") && !a.contains("geo+json") ? JSON : preferred;
    }

    static Map<String, Object> link(String href, String rel, String type, String title) {
        return Json.map("href", href, "rel", rel, "type", type, "title", title);
    }

    private static byte[] feature(Feature f, boolean temporal, List<Map<String, Object>> links) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON_FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", "Feature");
            g.writeStringField("id", f.id());
            g.writeFieldName("geometry");
            GeoJsonWriter.geometry(g, f.geometry());
            g.writeObjectFieldStart("properties");
            for (Map.Entry<String, Object> e : f.properties().entrySet()) {
                g.writeFieldName(e.getKey());
                Json.write(g, e.getValue());
            }
            if (temporal) {
                g.writeFieldName("valid_from");
                Json.write(g, f.validFrom());
                g.writeFieldName("valid_to");
                Json.write(g, f.validTo());
            }
            g.writeEndObject();
            g.writeNumberField("version", f.version());
            g.writeFieldName("links");
            Json.write(g, links);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The request's parameters again, with {@code offset} (and {@code f}) replaced when given. */
    private static String query(Map<String, List<String>> params, Long offset, String f) {
        StringBuilder sb = new StringBuilder();
        for (var e : params.entrySet()) {
            if ((offset != null && e.getKey().equals("offset")) || (f != null && e.getKey().equals("f"))
                    || e.getKey().equals("apikey")) {
                continue;
            }
            for (String v : e.getValue()) {
                sb.append(sb.length() == 0 ? '?' : '&').append(enc(e.getKey())).append('=').append(enc(v));
            }
        }
        if (offset != null) {
            sb.append(sb.length() == 0 ? '?' : '&').append("offset=").append(offset);
        }
        if (f != null) {
            sb.append(sb.length() == 0 ? '?' : '&').append("f=").append(f);
        }
        return sb.toString();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
