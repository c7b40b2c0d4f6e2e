package io.shikong.styles.sld;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default styles of the six sample layers, SLD files on the classpath under
 * {@code io/shikong/styles/standard/<layer>.sld}: buildings by use, pipelines by network (thicker from
 * DN500), ecological red lines hatched green and labelled, inspection sites by risk level A (green)
 * to D (red), POIs by category, street-view points by capture age. Each is parsed once and cached
 * (styles are immutable).
 */
public final class StandardStyles {

    /** The layers that have a standard style. */
    public static final List<String> LAYERS = List.of("buildings", "pipelines", "eco_red_lines", "inspection_sites",
            "pois", "street_view");

    private static final Map<String, Style> CACHE = new ConcurrentHashMap<>();

    private StandardStyles() {
    }

    /**
     * The standard style of a layer.
     *
     * @throws IllegalArgumentException when the layer has no standard style
     */
    public static Style load(String layer) {
        if (!LAYERS.contains(layer)) {
            throw new IllegalArgumentException("no standard style for layer '" + layer + "', known: " + LAYERS);
        }
        return CACHE.computeIfAbsent(layer, StandardStyles::read);
    }

    /** The SLD document of a layer's standard style, as served by GetStyles or a style endpoint. */
    public static byte[] document(String layer) {
        if (!LAYERS.contains(layer)) {
            throw new IllegalArgumentException("no standard style for layer '" + layer + "', known: " + LAYERS);
        }
        String resource = "io/shikong/styles/standard/" + layer + ".sld";
        try (InputStream in = StandardStyles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Style read(String layer) {
        return SldParser.parseStyle(document(layer));
    }
}
