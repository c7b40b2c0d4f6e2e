package io.shikong.styles.sld;

import java.util.List;

/**
 * A user style: feature type styles drawn one after the other (each one's output on top of the
 * previous one's).
 *
 * @param name the style's name, null when the document gives none
 * @param title a human-readable title, null when absent
 * @param featureTypeStyles at least one
 */
public record Style(String name, String title, List<FeatureTypeStyle> featureTypeStyles) {

    public Style {
        featureTypeStyles = List.copyOf(featureTypeStyles);
    }

    /** Every rule of every feature type style, in drawing order (for legends). */
    public List<Rule> rules() {
        return featureTypeStyles.stream().flatMap(f -> f.rules().stream()).toList();
    }
}
