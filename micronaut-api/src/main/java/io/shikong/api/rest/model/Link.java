package io.shikong.api.rest.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** A hypermedia link. */
@Serdeable
@Schema(name = "Link")
public record Link(String href, String rel, @Nullable String type, @Nullable String title) {
}
