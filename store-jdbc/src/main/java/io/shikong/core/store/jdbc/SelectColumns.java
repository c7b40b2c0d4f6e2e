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
 * time and version where the layer has them (for a drawing read: valid time only when the properties name it,
 * and no version).
 *
 * @param validFrom whether the valid-from column is selected
 * @param validTo   whether the valid-to column is selected (after valid-from)
 * @param version   whether the version column is selected (last)
 */
record SelectColumns(LayerDefinition layer, List<AttributeDefinition> attributes, String sql, boolean validFrom,
                     boolean validTo, boolean version) {

    static SelectColumns of(LayerDefinition layer, List<String> properties, SqlDialect dialect) {
        return of(layer, properties, dialect, false);
    }

    /**
     * @param drawing a read for a renderer ({@link io.shikong.core.query.Query#drawing()}): valid time only when
     *                {@code properties} names its columns, and no version
     */
    static SelectColumns of(LayerDefinition layer, List<String> properties, SqlDialect dialect, boolean drawing) {
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
        boolean drawn = drawing && properties != null;
        boolean from = layer.validFromColumn() != null && (!drawn || properties.contains(layer.validFromColumn()));
        boolean to = layer.validToColumn() != null && (!drawn || properties.contains(layer.validToColumn()));
        boolean version = layer.versioned() && !drawn;
        if (from) {
            sql.append(", ").append(dialect.quote(layer.validFromColumn()));
        }
        if (to) {
            sql.append(", ").append(dialect.quote(layer.validToColumn()));
        }
        if (version) {
            sql.append(", version");
        }
        return new SelectColumns(layer, List.copyOf(attributes), sql.toString(), from, to, version);
    }
}
