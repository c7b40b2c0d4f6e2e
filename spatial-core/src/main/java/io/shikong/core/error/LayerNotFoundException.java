package io.shikong.core.error;

/**
 * A layer does not exist, or the caller may not see it: both answer the same, so that restricted
 * layers do not reveal themselves (HTTP 404, {@code LayerNotDefined}).
 */
public class LayerNotFoundException extends ShikongException {

    public LayerNotFoundException(String layer) {
        super(404, "LayerNotDefined", "layer", "Unknown layer '" + layer + "'", null);
    }
}
