package io.shikong.styles.sld;

import java.util.List;

/**
 * The rules drawn in one pass over the features. Within a pass every rule whose filter and scale
 * range match a feature draws it, in rule order; a rule with {@link Rule#elseFilter()} draws the
 * features that no other rule of this pass drew at the current scale.
 *
 * @param rules at least one
 */
public record FeatureTypeStyle(List<Rule> rules) {

    public FeatureTypeStyle {
        rules = List.copyOf(rules);
    }
}
