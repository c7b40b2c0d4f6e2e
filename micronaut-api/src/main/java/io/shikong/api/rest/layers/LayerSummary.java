package io.shikong.api.rest.layers;

import io.micronaut.serde.annotation.Serdeable;
import io.shikong.api.rest.model.Link;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One layer in the list of layers. */
@Serdeable
@Schema(name = "LayerSummary")
public record LayerSummary(String name, String title, String description, List<String> keywords,
                           String geometryType, String storageCrs, List<Link> links) {
}
