package io.shikong.api.rest.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** An RFC 7946 feature collection with paging links (documentation and client model). */
@Serdeable
@Schema(name = "FeatureCollection")
public record FeatureCollectionDoc(
        String type,
        List<FeatureDoc> features,
        @Nullable Integer numberReturned,
        @Nullable List<Link> links,
        @Nullable String timeStamp) {
}
