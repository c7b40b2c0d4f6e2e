package io.shikong.samples;

/**
 * The sample layers with their id prefixes. The ordinal-independent {@code salt} seeds each layer's
 * random streams, so adding a layer never changes the data of the others.
 */
enum SampleLayer {
    BUILDINGS("buildings", "B", 1),
    PIPELINES("pipelines", "L", 2),
    POIS("pois", "POI", 3),
    STREET_VIEW("street_view", "SV", 4),
    ECO_RED_LINES("eco_red_lines", "ECO", 5),
    INSPECTION_SITES("inspection_sites", "INS", 6);

    /** Largest count a layer may have: ids are zero-padded to seven digits. */
    static final int MAX_COUNT = 9_999_999;

    private final String layerName;
    private final String prefix;
    private final int salt;

    SampleLayer(String layerName, String prefix, int salt) {
        this.layerName = layerName;
        this.prefix = prefix;
        this.salt = salt;
    }

    String layerName() {
        return layerName;
    }

    int salt() {
        return salt;
    }

    /** The id of the feature at a 0-based index, e.g. {@code B0000001} for index 0. */
    String id(int index) {
        String digits = Integer.toString(index + 1);
        return prefix + "0000000".substring(digits.length()) + digits;
    }

    /** The layer of that name. @throws IllegalArgumentException naming it when there is none */
    static SampleLayer of(String layerName) {
        for (SampleLayer l : values()) {
            if (l.layerName.equals(layerName)) {
                return l;
            }
        }
        throw new IllegalArgumentException("no sample layer '" + layerName + "' (one of buildings, pipelines, pois, "
                + "street_view, eco_red_lines, inspection_sites)");
    }
}
