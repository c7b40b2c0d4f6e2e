package io.shikong.api.rest.root;

import io.micronaut.serde.annotation.Serdeable;
import io.shikong.api.rest.model.Link;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The API's landing document: what it is and links to every resource family. */
@Serdeable
@Schema(name = "ApiRoot")
public record ApiRoot(String title, String description, List<Link> links) {
}
