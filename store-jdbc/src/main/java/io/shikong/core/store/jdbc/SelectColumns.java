package io.shikong.core.store.jdbc;

import io.shikong.core.catalog.AttributeDefinition;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.error.InvalidParameterException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The columns a read selects, in order: id, the requested attributes, the geometry as WKB, then valid
 * time and version where the layer has them.
 */
record SelectColumns(LayerDefinition layer, List<AttributeDefinition> attributes, String sql) {

    static SelectColumns of(LayerDefinition layer, List<String> properties, SqlDialect dialect) {
        List<AttributeDefinition> attributes;
        if (properties == null) {
            attributes = layer.attributes();
        } else {
            Set<String> wanted = new LinkedHashSet<>(properties);
            attributes = new ArrayList<>();
            for (String name : wanted) {
                if ((name.equals(layer.idAttribute()) && !layer.idExposed()) || name.equals(layer.geometryColumn())
                        || name.equals(layer.validFromColumn()) || name.equals(layer.validToColumn())) {
                    continue; // always returned
                }
                attributes.add(layer.attribute(name).orElseThrow(() -> new InvalidParameterException("properties",
                        "unknown property '" + name + "' in layer '" + layer.name() + "' (properties: "
                                + String.join(", ", layer.queryableNames()) + ")")));
            }
        }
        StringBuilder sql = new StringBuilder(dialect.quote(layer.idAttribute()));
        for (AttributeDefinition a : attributes) {
            sql.append(", ").append(dialect.quote(a.name()));
        }
        sql.append(", ").append(dialect.geometryResult(dialect.quote(layer.geometryColumn())));
        if (layer.validFromColumn() != null) {
            sql.append(", ").append(dialect.quote(layer.validFromColumn()));
        }
        if (layer.validToColumn() != null) {
            sql.append(", ").append(dialect.quote(layer.validToColumn()));
        }
        if (layer.versioned()) {
            sql.append(", version");
        }
        return new SelectColumns(layer, List.copyOf(attributes), sql.toString());
    }
}
