package io.shikong.api.rest.layers;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The layers the caller may see. */
@Serdeable
@Schema(name = "LayerList")
public record LayerList(List<LayerSummary> layers) {
}
