package io.shikong.styles.sld;

import java.util.List;
import org.geotools.api.filter.Filter;

/**
 * One rule: which features (filter), at which scales, drawn with which symbolizers (in order, later
 * on top).
 *
 * <p>A rule applies at scale denominator {@code s} when {@code minScale <= s < maxScale} (SLD: the
 * minimum is inclusive, the maximum exclusive).
 *
 * @param name the rule's name, null when absent
 * @param title the legend title, null when absent
 * @param filter the features it applies to; null means every feature (also when {@code elseFilter})
 * @param elseFilter true for an SLD {@code ElseFilter} rule: it applies to the features no other rule of
 *     its feature type style applied to at the current scale
 * @param minScale minimum scale denominator, inclusive, 0 when absent
 * @param maxScale maximum scale denominator, exclusive, {@link Double#POSITIVE_INFINITY} when absent
 * @param symbolizers possibly empty
 */
public record Rule(String name, String title, Filter filter, boolean elseFilter, double minScale, double maxScale,
        List<Symbolizer> symbolizers) {

    public Rule {
        symbolizers = List.copyOf(symbolizers);
        if (!(minScale >= 0) || !(maxScale > minScale)) {
            throw new IllegalArgumentException("scale range must be 0 <= min < max, was " + minScale + ".." + maxScale);
        }
        if (elseFilter && filter != null) {
            throw new IllegalArgumentException("a rule cannot have both a Filter and an ElseFilter");
        }
    }

    /** Whether the rule is active at this scale denominator. */
    public boolean appliesAtScale(double scaleDenominator) {
        return scaleDenominator >= minScale && scaleDenominator < maxScale;
    }
}
