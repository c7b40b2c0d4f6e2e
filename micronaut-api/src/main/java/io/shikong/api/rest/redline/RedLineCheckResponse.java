package io.shikong.api.rest.redline;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.shikong.api.rest.model.Link;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A stored compliance check: the report and how to get it again, as a map and as a PDF. */
@Serdeable
@Schema(name = "RedLineCheck")
public record RedLineCheckResponse(
        String id,
        String createdAt,
        String inputHash,
        String method,
        String asOf,
        @Nullable String redLineVersion,
        int zonesInForce,
        double bufferMeters,
        List<Footprint> footprints,
        List<Link> links) {

    /** Serde leaves empty lists out of the JSON; read back, they are empty again, never null. */
    public RedLineCheckResponse {
        footprints = footprints == null ? List.of() : footprints;
        links = links == null ? List.of() : links;
    }

    /** The result for one footprint. */
    @Serdeable
    @Schema(name = "RedLineFootprint")
    public record Footprint(int index, @Schema(allowableValues = {"clear", "within_buffer", "overlaps"}) String verdict,
                            double areaM2, boolean repaired, @Nullable String note, List<Zone> zones,
                            @Nullable Nearest nearest) {
        public Footprint {
            zones = zones == null ? List.of() : zones;
        }
    }

    /** A zone a footprint touches. */
    @Serdeable
    @Schema(name = "RedLineZone")
    public record Zone(String id, int version, @Nullable String name, @Nullable String category,
                       @Nullable String protectionLevel, double overlapM2, double shareOfFootprint, double shareOfZone,
                       double distanceM) {
    }

    /** The nearest zone to a clear footprint. */
    @Serdeable
    @Schema(name = "RedLineNearest")
    public record Nearest(String id, @Nullable String name, @Nullable String category, double distanceM) {
    }
}
