package io.shikong.api.rest.layers;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.shikong.api.rest.model.Link;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * One layer: its schema, spatial extent (CRS84 and storage CRS) and valid-time extent.
 *
 * @param temporalExtent [start, end] ISO 8601; end null while features are current
 */
@Serdeable
@Schema(name = "LayerDetail")
public record LayerDetail(String name, String title, String description, List<String> keywords,
                          String geometryType, String geometryProperty, String idProperty, String storageCrs,
                          List<Attribute> attributes, @Nullable List<Double> bbox, @Nullable List<Double> storageBbox,
                          @Nullable List<String> temporalExtent, boolean versioned, boolean writable,
                          boolean restricted, List<String> supportedCrs, List<Link> links) {

    /** One attribute of the schema. */
    @Serdeable
    @Schema(name = "Attribute")
    public record Attribute(String name, String type, @Nullable String title, boolean nullable) {
    }
}
