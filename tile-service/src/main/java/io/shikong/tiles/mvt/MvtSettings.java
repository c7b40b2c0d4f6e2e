package io.shikong.tiles.mvt;

import io.shikong.core.catalog.LayerDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How vector tiles are cut: tile extent and buffer, simplification and the feature limit per zoom, and
 * the attributes written per layer.
 *
 * <p>Per-zoom values are steps: {@code simplifyFrom} and {@code limitFrom} map the first zoom a value
 * applies at to the value, which holds until the next key (a zoom below the first key takes the first
 * value). The zoom is the tile matrix's {@link io.shikong.tiles.grid.TileMatrix#zoom()}.
 *
 * @param extent       tile extent in tile units (4096); coordinates are integers in {@code 0..extent}
 * @param buffer       tile units kept beyond each edge (64), so lines and polygons continue across tiles
 * @param simplifyFrom simplification tolerance in tile units per first zoom ({@code 0} = none); not empty
 * @param limitFrom    most features per layer and tile per first zoom; not empty, values {@code > 0}
 * @param attributes   layer name → the attributes written for it; a layer not named gets all of its own
 */
public record MvtSettings(int extent, int buffer, SortedMap<Integer, Double> simplifyFrom,
                          SortedMap<Integer, Integer> limitFrom, Map<String, List<String>> attributes) {

    public MvtSettings {
        if (extent <= 0 || buffer < 0) {
            throw new IllegalArgumentException("MVT extent must be > 0 and buffer >= 0: " + extent + ", " + buffer);
        }
        Objects.requireNonNull(simplifyFrom, "simplifyFrom");
        Objects.requireNonNull(limitFrom, "limitFrom");
        if (simplifyFrom.isEmpty() || limitFrom.isEmpty()) {
            throw new IllegalArgumentException("MVT simplification and feature limit need a value for at least one zoom");
        }
        simplifyFrom.forEach((z, v) -> {
            if (v == null || v < 0 || v.isNaN()) {
                throw new IllegalArgumentException("MVT simplification at zoom " + z + " must be >= 0: " + v);
            }
        });
        limitFrom.forEach((z, v) -> {
            if (v == null || v <= 0) {
                throw new IllegalArgumentException("MVT feature limit at zoom " + z + " must be > 0: " + v);
            }
        });
        simplifyFrom = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(simplifyFrom));
        limitFrom = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(limitFrom));
        Map<String, List<String>> copy = new java.util.HashMap<>();
        if (attributes != null) {
            attributes.forEach((layer, names) -> copy.put(layer, List.copyOf(names)));
        }
        attributes = Map.copyOf(copy);
    }

    /**
     * Extent 4096, buffer 64; simplification 1 tile unit below zoom 12, 0.5 below 15, none from 15; at
     * most 2,000 features below zoom 10, 10,000 below 13, 50,000 from 13; every attribute of every layer.
     */
    public static MvtSettings defaults() {
        return new MvtSettings(4096, 64, new TreeMap<>(Map.of(0, 1.0, 12, 0.5, 15, 0.0)),
                new TreeMap<>(Map.of(0, 2000, 10, 10000, 13, 50000)), Map.of());
    }

    /** This configuration with other feature limits. */
    public MvtSettings withLimits(SortedMap<Integer, Integer> limits) {
        return new MvtSettings(extent, buffer, simplifyFrom, limits, attributes);
    }

    /** This configuration with other attribute selections. */
    public MvtSettings withAttributes(Map<String, List<String>> selection) {
        return new MvtSettings(extent, buffer, simplifyFrom, limitFrom, selection);
    }

    /** The simplification tolerance at {@code zoom}, in tile units. */
    public double simplifyAt(int zoom) {
        return step(simplifyFrom, zoom);
    }

    /** The most features per layer in a tile at {@code zoom}. */
    public int limitAt(int zoom) {
        return step(limitFrom, zoom);
    }

    /**
     * The attributes written for {@code layer}: the selection for it (only names the layer has, in the
     * layer's order), or all of its attributes.
     */
    public List<String> attributes(LayerDefinition layer) {
        List<String> selected = attributes.get(layer.name());
        List<String> out = new ArrayList<>();
        layer.attributes().forEach(a -> {
            if (selected == null || selected.contains(a.name())) {
                out.add(a.name());
            }
        });
        return List.copyOf(out);
    }

    private static <T> T step(SortedMap<Integer, T> steps, int zoom) {
        SortedMap<Integer, T> upTo = zoom == Integer.MAX_VALUE ? steps : steps.headMap(zoom + 1);
        return upTo.isEmpty() ? steps.get(steps.firstKey()) : upTo.get(upTo.lastKey());
    }
}
