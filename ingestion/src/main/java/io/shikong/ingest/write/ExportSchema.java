package io.shikong.ingest.write;

import io.shikong.core.catalog.AttributeDefinition;
import io.shikong.core.catalog.AttributeType;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.feature.Feature;
import java.util.ArrayList;
import java.util.List;

/** The columns every export writes, in order: id, attributes, then valid time and version when the layer has them. */
record ExportSchema(List<AttributeDefinition> columns, boolean temporal) {

    static final String VERSION = "version";

    static ExportSchema of(LayerDefinition layer) {
        List<AttributeDefinition> cols = new ArrayList<>();
        cols.add(new AttributeDefinition(layer.idAttribute(), AttributeType.STRING, null, false));
        for (AttributeDefinition a : layer.attributes()) {
            if (!a.name().equals(layer.idAttribute())) {
                cols.add(a);
            }
        }
        if (layer.temporal()) {
            cols.add(AttributeDefinition.of(LayerDefinition.VALID_FROM, AttributeType.TIMESTAMP));
            cols.add(AttributeDefinition.of(LayerDefinition.VALID_TO, AttributeType.TIMESTAMP));
            cols.add(AttributeDefinition.of(VERSION, AttributeType.INTEGER));
        }
        return new ExportSchema(List.copyOf(cols), layer.temporal());
    }

    /** The value of column {@code i} of a feature. */
    Object value(Feature f, int i) {
        if (i == 0) {
            return f.id();
        }
        int attributes = columns.size() - (temporal ? 3 : 0);
        if (i < attributes) {
            return f.get(columns.get(i).name());
        }
        return switch (i - attributes) {
            case 0 -> f.validFrom();
            case 1 -> f.validTo();
            default -> f.version();
        };
    }
}
