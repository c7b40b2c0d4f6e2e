package io.shikong.ows.oapif;

import io.shikong.core.catalog.AttributeDefinition;
import io.shikong.core.catalog.LayerDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.0 definition of the API (the oas30 conformance class), made from the catalog the caller may
 * see, as pygeoapi does: the generic paths, and one items path per collection whose queryables are listed as
 * query parameters ({@code style: form, explode: false}, which QGIS turns equality filters into). Clients read
 * {@code components.parameters.limit}'s default and maximum for their page size (QGIS, GDAL).
 */
final class OpenApi {

    private OpenApi() {
    }

    static Map<String, Object> document(String root, List<LayerDefinition> layers, int defaultLimit, int maxLimit,
                                        List<String> crsUris) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("collectionId", param("collectionId", "path", "图层名 the collection's id", Json.map("type", "string"), true));
        params.put("featureId", param("featureId", "path", "要素编号 the feature's id", Json.map("type", "string"), true));
        params.put("limit", param("limit", "query", "每页要素数 items per page", Json.map("type", "integer", "minimum", 1,
                "maximum", maxLimit, "default", defaultLimit), false));
        params.put("offset", param("offset", "query", "跳过的要素数 items to skip (what the next link carries)",
                Json.map("type", "integer", "minimum", 0, "default", 0), false));
        params.put("bbox", param("bbox", "query", "minx,miny,maxx,maxy (or 6 numbers with heights) in bbox-crs, in its axis order",
                Json.map("type", "array", "minItems", 4, "maxItems", 6, "items", Json.map("type", "number")), false));
        params.put("bbox-crs", param("bbox-crs", "query", "bbox 的坐标系 CRS of bbox (default CRS84)",
                Json.map("type", "string", "format", "uri", "enum", crsUris), false));
        params.put("datetime", param("datetime", "query", "有效时间 valid time: an instant (the data as it stood then) or "
                + "start/end with .. for an open end (every version valid some time in it); none: the current features",
                Json.map("type", "string"), false));
        params.put("crs", param("crs", "query", "输出坐标系 CRS of the answer (default CRS84); GCJ-02 and BD-09 are not EPSG: "
                + OapifCrs.GCJ02_URI + ", " + OapifCrs.BD09_URI, Json.map("type", "string", "format", "uri", "enum", crsUris), false));
        params.put("filter", param("filter", "query", "CQL2 filter (filter-lang cql2-text or cql2-json)", Json.map("type", "string"), false));
        params.put("filter-lang", param("filter-lang", "query", "language of filter", Json.map("type", "string",
                "enum", List.of(OapifFilter.TEXT, OapifFilter.JSON), "default", OapifFilter.TEXT), false));
        params.put("filter-crs", param("filter-crs", "query", "CRS of the filter's geometries (default CRS84)",
                Json.map("type", "string", "format", "uri", "enum", crsUris), false));
        params.put("sortby", param("sortby", "query", "+name,-floors: sort keys among the sortables", Json.map("type", "array",
                "items", Json.map("type", "string")), false));
        params.put("f", param("f", "query", "json or html", Json.map("type", "string", "enum", List.of("json", "html")), false));
        params.put("If-Match", param("If-Match", "header", "the ETag read; a stale one is refused with 412", Json.map("type", "string"), false));
        params.put("Content-Crs", param("Content-Crs", "header", "<CRS URI> of the body's geometry (default CRS84)",
                Json.map("type", "string"), false));

        Map<String, Object> paths = new LinkedHashMap<>();
        paths.put("/", Json.map("get", op("getLandingPage", "首页 landing page", List.of(ref("f")), json("the landing page"))));
        paths.put("/conformance", Json.map("get", op("getConformanceDeclaration", "符合性 conformance classes", List.of(ref("f")),
                json("the conformance classes"))));
        paths.put("/api", Json.map("get", op("getApi", "API 定义 this document", List.of(ref("f")), json("OpenAPI 3.0"))));
        paths.put("/collections", Json.map("get", op("getCollections", "图层 the collections", List.of(ref("f")), json("the collections"))));
        paths.put("/collections/{collectionId}", Json.map("get", op("describeCollection", "一个图层 one collection",
                List.of(ref("collectionId"), ref("f")), json("the collection"))));
        paths.put("/collections/{collectionId}/queryables", Json.map("get", op("getQueryables", "可查询属性 queryables",
                List.of(ref("collectionId"), ref("f")), json("a JSON Schema"))));
        paths.put("/collections/{collectionId}/sortables", Json.map("get", op("getSortables", "可排序属性 sortables",
                List.of(ref("collectionId"), ref("f")), json("a JSON Schema"))));
        List<Object> itemsParams = new ArrayList<>();
        for (String p : List.of("collectionId", "limit", "offset", "bbox", "bbox-crs", "datetime", "crs", "filter", "filter-lang",
                "filter-crs", "sortby", "f")) {
            itemsParams.add(ref(p));
        }
        Map<String, Object> items = new LinkedHashMap<>();
        items.put("get", op("getFeatures", "要素 items, paged", itemsParams, geojson("a page of features")));
        items.put("post", write("createItem", "新增要素 add a feature (201, Location, ETag)", List.of(ref("collectionId"),
                ref("Content-Crs")), "201"));
        paths.put("/collections/{collectionId}/items", items);
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("get", op("getFeature", "一个要素 one feature (ETag)", List.of(ref("collectionId"), ref("featureId"),
                ref("datetime"), ref("crs"), ref("f")), geojson("the feature")));
        item.put("put", write("replaceItem", "替换 replace (a new version)", List.of(ref("collectionId"), ref("featureId"),
                ref("If-Match"), ref("Content-Crs")), "200"));
        item.put("patch", write("updateItem", "修改 update (a new version)", List.of(ref("collectionId"), ref("featureId"),
                ref("If-Match"), ref("Content-Crs")), "200"));
        item.put("delete", op("deleteItem", "删除 delete (the current version closes; history kept)",
                List.of(ref("collectionId"), ref("featureId"), ref("If-Match")), Map.of("204", Json.map("description", "deleted"),
                        "412", Json.map("description", "stale If-Match"))));
        paths.put("/collections/{collectionId}/items/{featureId}", item);
        paths.put("/collections/{collectionId}/items/{featureId}/history", Json.map("get", op("getFeatureHistory",
                "历史 every version, oldest first", List.of(ref("collectionId"), ref("featureId"), ref("crs")), geojson("the versions"))));

        for (LayerDefinition l : layers) {
            List<Object> ps = new ArrayList<>();
            for (String p : List.of("limit", "offset", "bbox", "bbox-crs", "datetime", "crs", "filter", "filter-lang", "filter-crs",
                    "sortby", "f")) {
                ps.add(ref(p));
            }
            for (AttributeDefinition a : l.attributes()) {
                Map<String, Object> p = param(a.name(), "query", (a.title() == null ? a.name() : a.title()) + " (equality)",
                        Json.map("type", switch (a.type()) {
                            case INTEGER, LONG -> "integer";
                            case DOUBLE -> "number";
                            case BOOLEAN -> "boolean";
                            default -> "string";
                        }), false);
                p.put("style", "form");
                p.put("explode", false);
                ps.add(p);
            }
            paths.put("/collections/" + l.name() + "/items", Json.map("get", op("getFeatures_" + l.name(),
                    (l.title() == null ? l.name() : l.title()) + " 要素 items", ps, geojson("a page of features"))));
        }
        return Json.map(
                "openapi", "3.0.3",
                "info", Json.map("title", "时空 Shikong — OGC API - Features", "version", "1.0.0",
                        "description", "OGC API - Features Parts 1-4 on valid time; problems as application/problem+json",
                        "contact", Json.map("name", "Shikong"),
                        "license", Json.map("name", "see the deployment")),
                "servers", List.of(Json.map("url", root)),
                "paths", paths,
                "components", Json.map("parameters", params));
    }

    private static Map<String, Object> param(String name, String in, String description, Map<String, Object> schema, boolean required) {
        Map<String, Object> p = Json.map("name", name, "in", in, "description", description, "required", required, "schema", schema);
        if (in.equals("query") && "array".equals(schema.get("type"))) {
            p.put("style", "form");
            p.put("explode", false);
        }
        return p;
    }

    private static Map<String, Object> ref(String p) {
        return Json.map("$ref", "#/components/parameters/" + p);
    }

    private static Map<String, Object> op(String id, String summary, List<Object> parameters, Map<String, Object> responses) {
        Map<String, Object> r = new LinkedHashMap<>(responses);
        r.putIfAbsent("400", Json.map("description", "a parameter is wrong (problem+json naming it)"));
        r.putIfAbsent("404", Json.map("description", "no such collection or feature (or not visible to the caller)"));
        return Json.map("operationId", id, "summary", summary, "parameters", parameters, "responses", r);
    }

    private static Map<String, Object> write(String id, String summary, List<Object> parameters, String ok) {
        Map<String, Object> o = op(id, summary, parameters, Json.map(ok, Json.map("description", "done; the ETag of the new version"),
                "403", Json.map("description", "the caller may not change this collection"),
                "412", Json.map("description", "stale If-Match")));
        o.put("requestBody", Json.map("required", true, "content", Json.map("application/geo+json",
                Json.map("schema", Json.map("type", "object")), "application/json", Json.map("schema", Json.map("type", "object")),
                "application/merge-patch+json", Json.map("schema", Json.map("type", "object")))));
        return o;
    }

    private static Map<String, Object> json(String description) {
        return Json.map("200", Json.map("description", description, "content", Json.map("application/json",
                Json.map("schema", Json.map("type", "object")), "text/html", Json.map("schema", Json.map("type", "string")))));
    }

    private static Map<String, Object> geojson(String description) {
        return Json.map("200", Json.map("description", description, "content", Json.map("application/geo+json",
                Json.map("schema", Json.map("type", "object")), "text/html", Json.map("schema", Json.map("type", "string")))));
    }
}
