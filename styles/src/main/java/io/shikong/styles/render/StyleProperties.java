package io.shikong.styles.render;

import io.shikong.styles.sld.Rule;
import io.shikong.styles.sld.Style;
import io.shikong.styles.sld.Symbolizer;
import io.shikong.styles.sld.TextSymbolizer;
import java.util.LinkedHashSet;
import java.util.Set;
import org.geotools.filter.FilterAttributeExtractor;

/** The feature properties a style reads (rule filters and labels): the only ones a map needs from the store. */
public final class StyleProperties {

    private StyleProperties() {
    }

    public static Set<String> of(Style style) {
        Set<String> names = new LinkedHashSet<>();
        for (Rule r : style.rules()) {
            if (r.filter() != null) {
                FilterAttributeExtractor extractor = new FilterAttributeExtractor();
                r.filter().accept(extractor, null);
                for (String n : extractor.getAttributeNameSet()) {
                    names.add(n.contains(":") ? n.substring(n.indexOf(':') + 1) : n);
                }
            }
            for (Symbolizer s : r.symbolizers()) {
                if (s instanceof TextSymbolizer t && t.labelProperty() != null) {
                    names.add(t.labelProperty());
                }
            }
        }
        return names;
    }
}
