package io.shikong.styles.sld;

import java.util.List;

/**
 * A parsed SLD document: its layers, in drawing order. A document whose root is a bare
 * {@code UserStyle} or {@code FeatureTypeStyle} becomes one layer without a name.
 *
 * @param layers at least one
 */
public record StyledLayerDescriptor(List<StyledLayer> layers) {

    public StyledLayerDescriptor {
        layers = List.copyOf(layers);
    }

    /** Every user style of every layer, in document order. */
    public List<Style> styles() {
        return layers.stream().flatMap(l -> l.userStyles().stream()).toList();
    }

    /**
     * One {@code NamedLayer} or {@code UserLayer}.
     *
     * @param name the layer name, null for a bare style document or an unnamed user layer
     * @param userLayer true for a {@code UserLayer}
     * @param userStyles the styles defined inline
     * @param namedStyles names of server-side styles referenced by {@code NamedStyle}
     */
    public record StyledLayer(String name, boolean userLayer, List<Style> userStyles, List<String> namedStyles) {

        public StyledLayer {
            userStyles = List.copyOf(userStyles);
            namedStyles = List.copyOf(namedStyles);
        }
    }
}
