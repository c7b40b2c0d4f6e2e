package io.shikong.ows.oapif;

import io.shikong.core.catalog.AttributeDefinition;
import io.shikong.core.catalog.AttributeType;
import io.shikong.core.catalog.LayerDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schemas of a collection's queryables (Part 3: every property a filter may name, the geometry and
 * valid time included) and sortables (Part 5 draft: those {@code sortby} may name, the geometry excluded).
 */
final class Sortables {

    static final String SCHEMA = "https://json-schema.org/draft/2020-12/schema";

    private Sortables() {
    }

    static List<String> names(LayerDefinition layer) {
        List<String> names = new ArrayList<>();
        for (String n : layer.queryableNames()) {
            if (!n.equals(layer.geometryColumn())) {
                names.add(n);
            }
        }
        return names;
    }

    static Map<String, Object> queryables(LayerDefinition layer, String url) {
        return schema(layer, url, true);
    }

    static Map<String, Object> sortables(LayerDefinition layer, String url) {
        return schema(layer, url, false);
    }

    private static Map<String, Object> schema(LayerDefinition layer, String url, boolean withGeometry) {
        Map<String, Object> props = new LinkedHashMap<>();
        for (String name : layer.queryableNames()) {
            if (name.equals(layer.geometryColumn())) {
                if (withGeometry) {
                    props.put(name, Json.map("title", "geometry", "format", "geometry-" + geometryFormat(layer),
                            "x-ogc-role", "primary-geometry"));
                }
            } else if (name.equals(layer.validFromColumn()) || name.equals(layer.validToColumn())) {
                props.put(name, Json.map("title", name.equals(layer.validFromColumn())
                                ? "有效期开始 valid from (inclusive)" : "有效期结束 valid to (exclusive; null while current)",
                        "type", "string", "format", "date-time",
                        "x-ogc-role", name.equals(layer.validFromColumn()) ? "primary-instant" : null));
            } else if (name.equals(layer.idAttribute()) && layer.attribute(name).isEmpty()) {
                props.put(name, Json.map("title", "feature id", "type", layer.idType() == AttributeType.STRING ? "string" : "integer",
                        "x-ogc-role", "id"));
            } else {
                AttributeDefinition a = layer.attribute(name).orElseThrow();
                props.put(name, type(a));
            }
        }
        return Json.map("$schema", SCHEMA, "$id", url, "type", "object",
                "title", layer.title() == null ? layer.name() : layer.title(), "properties", props,
                "additionalProperties", false);
    }

    private static Map<String, Object> type(AttributeDefinition a) {
        String title = a.title() == null ? a.name() : a.title();
        return switch (a.type()) {
            case STRING -> Json.map("title", title, "type", "string");
            case INTEGER, LONG -> Json.map("title", title, "type", "integer");
            case DOUBLE -> Json.map("title", title, "type", "number");
            case BOOLEAN -> Json.map("title", title, "type", "boolean");
            case DATE -> Json.map("title", title, "type", "string", "format", "date");
            case TIMESTAMP -> Json.map("title", title, "type", "string", "format", "date-time");
        };
    }

    static String geometryFormat(LayerDefinition layer) {
        String t = layer.geometryType().name().toLowerCase(java.util.Locale.ROOT);
        return switch (t) {
            case "point" -> "point";
            case "linestring", "line_string" -> "linestring";
            case "polygon" -> "polygon";
            case "multipoint", "multi_point" -> "multipoint";
            case "multilinestring", "multi_line_string" -> "multilinestring";
            case "multipolygon", "multi_polygon" -> "multipolygon";
            default -> "any";
        };
    }
}
