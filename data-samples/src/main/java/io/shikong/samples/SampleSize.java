package io.shikong.samples;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How many features to generate per layer (features, not versions: a feature with history yields
 * several versions). Each count is between 0 and 9,999,999.
 *
 * @param buildings       buildings features
 * @param pipelines       pipelines features
 * @param pois            pois features
 * @param streetView      street_view capture points
 * @param ecoRedLines     eco_red_lines zones
 * @param inspectionSites inspection_sites features
 */
public record SampleSize(int buildings, int pipelines, int pois, int streetView, int ecoRedLines,
                         int inspectionSites) {

    /** What the embedded default loads at first start: a few seconds to generate and load. */
    public static final SampleSize SMALL = new SampleSize(2000, 800, 2000, 1000, 40, 500);

    /** @throws IllegalArgumentException naming the layer when a count is negative or too large */
    public SampleSize {
        check("buildings", buildings);
        check("pipelines", pipelines);
        check("pois", pois);
        check("street_view", streetView);
        check("eco_red_lines", ecoRedLines);
        check("inspection_sites", inspectionSites);
    }

    /**
     * Parses {@code "small"} or a comma-separated list of {@code layer=count}, e.g.
     * {@code "buildings=1000000,pois=5000000"}; layers not named get 0. Whitespace around keys and
     * values is ignored and {@code _} may group digits ({@code 1_000_000}).
     *
     * @throws IllegalArgumentException naming the bad entry, key or value: empty spec, unknown layer,
     *                                  a layer given twice, or a count that is not an integer in 0..9,999,999
     */
    public static SampleSize parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty sample size: give 'small' or layer=count[,layer=count...]");
        }
        if (spec.trim().toLowerCase(Locale.ROOT).equals("small")) {
            return SMALL;
        }
        int[] counts = new int[SampleLayer.values().length];
        Set<String> seen = new HashSet<>();
        for (String entry : spec.split(",", -1)) {
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("sample size entry '" + entry.trim() + "' is not layer=count");
            }
            String key = entry.substring(0, eq).trim();
            String value = entry.substring(eq + 1).trim();
            SampleLayer layer = SampleLayer.of(key);
            if (!seen.add(key)) {
                throw new IllegalArgumentException("sample size gives layer '" + key + "' twice");
            }
            counts[layer.ordinal()] = count(key, value);
        }
        return new SampleSize(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5]);
    }

    /** The count of a layer by name. @throws IllegalArgumentException for an unknown layer */
    public int count(String layer) {
        return count(SampleLayer.of(layer));
    }

    /** The layers with a count above 0, in catalog order. */
    public List<String> layers() {
        List<String> out = new ArrayList<>();
        for (SampleLayer l : SampleLayer.values()) {
            if (count(l) > 0) {
                out.add(l.layerName());
            }
        }
        return out;
    }

    /**
     * This size with every layer not in {@code keep} set to 0.
     *
     * @throws IllegalArgumentException naming an unknown layer in {@code keep}
     */
    public SampleSize only(Set<String> keep) {
        keep.forEach(SampleLayer::of);
        int[] c = new int[SampleLayer.values().length];
        for (SampleLayer l : SampleLayer.values()) {
            c[l.ordinal()] = keep.contains(l.layerName()) ? count(l) : 0;
        }
        return new SampleSize(c[0], c[1], c[2], c[3], c[4], c[5]);
    }

    int count(SampleLayer layer) {
        return switch (layer) {
            case BUILDINGS -> buildings;
            case PIPELINES -> pipelines;
            case POIS -> pois;
            case STREET_VIEW -> streetView;
            case ECO_RED_LINES -> ecoRedLines;
            case INSPECTION_SITES -> inspectionSites;
        };
    }

    private static int count(String key, String value) {
        String digits = value.replace("_", "");
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9') || digits.length() > 7) {
            throw new IllegalArgumentException("sample size for '" + key + "' must be an integer from 0 to "
                    + SampleLayer.MAX_COUNT + ", not '" + value + "'");
        }
        return Integer.parseInt(digits);
    }

    private static void check(String layer, int count) {
        if (count < 0 || count > SampleLayer.MAX_COUNT) {
            throw new IllegalArgumentException("sample size for '" + layer + "' must be from 0 to "
                    + SampleLayer.MAX_COUNT + ", not " + count);
        }
    }
}
