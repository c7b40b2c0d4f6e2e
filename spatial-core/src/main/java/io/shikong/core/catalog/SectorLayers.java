package io.shikong.core.catalog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which layer and which of its attributes play each role in the sector queries and the red-line
 * checks: the catalog's optional {@code sector:} section (see {@link CatalogLoader}). A role that is
 * not configured is {@code null}; the queries that need it answer 404 ("this catalog configures no
 * inspection layer") instead of guessing layer names. Attribute names are attributes of the role's
 * layer, checked when the catalog is loaded.
 *
 * @param pipelines  pipelines near or under a geometry
 * @param inspection inspection sites by district, polygon and risk level, and those due for inspection
 * @param streetView street-view captures nearest to a point or along a route
 * @param buildings  building counts and floor areas by use
 * @param redLine    the ecological red lines of the compliance checks; {@link RedLine#DEFAULT} when not
 *                   configured
 */
public record SectorLayers(Pipelines pipelines, Inspection inspection, StreetView streetView, Buildings buildings,
                           RedLine redLine) {

    /** A catalog without a sector section: no sector roles, the default red-line layer. */
    public static final SectorLayers NONE = new SectorLayers(null, null, null, null, null);

    public SectorLayers {
        redLine = redLine == null ? RedLine.DEFAULT : redLine;
    }

    /**
     * @param layer    the pipeline layer
     * @param network  the string attribute naming the network (water_supply, gas, ...), filtered by {@code networks}
     * @param diameter the numeric diameter attribute, or {@code null} (informative: not used by a query yet)
     */
    public record Pipelines(String layer, String network, String diameter) {
        public Pipelines {
            Objects.requireNonNull(layer, "layer");
            Objects.requireNonNull(network, "network");
        }
    }

    /**
     * @param layer         the inspection-site layer (each inspection a version)
     * @param risk          the string attribute holding the risk level
     * @param lastInspected the date (or timestamp) attribute of the last inspection
     * @param district      the string attribute naming the district, or {@code null} (then sites cannot be
     *                      listed by district)
     * @param intervals     days between inspections by risk level, in configuration order
     */
    public record Inspection(String layer, String risk, String lastInspected, String district,
                             Map<String, Integer> intervals) {
        public Inspection {
            Objects.requireNonNull(layer, "layer");
            Objects.requireNonNull(risk, "risk");
            Objects.requireNonNull(lastInspected, "lastInspected");
            intervals = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(intervals));
        }
    }

    /**
     * @param layer      the capture layer (points)
     * @param capturedAt the timestamp (or date) attribute of the capture, or {@code null} (then
     *                   {@code before} cannot be used)
     */
    public record StreetView(String layer, String capturedAt) {
        public StreetView {
            Objects.requireNonNull(layer, "layer");
        }
    }

    /**
     * @param layer  the building layer (polygons)
     * @param use    the attribute the totals are grouped by
     * @param floors the integer attribute of the number of floors, or {@code null} (then every building
     *               counts one floor)
     * @param height the numeric height attribute, or {@code null} (informative: not used by a query yet)
     */
    public record Buildings(String layer, String use, String floors, String height) {
        public Buildings {
            Objects.requireNonNull(layer, "layer");
            Objects.requireNonNull(use, "use");
        }
    }

    /**
     * @param layer           the red-line zone layer (polygons)
     * @param name            the attribute reported as the zone's name
     * @param category        the attribute reported as its category, or {@code null}
     * @param protectionLevel the attribute reported as its protection level, or {@code null}
     */
    public record RedLine(String layer, String name, String category, String protectionLevel) {

        /** Without configuration: the sample layer and its attributes, as before the sector section. */
        public static final RedLine DEFAULT = new RedLine("eco_red_lines", "zone_name", "category", "protection_level");

        public RedLine {
            Objects.requireNonNull(layer, "layer");
        }
    }
}
